"""Coverage and objective of any schedule, computed from the shifts alone (not from a solver)."""

from __future__ import annotations

from floorlead.workforce.scheduling.model import ScheduleProblem
from floorlead.workforce.scheduling.objective import (
    over_points,
    preference_points,
    required_minutes,
    to_currency,
    under_points,
    wage_points,
)
from floorlead.workforce.scheduling.results import (
    CoverageRow,
    ObjectiveBreakdown,
    Schedule,
    ScheduledShift,
)
from floorlead.workforce.scheduling.timeline import (
    DAY_MINUTES,
    at_minute,
    minute_of,
    minutes_per_interval,
)


def working_minutes(problem: ScheduleProblem, schedule: Schedule) -> dict[str, list[int]]:
    """Agent-minutes on shift and not on a break, per skill and interval of the week."""
    width = problem.interval_minutes
    totals = {skill: [0] * problem.interval_count for skill in required_minutes(problem)}
    for shift in schedule.shifts:
        skill = problem.template(shift.template).skill
        for interval, minutes in _shift_minutes(problem, shift).items():
            totals[skill][interval] += minutes
        for rest in shift.breaks:
            start = minute_of(problem.week_start, rest.start)
            length = minute_of(rest.start, rest.end)
            for interval, minutes in minutes_per_interval(start, length, width).items():
                totals[skill][interval] -= minutes
    return totals


def _shift_minutes(problem: ScheduleProblem, shift: ScheduledShift) -> dict[int, int]:
    start = minute_of(problem.week_start, shift.start)
    length = minute_of(shift.start, shift.end)
    return minutes_per_interval(start, length, problem.interval_minutes)


def coverage(problem: ScheduleProblem, schedule: Schedule) -> tuple[CoverageRow, ...]:
    """Required against scheduled agents for every skill and interval of the week."""
    width = problem.interval_minutes
    demand = {item.skill: item.required for item in problem.demand}
    rows = []
    for skill, minutes in working_minutes(problem, schedule).items():
        required = demand.get(skill, (0.0,) * problem.interval_count)
        for interval, worked in enumerate(minutes):
            rows.append(
                CoverageRow(
                    interval_start=at_minute(problem.week_start, interval * width),
                    skill=skill,
                    required=float(required[interval]),
                    scheduled=worked / width,
                )
            )
    return tuple(rows)


def evaluate(problem: ScheduleProblem, schedule: Schedule) -> ObjectiveBreakdown:
    """The objective of a schedule with each of its terms."""
    under = over = 0
    required = required_minutes(problem)
    for skill, minutes in working_minutes(problem, schedule).items():
        for needed, worked in zip(required[skill], minutes, strict=True):
            under += max(0, needed - worked)
            over += max(0, worked - needed)
    wages = preferences = 0
    for shift in schedule.shifts:
        agent, template = problem.agent(shift.agent_id), problem.template(shift.template)
        wages += wage_points(agent, template)
        start_of_day = minute_of(problem.week_start, shift.start) % DAY_MINUTES
        preferences += preference_points(agent, start_of_day, problem.weights)
    points = (
        under * under_points(problem.weights)
        + over * over_points(problem.weights)
        + wages
        + preferences
    )
    return ObjectiveBreakdown(
        under_agent_hours=under / 60,
        over_agent_hours=over / 60,
        wage_cost=to_currency(wages),
        preference_penalty=to_currency(preferences),
        total=to_currency(points),
        points=points,
    )
