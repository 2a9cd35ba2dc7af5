"""Stored schedules: save an optimised week, publish it, edit it (swap, time off), coverage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor, require
from floorlead.clock import ensure_utc
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.org.tables import Person, Team
from floorlead.workforce.adherence import Activity, ScheduledShift, Span
from floorlead.workforce.tables import (
    Schedule,
    ScheduledActivityRow,
    ScheduledShiftRow,
    StaffingRequirement,
    TimeOff,
)

ACTIVITY_KINDS = frozenset(a.value for a in Activity) - {Activity.WORK.value, Activity.OFF.value}
TIME_OFF_REASONS = frozenset({"vacation", "sick", "training", "personal", "other"})


@dataclass(frozen=True)
class PlannedShift:
    person_id: int
    start: datetime
    end: datetime
    activities: tuple[tuple[str, datetime, datetime], ...] = ()


@dataclass(frozen=True)
class ScheduleQuality:
    objective: float = 0.0
    lower_bound: float = 0.0
    gap: float = 0.0
    under_coverage: float = 0.0
    over_coverage: float = 0.0
    cost: float = 0.0


@dataclass(frozen=True)
class CoverageSlot:
    interval_start: datetime
    required: float
    scheduled: float

    @property
    def gap(self) -> float:
        return self.scheduled - self.required


def _team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team {team_id}", field="team_id")
    return team


def _check_shift(shift: PlannedShift, index: int) -> None:
    where = f"shifts[{index}]"
    if shift.end <= shift.start:
        raise RuleViolation(f"{where}: a shift must end after it starts", field="shifts")
    for kind, start, end in shift.activities:
        if kind not in ACTIVITY_KINDS:
            raise RuleViolation(f"{where}: unknown activity {kind!r}", field="shifts")
        if not (shift.start <= start < end <= shift.end):
            raise RuleViolation(f"{where}: {kind} must lie inside the shift", field="shifts")


def save_schedule(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    week_start: datetime,
    interval_minutes: int,
    shifts: Sequence[PlannedShift],
    requirements: Sequence[tuple[datetime, float]],
    quality: ScheduleQuality,
    now: datetime,
) -> Schedule:
    """Store a draft schedule for the team's week, with the requirement it was built for."""
    _team(session, team_id)
    require(actor, Action.MANAGE_SCHEDULES, team_id=team_id)
    week_start = ensure_utc(week_start, field="week_start")
    if interval_minutes not in {15, 30, 60}:
        raise RuleViolation("interval must be 15, 30 or 60 minutes", field="interval_minutes")
    members = set(session.scalars(select(Person.id).where(Person.team_id == team_id)))
    for index, shift in enumerate(shifts):
        _check_shift(shift, index)
        if shift.person_id not in members:
            raise RuleViolation(
                f"shifts[{index}]: person {shift.person_id} is not in the team", field="shifts"
            )
    schedule = Schedule(
        team_id=team_id,
        week_start=week_start,
        interval_minutes=interval_minutes,
        status="draft",
        objective=quality.objective,
        lower_bound=quality.lower_bound,
        gap=quality.gap,
        under_coverage=quality.under_coverage,
        over_coverage=quality.over_coverage,
        cost=Decimal(str(round(quality.cost, 2))),
        created_by_id=actor.person_id,
        created_at=now,
    )
    schedule.requirements = [
        StaffingRequirement(interval_start=at, required=required) for at, required in requirements
    ]
    schedule.shifts = [
        ScheduledShiftRow(
            person_id=s.person_id,
            start=s.start,
            end=s.end,
            activities=[ScheduledActivityRow(kind=k, start=a, end=b) for k, a, b in s.activities],
        )
        for s in shifts
    ]
    session.add(schedule)
    session.flush()
    record_change(
        session,
        actor_id=actor.person_id,
        action="create",
        entity="schedule",
        entity_id=schedule.id,
        before=None,
        after={"team_id": team_id, "week_start": week_start.isoformat(), "shifts": len(shifts)},
        now=now,
    )
    session.commit()
    return schedule


def get_schedule(session: Session, *, actor: Actor, schedule_id: int) -> Schedule:
    schedule = session.scalars(
        select(Schedule)
        .where(Schedule.id == schedule_id)
        .options(
            selectinload(Schedule.shifts).selectinload(ScheduledShiftRow.activities),
            selectinload(Schedule.requirements),
        )
        .execution_options(populate_existing=True)
    ).first()
    if schedule is None:
        raise NotFound(f"no schedule {schedule_id}", field="schedule_id")
    require(actor, Action.MANAGE_SCHEDULES, team_id=schedule.team_id)
    return schedule


def publish_schedule(
    session: Session, *, actor: Actor, schedule_id: int, now: datetime
) -> Schedule:
    """Publish a draft: agents see it, and it replaces any earlier published week of the team."""
    schedule = get_schedule(session, actor=actor, schedule_id=schedule_id)
    if schedule.status == "published":
        raise Conflict("the schedule is already published", field="schedule_id")
    for older in session.scalars(
        select(Schedule).where(
            Schedule.team_id == schedule.team_id,
            Schedule.week_start == schedule.week_start,
            Schedule.status == "published",
        )
    ):
        older.status = "superseded"
    schedule.status = "published"
    schedule.published_at = now
    record_change(
        session,
        actor_id=actor.person_id,
        action="publish",
        entity="schedule",
        entity_id=schedule.id,
        before={"status": "draft"},
        after={"status": "published"},
        now=now,
    )
    session.commit()
    return schedule


