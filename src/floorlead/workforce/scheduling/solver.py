"""``solve_schedule``: the best weekly schedule found in the time given, with its gap.

1. The LP relaxation of the full model (HiGHS) gives the lower bound every result is measured
   against, and guides a quick rounded schedule (``rounding``), so an answer always exists.
2. Small models go to CP-SAT, started from that schedule, which proves small, symmetric weeks
   optimal at once.
3. Each day is re-solved in turn with the rest of the week fixed (``fix_and_optimise``): on
   large weeks this reaches a schedule close to optimal long before branch and bound on the
   whole week finds its first one, and it keeps doing so on a busy machine.
4. HiGHS's branch and bound then searches the full model for the rest of the time, below the
   best objective so far: it improves the schedule or proves it optimal.
``budget`` says how the time limit is shared between these steps.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from floorlead.workforce.scheduling.budget import (
    BREAKS_SHARE,
    CP_SAT_SHARE,
    DAY_SHARE,
    LP_SHARE,
    ROUNDING_SHARE,
    TimeBudget,
)
from floorlead.workforce.scheduling.cpsat import solve_with_cpsat
from floorlead.workforce.scheduling.errors import ScheduleNotFound
from floorlead.workforce.scheduling.evaluation import coverage, evaluate
from floorlead.workforce.scheduling.feasibility import (
    check_agents_can_meet_rules,
    diagnose_infeasible,
)
from floorlead.workforce.scheduling.fix_and_optimise import reoptimise_days
from floorlead.workforce.scheduling.formulation import Formulation, formulate
from floorlead.workforce.scheduling.incumbent import (
    NOTHING,
    Incumbent,
    better,
    improvement_cutoff,
    incumbent_of,
)
from floorlead.workforce.scheduling.lp_bound import lp_relaxation_bound, solve_integer
from floorlead.workforce.scheduling.model import ScheduleProblem
from floorlead.workforce.scheduling.objective import to_currency
from floorlead.workforce.scheduling.results import Schedule, ScheduleResult, SearchStep
from floorlead.workforce.scheduling.rounding import round_relaxation
from floorlead.workforce.scheduling.shifts import CandidateShift, build_catalogue

_SMALL_MODEL = 5000
_SHORTEST_FULL_SEARCH = 1.0


class SearchLog:
    """The phases of one search: when each ended and the best objective by then."""

    def __init__(self, budget: TimeBudget) -> None:
        self.budget = budget
        self.steps: list[SearchStep] = []

    def record(self, phase: str, incumbent: Incumbent) -> None:
        objective = to_currency(incumbent.objective) if incumbent.found else math.inf
        self.steps.append(SearchStep(phase, self.budget.elapsed(), objective))


def solve_schedule(
    problem: ScheduleProblem, *, time_limit_seconds: float = 30, gap_tolerance: float = 1e-4
) -> ScheduleResult:
    """Schedule every agent for the week, minimising shortage, then excess, wages and penalties.

    Stops at ``time_limit_seconds`` (or once within ``gap_tolerance`` of optimal) with the best
    schedule found. Raises ``InfeasibleRules`` naming the agent and rule when some agent's hard
    rules cannot all hold, and ``ScheduleNotFound`` when nothing was found in time.
    """
    budget = TimeBudget(time_limit_seconds)
    log = SearchLog(budget)
    catalogue = build_catalogue(problem)
    check_agents_can_meet_rules(catalogue)
    formulation = formulate(catalogue)
    relaxation = lp_relaxation_bound(formulation.model, time_limit_seconds=budget.share(LP_SHARE))
    if relaxation.infeasible:
        raise diagnose_infeasible(problem)
    log.steps.append(SearchStep("LP bound", budget.elapsed(), to_currency(relaxation.bound)))
    best = _first_schedule(formulation, relaxation.values, budget)
    log.record("rounded LP", best)
    improved = _improve(formulation, best, budget, gap_tolerance, log)
    if improved is None:
        raise diagnose_infeasible(problem)
    if not improved.found:
        raise ScheduleNotFound(
            f"no schedule found within {time_limit_seconds:g} s; allow more time",
            field="time_limit",
        )
    schedule = read_schedule(formulation, improved.values)
    return ScheduleResult(
        schedule=schedule,
        coverage=coverage(problem, schedule),
        objective=evaluate(problem, schedule),
        lp_bound=to_currency(relaxation.bound),
        solver_bound=to_currency(improved.bound),
        status="optimal" if improved.proven_optimal else "feasible",
        wall_seconds=budget.elapsed(),
        steps=tuple(log.steps),
    )


def _first_schedule(
    formulation: Formulation, relaxed: tuple[float, ...], budget: TimeBudget
) -> Incumbent:
    if not relaxed:
        return NOTHING
    rounded = round_relaxation(
        formulation,
        relaxed,
        deadline=budget.ends_after(ROUNDING_SHARE),
        break_seconds=budget.share(BREAKS_SHARE),
    )
    return incumbent_of(formulation, rounded.values)


def _improve(
    formulation: Formulation,
    best: Incumbent,
    budget: TimeBudget,
    gap_tolerance: float,
    log: SearchLog,
) -> Incumbent | None:
    """The best of ``best`` and what the search finds; ``None`` if proven infeasible."""
    if formulation.model.variable_count <= _SMALL_MODEL:
        outcome = solve_with_cpsat(
            formulation.model,
            time_limit_seconds=budget.share(CP_SAT_SHARE),
            gap_tolerance=gap_tolerance,
            hint=best.values,
        )
        if outcome.status == "infeasible":
            return None
        found = incumbent_of(
            formulation,
            outcome.values,
            proven_optimal=outcome.status == "optimal",
            bound=outcome.bound,
        )
        best = better(best, found)
        log.record("CP-SAT", best)
        if best.proven_optimal:
            return best
    if best.found:
        best = reoptimise_days(
            formulation,
            best,
            deadline=budget.deadline,
            day_seconds=budget.share_of_limit(DAY_SHARE),
            on_improvement=lambda day, found: log.record(f"day {day + 1}", found),
        )
    if best.found and budget.left() < _SHORTEST_FULL_SEARCH:
        return best
    searched = _branch_and_bound(formulation, best, budget, gap_tolerance)
    if searched is not None:
        log.record("branch and bound", searched)
    return searched


def _branch_and_bound(
    formulation: Formulation, best: Incumbent, budget: TimeBudget, gap_tolerance: float
) -> Incumbent | None:
    """HiGHS on the whole week, looking only below ``best``; ``None`` if proven infeasible."""
    outcome = solve_integer(
        formulation.model,
        time_limit_seconds=budget.share(1.0),
        gap_tolerance=gap_tolerance,
        cutoff=improvement_cutoff(best, gap_tolerance) if best.found else None,
    )
    if outcome.infeasible:
        return None
    if outcome.nothing_below_cutoff:
        return replace(best, proven_optimal=True, bound=max(best.bound, outcome.bound))
    found = incumbent_of(
        formulation, outcome.values, proven_optimal=outcome.proven_optimal, bound=outcome.bound
    )
    return better(best, found)


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
