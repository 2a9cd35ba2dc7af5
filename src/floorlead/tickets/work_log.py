"""Records of work on a ticket: help requests, handle-time segments, satisfaction responses.

Each use case returns the event it appended; ``event.ticket`` is the changed ticket.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import Conflict, RuleViolation
from floorlead.tickets import inputs
from floorlead.tickets.history import (
    append_event,
    audit_ticket,
    event_time,
    load_ticket,
    one_transaction,
    require_on,
)
from floorlead.tickets.model import Channel, EventKind, SegmentKind, Status, Survey, Via
from floorlead.tickets.tables import Ticket, TicketEvent

MAX_NOTE = 20_000
CALL_SEGMENTS = frozenset({SegmentKind.TALK, SegmentKind.HOLD, SegmentKind.WRAP})
DIGITAL_SEGMENTS = frozenset({SegmentKind.WORK})
RATING_RANGES = {Survey.CSAT: range(1, 6), Survey.NPS: range(11)}


@one_transaction
def request_help(
    session: Session,
    *,
    ticket_id: int,
    note: str = "",
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """Flag the ticket "need help" so a supervisor sees it on their attention list."""
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    if ticket.needs_help:
        raise RuleViolation(f"ticket {ticket.id} already asks for help", field="needs_help")
    if not Status(ticket.status).is_unresolved:
        raise RuleViolation(f"ticket {ticket.id} is {ticket.status}", field="status")
    return _set_help(
        session, ticket, True, note=note, occurred_at=occurred_at, actor=actor, now=now
    )


@one_transaction
def resolve_help(
    session: Session,
    *,
    ticket_id: int,
    note: str = "",
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """Clear the "need help" flag."""
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    if not ticket.needs_help:
        raise RuleViolation(f"ticket {ticket.id} does not ask for help", field="needs_help")
    return _set_help(
        session, ticket, False, note=note, occurred_at=occurred_at, actor=actor, now=now
    )


def _set_help(
    session: Session,
    ticket: Ticket,
    needed: bool,
    *,
    note: str,
    occurred_at: datetime | None,
    actor: Actor,
    now: datetime,
) -> TicketEvent:
    text = inputs.text(note, "note", max_length=MAX_NOTE)
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    ticket.needs_help = needed
    kind = EventKind.HELP_REQUESTED if needed else EventKind.HELP_RESOLVED
    row = append_event(
        session, ticket, kind=kind, occurred_at=when, now=now, actor_id=actor.person_id, body=text
    )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


@one_transaction
def record_handle_segment(
    session: Session,
    *,
    ticket_id: int,
    segment_kind: str,
    start: datetime,
    end: datetime,
    actor: Actor,
    now: datetime,
    version: int | None = None,
) -> TicketEvent:
    """A stretch of the actor's work on the ticket: talk, hold, wrap (calls) or work.

    The event happens at ``end``; segments may be logged after later events, so only the
    ticket's creation bounds them, not its latest event.
    """
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    kind = segment_kind_for(Channel(ticket.channel), segment_kind)
    begin = inputs.past_time(start, now=now, field="segment_start")
    finish = inputs.past_time(end, now=now, field="segment_end")
    if begin < ticket.created_at:
        raise RuleViolation("segment_start precedes the ticket's creation", field="segment_start")
    if finish <= begin:
        raise RuleViolation("segment_end must be after segment_start", field="segment_end")
    before = snapshot(ticket)
    row = append_event(
        session,
        ticket,
        kind=EventKind.HANDLE_SEGMENT,
        occurred_at=finish,
        now=now,
        actor_id=actor.person_id,
        segment_kind=kind.value,
        segment_start=begin,
        segment_end=finish,
    )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


def segment_kind_for(channel: Channel, value: str) -> SegmentKind:
    """The segment kind, if it fits the channel: talk/hold/wrap for calls, work otherwise."""
    kind = inputs.choice(SegmentKind, value, "segment_kind")
    allowed = CALL_SEGMENTS if channel is Channel.PHONE else DIGITAL_SEGMENTS
    if kind not in allowed:
        names = ", ".join(sorted(k.value for k in allowed))
        raise RuleViolation(
            f"a {channel.value} ticket takes segments of kind: {names}", field="segment_kind"
        )
    return kind


@one_transaction
def record_satisfaction(
    session: Session,
    *,
    ticket_id: int,
    survey: str,
    rating: int,
    comment: str = "",
    actor: Actor,
    now: datetime,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """The requester's survey response (csat 1-5 or nps 0-10), at most one of each a ticket."""
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    kind = inputs.choice(Survey, survey, "survey")
    scale = RATING_RANGES[kind]
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in scale:
        raise RuleViolation(
            f"a {kind.value} rating is {scale.start}-{scale.stop - 1}", field="rating"
        )
    answered = session.scalar(
        select(TicketEvent.id).where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.kind == EventKind.SATISFACTION,
            TicketEvent.survey == kind.value,
        )
    )
    if answered is not None:
        raise Conflict(f"ticket {ticket.id} already has a {kind.value} response", field="survey")
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = append_event(
        session,
        ticket,
        kind=EventKind.SATISFACTION,
        occurred_at=when,
        now=now,
        via=Via.CUSTOMER,
        survey=kind.value,
        rating=rating,
        body=inputs.text(comment, "comment", max_length=MAX_NOTE),
    )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row
