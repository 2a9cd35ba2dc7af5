"""Weekly schedule optimisation at contact-centre scale: 150 agents, 7 days, 15-minute intervals.

Builds a realistic week (24/7 service with a night desk, a double-peaked weekday curve and a
quieter weekend; full-timers on 8.5-hour shifts with two paid breaks and an unpaid lunch,
part-timers on 4- and 6-hour shifts, availability patterns, preferences, days-off and rest
rules), solves it with a 60-second limit and reports wall time, objective, LP bound and gaps,
when the search first held a schedule within the 2% target, the 1-minute load average before
and after, and one row per step of the search (its end time and best objective).
Also solves the plain shift-coverage problem (how many of each shift to start, no agents) that
``plain_problem()`` hands to other tools for comparison.

    python bench/wfm_schedule.py [--time-limit 60]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from datetime import UTC, datetime

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    ScheduleProblem,
    SearchStep,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    WeeklyWindow,
    check_schedule,
    plain_coverage_problem,
    solve_plain_coverage,
    solve_schedule,
)
from floorlead.workforce.scheduling.results import relative_gap

WEEK_START = datetime(2026, 3, 2, tzinfo=UTC)
INTERVAL = 15
AGENT_COUNT = 150
FULL_TIME_SHARE = 0.72
DAY_FACTOR = (1.12, 1.05, 1.0, 0.98, 0.93, 0.55, 0.42)
NIGHT_DESK = 2.0
TARGET_GAP = 0.02


def _full_day_breaks() -> tuple[BreakRule, ...]:
    return (
        BreakRule("break", 15, True, 90, 150),
        BreakRule("lunch", 30, False, 210, 300),
        BreakRule("afternoon break", 15, True, 330, 420),
    )


def templates() -> tuple[ShiftTemplate, ...]:
    every_half_hour = tuple(range(6 * 60, 15 * 60 + 1, 30))
    return (
        ShiftTemplate("day 8h", 510, every_half_hour, _full_day_breaks()),
        ShiftTemplate("night 8h", 510, (22 * 60, 22 * 60 + 30), _full_day_breaks()),
        ShiftTemplate(
            "part 6h",
            390,
            tuple(range(8 * 60, 17 * 60 + 1, 30)),
            (BreakRule("break", 15, True, 90, 150), BreakRule("lunch", 30, False, 180, 240)),
        ),
        ShiftTemplate(
            "part 4h",
            240,
            tuple(range(8 * 60, 19 * 60 + 1, 30)),
            (BreakRule("break", 15, True, 90, 150),),
        ),
    )


def _intraday(minute: int) -> float:
    """Arrivals shape of a weekday: ramp from 07:00, peaks near 10:30 and 14:30, evening tail."""
    hour = minute / 60
    morning = math.exp(-((hour - 10.5) ** 2) / (2 * 1.6**2))
    afternoon = 0.85 * math.exp(-((hour - 14.5) ** 2) / (2 * 2.0**2))
    evening = 0.35 * math.exp(-((hour - 19.0) ** 2) / (2 * 1.5**2))
    return morning + afternoon + evening


def demand(peak_agents: float) -> SkillDemand:
    required = []
    for day in range(7):
        for slot in range(24 * 60 // INTERVAL):
            minute = slot * INTERVAL
            value = DAY_FACTOR[day] * peak_agents * _intraday(minute)
            required.append(float(max(round(value), NIGHT_DESK)))
    return SkillDemand("", tuple(required))


def _windows(days: range | tuple[int, ...], start: int, end: int) -> tuple[WeeklyWindow, ...]:
    return tuple(WeeklyWindow(day, start, end) for day in days)


def agents(rng: random.Random) -> tuple[Agent, ...]:
    people = []
    full_time = round(AGENT_COUNT * FULL_TIME_SHARE)
    for number in range(AGENT_COUNT):
        if number < full_time:
            people.append(_full_timer(number, rng))
        else:
            people.append(_part_timer(number, rng))
    return tuple(people)


def _full_timer(number: int, rng: random.Random) -> Agent:
    night = number % 12 == 0
    if night:
        availability = _windows(range(7), 0, 24 * 60)
    elif number % 5 == 0:
        availability = _windows(range(5), 6 * 60, 24 * 60)
    else:
        availability = _windows(range(7), 6 * 60, 24 * 60)
    preferred = rng.choice([None, None, (6 * 60, 8 * 60 + 30), (11 * 60, 15 * 60)])
    return Agent(
        id=f"A{number:03d}",
        name=f"Agent {number:03d}",
        min_hours=32,
        max_hours=40,
        hourly_cost=round(rng.uniform(22, 28), 2),
        availability=availability,
        preferred_start=preferred,
        templates=frozenset({"day 8h", "night 8h"} if night else {"day 8h"}),
    )


def _part_timer(number: int, rng: random.Random) -> Agent:
    if number % 2 == 0:
        availability = _windows(range(5), 8 * 60, 15 * 60)
    else:
        availability = (*_windows(range(5), 16 * 60, 24 * 60), *_windows((5, 6), 8 * 60, 24 * 60))
    return Agent(
        id=f"P{number:03d}",
        name=f"Part-timer {number:03d}",
        min_hours=12,
        max_hours=28,
        hourly_cost=round(rng.uniform(18, 22), 2),
        availability=availability,
        templates=frozenset({"part 4h", "part 6h"}),
    )


def realistic_problem(seed: int = 7, peak_agents: float = 60.0) -> ScheduleProblem:
    rng = random.Random(seed)
    return ScheduleProblem(
        week_start=WEEK_START,
        interval_minutes=INTERVAL,
        demand=(demand(peak_agents),),
        templates=templates(),
        agents=agents(rng),
        rules=TourRules(
            min_days_off=2,
            consecutive_days_off=2,
            max_consecutive_work_days=6,
            min_rest_minutes=11 * 60,
        ),
    )


def plain_problem(time_limit_seconds: float = 60) -> dict[str, object]:
    """The plain shift-coverage problem of the bench week with our solution, as JSON-able data."""
    plain = plain_coverage_problem(realistic_problem())
    ours = solve_plain_coverage(plain, time_limit_seconds=time_limit_seconds)
    return {**plain, "ours": ours}


def run(time_limit_seconds: float = 60) -> list[dict[str, object]]:
    problem = realistic_problem()
    load_before = os.getloadavg()[0]
    result = solve_schedule(problem, time_limit_seconds=time_limit_seconds)
    load_after = os.getloadavg()[0]
    violations = check_schedule(problem, result.schedule)
    rows: list[dict[str, object]] = [
        {
            "case": "tour schedule 150 agents x 7 days x 15 min, breaks",
            "status": result.status,
            "wall_seconds": round(result.wall_seconds, 2),
            "objective": round(result.objective.total, 2),
            "lp_bound": round(result.lp_bound, 2),
            "solver_bound": round(result.solver_bound, 2),
            "lp_gap": round(result.lp_gap, 4),
            "gap": round(result.gap, 4),
            "under_agent_hours": round(result.objective.under_agent_hours, 2),
            "over_agent_hours": round(result.objective.over_agent_hours, 2),
            "wage_cost": round(result.objective.wage_cost, 2),
            "shifts": len(result.schedule.shifts),
            "violations": len(violations),
            "within_target_at_s": _first_within_target(result.steps, result.lp_bound),
            "load_1min": f"{load_before:.2f} -> {load_after:.2f}",
        }
    ]
    rows.extend(
        {
            "case": f"  step: {step.phase}",
            "wall_seconds": round(step.seconds, 2),
            "objective": round(step.objective, 2),
            "lp_gap": _step_gap(step, result.lp_bound) if index else None,
        }
        for index, step in enumerate(result.steps)
    )
    started = time.perf_counter()
    plain = plain_problem(time_limit_seconds)
    ours = plain["ours"]
    assert isinstance(ours, dict)
    for objective, outcome in ours.items():
        rows.append(
            {
                "case": f"plain shift coverage, {objective}",
                "status": outcome["status"],
                "wall_seconds": outcome["wall_seconds"],
                "objective": outcome["objective"],
                "lp_bound": outcome["bound"],
            }
        )
    rows.append(
        {"case": "plain problem total", "wall_seconds": round(time.perf_counter() - started, 2)}
    )
    return rows


def _step_gap(step: SearchStep, lp_bound: float) -> float | None:
    """The step's gap to the LP bound; ``None`` while no schedule was known."""
    if not math.isfinite(step.objective):
        return None
    return round(relative_gap(step.objective, lp_bound), 4)


def _first_within_target(steps: tuple[SearchStep, ...], lp_bound: float) -> float | None:
    """Seconds until the search first held a schedule within the target gap of the LP bound."""
    for step in steps[1:]:
        gap = _step_gap(step, lp_bound)
        if gap is not None and gap <= TARGET_GAP:
            return round(step.seconds, 2)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60)
    arguments = parser.parse_args()
    for row in run(arguments.time_limit):
        json.dump(row, sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
