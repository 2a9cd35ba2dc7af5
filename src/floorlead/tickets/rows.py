"""Ticket rows read and written with plain statements, as the ORM would, only cheaper.

Every ticket change reads the ticket, appends an event, writes the ticket's new version and
an audit entry. Through the ORM's unit of work that costs several times the statements
themselves, on the busiest writes there are; here each is one prepared statement, and the
rows are handed to the session as if the ORM had loaded them, so the use cases keep working
on ordinary mapped objects (and anything else they change is flushed as usual).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Update, bindparam, inspect, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from floorlead.storage.prepared import read_rows
from floorlead.tickets.model import EventKind, Via
from floorlead.tickets.tables import Ticket, TicketEvent

R = TypeVar("R")

TICKETS = Ticket.__table__
TICKET_INSERT = TICKETS.insert().returning(*TICKETS.c)
EVENT_INSERT = TicketEvent.__table__.insert().returning(*TicketEvent.__table__.c)
TICKET_ROW_FOR_UPDATE = (
    select(*TICKETS.c).where(TICKETS.c.id == bindparam("ticket_id")).with_for_update()
)


def read_ticket(session: Session, ticket_id: int) -> Ticket | None:
    """The ticket, locked for the change where the database supports it, as a loaded row of
    the session (which must not hold it already)."""
    found = read_rows(session.connection(), TICKET_ROW_FOR_UPDATE, {"ticket_id": ticket_id})
    row = found[0] if found else None
    return None if row is None else _attach(session, Ticket(**row))


def insert_ticket(session: Session, values: dict[str, Any]) -> Ticket:
    """Insert a new ticket (version 1) with one plain statement; returns it as a row of
    the session, as if it had been loaded."""
    inserted = session.connection().execute(TICKET_INSERT, values).mappings().one()
    return _attach(session, Ticket(**inserted))


def insert_event(
    session: Session,
    ticket: Ticket,
    *,
    kind: EventKind,
    occurred_at: datetime,
    now: datetime,
    via: Via = Via.AGENT,
    actor_id: int | None = None,
    **columns: Any,
) -> TicketEvent:
    """Insert one event of ``ticket`` with a plain statement: history is only ever appended,
    so it needs none of the ORM's change tracking. The ticket itself is not touched."""
    inserted = session.connection().execute(
        EVENT_INSERT,
        {
            "ticket_id": ticket.id,
            "kind": kind.value,
            "occurred_at": occurred_at,
            "recorded_at": now,
            "via": via.value,
            "actor_id": actor_id,
            **columns,
        },
    )
    row = TicketEvent(**inserted.mappings().one())
    make_transient_to_detached(row)  # as if loaded (history is never changed in a session)
    set_committed_value(row, "ticket", ticket)
    return row


def _attach(session: Session, row: R) -> R:
    """A row just written by a plain statement, added to the session as a clean loaded row."""
    make_transient_to_detached(row)
    session.add(row)
    return row


def save_ticket(session: Session, ticket: Ticket) -> None:
    """Write the ticket's changed columns and its next version with one UPDATE.

    It is what the ORM's flush would write, with the same optimistic check (the row must
    still be at the version read, else :class:`StaleDataError`, which
    :func:`one_transaction` turns into a retry or a conflict), without the unit of work,
    which costs several times the statement on the busiest write there is.
    """
    state = inspect(ticket)
    if not state.modified or state.key is None:
        return
    changes = {
        attr.key: history.added[0]
        for attr in state.mapper.column_attrs
        if (history := state.attrs[attr.key].history).added
    }
    if not changes:
        return
    version = state.committed_state.get("version", ticket.version)
    written = session.connection().execute(
        _ticket_update(tuple(sorted(changes))),
        {**changes, "ticket_id": ticket.id, "old_version": version, "new_version": version + 1},
    )
    if written.rowcount != 1:
        raise StaleDataError(f"ticket {ticket.id} is no longer at version {version}")
    set_committed_value(ticket, "version", version + 1)
    # The values written are now the row's: nothing left for the ORM's flush to look at.
    state._commit_all(state.dict, session.identity_map)


@lru_cache(maxsize=64)
def _ticket_update(columns: tuple[str, ...]) -> Update:
    return (
        update(TICKETS)
        .where(TICKETS.c.id == bindparam("ticket_id"))
        .where(TICKETS.c.version == bindparam("old_version"))
        .values({**{c: bindparam(c) for c in columns}, "version": bindparam("new_version")})
    )
