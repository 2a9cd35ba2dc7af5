"""Every change of a ticket moves its version by exactly one, whatever it writes.

Tickets are read and written with plain statements on the busiest paths (see
``floorlead.tickets.history``); these pin down that the result is what the ORM's own
optimistic locking gave: one version per change, the audit entry showing the new version,
a stale version refused, and a ticket already held by the session refreshed, not duplicated.
"""

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from ticket_world import Floor

from floorlead.auth.tables import AuditEntry
from floorlead.errors import Conflict
from floorlead.storage import make_session_factory
from floorlead.tickets import add_message, change_status, update_ticket
from floorlead.tickets.tables import Ticket

from factories import T0

SECOND = timedelta(seconds=1)


def _version(floor: Floor, ticket_id: int) -> int:
    floor.session.expire_all()
    return floor.session.get(Ticket, ticket_id).version  # type: ignore[union-attr]


def test_each_change_moves_the_version_by_one(floor: Floor) -> None:
    ava = floor.actor(floor.ava)
    ticket = floor.ticket()
    versions = [_version(floor, ticket.id)]

    add_message(
        floor.session, ticket_id=ticket.id, kind="internal_note", body="n", actor=ava, now=T0
    )
    versions.append(_version(floor, ticket.id))
    add_message(  # a first reply also opens the ticket: two events, one change
        floor.session, ticket_id=ticket.id, kind="public_reply", body="r", actor=ava, now=T0
    )
    versions.append(_version(floor, ticket.id))
    change_status(
        floor.session, ticket_id=ticket.id, status="pending", version=3, actor=ava, now=T0
    )
    versions.append(_version(floor, ticket.id))
    update_ticket(
        floor.session, ticket_id=ticket.id, version=4, subject="Renamed", actor=ava, now=T0
    )
    versions.append(_version(floor, ticket.id))

    assert versions == [1, 2, 3, 4, 5]
    stored = floor.session.get(Ticket, ticket.id)
    assert (stored.status, stored.subject) == ("pending", "Renamed")  # type: ignore[union-attr]
    audited = floor.session.scalars(
        select(AuditEntry.after).where(AuditEntry.entity == "ticket").order_by(AuditEntry.id)
    ).all()
    assert [after["version"] for after in audited if "version" in after] == [1, 2, 3, 4, 5]


def test_a_change_from_a_stale_version_is_refused_and_writes_nothing(floor: Floor) -> None:
    ava = floor.actor(floor.ava)
    ticket = floor.ticket()
    add_message(
        floor.session, ticket_id=ticket.id, kind="internal_note", body="n", actor=ava, now=T0
    )

    with pytest.raises(Conflict) as conflict:
        add_message(
            floor.session,
            ticket_id=ticket.id,
            kind="public_reply",
            body="late",
            version=1,
            actor=ava,
            now=T0 + SECOND,
        )

    assert conflict.value.field == "version"
    assert _version(floor, ticket.id) == 2
    assert floor.session.get(Ticket, ticket.id).status == "new"  # type: ignore[union-attr]


def test_a_ticket_the_session_already_holds_is_refreshed_before_the_change(
    floor: Floor, engine: Engine
) -> None:
    ava = floor.actor(floor.ava)
    ticket = floor.ticket()
    held = floor.session.get(Ticket, ticket.id)
    with make_session_factory(engine)() as other:
        add_message(other, ticket_id=ticket.id, kind="public_reply", body="r", actor=ava, now=T0)

    add_message(
        floor.session,
        ticket_id=ticket.id,
        kind="internal_note",
        body="after the reply",
        actor=ava,
        now=T0 + SECOND,
    )

    assert held is floor.session.get(Ticket, ticket.id)
    assert (held.status, held.version) == ("open", 3)  # type: ignore[union-attr]
