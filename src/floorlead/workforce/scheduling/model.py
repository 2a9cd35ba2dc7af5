"""The inputs of schedule optimisation as frozen values, each checked when it is built.

Times inside templates are minutes relative to the shift start; times of day are minutes after
midnight; weekdays are 0 = Monday ... 6 = Sunday; anything absolute is minutes since the week start
(see ``timeline``). Required staffing is given in agents per interval and per skill.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from floorlead.workforce.scheduling.errors import ScheduleInputError
from floorlead.workforce.scheduling.timeline import (
    DAY_MINUTES,
    WEEK_DAYS,
    WEEK_MINUTES,
    MinuteSet,
    at_minute,
    day_of_weekday,
)

SUPPORTED_INTERVALS = (15, 30, 60)
ANY_SKILL = ""
ALL_WEEKDAYS = frozenset(range(WEEK_DAYS))


def _require(condition: bool, message: str, field_name: str) -> None:
    if not condition:
        raise ScheduleInputError(f"{field_name}: {message}", field=field_name)


@dataclass(frozen=True)
class WeeklyWindow:
    """A recurring window on a weekday; ``end_minute`` past 24:00 runs into the next day."""

    weekday: int
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        _require(0 <= self.weekday < WEEK_DAYS, "weekday must be 0 (Mon) to 6 (Sun)", "weekday")
        _require(0 <= self.start_minute < DAY_MINUTES, "start must be within the day", "window")
        _require(
            self.start_minute < self.end_minute <= self.start_minute + DAY_MINUTES,
            "end must come after start and at most 24 hours later",
            "window",
        )


ALL_WEEK = tuple(WeeklyWindow(day, 0, DAY_MINUTES) for day in range(WEEK_DAYS))


@dataclass(frozen=True)
class BreakRule:
    """A break or lunch that starts between two offsets from the shift start."""

    name: str
    length_minutes: int
    paid: bool
    earliest_start: int
    latest_start: int


@dataclass(frozen=True)
class ShiftTemplate:
    """A shift shape: its length, the times it may start, its breaks, the skill it covers."""

    name: str
    length_minutes: int
    start_times: tuple[int, ...]
    breaks: tuple[BreakRule, ...] = ()
    weekdays: frozenset[int] = ALL_WEEKDAYS
    break_step_minutes: int = 15
    skill: str = ANY_SKILL

    def __post_init__(self) -> None:
        where = f"templates[{self.name}]"
        _require(bool(self.name.strip()), "a template needs a name", "templates.name")
        _require(
            0 < self.length_minutes <= DAY_MINUTES, "length must be 1 minute to 24 hours", where
        )
        _require(bool(self.start_times), "at least one start time is needed", where)
        _require(
            all(0 <= start < DAY_MINUTES for start in self.start_times),
            "start times must be within the day (00:00 to 23:59)",
            f"{where}.starts",
        )
        _require(bool(self.weekdays), "at least one weekday is needed", f"{where}.days")
        _require(self.break_step_minutes > 0, "break_step must be positive", where)
        for number, rule in enumerate(self.breaks):
            _check_break(rule, self, f"{where}.breaks[{number}]")
        for number, (before, after) in enumerate(zip(self.breaks, self.breaks[1:], strict=False)):
            _require(
                after.latest_start >= before.earliest_start + before.length_minutes,
                f"{after.name!r} can never start after {before.name!r} ends",
                f"{where}.breaks[{number + 1}].window",
            )

    @property
    def unpaid_minutes(self) -> int:
        return sum(rule.length_minutes for rule in self.breaks if not rule.paid)

    @property
    def paid_minutes(self) -> int:
        return self.length_minutes - self.unpaid_minutes

    def break_offsets(self, rule: BreakRule) -> tuple[int, ...]:
        return tuple(range(rule.earliest_start, rule.latest_start + 1, self.break_step_minutes))


def _check_break(rule: BreakRule, template: ShiftTemplate, where: str) -> None:
    _require(rule.length_minutes > 0, "a break needs a positive length", f"{where}.length")
    _require(rule.earliest_start >= 0, "the window cannot open before the shift", f"{where}.window")
    _require(rule.earliest_start <= rule.latest_start, "the window closes before it opens", where)
    _require(
        rule.latest_start + rule.length_minutes <= template.length_minutes,
        f"a {rule.length_minutes}-minute break starting as late as {rule.latest_start} minutes "
        f"in would end after the {template.length_minutes}-minute shift",
        f"{where}.window",
    )


@dataclass(frozen=True)
class TourRules:
    """Weekly rules every agent's tour must meet (hard constraints)."""

    min_days_off: int = 0
    consecutive_days_off: int = 0
    max_consecutive_work_days: int = WEEK_DAYS
    min_rest_minutes: int = 11 * 60

    def __post_init__(self) -> None:
        for name in ("min_days_off", "consecutive_days_off"):
            value = getattr(self, name)
            _require(0 <= value <= WEEK_DAYS, f"{value} is not between 0 and 7", f"rules.{name}")
        _require(
            0 <= self.max_consecutive_work_days <= WEEK_DAYS,
            f"{self.max_consecutive_work_days} is not between 0 and 7",
            "rules.max_consecutive_work_days",
        )
        _require(self.min_rest_minutes >= 0, "cannot be negative", "rules.min_rest_hours")

    @property
    def max_work_days(self) -> int:
        """The most days any tour can work under the days-off rules (the week repeats)."""
        by_days_off = WEEK_DAYS - max(self.min_days_off, self.consecutive_days_off)
        run = self.max_consecutive_work_days
        by_runs = WEEK_DAYS if run >= WEEK_DAYS else WEEK_DAYS - -(-WEEK_DAYS // (run + 1))
        return min(by_days_off, by_runs)


@dataclass(frozen=True)
class ObjectiveWeights:
    """Prices of the objective terms, in the same currency as agents' hourly costs."""

    under_per_agent_hour: float = 2000.0
    over_per_agent_hour: float = 10.0
    preference_per_shift: float = 5.0

    def __post_init__(self) -> None:
        for name in ("under_per_agent_hour", "over_per_agent_hour", "preference_per_shift"):
            _require(getattr(self, name) >= 0, "cannot be negative", f"objective.{name}")


@dataclass(frozen=True)
class Agent:
    """A person to schedule, with availability, contracted hours, cost, skills and preferences."""

    id: str
    name: str
    min_hours: float
    max_hours: float
    hourly_cost: float = 0.0
    availability: tuple[WeeklyWindow, ...] = ALL_WEEK
    skills: frozenset[str] = frozenset()
    preferred_start: tuple[int, int] | None = None
    templates: frozenset[str] | None = None
    time_off: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        where = f"agents[{self.id}]"
        _require(bool(self.id.strip()), "an agent needs an id", "agents.id")
        _require(self.min_hours >= 0, "cannot be negative", f"{where}.min_hours")
        _require(
            self.min_hours <= self.max_hours,
            f"min_hours {self.min_hours} is above max_hours {self.max_hours}",
            f"{where}.max_hours",
        )
        _require(
            self.max_hours <= WEEK_MINUTES / 60, "more hours than a week", f"{where}.max_hours"
        )
        _require(self.hourly_cost >= 0, "cannot be negative", f"{where}.hourly_cost")
        if self.preferred_start is not None:
            first, last = self.preferred_start
            _require(0 <= first <= last < DAY_MINUTES, "not a window", f"{where}.preferred_start")
        for start, end in self.time_off:
            _require(start < end, "time off must end after it starts", f"{where}.time_off")

    @property
    def min_minutes(self) -> int:
        return round(self.min_hours * 60)

    @property
    def max_minutes(self) -> int:
        return round(self.max_hours * 60)

    def can_take(self, template: ShiftTemplate) -> bool:
        allowed = self.templates is None or template.name in self.templates
        return allowed and (template.skill == ANY_SKILL or template.skill in self.skills)

    def prefers_start(self, minute_of_day: int) -> bool:
        if self.preferred_start is None:
            return True
        first, last = self.preferred_start
        return first <= minute_of_day <= last


@dataclass(frozen=True)
class SkillDemand:
    """Agents required in every interval of the week for one skill (``""`` = any agent)."""

    skill: str
    required: tuple[float, ...]

    def __post_init__(self) -> None:
        for index, value in enumerate(self.required):
            _require(
                value >= 0,
                f"required must not be negative (got {value} in interval {index})",
                f"requirements[{self.skill or 'any'}].required",
            )


@dataclass(frozen=True)
class ScheduleProblem:
    """Everything the optimiser needs for one week."""

    week_start: datetime
    interval_minutes: int
    demand: tuple[SkillDemand, ...]
    templates: tuple[ShiftTemplate, ...]
    agents: tuple[Agent, ...]
    rules: TourRules = field(default_factory=TourRules)
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    opening_hours: tuple[WeeklyWindow, ...] = ALL_WEEK

    def __post_init__(self) -> None:
        start = self.week_start
        _require(
            (start.hour, start.minute, start.second, start.microsecond) == (0, 0, 0, 0),
            "the week must start at midnight",
            "week_start",
        )
        _require(
            self.interval_minutes in SUPPORTED_INTERVALS,
            f"{self.interval_minutes} is not one of 15, 30, 60",
            "interval_minutes",
        )
        _check_collection(self)

    @property
    def interval_count(self) -> int:
        return WEEK_MINUTES // self.interval_minutes

    def template(self, name: str) -> ShiftTemplate:
        for template in self.templates:
            if template.name == name:
                return template
        raise ScheduleInputError(f"no shift template named {name!r}", field="template")

    def agent(self, agent_id: str) -> Agent:
        for agent in self.agents:
            if agent.id == agent_id:
                return agent
        raise ScheduleInputError(f"no agent with id {agent_id!r}", field="agent")


def _check_collection(problem: ScheduleProblem) -> None:
    names = [template.name for template in problem.templates]
    _require(bool(names), "at least one shift template is needed", "templates")
    _require(len(set(names)) == len(names), "template names must be unique", "templates.name")
    ids = [agent.id for agent in problem.agents]
    _require(len(set(ids)) == len(ids), "agent ids must be unique", "agents.id")
    for agent in problem.agents:
        unknown = (agent.templates or frozenset()) - set(names)
        _require(
            not unknown, f"unknown templates {sorted(unknown)}", f"agents[{agent.id}].templates"
        )
    skills = [demand.skill for demand in problem.demand]
    _require(len(set(skills)) == len(skills), "one demand curve per skill", "requirements.skill")
    for demand in problem.demand:
        _require(
            len(demand.required) == problem.interval_count,
            f"{len(demand.required)} intervals given, the week has {problem.interval_count}",
            "requirements",
        )
    uncovered = set(skills) - {template.skill for template in problem.templates}
    _require(not uncovered, f"no template covers skills {sorted(uncovered)}", "requirements.skill")
    _check_demand_inside_opening_hours(problem)


def _check_demand_inside_opening_hours(problem: ScheduleProblem) -> None:
    opening = weekly_minutes(problem.opening_hours, problem.week_start)
    width = problem.interval_minutes
    for demand in problem.demand:
        for index, value in enumerate(demand.required):
            if value > 0 and not opening.overlaps_span(index * width, (index + 1) * width):
                moment = at_minute(problem.week_start, index * width)
                _require(
                    False,
                    f"{value} agents required at {moment.isoformat()} but the centre is closed",
                    f"requirements[{demand.skill or 'any'}].required",
                )


def weekly_minutes(windows: tuple[WeeklyWindow, ...], week_start: datetime) -> MinuteSet:
    """The week minutes covered by recurring weekday windows."""
    spans = []
    for window in windows:
        day_start = day_of_weekday(week_start, window.weekday) * DAY_MINUTES
        spans.append((day_start + window.start_minute, day_start + window.end_minute))
    return MinuteSet.of(spans)


def available_minutes(agent: Agent, week_start: datetime) -> MinuteSet:
    """When the agent may work: weekly availability less time off."""
    return weekly_minutes(agent.availability, week_start).minus(MinuteSet.of(agent.time_off))
