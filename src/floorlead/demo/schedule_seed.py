"""Published weekly schedules and booked leave, from the rota of the simulated floor.

Each support team gets one schedule per week of the window (and the current week, which runs
on past the end): its agents' shifts with breaks and lunch, the staffing requirement it was
planned against (see :mod:`floorlead.demo.demand`) and how well it covers it. The team's
supervisor saves it and publishes it on the Thursday before the week. Weeks of annual leave
are booked as time off three weeks ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy.orm import Session

from floorlead.demo.demand import (
    INTERVAL_MINUTES,
    WeekRequirement,
    expected_arrivals,
    team_shares,
    week_requirement,
    week_start,
)
from floorlead.demo.rota_plan import Rota, RotaShift
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.workforce.schedules import (
    PlannedShift,
    ScheduleQuality,
    add_time_off,
    publish_schedule,
    save_schedule,
)
from floorlead.workforce.scheduling import ObjectiveWeights

PUBLISH_DAYS_BEFORE = 4  # Thursday before the week
LEAVE_BOOKED_DAYS_BEFORE = 21
WEIGHTS = ObjectiveWeights()


def publish_schedules(context: SeedContext, session: Session, rota: Rota) -> int:
    """Save and publish every team's week; returns how many schedules were stored."""
    rates = expected_arrivals(context.simulation)
    shares = team_shares(context.simulation)
    stored = 0
    for monday in rota.mondays:
        published = context.before_end(
            local_moment(monday - timedelta(days=PUBLISH_DAYS_BEFORE), 15)
        )
        for team in context.org.support_teams:
            supervisor = context.actor(session, context.supervisor(team.id).id)
            requirement = week_requirement(context.simulation, rates, shares[team.id], monday)
            shifts = rota.week(team.id, monday)
            schedule = save_schedule(
                session,
                actor=supervisor,
                team_id=team.id,
                week_start=week_start(monday),
                interval_minutes=INTERVAL_MINUTES,
                shifts=[planned(s) for s in shifts],
                requirements=list(
                    zip(requirement.interval_starts, requirement.scheduled, strict=True)
                ),
                quality=quality(context, shifts, requirement),
                now=published - timedelta(hours=1),
            )
            publish_schedule(session, actor=supervisor, schedule_id=schedule.id, now=published)
            stored += 1
    return stored


def planned(rota_shift: RotaShift) -> PlannedShift:
    shift = rota_shift.shift
    return PlannedShift(
        person_id=shift.person_id,
        start=shift.start,
        end=shift.end,
        activities=tuple((rest.name, rest.start, rest.end) for rest in shift.breaks),
    )


def quality(
    context: SeedContext, shifts: Sequence[RotaShift], requirement: WeekRequirement
) -> ScheduleQuality:
    """Under- and over-coverage in agent-hours, wages, and the optimiser's price of both."""
    if not requirement.interval_starts:
        return ScheduleQuality()
    scheduled = working_agents(shifts, requirement.interval_starts)
    required = np.asarray(requirement.scheduled)
    hours = INTERVAL_MINUTES / 60
    under = float(np.maximum(required - scheduled, 0).sum()) * hours
    over = float(np.maximum(scheduled - required, 0).sum()) * hours
    wages = sum(
        _paid_hours(s) * float(context.org.by_id[s.shift.person_id].hourly_cost) for s in shifts
    )
    objective = under * WEIGHTS.under_per_agent_hour + over * WEIGHTS.over_per_agent_hour + wages
    # Rostered by pattern, not by the optimiser: no lower bound is proved (gap 100%).
    return ScheduleQuality(objective, 0.0, 1.0, under, over, wages)


def working_agents(shifts: Sequence[RotaShift], starts: Sequence[datetime]) -> np.ndarray:
    """Agents working (on shift, not on a break) in each interval, in fractions."""
    origin = starts[0]
    minutes = np.zeros(len(starts) * INTERVAL_MINUTES + 1)
    for rota_shift in shifts:
        shift = rota_shift.shift
        _add(minutes, origin, shift.start, shift.end, 1)
        for rest in shift.breaks:
            _add(minutes, origin, rest.start, rest.end, -1)
    per_minute = np.cumsum(minutes)[:-1]
    return per_minute.reshape(len(starts), INTERVAL_MINUTES).mean(axis=1)


def _add(minutes: np.ndarray, origin: datetime, start: datetime, end: datetime, sign: int) -> None:
    first = int((start - origin).total_seconds() // 60)
    last = int((end - origin).total_seconds() // 60)
    first, last = min(max(first, 0), len(minutes) - 1), min(max(last, 0), len(minutes) - 1)
    minutes[first] += sign
    minutes[last] -= sign


def _paid_hours(rota_shift: RotaShift) -> float:
    shift = rota_shift.shift
    unpaid = sum((r.end - r.start).total_seconds() for r in shift.breaks if not r.paid)
    return ((shift.end - shift.start).total_seconds() - unpaid) / 3600


def book_leave(context: SeedContext, session: Session, rota: Rota) -> int:
    """Each week of annual leave, booked by the supervisor three weeks ahead."""
    for booking in rota.leave:
        supervisor = context.actor(session, context.supervisor(booking.team_id).id)
        booked = context.before_end(
            local_moment(booking.first_day - timedelta(days=LEAVE_BOOKED_DAYS_BEFORE), 11),
            margin=timedelta(days=1),
        )
        add_time_off(
            session,
            actor=supervisor,
            person_id=booking.person_id,
            start=local_moment(booking.first_day, 0),
            end=local_moment(booking.last_day + timedelta(days=1), 0),
            reason="vacation",
            note=f"Annual leave, {_span(booking.first_day, booking.last_day)}",
            now=booked,
        )
    return len(rota.leave)


def _span(first: date, last: date) -> str:
    return f"{first:%d %b} to {last:%d %b %Y}"
