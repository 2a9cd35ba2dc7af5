"""Assigning tickets (by hand, round robin or by skill) and moving them between teams."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import RuleViolation
from floorlead.org.model import TICKET_HOLDER_ROLES, Role
from floorlead.org.tables import Person, PersonSkill, Team
from floorlead.tickets import inputs, routing
from floorlead.tickets.history import (
    append_event,
    audit_ticket,
    event_time,
    load_ticket,
    one_transaction,
    require_on,
)
from floorlead.tickets.model import EventKind, Status
from floorlead.tickets.tables import Ticket, TicketEvent

# Who may hold tickets when assigned by hand; automatic strategies pick frontline agents only.
SUPPORT_ROLES = TICKET_HOLDER_ROLES
FRONTLINE_ROLES = frozenset({Role.AGENT, Role.SENIOR_AGENT})
RESOLVED = (Status.SOLVED.value, Status.CLOSED.value)

# Shift data from the workforce area: which of these people are on shift at this instant
# (None when there is no shift data at all).
OnShift = Callable[[frozenset[int], datetime], set[int] | None]


class AssignStrategy(StrEnum):
    MANUAL = "manual"
    ROUND_ROBIN = "round_robin"
    SKILL_BASED = "skill_based"


@one_transaction
def assign_ticket(
    session: Session,
    *,
    ticket_id: int,
    actor: Actor,
    now: datetime,
    strategy: str = AssignStrategy.MANUAL,
    assignee_id: int | None = None,
    min_level: int = 1,
    on_shift: OnShift | None = None,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """Give the ticket an assignee: ``assignee_id`` by hand (None unassigns), or the next
    agent of its team by round robin, or the least loaded agent holding its required skill.
    """
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.ASSIGN_TICKET, ticket)
    how = inputs.choice(AssignStrategy, strategy, "strategy")
    if how is AssignStrategy.MANUAL:
        person_id = _manual_assignee(session, assignee_id, now.date())
    elif assignee_id is not None:
        raise RuleViolation("assignee_id is for manual assignment only", field="assignee_id")
    else:
        person_id = _routed_assignee(session, ticket, how, min_level, on_shift, now)
    if person_id == ticket.assignee_id:
        raise RuleViolation(
            f"ticket {ticket.id} is already assigned to {person_id or 'nobody'}",
            field="assignee_id",
        )
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = set_assignee(
        session, ticket, person_id, how, when=when, now=now, actor_id=actor.person_id
    )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


@one_transaction
def transfer_ticket(
    session: Session,
    *,
    ticket_id: int,
    team_id: int,
    actor: Actor,
    now: datetime,
    note: str = "",
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """Move the ticket to another team; an assignee outside that team is unassigned."""
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.ASSIGN_TICKET, ticket)
    team = session.get(Team, team_id)
    if team is None:
        raise RuleViolation(f"team {team_id} does not exist", field="team_id")
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = move_team(session, ticket, team, note=note, when=when, now=now, actor_id=actor.person_id)
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


def set_assignee(
    session: Session,
    ticket: Ticket,
    person_id: int | None,
    strategy: AssignStrategy,
    *,
    when: datetime,
    now: datetime,
    actor_id: int | None,
) -> TicketEvent:
    previous, ticket.assignee_id = ticket.assignee_id, person_id
    return append_event(
        session,
        ticket,
        kind=EventKind.ASSIGNED,
        occurred_at=when,
        now=now,
        actor_id=actor_id,
        from_value="" if previous is None else str(previous),
        to_value="" if person_id is None else str(person_id),
        data={"strategy": strategy.value},
    )


def move_team(
    session: Session,
    ticket: Ticket,
    team: Team,
    *,
    note: str,
    when: datetime,
    now: datetime,
    actor_id: int | None,
) -> TicketEvent:
    """Record the move to ``team`` (and the unassignment of an assignee outside it)."""
    if team.id == ticket.team_id:
        raise RuleViolation(f"ticket {ticket.id} is already in team {team.name}", field="team_id")
    previous, ticket.team_id = ticket.team_id, team.id
    row = append_event(
        session,
        ticket,
        kind=EventKind.TRANSFER,
        occurred_at=when,
        now=now,
        actor_id=actor_id,
        from_value="" if previous is None else str(previous),
        to_value=str(team.id),
        body=inputs.text(note, "note", max_length=20_000),
    )
    if ticket.assignee_id is not None:
        assignee = session.get(Person, ticket.assignee_id)
        if assignee is None or assignee.team_id != team.id:
            set_assignee(
                session, ticket, None, AssignStrategy.MANUAL, when=when, now=now, actor_id=actor_id
            )
    return row


def _manual_assignee(session: Session, person_id: int | None, today: date) -> int | None:
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    if person is None:
        raise RuleViolation(f"person {person_id} does not exist", field="assignee_id")
    if not person.is_active_on(today):
        raise RuleViolation(f"{person.name} is not active", field="assignee_id")
    if person.role not in SUPPORT_ROLES:
        raise RuleViolation(f"a {person.role} does not take tickets", field="assignee_id")
    return person.id


def _routed_assignee(
    session: Session,
    ticket: Ticket,
    how: AssignStrategy,
    min_level: int,
    on_shift: OnShift | None,
    now: datetime,
) -> int:
    if ticket.team_id is None:
        raise RuleViolation(f"ticket {ticket.id} has no team to assign within", field="team_id")
    candidates = team_candidates(session, ticket.team_id, now=now, on_shift=on_shift)
    if how is AssignStrategy.ROUND_ROBIN:
        last = last_assignee(session, ticket.team_id)
        chosen = routing.round_robin(candidates, last_assigned_id=last)
    else:
        chosen = routing.skill_based(
            candidates, required_skill_id=ticket.required_skill_id, min_level=min_level
        )
    if chosen is None:
        raise RuleViolation(f"no agent of the team is available for {how.value}", field="strategy")
    return chosen.person_id


def team_candidates(
    session: Session, team_id: int, *, now: datetime, on_shift: OnShift | None = None
) -> list[routing.Candidate]:
    """The team's active frontline agents with their open-ticket load and skill levels."""
    today = now.date()
    people = session.scalars(
        select(Person.id).where(
            Person.team_id == team_id,
            Person.role.in_([role.value for role in FRONTLINE_ROLES]),
            Person.hire_date <= today,
            or_(Person.leave_date.is_(None), Person.leave_date > today),
        )
    ).all()
    ids = frozenset(people)
    if not ids:
        return []
    load = dict(
        session.execute(
            select(Ticket.assignee_id, func.count())
            .where(Ticket.assignee_id.in_(ids), Ticket.status.not_in(RESOLVED))
            .group_by(Ticket.assignee_id)
        ).all()
    )
    levels: dict[int, dict[int, int]] = {person_id: {} for person_id in ids}
    for person_id, skill_id, level in session.execute(
        select(PersonSkill.person_id, PersonSkill.skill_id, PersonSkill.level).where(
            PersonSkill.person_id.in_(ids)
        )
    ).all():
        levels[person_id][skill_id] = level
    shift = on_shift(ids, now) if on_shift is not None else None
    return [
        routing.Candidate(
            person_id=person_id,
            open_tickets=load.get(person_id, 0),
            skill_levels=levels[person_id],
            on_shift=None if shift is None else person_id in shift,
        )
        for person_id in sorted(ids)
    ]


def last_assignee(session: Session, team_id: int) -> int | None:
    """The person the team's latest ``assigned`` event went to (round robin continues after)."""
    value = session.scalar(
        select(TicketEvent.to_value)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(
            Ticket.team_id == team_id,
            TicketEvent.kind == EventKind.ASSIGNED,
            TicketEvent.to_value != "",
        )
        .order_by(TicketEvent.occurred_at.desc(), TicketEvent.id.desc())
        .limit(1)
    )
    return int(value) if value else None
