"""CP-SAT on a ``LinearModel``: the best schedule found within a time limit, and its bound."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from floorlead.workforce.scheduling.linear import LinearModel

MAX_WORKERS = 2


@dataclass(frozen=True)
class CpSatOutcome:
    """``values`` is empty when no solution was found; ``bound`` is CP-SAT's proven bound."""

    status: str
    values: tuple[int, ...]
    objective: float
    bound: float

    @property
    def found(self) -> bool:
        return bool(self.values)


def solve_with_cpsat(
    model: LinearModel,
    *,
    time_limit_seconds: float,
    workers: int = MAX_WORKERS,
    gap_tolerance: float = 0.0,
    hint: Sequence[int] = (),
) -> CpSatOutcome:
    """Minimise with CP-SAT (at most two workers) within the time limit, from ``hint`` (a
    solution's values) when one is given."""
    cp, variables = to_cp_model(model)
    for variable, value in zip(variables, hint, strict=False):
        cp.add_hint(variable, value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit_seconds, 0.1)
    solver.parameters.num_workers = max(1, min(workers, MAX_WORKERS))
    solver.parameters.relative_gap_limit = gap_tolerance
    status = solver.solve(cp)
    name = solver.status_name(status).lower()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpSatOutcome(name, (), math.inf, -math.inf)
    values = tuple(int(solver.value(variable)) for variable in variables)
    return CpSatOutcome(name, values, solver.objective_value, solver.best_objective_bound)


def to_cp_model(model: LinearModel) -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    """The same model for CP-SAT (its objective included), and its variables in order."""
    cp = cp_model.CpModel()
    variables = [
        cp.new_int_var(lower, upper, "")
        for lower, upper in zip(model.lower, model.upper, strict=True)
    ]
    for columns, coefficients, lower, upper in model.rows():
        expression = cp_model.LinearExpr.weighted_sum(
            [variables[column] for column in columns], coefficients
        )
        if lower == upper:
            cp.add(expression == int(lower))
        elif math.isinf(lower):
            cp.add(expression <= int(upper))
        elif math.isinf(upper):
            cp.add(expression >= int(lower))
        else:
            cp.add_linear_constraint(expression, int(lower), int(upper))
    cost_terms = [(v, c) for v, c in zip(variables, model.costs, strict=True) if c]
    cp.minimize(
        cp_model.LinearExpr.weighted_sum([v for v, _ in cost_terms], [c for _, c in cost_terms])
    )
    return cp, variables
