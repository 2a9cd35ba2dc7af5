"""On a tiny week the optimiser's objective equals the best of every possible schedule."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    Schedule,
    ScheduledShift,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    check_schedule,
    evaluate,
    solve_schedule,
    solver,
)
from floorlead.workforce.scheduling.shifts import CandidateShift, build_catalogue

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def tiny_week() -> ScheduleProblem:
    """Two agents, two days, two start times, a break with three possible slots."""
    template = ShiftTemplate(
        "short",
        240,
        (8 * 60, 10 * 60),
        (BreakRule("break", 30, False, 60, 120),),
        weekdays=frozenset({0, 1}),
        break_step_minutes=30,
    )
    required = [0.0] * (7 * 24)
    for hour, agents in {8: 1, 9: 1, 10: 2, 11: 2, 12: 1, 13: 1, 24 + 8: 1, 24 + 9: 1}.items():
        required[hour] = float(agents)
    team = (
        Agent("A1", "Ann", min_hours=0, max_hours=7, hourly_cost=20),
        Agent("B2", "Ben", min_hours=3.5, max_hours=7, hourly_cost=15, preferred_start=(600, 600)),
    )
    return ScheduleProblem(
        MONDAY,
        60,
        (SkillDemand("", tuple(required)),),
        (template,),
        team,
        rules=TourRules(min_days_off=5, min_rest_minutes=12 * 60),
    )


def day_options(candidates: list[CandidateShift]) -> list[tuple[CandidateShift, int] | None]:
    options: list[tuple[CandidateShift, int] | None] = [None]
    for candidate in candidates:
        options.extend((candidate, offset) for offset in candidate.break_offsets(0))
    return options


def every_schedule(problem: ScheduleProblem) -> list[Schedule]:
    catalogue = build_catalogue(problem)
    per_agent: list[list[list[ScheduledShift]]] = []
    for agent in problem.agents:
        days = catalogue.agent_days(agent.id)
        tours = []
        for picks in itertools.product(*(day_options(days[d]) for d in range(7))):
            tours.append(
                [c.scheduled(problem.week_start, agent.id, (t,)) for c, t in filter(None, picks)]
            )
        per_agent.append(tours)
    return [
        Schedule(tuple(shift for tour in combination for shift in tour))
        for combination in itertools.product(*per_agent)
    ]


def test_solver_matches_exhaustive_search_on_a_tiny_week() -> None:
    problem = tiny_week()
    feasible = [s for s in every_schedule(problem) if not check_schedule(problem, s)]
    best = min(evaluate(problem, s).points for s in feasible)

    result = solve_schedule(problem, time_limit_seconds=5, gap_tolerance=0)

    assert len(feasible) > 100
    assert result.status == "optimal"
    assert result.objective.points == best
    assert check_schedule(problem, result.schedule) == []


def test_highs_branch_and_bound_alone_also_reaches_the_exhaustive_optimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = tiny_week()
    best = min(
        evaluate(problem, s).points
        for s in every_schedule(problem)
        if not check_schedule(problem, s)
    )
    monkeypatch.setattr(solver, "_SMALL_MODEL", 0)

    result = solve_schedule(problem, time_limit_seconds=5, gap_tolerance=0)

    assert result.status == "optimal"
    assert result.objective.points == best
