"""From a team's staffing requirement to an optimised, stored schedule.

The requirement (agents to schedule per UTC interval) becomes the optimiser's demand on the
team's wall clock; the team's agents become ``Agent`` values (contracted hours, hourly cost,
skills, always available except booked time off); shift templates come from the caller or
are drawn from the hours the requirement spans. The result is stored as a draft with
``schedules.save_schedule``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from floorlead.errors import RuleViolation
from floorlead.workforce.schedules import ACTIVITY_KINDS, PlannedShift, ScheduleQuality
from floorlead.workforce.scheduling import (
    ALL_WEEK,
    Agent,
    BreakRule,
    Schedule,
    ScheduleProblem,
    ScheduleResult,
    ShiftTemplate,
    SkillDemand,
    TourRules,
)
from floorlead.workforce.scheduling.timeline import DAY_MINUTES, WEEK_MINUTES, minute_of

FULL_DAY = ShiftTemplate(
    name="full day",
    length_minutes=510,
    start_times=(480,),
    breaks=(
        BreakRule("break", 15, paid=True, earliest_start=90, latest_start=150),
        BreakRule("lunch", 30, paid=False, earliest_start=210, latest_start=300),
        BreakRule("break", 15, paid=True, earliest_start=330, latest_start=390),
    ),
)
HALF_DAY = ShiftTemplate(
    name="half day",
    length_minutes=240,
    start_times=(480,),
    breaks=(BreakRule("break", 15, paid=True, earliest_start=90, latest_start=150),),
)
WORKING_DAYS = 5


@dataclass(frozen=True)
class ScheduleSettings:
    """How to build the week: contracted hours (every agent), rules, templates, time limit.

    Without ``templates`` a full day and a half day are drawn from the requirement's hours."""

    time_limit_seconds: float = 20.0
    min_hours: float = 30.0
    max_hours: float = 40.0
    min_days_off: int = 2
    min_rest_hours: float = 11.0
    templates: tuple[ShiftTemplate, ...] | None = None
    tour_rules: TourRules | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.time_limit_seconds <= 600:
            raise RuleViolation(
                "time_limit_seconds must be between 1 and 600", field="time_limit_seconds"
            )
        if not 0 <= self.min_hours <= self.max_hours <= 7 * 24:
            raise RuleViolation(
                "contracted hours need 0 <= min_hours <= max_hours <= 168", field="min_hours"
            )
        if not 0 <= self.min_days_off <= 7:
            raise RuleViolation("min_days_off must be between 0 and 7", field="min_days_off")
        if self.min_rest_hours < 0:
            raise RuleViolation("min_rest_hours cannot be negative", field="min_rest_hours")

    def rules(self) -> TourRules:
        """``tour_rules`` when given (from a shifts file), else days off and rest as set."""
        if self.tour_rules is not None:
            return self.tour_rules
        return TourRules(
            min_days_off=self.min_days_off, min_rest_minutes=round(self.min_rest_hours * 60)
        )


@dataclass(frozen=True)
class TeamMember:
    """A person to schedule, as the optimiser needs them."""

    person_id: int
    name: str
    hourly_cost: float
    skills: frozenset[str]
    time_off: tuple[tuple[datetime, datetime], ...] = ()


