"""HiGHS on a ``LinearModel``: the LP relaxation (a lower bound) or the integer model itself.

HiGHS is reached through SciPy's build of it (``scipy.optimize.milp``): the ``highspy`` wheel
and OR-Tools' wheel each ship a different HiGHS and cannot be loaded into one process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from floorlead.workforce.scheduling.linear import LinearModel

_OPTIMAL = 0
_INFEASIBLE = 2


@dataclass(frozen=True)
class HighsOutcome:
    """What HiGHS reported: ``bound`` is a proven lower bound (``-inf`` when none is known)."""

    proven_optimal: bool
    objective: float
    bound: float
    values: tuple[float, ...]
    infeasible: bool = False


def lp_relaxation_bound(model: LinearModel, *, time_limit_seconds: float) -> HighsOutcome:
    """Solve the model with every variable continuous; its optimum bounds the integer optimum."""
    return _run(model, integral=False, time_limit_seconds=time_limit_seconds)


def solve_integer(
    model: LinearModel, *, time_limit_seconds: float, gap_tolerance: float = 1e-4
) -> HighsOutcome:
    """Branch and bound with HiGHS; returns the incumbent and the dual bound at the limit."""
    return _run(
        model, integral=True, time_limit_seconds=time_limit_seconds, gap_tolerance=gap_tolerance
    )


def _run(
    model: LinearModel, *, integral: bool, time_limit_seconds: float, gap_tolerance: float = 0.0
) -> HighsOutcome:
    costs = np.asarray(model.costs, dtype=float)
    constraints = []
    if model.row_count:
        constraints.append(
            LinearConstraint(
                model.matrix(),
                np.asarray(model.row_lower, dtype=float),
                np.asarray(model.row_upper, dtype=float),
            )
        )
    result = milp(
        costs,
        constraints=constraints,
        bounds=Bounds(np.asarray(model.lower, dtype=float), np.asarray(model.upper, dtype=float)),
        integrality=np.full(model.variable_count, 1 if integral else 0),
        options={
            "time_limit": max(time_limit_seconds, 0.1),
            "presolve": True,
            "mip_rel_gap": gap_tolerance,
        },
    )
    values = tuple(float(v) for v in result.x) if result.x is not None else ()
    objective = float(result.fun) if result.fun is not None else math.inf
    optimal = result.status == _OPTIMAL
    bound = objective if optimal else -math.inf
    dual = getattr(result, "mip_dual_bound", None)
    if integral and dual is not None and math.isfinite(float(dual)):
        bound = float(dual)
    return HighsOutcome(optimal, objective, bound, values, result.status == _INFEASIBLE)
