"""The plain shift-coverage problem (no agents) as JSON-able data, solved for both objectives."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from floorlead.workforce.scheduling import (
    Agent,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    plain_coverage_problem,
    solve_plain_coverage,
)


def small_problem() -> ScheduleProblem:
    required = [0.0] * (7 * 24)
    for day in range(7):
        for hour, agents in {8: 1, 9: 2, 10: 3, 11: 3, 12: 2, 13: 1, 23: 1}.items():
            required[day * 24 + hour] = float(agents)
    templates = (
        ShiftTemplate("four", 240, (480, 540, 600)),
        ShiftTemplate("night", 480, (22 * 60,)),
    )
    return ScheduleProblem(
        datetime(2026, 3, 2, tzinfo=UTC),
        60,
        (SkillDemand("", tuple(required)),),
        templates,
        tuple(Agent(f"A{n}", f"Agent {n}", 0, 40) for n in range(5)),
    )


def covered(plain: dict, starts: list[dict], day: int) -> list[int]:
    rows = plain["shifts_coverage"]
    return [
        sum(s["resources"] * rows[s["shift"]][p] for s in starts if s["day"] == day)
        for p in range(plain["periods"])
    ]


def test_plain_problem_keeps_day_shifts_and_drops_uncoverable_demand() -> None:
    plain = plain_coverage_problem(small_problem())

    assert json.loads(json.dumps(plain)) == plain
    assert sorted(plain["shifts_coverage"]) == ["four 08:00", "four 09:00", "four 10:00"]
    assert plain["shifts_coverage"]["four 09:00"][8:14] == [0, 1, 1, 1, 1, 0]
    assert plain["required_resources"][0][23] == 0
    assert plain["max_shift_concurrency"] == 5


def test_both_objectives_are_solved_to_optimality() -> None:
    plain = plain_coverage_problem(small_problem())

    solved = solve_plain_coverage(plain, time_limit_seconds=4)

    fewest = solved["min_required_resources"]
    assert fewest["status"] == "optimal"
    for day in range(7):
        assert all(
            c >= r
            for c, r in zip(
                covered(plain, fewest["resources_shifts"], day),
                plain["required_resources"][day],
                strict=True,
            )
        )
    assert fewest["objective"] == sum(s["resources"] for s in fewest["resources_shifts"]) == 21
    closest = solved["min_abs_difference"]
    deviation = sum(
        abs(c - r)
        for day in range(7)
        for c, r in zip(
            covered(plain, closest["resources_shifts"], day),
            plain["required_resources"][day],
            strict=True,
        )
    )
    assert closest["status"] == "optimal"
    assert closest["objective"] == deviation == 0