def swap_shifts(
    session: Session, *, actor: Actor, first_shift_id: int, second_shift_id: int, now: datetime
) -> None:
    """Give each of two agents the other's shift (same schedule)."""
    first = session.get(ScheduledShiftRow, first_shift_id)
    second = session.get(ScheduledShiftRow, second_shift_id)
    if first is None or second is None:
        missing = first_shift_id if first is None else second_shift_id
        raise NotFound(f"no shift {missing}", field="shift_id")
    if first.schedule_id != second.schedule_id:
        raise RuleViolation("both shifts must belong to one schedule", field="shift_id")
    require(actor, Action.MANAGE_SCHEDULES, team_id=first.schedule.team_id)
    first.person_id, second.person_id = second.person_id, first.person_id
    record_change(
        session,
        actor_id=actor.person_id,
        action="swap",
        entity="scheduled_shift",
        entity_id=f"{first.id},{second.id}",
        before={"persons": [second.person_id, first.person_id]},
        after={"persons": [first.person_id, second.person_id]},
        now=now,
    )
    session.commit()


def add_time_off(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    start: datetime,
    end: datetime,
    reason: str,
    note: str = "",
    now: datetime,
) -> TimeOff:
    """Book time off; the person's scheduled shifts that overlap it are removed."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id}", field="person_id")
    require(actor, Action.MANAGE_SCHEDULES, team_id=person.team_id)
    start, end = ensure_utc(start, field="start"), ensure_utc(end, field="end")
    if end <= start:
        raise RuleViolation("time off must end after it starts", field="end")
    if reason not in TIME_OFF_REASONS:
        raise RuleViolation(f"reason must be one of {sorted(TIME_OFF_REASONS)}", field="reason")
    booking = TimeOff(
        person_id=person_id,
        start=start,
        end=end,
        reason=reason,
        note=note,
        created_by_id=actor.person_id,
        created_at=now,
    )
    session.add(booking)
    removed = session.scalars(
        select(ScheduledShiftRow).where(
            ScheduledShiftRow.person_id == person_id,
            ScheduledShiftRow.start < end,
            ScheduledShiftRow.end > start,
        )
    ).all()
    for shift in removed:
        shift.schedule.shifts.remove(shift)
    session.flush()
    record_change(
        session,
        actor_id=actor.person_id,
        action="create",
        entity="time_off",
        entity_id=booking.id,
        before=None,
        after={"person_id": person_id, "reason": reason, "removed_shifts": len(removed)},
        now=now,
    )
    session.commit()
    return booking


def coverage(schedule: Schedule) -> list[CoverageSlot]:
    """Scheduled agents per interval (fractions where a shift or break covers part of one)."""
    step = timedelta(minutes=schedule.interval_minutes)
    plans = [_as_shift(row) for row in schedule.shifts]
    slots = []
    for requirement in schedule.requirements:
        slot_start = requirement.interval_start
        slot_end = slot_start + step
        worked = sum(
            _overlap(span, slot_start, slot_end)
            for plan in plans
            for span in plan.timeline()
            if span.value is Activity.WORK
        )
        slots.append(CoverageSlot(slot_start, requirement.required, worked / step.total_seconds()))
    return slots


def _overlap(span: Span[Activity], start: datetime, end: datetime) -> float:
    return max((min(span.end, end) - max(span.start, start)).total_seconds(), 0.0)


def _as_shift(row: ScheduledShiftRow) -> ScheduledShift:
    return ScheduledShift(
        row.start,
        row.end,
        tuple(Span(a.start, a.end, Activity(a.kind)) for a in row.activities),
    )


def published_shifts(
    session: Session, *, person_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, list[ScheduledShift]]:
    """Each person's published shifts starting in [start, end)."""
    rows = session.scalars(
        select(ScheduledShiftRow)
        .join(Schedule)
        .where(
            Schedule.status == "published",
            ScheduledShiftRow.person_id.in_(person_ids),
            ScheduledShiftRow.start >= start,
            ScheduledShiftRow.start < end,
        )
        .options(selectinload(ScheduledShiftRow.activities))
        .order_by(ScheduledShiftRow.start)
    )
    found: dict[int, list[ScheduledShift]] = {pid: [] for pid in person_ids}
    for row in rows:
        found[row.person_id].append(_as_shift(row))
    return found


def on_shift(session: Session, person_ids: Sequence[int], now: datetime) -> set[int] | None:
    """Who of ``person_ids`` is working (in a published shift, not on a break) right now.

    None when none of them has any published shift (no shift data: routing ignores shifts).
    """
    shifts = published_shifts(
        session, person_ids=person_ids, start=now - timedelta(hours=16), end=now + timedelta(days=7)
    )
    if not any(shifts.values()):
        return None
    working = set()
    for pid, plans in shifts.items():
        for plan in plans:
            if plan.start <= now < plan.end and any(
                s.value is Activity.WORK and s.start <= now < s.end for s in plan.timeline()
            ):
                working.add(pid)
    return working
