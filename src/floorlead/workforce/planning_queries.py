"""Read side of planning: the teams a person plans for, a team's schedules, an agent's shifts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Action, Actor, require
from floorlead.clock import ensure_utc
from floorlead.org.model import Role, TeamKind
from floorlead.org.tables import Person, PersonSkill, Team
from floorlead.workforce.adherence import ScheduledShift
from floorlead.workforce.rostering import TeamMember, active_in_week
from floorlead.workforce.schedules import published_shifts
from floorlead.workforce.tables import Schedule, TimeOff

SCHEDULED_ROLES = (Role.AGENT.value, Role.SENIOR_AGENT.value)


@dataclass(frozen=True)
class PlannedTeam:
    id: int
    name: str
    time_zone: str


@dataclass(frozen=True)
class ScheduleSummary:
    id: int
    week_start: datetime
    status: str
    objective: float
    lower_bound: float
    gap: float
    under_coverage: float
    created_at: datetime


def managed_teams(session: Session, *, actor: Actor) -> list[PlannedTeam]:
    """Support teams whose forecasts and schedules the actor manages."""
    if not actor.can(Action.MANAGE_SCHEDULES):
        return []
    teams = session.scalars(
        select(Team).where(Team.kind == TeamKind.SUPPORT.value).order_by(Team.name)
    )
    return [PlannedTeam(t.id, t.name, t.time_zone) for t in teams if actor.covers_team(t.id)]


def team_schedules(
    session: Session, *, actor: Actor, team_id: int, limit: int = 20
) -> list[ScheduleSummary]:
    """The team's stored schedules, the latest week first (newest first within a week)."""
    require(actor, Action.MANAGE_SCHEDULES, team_id=team_id)
    rows = session.scalars(
        select(Schedule)
        .where(Schedule.team_id == team_id)
        .order_by(Schedule.week_start.desc(), Schedule.created_at.desc(), Schedule.id.desc())
        .limit(limit)
    )
    return [
        ScheduleSummary(
            row.id,
            row.week_start,
            row.status,
            row.objective,
            row.lower_bound,
            row.gap,
            row.under_coverage,
            row.created_at,
        )
        for row in rows
    ]


def my_shifts(
    session: Session, *, actor: Actor, start: datetime, weeks: int = 2
) -> list[ScheduledShift]:
    """The actor's published shifts starting in the ``weeks`` weeks from ``start``."""
    require(actor, Action.VIEW_SCHEDULE, person_id=actor.person_id)
    start = ensure_utc(start, field="start")
    found = published_shifts(
        session, person_ids=[actor.person_id], start=start, end=start + timedelta(weeks=weeks)
    )
    return found[actor.person_id]


def team_members(
    session: Session, *, team_id: int, first_day: date, start: datetime, end: datetime
) -> list[TeamMember]:
    """The team's agents working in the week of ``first_day`` (from ``start`` to ``end``), with
    their skills and the time off booked in it."""
    people = [
        person
        for person in session.scalars(
            select(Person)
            .where(Person.team_id == team_id, Person.role.in_(SCHEDULED_ROLES))
            .options(selectinload(Person.skills).selectinload(PersonSkill.skill))
            .order_by(Person.name, Person.id)
        )
        if active_in_week(person.hire_date, person.leave_date, first_day)
    ]
    time_off: dict[int, list[tuple[datetime, datetime]]] = {person.id: [] for person in people}
    for person_id, off_start, off_end in session.execute(
        select(TimeOff.person_id, TimeOff.start, TimeOff.end).where(
            TimeOff.person_id.in_(list(time_off)),
            TimeOff.start < end,
            TimeOff.end > start,
        )
    ):
        time_off[person_id].append((off_start, off_end))
    return [
        TeamMember(
            person_id=person.id,
            name=person.name,
            hourly_cost=float(person.hourly_cost),
            skills=frozenset(link.skill.name for link in person.skills),
            time_off=tuple(time_off[person.id]),
        )
        for person in people
    ]
