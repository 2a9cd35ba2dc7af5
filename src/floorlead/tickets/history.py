"""Writing a ticket's history: one transaction per use case, events appended, changes audited.

``ticket_events`` is append-only: the ORM refuses to update or delete its rows. Every change
to a ticket bumps its ``version`` (optimistic locking); a caller that sends the version it
saw gets :class:`~floorlead.errors.Conflict` when someone else changed the ticket first.
The rows themselves are read and written with plain statements (:mod:`.rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import bindparam, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.util import identity_key

from floorlead.auth.audit import record_change, snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.tickets import inputs
from floorlead.tickets.model import EventKind
from floorlead.tickets.rows import insert_event, read_ticket, save_ticket
from floorlead.tickets.tables import Ticket, TicketEvent

P = ParamSpec("P")
R = TypeVar("R")

# Attempts of a use case whose ticket changed under it while the caller sent no version.
RETRIES = 20

# Built once: building the statement on every change costs more than running it.
TICKET_FOR_UPDATE = (
    select(Ticket)
    .where(Ticket.id == bindparam("ticket_id"))
    .with_for_update()
    .execution_options(populate_existing=True)
)


class TicketNotFound(NotFound):
    pass


class StaleTicket(Conflict):
    """Someone else changed the ticket between reading and writing it."""


class AppendOnlyHistory(RuntimeError):
    """Raised when code tries to rewrite a ticket's history."""


def _refuse_rewrite(_mapper: Any, _connection: Any, target: TicketEvent) -> None:
    raise AppendOnlyHistory(f"ticket event {target.id} is history: it cannot change")


def _refuse_bulk_rewrite(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is TicketEvent:
        raise AppendOnlyHistory("ticket events are history: they cannot change")


event.listen(TicketEvent, "before_update", _refuse_rewrite)
event.listen(TicketEvent, "before_delete", _refuse_rewrite)
event.listen(Session, "do_orm_execute", _refuse_bulk_rewrite)


def one_transaction(
    use_case: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Run ``use_case`` as one transaction: commit on success, roll back on any error.

    A lost race on a ticket (``StaleDataError``) becomes :class:`StaleTicket` when the caller
    sent the ``version`` it saw; without one the use case simply runs again on fresh rows, so
    concurrent appends are never lost.
    """

    @wraps(use_case)
    def run(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, RETRIES + 1):
            try:
                result = use_case(session, *args, **kwargs)
                session.commit()
                return result
            except StaleDataError as exc:
                session.rollback()
                if kwargs.get("version") is not None or attempt == RETRIES:
                    raise StaleTicket(
                        "the ticket was changed by someone else; reload it and try again",
                        field="version",
                    ) from exc
            except IntegrityError as exc:
                session.rollback()
                raise Conflict("the change conflicts with data stored meanwhile") from exc
            except BaseException:
                session.rollback()
                raise
        raise AssertionError("unreachable")

    return run


def load_ticket(session: Session, ticket_id: int, *, version: int | None = None) -> Ticket:
    """The ticket, fresh from the database and locked for the change (where supported).

    Read with a plain query and added to the session as a loaded row: the ORM's loading
    machinery costs more than the query on this, the first read of every change.
    """
    if session.identity_map.get(identity_key(Ticket, ticket_id)) is None:
        ticket = read_ticket(session, ticket_id)
    else:  # already in this session (a retry, or read before): refresh that very object
        ticket = session.scalar(TICKET_FOR_UPDATE, {"ticket_id": ticket_id})
    if ticket is None:
        raise TicketNotFound(f"ticket {ticket_id} does not exist", field="ticket_id")
    if version is not None and ticket.version != version:
        raise StaleTicket(
            f"ticket {ticket_id} is at version {ticket.version}, not {version}; "
            "reload it and try again",
            field="version",
        )
    return ticket


def require_on(actor: Actor, action: Action, ticket: Ticket) -> None:
    """Permission for ``action`` on this ticket: its team or its assignee is in scope."""
    require(actor, action, team_id=ticket.team_id, person_id=ticket.assignee_id)


def event_time(
    session: Session, ticket: Ticket, occurred_at: datetime | None, *, now: datetime
) -> datetime:
    """When a new event happened: ``now``, or a checked historical ``occurred_at``.

    History must not precede the ticket's creation nor its latest event, and must not be in
    the future. Handle segments are placed by their own times and do not count as "latest".
    """
    if occurred_at is None:
        return now
    when = inputs.past_time(occurred_at, now=now, field="occurred_at")
    if when < ticket.created_at:
        raise RuleViolation(
            f"occurred_at {when.isoformat()} precedes the ticket's creation "
            f"({ticket.created_at.isoformat()})",
            field="occurred_at",
        )
    latest = session.scalar(
        select(func.max(TicketEvent.occurred_at)).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.kind != EventKind.HANDLE_SEGMENT
        )
    )
    if latest is not None and when < latest:
        raise RuleViolation(
            f"occurred_at {when.isoformat()} precedes the ticket's latest event "
            f"({latest.isoformat()})",
            field="occurred_at",
        )
    return when


def append_event(
    session: Session, ticket: Ticket, *, occurred_at: datetime, **event: Any
) -> TicketEvent:
    """Add one event to the ticket's history (the fields of :func:`.rows.insert_event`) and
    mark the ticket as changed: its new version is written with the use case's other
    changes to it."""
    row = insert_event(session, ticket, occurred_at=occurred_at, **event)
    ticket.updated_at = max(ticket.updated_at, occurred_at)
    flag_modified(ticket, "updated_at")
    return row


def audit_ticket(
    session: Session,
    ticket: Ticket,
    *,
    before: dict[str, Any] | None,
    actor_id: int | None,
    now: datetime,
    event_row: TicketEvent | None = None,
    action: str | None = None,
) -> None:
    """Audit the ticket's change (flushed first, so the new version and event id are known).

    The action defaults to ``ticket.<event kind>``.
    """
    save_ticket(session, ticket)
    session.flush()
    after = snapshot(ticket)
    if event_row is not None:
        after["event_id"] = event_row.id
    record_change(
        session,
        actor_id=actor_id,
        action=action or f"ticket.{event_row.kind if event_row is not None else 'update'}",
        entity="ticket",
        entity_id=ticket.id,
        before=before,
        after=after,
        now=now,
    )


def audit_row(
    session: Session,
    row: Any,
    *,
    entity: str,
    action: str,
    before: dict[str, Any] | None,
    actor_id: int | None,
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> None:
    """Audit a change of a non-ticket row (customer, policy, calendar, rule)."""
    session.flush()
    after = None if action.endswith(".delete") else {**snapshot(row), **(extra or {})}
    record_change(
        session,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=row.id,
        before=before,
        after=after,
        now=now,
    )


def unique_name(session: Session, table: Any, name: str | None, own_id: int | None) -> str:
    """``name`` trimmed, refused when empty or used by another row of ``table``."""
    cleaned = inputs.text(name, "name", max_length=120, required=True)
    other = session.scalar(select(table.id).where(table.name == cleaned))
    if other is not None and other != own_id:
        raise Conflict(f"the name {cleaned!r} is taken", field="name")
    return cleaned
