"""Working a ticket: messages, notes, status and priority.

Each use case returns the event it appended; ``event.ticket`` is the changed ticket.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import RuleViolation
from floorlead.tickets import inputs
from floorlead.tickets.history import (
    append_event,
    audit_ticket,
    event_time,
    load_ticket,
    one_transaction,
    require_on,
)
from floorlead.tickets.model import STATUS_MOVES, EventKind, Priority, Status, Via
from floorlead.tickets.tables import Ticket, TicketEvent

MESSAGE_KINDS = (EventKind.PUBLIC_REPLY, EventKind.CUSTOMER_MESSAGE, EventKind.INTERNAL_NOTE)
MAX_BODY = 20_000
# A customer writing back on a ticket waiting for them (or solved) puts it back to work.
CUSTOMER_REOPENS = frozenset({Status.PENDING, Status.SOLVED})


def move_status(
    session: Session,
    ticket: Ticket,
    target: Status,
    *,
    when: datetime,
    now: datetime,
    via: Via,
    actor_id: int | None,
) -> TicketEvent:
    """Move along the status lifecycle; ``solved → open`` is a reopen and is counted."""
    current = Status(ticket.status)
    if target == current:
        raise RuleViolation(f"ticket {ticket.id} is already {current.value}", field="status")
    if target not in STATUS_MOVES[current]:
        allowed = ", ".join(sorted(s.value for s in STATUS_MOVES[current])) or "nothing"
        raise RuleViolation(
            f"ticket {ticket.id} is {current.value} and cannot become {target.value} "
            f"(allowed: {allowed})",
            field="status",
        )
    if current is Status.SOLVED and target is Status.OPEN:
        ticket.reopen_count += 1
    ticket.status = target.value
    return append_event(
        session,
        ticket,
        kind=EventKind.STATUS_CHANGE,
        occurred_at=when,
        now=now,
        via=via,
        actor_id=actor_id,
        from_value=current.value,
        to_value=target.value,
    )


def move_priority(
    session: Session,
    ticket: Ticket,
    target: Priority,
    *,
    when: datetime,
    now: datetime,
    actor_id: int,
) -> TicketEvent:
    if target.value == ticket.priority:
        raise RuleViolation(f"ticket {ticket.id} is already {target.value}", field="priority")
    previous, ticket.priority = ticket.priority, target.value
    return append_event(
        session,
        ticket,
        kind=EventKind.PRIORITY_CHANGE,
        occurred_at=when,
        now=now,
        actor_id=actor_id,
        from_value=previous,
        to_value=target.value,
    )


@one_transaction
def change_status(
    session: Session,
    *,
    ticket_id: int,
    status: str,
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    target = inputs.choice(Status, status, "status")
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = move_status(
        session, ticket, target, when=when, now=now, via=Via.AGENT, actor_id=actor.person_id
    )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


@one_transaction
def change_priority(
    session: Session,
    *,
    ticket_id: int,
    priority: str,
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    target = inputs.choice(Priority, priority, "priority")
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = move_priority(session, ticket, target, when=when, now=now, actor_id=actor.person_id)
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


@one_transaction
def add_message(
    session: Session,
    *,
    ticket_id: int,
    kind: str,
    body: str,
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """A public reply, a customer message (recorded by staff) or an internal note.

    The first public reply opens a new ticket; a customer message puts a pending or solved
    ticket back to open (a reopen when it was solved). Closed tickets take notes only.
    """
    message_kind = inputs.choice(EventKind, kind, "kind")
    if message_kind not in MESSAGE_KINDS:
        allowed = ", ".join(k.value for k in MESSAGE_KINDS)
        raise RuleViolation(f"kind must be one of: {allowed}", field="kind")
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    text = inputs.text(body, "body", max_length=MAX_BODY, required=True)
    status = Status(ticket.status)
    if status is Status.CLOSED and message_kind is not EventKind.INTERNAL_NOTE:
        raise RuleViolation(
            f"ticket {ticket.id} is closed; open a follow-up ticket", field="status"
        )
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    from_customer = message_kind is EventKind.CUSTOMER_MESSAGE
    row = append_event(
        session,
        ticket,
        kind=message_kind,
        occurred_at=when,
        now=now,
        via=Via.CUSTOMER if from_customer else Via.AGENT,
        actor_id=None if from_customer else actor.person_id,
        body=text,
    )
    if from_customer and status in CUSTOMER_REOPENS:
        move_status(
            session, ticket, Status.OPEN, when=when, now=now, via=Via.CUSTOMER, actor_id=None
        )
    elif message_kind is EventKind.PUBLIC_REPLY and status is Status.NEW:
        move_status(
            session,
            ticket,
            Status.OPEN,
            when=when,
            now=now,
            via=Via.AGENT,
            actor_id=actor.person_id,
        )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row
