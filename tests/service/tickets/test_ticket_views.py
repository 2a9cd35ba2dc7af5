from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from ticket_world import Floor

from floorlead.api.paging import PageParams
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.org.tables import Person
from floorlead.tickets import (
    TicketFilters,
    add_message,
    assign_ticket,
    create_calendar,
    create_sla_policy,
    escalate_ticket,
    list_tickets,
    needs_attention,
    request_help,
    ticket_detail,
)

from factories import T0

MINUTE = timedelta(minutes=1)


def _subjects(floor: Floor, who: Person, **filters: Any) -> list[str]:
    page = list_tickets(floor.session, actor=floor.actor(who), filters=TicketFilters(**filters))
    return sorted(item.subject for item in page.items)


@pytest.fixture
def spread(floor: Floor) -> Floor:
    """One ticket per team, plus a Returns ticket assigned to Ava (of Billing)."""
    floor.ticket(subject="billing")
    floor.ticket(subject="returns", by=floor.bo)
    lent = floor.ticket(subject="returns, Ava helps", by=floor.bo)
    assign_ticket(
        floor.session,
        ticket_id=lent.id,
        assignee_id=floor.ava.id,
        actor=floor.actor(floor.sue),
        now=T0,
    )
    floor.ticket(subject="legal", by=floor.ada, team_id=floor.legal.id)
    return floor


def test_each_role_sees_its_own_slice_of_the_tickets(spread: Floor) -> None:
    floor = spread
    everything = ["billing", "legal", "returns", "returns, Ava helps"]

    assert _subjects(floor, floor.ava) == ["billing", "returns, Ava helps"]
    assert _subjects(floor, floor.bo) == ["returns", "returns, Ava helps"]
    assert _subjects(floor, floor.sam) == ["billing", "returns, Ava helps"]
    assert _subjects(floor, floor.sue) == ["returns", "returns, Ava helps"]
    assert _subjects(floor, floor.max) == ["billing", "returns, Ava helps"]
    assert _subjects(floor, floor.ada) == everything


def test_a_ticket_outside_the_actors_scope_cannot_be_opened(spread: Floor) -> None:
    floor = spread
    hidden = list_tickets(
        floor.session, actor=floor.actor(floor.ada), filters=TicketFilters(text="legal")
    )

    with pytest.raises(PermissionDenied):
        ticket_detail(
            floor.session, ticket_id=hidden.items[0].id, actor=floor.actor(floor.ava), now=T0
        )


def test_the_list_filters_sorts_and_pages(floor: Floor) -> None:
    for i, priority in enumerate(["low", "urgent", "normal", "high"]):
        floor.ticket(subject=f"Parcel {i}", priority=priority, now=T0 + i * MINUTE)
    floor.ticket(subject="Invoice copy", category="invoices", now=T0 + 9 * MINUTE)
    ada = floor.actor(floor.ada)

    page = list_tickets(
        floor.session,
        actor=ada,
        filters=TicketFilters(text="parcel", created_from=T0 + MINUTE),
        page=PageParams(page=1, per_page=2, sort="-priority"),
    )

    assert page.total == 3
    assert [item.priority for item in page.items] == ["urgent", "high"]
    assert _subjects(floor, floor.ada, category="invoices") == ["Invoice copy"]
    assert _subjects(floor, floor.ada, priority=["low", "high"]) == ["Parcel 0", "Parcel 3"]
    assert _subjects(floor, floor.ada, text="100%") == []
    oldest = list_tickets(floor.session, actor=ada, page=PageParams(sort="created_at", per_page=1))
    assert oldest.items[0].subject == "Parcel 0" and oldest.total == 5
    with pytest.raises(RuleViolation) as bad_sort:
        list_tickets(floor.session, actor=ada, page=PageParams(sort="password"))
    assert bad_sort.value.field == "sort"


