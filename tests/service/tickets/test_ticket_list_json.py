"""The ticket list as JSON text (the API's fast path) says exactly what TicketPublic says.

On SQLite the database writes each row's JSON object; elsewhere the rows are serialised in
Python. Either way the result must equal the public model's JSON, field by field.
"""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String, Table, create_engine, select
from ticket_world import Floor

from floorlead.paging import PageParams
from floorlead.tickets import (
    TicketFilters,
    assign_ticket,
    escalate_ticket,
    request_help,
    ticket_list_json,
    ticket_list_rows,
    update_ticket,
)
from floorlead.tickets.list_json import rfc3339
from floorlead.tickets.schemas import TicketPublic

from factories import T0


@pytest.fixture
def varied(floor: Floor) -> Floor:
    """Tickets with every kind of value a list shows: tags, flags, nulls, odd text, times
    with and without fractions of a second."""
    sam = floor.actor(floor.sam)
    plain = floor.ticket(subject="Plain", now=T0)
    tagged = floor.ticket(
        subject='Quotes " and \\ backslash, ünïcode 🚀\nnew line',
        tags=["vip", "refund"],
        priority="urgent",
        now=T0 + timedelta(seconds=1, microseconds=120_000),
    )
    helped = floor.ticket(subject="Needs help", channel="chat", now=T0 + timedelta(minutes=1))
    request_help(floor.session, ticket_id=helped.id, note="stuck", actor=sam, now=T0)
    assign_ticket(floor.session, ticket_id=tagged.id, assignee_id=floor.ava.id, actor=sam, now=T0)
    escalate_ticket(
        floor.session, ticket_id=plain.id, reason="VIP", actor=sam, now=T0 + timedelta(hours=1)
    )
    update_ticket(
        floor.session, ticket_id=plain.id, version=None, category="refunds", actor=sam, now=T0
    )
    floor.ticket(subject="Returns ticket", by=floor.bo, now=T0 + timedelta(microseconds=5))
    return floor


def _public(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [json.loads(TicketPublic.model_validate(row).model_dump_json()) for row in rows]


@pytest.mark.parametrize(
    ("filters", "sort"),
    [
        ({}, None),
        ({}, "subject"),
        ({"status": ["new", "open"]}, "-priority"),
        ({"priority": ["urgent"], "q": "quotes"}, "id"),
        ({"needs_help": True}, "-updated_at"),
        ({"created_from": T0 + timedelta(seconds=1)}, "created_at"),
    ],
)
def test_the_json_list_equals_the_public_model(
    varied: Floor, filters: dict[str, Any], sort: str | None
) -> None:
    session = varied.session
    text = filters.pop("q", None)
    for who in (varied.ada, varied.sam, varied.ava):
        actor = varied.actor(who)
        wanted = TicketFilters(**filters, text=text)
        page = PageParams(per_page=3, sort=sort)
        items, total = ticket_list_json(session, actor=actor, filters=wanted, page=page)
        rows, expected_total = ticket_list_rows(session, actor=actor, filters=wanted, page=page)

        assert json.loads(items) == _public(rows)
        assert total == expected_total


def test_a_page_past_the_end_is_empty_and_still_counts_the_list(varied: Floor) -> None:
    actor = varied.actor(varied.ada)
    items, total = ticket_list_json(
        varied.session, actor=actor, page=PageParams(page=9, per_page=2)
    )

    assert (json.loads(items), total) == ([], 4)


def test_the_list_reads_from_a_plain_connection_too(varied: Floor) -> None:
    connection = varied.session.connection()
    items, total = ticket_list_json(connection, actor=varied.actor(varied.ada))

    assert total == 4
    assert [item["subject"] for item in json.loads(items)][-1] == "Plain"


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("2026-03-02 09:00:00.000000", "2026-03-02T09:00:00Z"),
        ("2026-03-02 09:00:00.120000", "2026-03-02T09:00:00.120000Z"),
        ("2026-03-02 09:00:00.000005", "2026-03-02T09:00:00.000005Z"),
        ("2026-03-02 23:59:59", "2026-03-02T23:59:59Z"),
        ("2026-03-02 23:59:59.5", "2026-03-02T23:59:59.500000Z"),
        (None, None),
    ],
)
def test_sqlite_timestamps_are_written_as_pydantic_writes_them(
    stored: str | None, written: str | None
) -> None:
    stamps = Table("stamps", MetaData(), Column("stamp", String))
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        stamps.create(connection)
        connection.execute(stamps.insert(), {"stamp": stored})
        value = connection.scalar(select(rfc3339(stamps.c.stamp)))

    assert value == written
