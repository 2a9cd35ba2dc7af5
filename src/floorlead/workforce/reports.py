"""Read side of adherence and attendance: per-agent daily figures and payroll hours."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.org.tables import Person
from floorlead.workforce.adherence import (
    AdherenceResult,
    Attendance,
    ScheduledShift,
    Shrinkage,
    Span,
    actual_shrinkage,
    attendance,
    measure_adherence,
    worked_seconds,
)
from floorlead.workforce.schedules import published_shifts
from floorlead.workforce.states import state_spans


@dataclass(frozen=True)
class AgentDay:
    person_id: int
    name: str
    adherence: AdherenceResult
    attendance: list[Attendance]
    shrinkage: Shrinkage


def _members(session: Session, team_id: int) -> list[Person]:
    return list(
        session.scalars(
            select(Person).where(Person.team_id == team_id).order_by(Person.name, Person.id)
        )
    )


def day_bounds(day: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC instants at which a local day starts and the next one starts."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleViolation(f"unknown time zone {zone!r}", field="zone") from None
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def team_adherence(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    day: date,
    zone: str,
    now: datetime,
    tolerance: timedelta = timedelta(minutes=1),
) -> list[AgentDay]:
    """Adherence, conformance, attendance and shrinkage of each team member for one local day."""
    require(actor, Action.MANAGE_SCHEDULES, team_id=team_id)
    start, end = day_bounds(day, zone)
    people = _members(session, team_id)
    ids = [p.id for p in people]
    shifts = published_shifts(session, person_ids=ids, start=start, end=end)
    # States may run past midnight for a late shift: read to the end of the latest shift.
    last_end = max((s.end for plans in shifts.values() for s in plans), default=end)
    states = state_spans(session, person_ids=ids, start=start, end=max(end, last_end), now=now)
    rows = []
    for person in people:
        # Only what has happened counts: shifts are cut at now, later ones left out.
        plans = [cut for plan in shifts[person.id] if (cut := shift_until(plan, now))]
        if not plans:
            continue
        spans = states[person.id]
        rows.append(
            AgentDay(
                person.id,
                person.name,
                measure_adherence(plans, spans, tolerance=tolerance),
                [attendance(plan, spans) for plan in plans],
                actual_shrinkage(plans, spans),
            )
        )
    return rows


def shift_until(plan: ScheduledShift, moment: datetime) -> ScheduledShift | None:
    """The part of a shift before ``moment`` (None when it has not started)."""
    if plan.start >= moment:
        return None
    if plan.end <= moment:
        return plan
    activities = tuple(
        Span(a.start, min(a.end, moment), a.value) for a in plan.activities if a.start < moment
    )
    return ScheduledShift(plan.start, moment, activities, plan.unpaid)


@dataclass(frozen=True)
class PayrollRow:
    email: str
    name: str
    day: date
    hours: float


def payroll_hours(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    first_day: date,
    last_day: date,
    zone: str,
    now: datetime,
) -> list[PayrollRow]:
    """Hours worked (signed in, lunch excluded) per agent per local day of a pay period."""
    require(actor, Action.MANAGE_SCHEDULES, team_id=team_id)
    if last_day < first_day:
        raise RuleViolation("the pay period ends before it starts", field="last_day")
    if (last_day - first_day).days > 62:
        raise RuleViolation("a pay period is at most 62 days", field="last_day")
    people = _members(session, team_id)
    start, _ = day_bounds(first_day, zone)
    _, end = day_bounds(last_day, zone)
    states = state_spans(session, person_ids=[p.id for p in people], start=start, end=end, now=now)
    rows = []
    day = first_day
    while day <= last_day:
        day_start, day_end = day_bounds(day, zone)
        for person in people:
            seconds = worked_seconds(states[person.id], start=day_start, end=day_end)
            if seconds:
                rows.append(PayrollRow(person.email, person.name, day, round(seconds / 3600, 2)))
        day += timedelta(days=1)
    return rows


def payroll_csv(rows: list[PayrollRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "name", "date", "hours"])
    for row in rows:
        writer.writerow([row.email, row.name, row.day.isoformat(), f"{row.hours:.2f}"])
    return out.getvalue()