def test_the_detail_shows_the_timeline_and_live_sla_clocks(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    office = create_calendar(
        floor.session,
        name="Office",
        time_zone="UTC",
        weekly_hours={str(day): [["09:00", "17:00"]] for day in range(5)},
        actor=sue,
        now=T0,
    )
    create_sla_policy(
        floor.session,
        name="Business hours",
        targets=[("normal", "first_reply", 60), ("normal", "resolution", 600)],
        calendar_id=office.id,
        actor=sue,
        now=T0,
    )
    # Opened Monday 16:30; the office closes at 17:00 and opens again on Tuesday at 09:00.
    ticket = floor.ticket(via="customer", occurred_at=T0 + 450 * MINUTE, now=T0 + 465 * MINUTE)
    reply_at = T0 + 24 * 60 * MINUTE + 20 * MINUTE  # Tuesday 09:20

    before_reply = ticket_detail(
        floor.session, ticket_id=ticket.id, actor=floor.actor(floor.ava), now=T0 + 465 * MINUTE
    )
    add_message(
        floor.session,
        ticket_id=ticket.id,
        kind="public_reply",
        body="On it",
        actor=floor.actor(floor.ava),
        now=reply_at,
    )
    after_reply = ticket_detail(
        floor.session, ticket_id=ticket.id, actor=floor.actor(floor.ava), now=reply_at
    )

    assert before_reply.sla_policy == "Business hours"
    first = {c.metric: c for c in before_reply.clocks}["first_reply"]
    assert (first.state, first.elapsed_seconds, first.due_at) == (
        "running",
        15 * 60.0,
        reply_at + 10 * MINUTE,
    )
    clocks = {c.metric: (c.state, c.elapsed_seconds) for c in after_reply.clocks}
    assert clocks == {"first_reply": ("achieved", 50 * 60.0), "resolution": ("running", 50 * 60.0)}
    assert [e.kind for e in after_reply.events] == ["created", "public_reply", "status_change"]


def test_the_attention_board_lists_what_needs_a_supervisor_now(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    sam = floor.actor(floor.sam)
    create_sla_policy(
        floor.session, name="All", targets=[("normal", "first_reply", 60)], actor=sue, now=T0
    )
    floor.ticket(subject="late", via="customer")
    soon = floor.ticket(subject="soon", via="customer", now=T0 + 20 * MINUTE)
    floor.ticket(subject="calm", via="customer", now=T0 + 60 * MINUTE)
    helped = floor.ticket(subject="helped", now=T0 + 60 * MINUTE)
    assign_ticket(
        floor.session,
        ticket_id=helped.id,
        assignee_id=floor.ava.id,
        actor=sam,
        now=T0 + 61 * MINUTE,
    )
    request_help(
        floor.session,
        ticket_id=helped.id,
        note="Angry caller",
        actor=floor.actor(floor.ava),
        now=T0 + 62 * MINUTE,
    )
    escalate_ticket(floor.session, ticket_id=soon.id, reason="VIP", actor=sam, now=T0 + 63 * MINUTE)
    floor.ticket(subject="elsewhere", by=floor.bo, via="customer")

    board = needs_attention(
        floor.session, actor=sam, now=T0 + 70 * MINUTE, at_risk_minutes=15, items=1
    )

    def listed(name: str) -> tuple[int, list[str]]:
        section = getattr(board, name)
        return section.count, [item.ticket.subject for item in section.items]

    assert listed("escalated") == (1, ["soon"])
    assert listed("help_requests") == (1, ["helped"])
    assert listed("sla_at_risk") == (1, ["soon"])
    assert listed("sla_breached") == (1, ["late"])
    assert listed("unassigned") == (3, ["late"])
    breach = board.sla_breached.items[0].clock
    assert breach is not None and (breach.metric, breach.breached_by_seconds) == (
        "first_reply",
        600.0,
    )


def test_the_attention_board_costs_the_same_queries_for_many_tickets(
    floor: Floor, engine: Engine
) -> None:
    sue = floor.actor(floor.sue)
    create_sla_policy(
        floor.session, name="All", targets=[("normal", "first_reply", 60)], actor=sue, now=T0
    )
    sam = floor.actor(floor.sam)

    def queries_for_board() -> int:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            needs_attention(floor.session, actor=sam, now=T0 + 30 * MINUTE)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    floor.ticket()
    few = queries_for_board()
    for _ in range(12):
        floor.ticket()
    many = queries_for_board()

    assert few == many <= 8
