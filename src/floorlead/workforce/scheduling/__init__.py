"""Weekly schedule optimisation: agents, shifts with breaks, tours and coverage, as pure functions.

The public surface other areas use: build a ``ScheduleProblem`` (or read one with ``io``), call
``solve_schedule``, check any schedule with ``check_schedule``, edit it with ``swap_shifts`` and
``add_time_off``, and recompute ``coverage``.
"""

from floorlead.workforce.scheduling.editing import add_time_off, swap_shifts
from floorlead.workforce.scheduling.errors import (
    InfeasibleRules,
    ScheduleInputError,
    ScheduleNotFound,
)
from floorlead.workforce.scheduling.evaluation import coverage, evaluate
from floorlead.workforce.scheduling.model import (
    ALL_WEEK,
    ANY_SKILL,
    Agent,
    BreakRule,
    ObjectiveWeights,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    WeeklyWindow,
)
from floorlead.workforce.scheduling.plain import plain_coverage_problem, solve_plain_coverage
from floorlead.workforce.scheduling.results import (
    CoverageRow,
    ObjectiveBreakdown,
    Schedule,
    ScheduledBreak,
    ScheduledShift,
    ScheduleResult,
    SearchStep,
    Violation,
)
from floorlead.workforce.scheduling.solver import solve_schedule
from floorlead.workforce.scheduling.validation import check_schedule

__all__ = [
    "ALL_WEEK",
    "ANY_SKILL",
    "Agent",
    "BreakRule",
    "CoverageRow",
    "InfeasibleRules",
    "ObjectiveBreakdown",
    "ObjectiveWeights",
    "Schedule",
    "ScheduleInputError",
    "ScheduleNotFound",
    "ScheduleProblem",
    "ScheduleResult",
    "ScheduledBreak",
    "ScheduledShift",
    "SearchStep",
    "ShiftTemplate",
    "SkillDemand",
    "TourRules",
    "Violation",
    "WeeklyWindow",
    "add_time_off",
    "check_schedule",
    "coverage",
    "evaluate",
    "plain_coverage_problem",
    "solve_plain_coverage",
    "solve_schedule",
    "swap_shifts",
]
