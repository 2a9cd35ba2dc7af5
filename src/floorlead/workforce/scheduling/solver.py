"""``solve_schedule``: the best weekly schedule found in the time given, with its gap.

1. The LP relaxation of the full model (HiGHS) gives the lower bound every result is measured
   against, and guides a quick rounded schedule (``rounding``), so an answer always exists.
2. Small models go to CP-SAT first, which proves small, symmetric weeks optimal at once.
3. HiGHS's branch and bound then searches the full model for the rest of the time; it finds
   and proves large weeks far faster than CP-SAT does. The best schedule found wins.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass

from floorlead.workforce.scheduling.cpsat import solve_with_cpsat
from floorlead.workforce.scheduling.errors import ScheduleNotFound
from floorlead.workforce.scheduling.evaluation import coverage, evaluate
from floorlead.workforce.scheduling.feasibility import (
    check_agents_can_meet_rules,
    diagnose_infeasible,
)
from floorlead.workforce.scheduling.formulation import Formulation, formulate
from floorlead.workforce.scheduling.lp_bound import lp_relaxation_bound, solve_integer
from floorlead.workforce.scheduling.model import ScheduleProblem
from floorlead.workforce.scheduling.objective import to_currency
from floorlead.workforce.scheduling.results import Schedule, ScheduleResult
from floorlead.workforce.scheduling.rounding import round_relaxation
from floorlead.workforce.scheduling.shifts import CandidateShift, build_catalogue

_LP_SHARE = 0.25
_ROUNDING_SHARE = 0.2
_BREAKS_SHARE = 0.1
_CP_SAT_SHARE = 0.5
_SMALL_MODEL = 5000


@dataclass(frozen=True)
class Incumbent:
    """An integer solution (empty ``values`` if none), whether it is proven optimal, its bound."""

    proven_optimal: bool
    objective: float
    bound: float
    values: tuple[float, ...]


_NOTHING = Incumbent(False, math.inf, -math.inf, ())


def solve_schedule(
    problem: ScheduleProblem, *, time_limit_seconds: float = 30, gap_tolerance: float = 1e-4
) -> ScheduleResult:
    """Schedule every agent for the week, minimising shortage, then excess, wages and penalties.

    Stops at ``time_limit_seconds`` (or once within ``gap_tolerance`` of optimal) with the best
    schedule found. Raises ``InfeasibleRules`` naming the agent and rule when some agent's hard
    rules cannot all hold, and ``ScheduleNotFound`` when nothing was found in time.
    """
    started = time.perf_counter()
    deadline = started + time_limit_seconds
    catalogue = build_catalogue(problem)
    check_agents_can_meet_rules(catalogue)
    formulation = formulate(catalogue)
    relaxation = lp_relaxation_bound(
        formulation.model, time_limit_seconds=_left(deadline) * _LP_SHARE
    )
    if relaxation.infeasible:
        raise diagnose_infeasible(problem)
    best = _NOTHING
    if relaxation.values:
        rounded = round_relaxation(
            formulation,
            relaxation.values,
            deadline=time.perf_counter() + _left(deadline) * _ROUNDING_SHARE,
            break_seconds=_left(deadline) * _BREAKS_SHARE,
        )
        best = Incumbent(False, rounded.objective, -math.inf, rounded.values)
    searched = _search(formulation, deadline, gap_tolerance)
    if searched is None:
        raise diagnose_infeasible(problem)
    best = _better(best, searched)
    if not best.values:
        raise ScheduleNotFound(
            f"no schedule found within {time_limit_seconds:g} s; allow more time",
            field="time_limit",
        )
    schedule = read_schedule(formulation, tuple(round(v) for v in best.values))
    return ScheduleResult(
        schedule=schedule,
        coverage=coverage(problem, schedule),
        objective=evaluate(problem, schedule),
        lp_bound=to_currency(relaxation.bound),
        solver_bound=to_currency(best.bound),
        status="optimal" if best.proven_optimal else "feasible",
        wall_seconds=time.perf_counter() - started,
    )


def _left(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 0.1)


def _search(formulation: Formulation, deadline: float, gap_tolerance: float) -> Incumbent | None:
    """The best solution CP-SAT (small models) and HiGHS find; ``None`` if proven infeasible."""
    model = formulation.model
    found = _NOTHING
    if model.variable_count <= _SMALL_MODEL:
        outcome = solve_with_cpsat(
            model, time_limit_seconds=_left(deadline) * _CP_SAT_SHARE, gap_tolerance=gap_tolerance
        )
        if outcome.status == "infeasible":
            return None
        found = Incumbent(
            outcome.status == "optimal", outcome.objective, outcome.bound, outcome.values
        )
        if found.proven_optimal:
            return found
    outcome = solve_integer(model, time_limit_seconds=_left(deadline), gap_tolerance=gap_tolerance)
    if outcome.infeasible:
        return None
    return _better(
        found, Incumbent(outcome.proven_optimal, outcome.objective, outcome.bound, outcome.values)
    )


def _better(first: Incumbent, second: Incumbent) -> Incumbent:
    """The lower-objective solution, with the higher of the two proven bounds."""
    best = first if first.objective <= second.objective else second
    bound = max(first.bound, second.bound)
    return Incumbent(
        best.proven_optimal or best.objective <= bound, best.objective, bound, best.values
    )


def read_schedule(formulation: Formulation, values: tuple[int, ...]) -> Schedule:
    """Turn variable values into shifts, handing each shift's break slots to its agents in order.

    The j-th agent (by id) on a candidate shift takes the j-th earliest slot of every break; the
    model's precedence rows guarantee each agent's breaks then follow one another.
    """
    workers: dict[int, list[str]] = defaultdict(list)
    for (agent_id, index), variable in formulation.assign.items():
        if values[variable]:
            workers[index].append(agent_id)
    week_start = formulation.catalogue.problem.week_start
    shifts = []
    for index, agent_ids in workers.items():
        candidate = formulation.catalogue.candidates[index]
        slots = _break_slots(formulation, candidate, values)
        for position, agent_id in enumerate(sorted(agent_ids)):
            offsets = [numbered[position] for numbered in slots]
            shifts.append(candidate.scheduled(week_start, agent_id, offsets))
    return Schedule(tuple(shifts))


def _break_slots(
    formulation: Formulation, candidate: CandidateShift, values: tuple[int, ...]
) -> list[list[int]]:
    slots = []
    for number in range(len(candidate.breaks)):
        ordered: list[int] = []
        for offset in candidate.break_offsets(number):
            ordered.extend([offset] * values[formulation.breaks[candidate.index, number, offset]])
        slots.append(ordered)
    return slots
