"""HiGHS on a ``LinearModel``: the LP relaxation (a lower bound) or the integer model itself.

HiGHS is reached through SciPy's build of it (``scipy.optimize.milp``): the ``highspy`` wheel
and OR-Tools' wheel each ship a different HiGHS and cannot be loaded into one process. SciPy
cannot hand HiGHS a starting solution, but it passes other HiGHS options on verbatim, so a
known schedule's objective is given as ``objective_bound``: a cutoff that prunes everything
not strictly better from the start.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp

from floorlead.workforce.scheduling.linear import LinearModel

_OPTIMAL = 0
_INFEASIBLE = 2
_PASSED_ON_VERBATIM = r"Unrecognized options detected"


@dataclass(frozen=True)
class HighsOutcome:
    """What HiGHS reported: ``bound`` is a proven lower bound (``-inf`` when none is known).

    ``infeasible`` means the model has no solution at all; ``nothing_below_cutoff`` that the
    search under a cutoff finished without finding a solution below it (so ``bound`` is the
    cutoff: the solution it came from is within that distance of optimal).
    """

    proven_optimal: bool
    objective: float
    bound: float
    values: tuple[float, ...]
    infeasible: bool = False
    nothing_below_cutoff: bool = False


def lp_relaxation_bound(model: LinearModel, *, time_limit_seconds: float) -> HighsOutcome:
    """Solve the model with every variable continuous; its optimum bounds the integer optimum.

    The interior-point method (with crossover to a vertex) solves the week's relaxation about a
    third faster than the dual simplex HiGHS would choose.
    """
    return _run(model, integral=False, time_limit_seconds=time_limit_seconds, solver="ipm")


def solve_integer(
    model: LinearModel,
    *,
    time_limit_seconds: float,
    gap_tolerance: float = 1e-4,
    cutoff: float | None = None,
) -> HighsOutcome:
    """Branch and bound with HiGHS; returns the incumbent and the dual bound at the limit.

    With ``cutoff`` only solutions whose objective is below it are sought.
    """
    return _run(
        model,
        integral=True,
        time_limit_seconds=time_limit_seconds,
        gap_tolerance=gap_tolerance,
        cutoff=cutoff,
    )


def _run(
    model: LinearModel,
    *,
    integral: bool,
    time_limit_seconds: float,
    gap_tolerance: float = 0.0,
    cutoff: float | None = None,
    solver: str | None = None,
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
    options: dict[str, float | bool | str] = {
        "time_limit": max(time_limit_seconds, 0.1),
        "presolve": True,
        "mip_rel_gap": gap_tolerance,
    }
    if cutoff is not None:
        options["objective_bound"] = cutoff
    if solver is not None:
        options["solver"] = solver
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_PASSED_ON_VERBATIM, category=RuntimeWarning)
        result = milp(
            costs,
            constraints=constraints,
            bounds=Bounds(
                np.asarray(model.lower, dtype=float), np.asarray(model.upper, dtype=float)
            ),
            integrality=np.full(model.variable_count, 1 if integral else 0),
            options=options,
        )
    return _outcome(result, integral=integral, cutoff=cutoff)


def _outcome(result: OptimizeResult, *, integral: bool, cutoff: float | None) -> HighsOutcome:
    values = tuple(float(v) for v in result.x) if result.x is not None else ()
    objective = float(result.fun) if values and result.fun is not None else math.inf
    optimal = result.status == _OPTIMAL
    bound = objective if optimal else -math.inf
    dual = getattr(result, "mip_dual_bound", None)
    if integral and dual is not None and math.isfinite(float(dual)):
        bound = float(dual)
    if cutoff is None or optimal:
        # Optimal under a cutoff: the solution is below it, or presolve solved the whole model.
        return HighsOutcome(optimal, objective, bound, values, result.status == _INFEASIBLE)
    if result.status == _INFEASIBLE:
        return HighsOutcome(False, math.inf, cutoff, (), nothing_below_cutoff=True)
    # Stopped early: solutions at or above the cutoff were never searched for.
    return HighsOutcome(False, objective, min(bound, cutoff), values)
