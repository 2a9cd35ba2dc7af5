"""Fix-and-optimise by day: each step re-solves one day, keeps every rule, never gets worse."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    Schedule,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    check_schedule,
    evaluate,
)
from floorlead.workforce.scheduling.fix_and_optimise import reoptimise_days, worst_days_first
from floorlead.workforce.scheduling.formulation import formulate
from floorlead.workforce.scheduling.incumbent import Incumbent, incumbent_of
from floorlead.workforce.scheduling.linear import LinearModel
from floorlead.workforce.scheduling.lp_bound import lp_relaxation_bound, solve_integer
from floorlead.workforce.scheduling.rounding import place_breaks, round_relaxation
from floorlead.workforce.scheduling.shifts import build_catalogue
from floorlead.workforce.scheduling.solver import read_schedule

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
HOURS = 7 * 24
SEARCH_LIMIT = 60.0  # generous: the searches below end long before, when no day improves


def hourly(required: dict[int, float]) -> SkillDemand:
    return SkillDemand("", tuple(required.get(hour, 0.0) for hour in range(HOURS)))


def starts_by_day(schedule: Schedule, day: int) -> list[tuple[str, datetime]]:
    return [
        (shift.agent_id, shift.start)
        for shift in schedule.shifts
        if (shift.start - MONDAY).days == day
    ]


def monday_late_tuesday_early() -> ScheduleProblem:
    """Ann must work Monday and Tuesday (14 paid hours); her lunch is the fifth hour."""
    day = ShiftTemplate(
        "day",
        480,
        (8 * 60, 12 * 60),
        (BreakRule("lunch", 60, False, 240, 240),),
        weekdays=frozenset({0, 1}),
        break_step_minutes=60,
    )
    monday = dict.fromkeys((12, 13, 14, 15, 17, 18, 19), 1.0)
    tuesday = {24 + hour: 1.0 for hour in (8, 9, 10, 11, 13, 14, 15)}
    ann = Agent("A1", "Ann", min_hours=14, max_hours=14, hourly_cost=20)
    return ScheduleProblem(MONDAY, 60, (hourly(monday | tuesday),), (day,), (ann,))


def test_a_badly_placed_monday_is_moved_and_tuesday_left_alone() -> None:
    problem = monday_late_tuesday_early()
    formulation = formulate(build_catalogue(problem))
    early = {c.index for c in formulation.catalogue.candidates if c.start_of_day == 8 * 60}
    start = incumbent_of(formulation, place_breaks(formulation, {"A1": early}, 5).values)
    improved_days: list[int] = []

    best = reoptimise_days(
        formulation,
        start,
        deadline=time.perf_counter() + SEARCH_LIMIT,
        day_seconds=SEARCH_LIMIT,
        on_improvement=lambda day, _: improved_days.append(day),
    )

    before, after = (
        read_schedule(formulation, start.values),
        read_schedule(formulation, best.values),
    )
    # 4 h short (12:00, 17-19) and 4 h over (08-11) on Monday, 14 paid hours at 20.
    assert evaluate(problem, before).total == pytest.approx(4 * 2000 + 4 * 10 + 14 * 20)
    assert evaluate(problem, after).total == pytest.approx(14 * 20)
    assert improved_days == [0]
    assert starts_by_day(after, 0) == [("A1", MONDAY + timedelta(hours=12))]
    assert starts_by_day(after, 1) == starts_by_day(before, 1)
    assert check_schedule(problem, after) == []


def short_staffed_week() -> ScheduleProblem:
    """Twelve agents on 8.5-hour shifts with a break and a lunch, two of them also on nights."""
    breaks = (BreakRule("break", 15, True, 90, 150), BreakRule("lunch", 30, False, 210, 300))
    day = ShiftTemplate("day", 510, tuple(range(6 * 60, 13 * 60 + 1, 60)), breaks)
    night = ShiftTemplate("night", 510, (22 * 60,), breaks)
    required = {}
    for hour in range(HOURS):
        clock, weekend = hour % 24, hour >= 5 * 24
        busy = 6 if 9 <= clock < 17 else 4 if 7 <= clock < 22 else 2
        required[hour] = float(busy // 2 if weekend else busy)
    team = tuple(
        Agent(
            f"A{number:02d}",
            f"Agent {number}",
            min_hours=32,
            max_hours=40,
            hourly_cost=20 + number % 7,
            templates=frozenset({"day", "night"} if number % 5 == 0 else {"day"}),
        )
        for number in range(12)
    )
    rules = TourRules(min_days_off=2, consecutive_days_off=2, min_rest_minutes=11 * 60)
    return ScheduleProblem(MONDAY, 60, (hourly(required),), (day, night), team, rules=rules)


def test_every_step_from_the_rounded_week_is_feasible_better_and_changes_one_day() -> None:
    problem = short_staffed_week()
    formulation = formulate(build_catalogue(problem))
    relaxed = lp_relaxation_bound(formulation.model, time_limit_seconds=SEARCH_LIMIT).values
    rounded = round_relaxation(
        formulation, relaxed, deadline=time.perf_counter(), break_seconds=SEARCH_LIMIT
    )
    start = incumbent_of(formulation, rounded.values)
    steps: list[tuple[int, Incumbent]] = []

    best = reoptimise_days(
        formulation,
        start,
        deadline=time.perf_counter() + SEARCH_LIMIT,
        day_seconds=SEARCH_LIMIT,
        on_improvement=lambda day, found: steps.append((day, found)),
    )

    assert steps, "the rounded schedule of this week leaves room to improve"
    assert best == steps[-1][1]
    previous = start
    for day, found in steps:
        before = read_schedule(formulation, previous.values)
        after = read_schedule(formulation, found.values)
        assert check_schedule(problem, after) == []
        assert evaluate(problem, after).points == found.objective < previous.objective
        for other in set(range(7)) - {day}:
            assert starts_by_day(after, other) == starts_by_day(before, other)
        previous = found


def test_shortage_after_midnight_puts_the_day_of_the_night_shift_first() -> None:
    night = ShiftTemplate("night", 480, (22 * 60,))
    day = ShiftTemplate("day", 480, (9 * 60,))
    tuesday_two_am = 24 + 2
    problem = ScheduleProblem(
        MONDAY,
        60,
        (hourly({tuesday_two_am: 1.0}),),
        (night, day),
        (Agent("N1", "Nia", min_hours=0, max_hours=40),),
    )
    formulation = formulate(build_catalogue(problem))
    values = [0] * formulation.model.variable_count
    values[formulation.under["", tuesday_two_am]] = 60

    order = worst_days_first(formulation, tuple(values), list(range(7)))

    assert order[0] == 0


def knapsack() -> LinearModel:
    """Pick at most two of three items worth 5, 4 and 3 (as costs -5, -4, -3): optimum -9."""
    model = LinearModel()
    items = [model.add_variable(0, 1, cost) for cost in (-5, -4, -3)]
    model.add_row([(item, 1) for item in items], 0, 2)
    return model


def test_a_cutoff_above_the_optimum_still_finds_the_optimum() -> None:
    outcome = solve_integer(knapsack(), time_limit_seconds=SEARCH_LIMIT, cutoff=-8.5)

    assert outcome.objective == -9
    assert [round(value) for value in outcome.values] == [1, 1, 0]


def test_a_cutoff_below_the_optimum_never_claims_a_better_solution_or_bound() -> None:
    outcome = solve_integer(knapsack(), time_limit_seconds=SEARCH_LIMIT, cutoff=-9.5)

    assert not outcome.infeasible
    assert outcome.bound <= -9
    assert outcome.nothing_below_cutoff or outcome.objective == -9


def test_shortage_and_excess_in_one_interval_are_lowered_to_their_difference() -> None:
    problem = monday_late_tuesday_early()
    formulation = formulate(build_catalogue(problem))
    early = {c.index for c in formulation.catalogue.candidates if c.start_of_day == 8 * 60}
    start = incumbent_of(formulation, place_breaks(formulation, {"A1": early}, 5).values)
    monday_one_pm = ("", 13)  # covered, so its shortage can rise above zero
    padded = list(start.values)
    padded[formulation.under[monday_one_pm]] += 15
    padded[formulation.over[monday_one_pm]] += 15

    tidied = incumbent_of(formulation, padded)

    assert formulation.model.objective_of(padded) > start.objective
    assert tidied == start
