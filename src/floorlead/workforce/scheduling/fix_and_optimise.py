"""Fix-and-optimise by day: re-solve one day's shifts with every other day's shifts held fixed.

Each step frees the shifts starting on one day (who works, on which shift, with which breaks)
and keeps every other day's shifts and breaks as the incumbent has them. HiGHS solves that
model, in effect one day's problem, with the incumbent's objective as a cutoff, so it either
returns a better schedule or proves quickly that the day cannot improve. Because the days
around it are fixed, the weekly rules (days off, rest, contracted hours) hold for every
schedule found. Days are visited worst first (most shortage and excess cost), then in turn,
until every day has failed to improve since the last improvement, or the deadline.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from floorlead.workforce.scheduling.formulation import Formulation
from floorlead.workforce.scheduling.incumbent import Incumbent, improvement_cutoff, incumbent_of
from floorlead.workforce.scheduling.lp_bound import solve_integer

# A day's search stops within 0.5% of the week's objective: the first good improvement is
# taken and the next day tried, which reaches a low objective sooner than solving each day
# tightly (a day that fails has been proven unable to improve, whatever this gap).
DAY_GAP = 5e-3
_SMALLEST_GAIN = 1e-5
_SHORTEST_DAY = 0.5  # seconds: less is not worth starting HiGHS for

Improved = Callable[[int, Incumbent], None]


def reoptimise_days(
    formulation: Formulation,
    start: Incumbent,
    *,
    deadline: float,
    day_seconds: float,
    on_improvement: Improved | None = None,
) -> Incumbent:
    """The best schedule reached from ``start`` by re-solving single days until none improves.

    ``on_improvement(day, incumbent)`` is called after every day that improved the schedule.
    """
    days = _variables_by_day(formulation)
    order = worst_days_first(formulation, start.values, sorted(days))
    best, failures, position = start, 0, 0
    while order and failures < len(order):
        left = deadline - time.perf_counter()
        if left < _SHORTEST_DAY:
            break
        day = order[position % len(order)]
        position += 1
        found = _solve_day(formulation, best, days, day, min(day_seconds, left))
        if found is None:
            failures += 1
            continue
        best, failures = found, 0
        if on_improvement is not None:
            on_improvement(day, best)
    return best


def _solve_day(
    formulation: Formulation,
    incumbent: Incumbent,
    days: dict[int, list[int]],
    day: int,
    seconds: float,
) -> Incumbent | None:
    """A better schedule that differs from ``incumbent`` only on ``day`` (``None`` if none)."""
    model = formulation.model
    fixed = replace(model, lower=list(model.lower), upper=list(model.upper))
    for other, variables in days.items():
        if other != day:
            for variable in variables:
                fixed.lower[variable] = fixed.upper[variable] = incumbent.values[variable]
    outcome = solve_integer(
        fixed,
        time_limit_seconds=seconds,
        gap_tolerance=DAY_GAP,
        cutoff=improvement_cutoff(incumbent, _SMALLEST_GAIN),
    )
    found = incumbent_of(formulation, outcome.values, bound=incumbent.bound)
    return found if found.objective < incumbent.objective else None


def _variables_by_day(formulation: Formulation) -> dict[int, list[int]]:
    """The variables of the shifts starting on each day: who works them, how many, breaks."""
    candidates = formulation.catalogue.candidates
    days: dict[int, list[int]] = defaultdict(list)
    for (_, index), variable in formulation.assign.items():
        days[candidates[index].day].append(variable)
    for index, variable in formulation.staffed.items():
        days[candidates[index].day].append(variable)
    for (index, _, _), variable in formulation.breaks.items():
        days[candidates[index].day].append(variable)
    return dict(days)


def worst_days_first(
    formulation: Formulation, values: tuple[int, ...], days: list[int]
) -> list[int]:
    """``days`` ordered by the cost of shortage and excess in the intervals that the shifts
    starting on each day can cover (a night shift's reach runs into the next morning)."""
    catalogue = formulation.catalogue
    width = catalogue.problem.interval_minutes
    reach: dict[int, set[int]] = defaultdict(set)
    for candidate in catalogue.candidates:
        reach[candidate.day].update(candidate.work_minutes(width))
    slack_cost: dict[int, float] = defaultdict(float)
    for slack in (formulation.under, formulation.over):
        for (_, interval), variable in slack.items():
            slack_cost[interval] += formulation.model.costs[variable] * values[variable]
    cost = {day: sum(slack_cost[interval] for interval in reach[day]) for day in days}
    return sorted(days, key=lambda day: -cost[day])