def wall_demand(
    interval_starts: pd.DatetimeIndex, scheduled: Sequence[float], week_start: datetime
) -> tuple[float, ...]:
    """Agents per wall-clock interval of the week (from UTC intervals; the larger of two
    intervals that share a wall-clock time when the clocks go back)."""
    width = _interval_minutes(interval_starts)
    demand = np.zeros(WEEK_MINUTES // width)
    for stamp, value in zip(interval_starts, scheduled, strict=True):
        slot = minute_of(week_start, stamp.to_pydatetime()) // width
        if 0 <= slot < demand.size:
            demand[slot] = max(demand[slot], float(value))
    return tuple(float(value) for value in demand)


def _interval_minutes(interval_starts: pd.DatetimeIndex) -> int:
    if len(interval_starts) < 2:
        raise RuleViolation("a week of intervals is needed", field="requirements")
    return int((interval_starts[1] - interval_starts[0]).total_seconds() // 60)


def templates_for(demand: Sequence[float], interval_minutes: int) -> tuple[ShiftTemplate, ...]:
    """A full day (8 h 30 with two paid breaks and an unpaid lunch) and a half day (4 h with a
    break), starting every 30 minutes from the earliest required interval of any day to the
    latest start that ends by the last one."""
    busy = [index for index, value in enumerate(demand) if value > 0]
    if not busy:
        raise RuleViolation("the requirement needs no agents this week", field="requirements")
    minutes = [(index * interval_minutes) % DAY_MINUTES for index in busy]
    first, last_end = min(minutes), max(minutes) + interval_minutes
    step = max(interval_minutes, 30)
    shaped = []
    for template in (FULL_DAY, HALF_DAY):
        latest = max(first, last_end - template.length_minutes)
        starts = tuple(range(first, min(latest, DAY_MINUTES - 1) + 1, step))
        shaped.append(
            ShiftTemplate(
                name=template.name,
                length_minutes=template.length_minutes,
                start_times=starts,
                breaks=template.breaks,
            )
        )
    return tuple(shaped)


def schedule_problem(
    members: Sequence[TeamMember],
    demand: tuple[float, ...],
    *,
    week_start: datetime,
    interval_minutes: int,
    settings: ScheduleSettings,
) -> ScheduleProblem:
    """The optimiser's problem: one demand curve for any agent, the team's agents, the rules."""
    if not members:
        raise RuleViolation("the team has no agents to schedule", field="team_id")
    templates = settings.templates or templates_for(demand, interval_minutes)
    return ScheduleProblem(
        week_start=week_start,
        interval_minutes=interval_minutes,
        demand=(SkillDemand("", demand),),
        templates=templates,
        agents=tuple(_agent(member, week_start, settings) for member in members),
        rules=settings.rules(),
        opening_hours=ALL_WEEK,
    )


def _agent(member: TeamMember, week_start: datetime, settings: ScheduleSettings) -> Agent:
    off = tuple(
        (max(minute_of(week_start, start), 0), min(minute_of(week_start, end), WEEK_MINUTES))
        for start, end in member.time_off
    )
    lost_days = len(_days_touched(off))
    share = max(WORKING_DAYS - lost_days, 0) / WORKING_DAYS
    return Agent(
        id=str(member.person_id),
        name=member.name,
        min_hours=settings.min_hours * share,
        max_hours=settings.max_hours,
        hourly_cost=member.hourly_cost,
        availability=ALL_WEEK,
        skills=member.skills,
        time_off=tuple(span for span in off if span[0] < span[1]),
    )


def _days_touched(spans: Sequence[tuple[int, int]]) -> set[int]:
    days: set[int] = set()
    for start, end in spans:
        if start < end:
            days.update(range(start // DAY_MINUTES, (end - 1) // DAY_MINUTES + 1))
    return days


def planned_shifts(schedule: Schedule) -> list[PlannedShift]:
    """The optimiser's shifts as rows to store: UTC times, breaks as break or lunch."""
    planned = []
    for shift in schedule.shifts:
        activities = tuple(
            (_activity(rest.name, paid=rest.paid), _utc(rest.start), _utc(rest.end))
            for rest in shift.breaks
        )
        planned.append(
            PlannedShift(int(shift.agent_id), _utc(shift.start), _utc(shift.end), activities)
        )
    return planned


def _activity(name: str, *, paid: bool) -> str:
    if name in ACTIVITY_KINDS:
        return name
    return "break" if paid else "lunch"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def schedule_quality(result: ScheduleResult) -> ScheduleQuality:
    """The figures stored with a schedule; a bound nothing proved is stored as 0 (gap 100%)."""
    bound = result.lower_bound
    known = bool(np.isfinite(bound))
    gap = result.gap if np.isfinite(result.gap) else 1.0
    return ScheduleQuality(
        objective=result.objective.total,
        lower_bound=max(bound, 0.0) if known else 0.0,
        gap=gap if known else 1.0,
        under_coverage=result.objective.under_agent_hours,
        over_coverage=result.objective.over_agent_hours,
        cost=result.objective.wage_cost,
    )


def active_in_week(hire: date, leave: date | None, first_day: date) -> bool:
    """Whether someone hired on ``hire`` and leaving on ``leave`` works in the week."""
    last_day = first_day + timedelta(days=6)
    return hire <= last_day and (leave is None or leave > first_day)
