"""The plain shift-coverage problem: how many agents to start on each shift, nobody named.

This is what interval-coverage tools solve: no breaks, no tours, no availability, shifts inside
one day. Handing it around as plain JSON-able data lets other tools be compared with ours on the
same numbers. Two objectives, as such tools define them:
- ``min_abs_difference``: minimise the sum over periods of ``|covered - required|``;
- ``min_required_resources``: minimise the number of shift starts with every period covered.
"""

from __future__ import annotations

import math
import time
from typing import Any

from floorlead.workforce.scheduling.linear import INFINITY, LinearModel
from floorlead.workforce.scheduling.lp_bound import lp_relaxation_bound, solve_integer
from floorlead.workforce.scheduling.model import ScheduleProblem
from floorlead.workforce.scheduling.timeline import DAY_MINUTES, WEEK_DAYS, format_clock

OBJECTIVES = ("min_abs_difference", "min_required_resources")


def plain_coverage_problem(problem: ScheduleProblem) -> dict[str, Any]:
    """Days x periods requirement (all skills summed, rounded up) and each day-shift's coverage.

    Shifts that cross midnight are left out, and so is demand in periods no remaining shift
    covers (set to 0), so that both objectives stay feasible.
    """
    periods = DAY_MINUTES // problem.interval_minutes
    shifts: dict[str, list[int]] = {}
    for template in problem.templates:
        for start in template.start_times:
            if start + template.length_minutes <= DAY_MINUTES:
                first = start // problem.interval_minutes
                last = math.ceil((start + template.length_minutes) / problem.interval_minutes)
                row = [1 if first <= p < last else 0 for p in range(periods)]
                shifts[f"{template.name} {format_clock(start)}"] = row
    totals = [sum(values) for values in zip(*(d.required for d in problem.demand), strict=True)]
    coverable = [any(row[p] for row in shifts.values()) for p in range(periods)]
    required = [
        [
            math.ceil(totals[day * periods + p] - 1e-9) if totals and coverable[p] else 0
            for p in range(periods)
        ]
        for day in range(WEEK_DAYS)
    ]
    headcount = len(problem.agents)
    return {
        "num_days": WEEK_DAYS,
        "periods": periods,
        "interval_minutes": problem.interval_minutes,
        "shifts_coverage": shifts,
        "required_resources": required,
        "max_period_concurrency": headcount,
        "max_shift_concurrency": headcount,
    }


def solve_plain_coverage(
    plain: dict[str, Any], *, time_limit_seconds: float = 60
) -> dict[str, dict[str, Any]]:
    """Solve both objectives with HiGHS; each gets half the time."""
    return {
        objective: _solve(plain, objective, time_limit_seconds / len(OBJECTIVES))
        for objective in OBJECTIVES
    }


def _solve(plain: dict[str, Any], objective: str, seconds: float) -> dict[str, Any]:
    started = time.perf_counter()
    model, starts = _build(plain, exact=objective == "min_abs_difference")
    bound = lp_relaxation_bound(model, time_limit_seconds=seconds / 4).bound
    outcome = solve_integer(model, time_limit_seconds=seconds, gap_tolerance=0.0)
    values = [round(v) for v in outcome.values]
    return {
        "status": "optimal" if outcome.proven_optimal else ("feasible" if values else "none"),
        "objective": outcome.objective if values else None,
        "bound": max(bound, outcome.bound),
        "wall_seconds": round(time.perf_counter() - started, 3),
        "resources_shifts": [
            {"day": day, "shift": name, "resources": values[variable]}
            for (day, name), variable in starts.items()
            if values
        ],
    }


def _build(plain: dict[str, Any], *, exact: bool) -> tuple[LinearModel, dict[tuple[int, str], int]]:
    model = LinearModel()
    coverage: dict[str, list[int]] = plain["shifts_coverage"]
    cap_shift, cap_period = plain["max_shift_concurrency"], plain["max_period_concurrency"]
    starts = {
        (day, name): model.add_variable(0, cap_shift, 0 if exact else 1)
        for day in range(plain["num_days"])
        for name in coverage
    }
    for day, required in enumerate(plain["required_resources"]):
        for period, needed in enumerate(required):
            terms = [(starts[day, name], 1) for name, row in coverage.items() if row[period]]
            model.add_row(terms, -INFINITY, cap_period)
            if exact:
                short = model.add_variable(0, needed, 1)
                excess = model.add_variable(0, cap_period, 1)
                model.add_row([*terms, (short, 1), (excess, -1)], needed, needed)
            else:
                model.add_row(terms, needed, INFINITY)
    return model, starts
