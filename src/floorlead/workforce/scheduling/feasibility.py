"""Finding agents whose rules cannot all hold, before solving and after an infeasible solve.

Demand never makes the model infeasible (shortage is a penalised slack), so infeasibility always
comes from one agent's own tour: availability, templates, contracted hours and weekly rules.
"""

from __future__ import annotations

from dataclasses import replace

from floorlead.workforce.scheduling.cpsat import solve_with_cpsat
from floorlead.workforce.scheduling.errors import InfeasibleRules
from floorlead.workforce.scheduling.formulation import formulate
from floorlead.workforce.scheduling.model import Agent, ScheduleProblem
from floorlead.workforce.scheduling.shifts import CandidateShift, ShiftCatalogue, build_catalogue

_DIAGNOSIS_SECONDS = 2.0


def check_agents_can_meet_rules(catalogue: ShiftCatalogue) -> None:
    """Reject an agent whose contracted hours no combination of their shifts can give."""
    rules = catalogue.problem.rules
    for agent in catalogue.problem.agents:
        days = catalogue.agent_days(agent.id)
        if agent.min_minutes == 0:
            continue
        if not any(days.values()):
            raise _agent_error(
                agent,
                "min_hours",
                f"min_hours {agent.min_hours:g} cannot be met: no shift template fits their "
                "availability, skills, allowed templates and the opening hours",
            )
        totals = reachable_paid_minutes(days, rules.max_work_days)
        _check_hours_reachable(agent, totals, rules.max_work_days)


def reachable_paid_minutes(days: dict[int, list[CandidateShift]], max_days: int) -> set[int]:
    """Weekly paid minutes reachable with one shift a day on at most ``max_days`` days."""
    fewest_days = {0: 0}
    for candidates in days.values():
        lengths = {candidate.paid_minutes for candidate in candidates}
        grown = dict(fewest_days)
        for total, used in fewest_days.items():
            if used >= max_days:
                continue
            for length in lengths:
                key = total + length
                grown[key] = min(grown.get(key, used + 1), used + 1)
        fewest_days = grown
    return set(fewest_days)


def _check_hours_reachable(agent: Agent, totals: set[int], max_days: int) -> None:
    best = max(totals)
    if best < agent.min_minutes:
        raise _agent_error(
            agent,
            "min_hours",
            f"min_hours {agent.min_hours:g} cannot be met: at most {best / 60:g} paid hours fit "
            f"their availability and templates on the {max_days} working days the days-off "
            "rules allow",
        )
    if not any(agent.min_minutes <= total <= agent.max_minutes for total in totals):
        raise _agent_error(
            agent,
            "max_hours",
            f"no combination of their shift lengths gives between {agent.min_hours:g} and "
            f"{agent.max_hours:g} paid hours",
        )


def diagnose_infeasible(problem: ScheduleProblem) -> InfeasibleRules:
    """Name the first agent whose tour rules cannot all hold, and a rule whose relaxing helps."""
    for agent in problem.agents:
        alone = replace(problem, agents=(agent,), demand=())
        if _tour_exists(alone):
            continue
        for rule, relaxed in _relaxations(alone, agent):
            if _tour_exists(relaxed):
                return _agent_error(
                    agent, rule, f"no weekly tour meets all rules; {rule} is the one in the way"
                )
        return _agent_error(agent, "rules", "no weekly tour meets all rules together")
    return InfeasibleRules("the rules cannot all hold together", field="rules")


def _relaxations(problem: ScheduleProblem, agent: Agent) -> list[tuple[str, ScheduleProblem]]:
    rules = problem.rules
    return [
        ("min_rest_hours", replace(problem, rules=replace(rules, min_rest_minutes=0))),
        ("consecutive_days_off", replace(problem, rules=replace(rules, consecutive_days_off=0))),
        (
            "max_consecutive_work_days",
            replace(problem, rules=replace(rules, max_consecutive_work_days=7)),
        ),
        ("min_days_off", replace(problem, rules=replace(rules, min_days_off=0))),
        ("min_hours", replace(problem, agents=(replace(agent, min_hours=0),))),
    ]


def _tour_exists(problem: ScheduleProblem) -> bool:
    try:
        formulation = formulate(build_catalogue(problem), symmetry=False)
    except ValueError:
        return False
    outcome = solve_with_cpsat(formulation.model, time_limit_seconds=_DIAGNOSIS_SECONDS)
    return outcome.found


def _agent_error(agent: Agent, rule: str, detail: str) -> InfeasibleRules:
    field = f"agents[{agent.id}].{rule}" if rule in {"min_hours", "max_hours"} else f"rules.{rule}"
    return InfeasibleRules(f"agent {agent.id} ({agent.name}): {detail}", field=field)
