"""The outputs of schedule optimisation: schedules, coverage, objective, bounds and violations.

Datetimes are the week start plus wall-clock minutes: naive when the week start is naive, in
the week start's time zone when it is aware. A shift that runs past the week end keeps its real
end (the next week's first day); its coverage counts against the same week's first day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScheduledBreak:
    name: str
    start: datetime
    end: datetime
    paid: bool


@dataclass(frozen=True)
class ScheduledShift:
    """One agent's shift: the template it follows and its placed breaks."""

    agent_id: str
    template: str
    start: datetime
    end: datetime
    breaks: tuple[ScheduledBreak, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """All shifts of the week, ordered by agent then start."""

    shifts: tuple[ScheduledShift, ...]

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.shifts, key=lambda shift: (shift.agent_id, shift.start)))
        object.__setattr__(self, "shifts", ordered)

    def for_agent(self, agent_id: str) -> tuple[ScheduledShift, ...]:
        return tuple(shift for shift in self.shifts if shift.agent_id == agent_id)


@dataclass(frozen=True)
class CoverageRow:
    """Required and scheduled agents (on average over the interval) for one skill."""

    interval_start: datetime
    skill: str
    required: float
    scheduled: float

    @property
    def under(self) -> float:
        return max(0.0, self.required - self.scheduled)

    @property
    def over(self) -> float:
        return max(0.0, self.scheduled - self.required)


@dataclass(frozen=True)
class ObjectiveBreakdown:
    """The objective's terms; ``points`` is the exact integer the solver minimises."""

    under_agent_hours: float
    over_agent_hours: float
    wage_cost: float
    preference_penalty: float
    total: float
    points: int


@dataclass(frozen=True)
class Violation:
    """A broken rule: which agent (if any), the rule's name and what is wrong."""

    agent_id: str | None
    rule: str
    message: str


@dataclass(frozen=True)
class SearchStep:
    """A step of the search: when it ended (seconds from the start) and the best objective then
    (for the LP bound step, the bound itself; infinite while no schedule is known)."""

    phase: str
    seconds: float
    objective: float


@dataclass(frozen=True)
class ScheduleResult:
    """A schedule with its coverage, objective and distance from the lower bounds."""

    schedule: Schedule
    coverage: tuple[CoverageRow, ...]
    objective: ObjectiveBreakdown
    lp_bound: float
    solver_bound: float
    status: str
    wall_seconds: float
    steps: tuple[SearchStep, ...] = ()

    @property
    def lower_bound(self) -> float:
        """The best proven lower bound: the LP relaxation's or the solver's, whichever is higher."""
        return max(self.lp_bound, self.solver_bound)

    @property
    def gap(self) -> float:
        return relative_gap(self.objective.total, self.lower_bound)

    @property
    def lp_gap(self) -> float:
        return relative_gap(self.objective.total, self.lp_bound)


def relative_gap(objective: float, bound: float) -> float:
    """``(objective - bound) / objective``, 0 when both are 0, infinite without a bound."""
    if math.isinf(bound):
        return math.inf
    if objective <= 0:
        return 0.0 if bound >= objective - 1e-9 else math.inf
    return max(0.0, (objective - bound) / objective)
