"""Opening tickets and editing their details."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.org.tables import Skill, Team
from floorlead.tickets import inputs
from floorlead.tickets.customers import add_customer, customer_id_by_email
from floorlead.tickets.history import (
    audit_ticket,
    event_time,
    load_ticket,
    one_transaction,
    require_on,
)
from floorlead.tickets.inputs import KEEP, Keep
from floorlead.tickets.lifecycle import move_priority, move_status
from floorlead.tickets.model import Channel, EventKind, Priority, Status, Via
from floorlead.tickets.rows import insert_event, insert_ticket
from floorlead.tickets.tables import Customer, Ticket

QUEUED_CHANNELS = frozenset({Channel.PHONE, Channel.CHAT})
FIRST_STATUSES = frozenset({Status.NEW, Status.OPEN})
INBOUND = frozenset({Via.AGENT, Via.CUSTOMER})


@one_transaction
def open_ticket(
    session: Session,
    *,
    subject: str,
    channel: str,
    actor: Actor,
    now: datetime,
    requester_id: int | None = None,
    requester_email: str | None = None,
    requester_name: str | None = None,
    description: str = "",
    priority: str = Priority.NORMAL,
    category: str = "",
    tags: list[str] | None = None,
    team_id: int | None = None,
    required_skill_id: int | None = None,
    via: str = Via.AGENT,
    status: str = Status.NEW,
    wait_seconds: float | None = None,
    abandoned: bool | None = None,
    occurred_at: datetime | None = None,
) -> Ticket:
    """Open a ticket, created by an agent (``via=agent``) or an inbound contact (``customer``).

    The requester is given by id, or by email (and name, to add a new customer). The team
    defaults to the actor's. ``occurred_at`` back-dates a ticket taken from history.
    """
    require(actor, Action.CREATE_TICKET, scoped=False)
    source = inputs.choice(Via, via, "via")
    if source not in INBOUND:
        raise RuleViolation("via must be agent or customer", field="via")
    medium = inputs.choice(Channel, channel, "channel")
    first_status = inputs.choice(Status, status, "status")
    if first_status not in FIRST_STATUSES:
        raise RuleViolation("a ticket starts as new or open", field="status")
    created_at = (
        now if occurred_at is None else inputs.past_time(occurred_at, now=now, field="occurred_at")
    )
    requester_id = _requester_id(
        session, requester_id, requester_email, requester_name, actor=actor, now=now
    )
    values = {
        "subject": inputs.text(subject, "subject", max_length=300, required=True),
        "description": inputs.text(description, "description", max_length=20_000),
        "channel": medium.value,
        "priority": inputs.choice(Priority, priority, "priority").value,
        "category": inputs.text(category, "category", max_length=80),
        "tags": inputs.tags(tags),
        "status": first_status.value,
        "requester_id": requester_id,
        "team_id": _team_id(session, actor.team_id if team_id is None else team_id),
        "required_skill_id": _skill_id(session, required_skill_id),
        "created_at": created_at,
        "updated_at": created_at,
    }
    ticket = insert_ticket(session, values)
    row = insert_event(
        session,
        ticket,
        kind=EventKind.CREATED,
        occurred_at=created_at,
        now=now,
        via=source,
        actor_id=actor.person_id if source is Via.AGENT else None,
        body=ticket.description,
        to_value=ticket.status,
        data=_queue_data(medium, wait_seconds, abandoned),
    )
    audit_ticket(
        session,
        ticket,
        before=None,
        actor_id=actor.person_id,
        now=now,
        event_row=row,
        action="ticket.open",
    )
    return ticket


@one_transaction
def update_ticket(
    session: Session,
    *,
    ticket_id: int,
    version: int | None,
    actor: Actor,
    now: datetime,
    subject: str | None = None,
    category: str | None = None,
    tags: list[str] | None = None,
    priority: str | None = None,
    status: str | None = None,
    required_skill_id: int | Keep | None = KEEP,
    occurred_at: datetime | None = None,
) -> Ticket:
    """Edit a ticket's details; status and priority changes are recorded as events."""
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.WORK_TICKET, ticket)
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    if subject is not None:
        ticket.subject = inputs.text(subject, "subject", max_length=300, required=True)
    if category is not None:
        ticket.category = inputs.text(category, "category", max_length=80)
    if tags is not None:
        ticket.tags = inputs.tags(tags)
    if required_skill_id is not KEEP:
        ticket.required_skill_id = _skill_id(session, required_skill_id)
    if priority is not None and priority != ticket.priority:
        target = inputs.choice(Priority, priority, "priority")
        move_priority(session, ticket, target, when=when, now=now, actor_id=actor.person_id)
    if status is not None and status != ticket.status:
        target_status = inputs.choice(Status, status, "status")
        move_status(
            session,
            ticket,
            target_status,
            when=when,
            now=now,
            via=Via.AGENT,
            actor_id=actor.person_id,
        )
    if snapshot(ticket) == before:
        return ticket  # nothing to change
    ticket.updated_at = max(ticket.updated_at, when)
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now)
    return ticket


def _requester_id(
    session: Session,
    requester_id: int | None,
    email: str | None,
    name: str | None,
    *,
    actor: Actor,
    now: datetime,
) -> int:
    if requester_id is not None:
        if session.get(Customer, requester_id) is None:
            raise RuleViolation(f"customer {requester_id} does not exist", field="requester_id")
        return requester_id
    if not email:
        raise RuleViolation("give requester_id or requester_email", field="requester_id")
    address = inputs.email(email, "requester_email")
    known = customer_id_by_email(session, address)
    if known is not None:
        return known
    if not (name or "").strip():
        raise RuleViolation(
            f"no customer has email {address}; give requester_name to add one",
            field="requester_name",
        )
    return add_customer(session, name=name or "", email=address, actor=actor, now=now).id


def _team_id(session: Session, team_id: int | None) -> int | None:
    if team_id is not None and session.get(Team, team_id) is None:
        raise RuleViolation(f"team {team_id} does not exist", field="team_id")
    return team_id


def _skill_id(session: Session, skill_id: int | None) -> int | None:
    if skill_id is not None and session.get(Skill, skill_id) is None:
        raise RuleViolation(f"skill {skill_id} does not exist", field="required_skill_id")
    return skill_id


def _queue_data(
    channel: Channel, wait_seconds: float | None, abandoned: bool | None
) -> dict[str, Any]:
    """Queue facts of a phone call or chat: seconds waited and whether the caller gave up."""
    if wait_seconds is None and abandoned is None:
        return {}
    if channel not in QUEUED_CHANNELS:
        field = "wait_seconds" if wait_seconds is not None else "abandoned"
        raise RuleViolation(f"{field} applies to phone and chat tickets only", field=field)
    data: dict[str, Any] = {}
    if wait_seconds is not None:
        if wait_seconds < 0:
            raise RuleViolation("wait_seconds must not be negative", field="wait_seconds")
        data["wait_seconds"] = float(wait_seconds)
    if abandoned is not None:
        data["abandoned"] = bool(abandoned)
    return data
