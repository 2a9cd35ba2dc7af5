"""solve_schedule on small weeks: feasible by check_schedule, shortage penalised, breaks, nights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    InfeasibleRules,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    WeeklyWindow,
    check_schedule,
    coverage,
    solve_schedule,
)

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
HOURS = 7 * 24


def hourly(required: dict[int, float]) -> SkillDemand:
    """Demand by hour of the week (0 = Monday 00:00)."""
    return SkillDemand("", tuple(required.get(hour, 0.0) for hour in range(HOURS)))


def agent(agent_id: str, **overrides: object) -> Agent:
    values: dict[str, object] = {"name": f"Agent {agent_id}", "min_hours": 0, "max_hours": 40}
    values.update(overrides)
    return Agent(agent_id, **values)  # type: ignore[arg-type]


def week(
    demand: SkillDemand,
    templates: tuple[ShiftTemplate, ...],
    agents: tuple[Agent, ...],
    **extra: object,
) -> ScheduleProblem:
    return ScheduleProblem(MONDAY, 60, (demand,), templates, agents, **extra)  # type: ignore[arg-type]


def test_schedule_meets_every_rule_and_covers_demand() -> None:
    day = ShiftTemplate(
        "day", 480, (480, 540), (BreakRule("lunch", 60, False, 180, 240),), break_step_minutes=60
    )
    demand = hourly({24 * d + h: 2.0 for d in range(5) for h in range(9, 16)})
    team = tuple(agent(f"A{n}", min_hours=14, max_hours=35, hourly_cost=20 + n) for n in range(3))
    problem = week(demand, (day,), team, rules=TourRules(min_days_off=2, consecutive_days_off=2))

    result = solve_schedule(problem, time_limit_seconds=5)

    assert check_schedule(problem, result.schedule) == []
    assert result.objective.under_agent_hours <= 5
    assert result.lp_bound <= result.objective.total + 1e-6
    assert 0 <= result.gap <= result.lp_gap


def test_demand_beyond_the_team_is_penalised_shortage_not_an_error() -> None:
    day = ShiftTemplate("day", 480, (540,))
    demand = hourly({9 + h: 3.0 for h in range(8)})
    problem = week(demand, (day,), (agent("A1"),))

    result = solve_schedule(problem, time_limit_seconds=5)

    assert result.status == "optimal"
    assert result.objective.under_agent_hours == pytest.approx(16.0)
    assert len(result.schedule.shifts) == 1


def test_break_time_is_not_counted_as_coverage() -> None:
    fixed_lunch = BreakRule("lunch", 60, False, 120, 120)
    day = ShiftTemplate("day", 240, (540,), (fixed_lunch,), break_step_minutes=60)
    problem = week(hourly(dict.fromkeys(range(9, 13), 1.0)), (day,), (agent("A1", min_hours=3),))

    result = solve_schedule(problem, time_limit_seconds=5)

    scheduled = {
        row.interval_start.hour: row.scheduled
        for row in result.coverage
        if row.interval_start.day == 2
    }
    assert [scheduled[h] for h in range(9, 13)] == [1.0, 1.0, 0.0, 1.0]
    assert result.objective.under_agent_hours == pytest.approx(1.0)


def test_night_shift_crosses_midnight_and_covers_the_next_morning() -> None:
    night = ShiftTemplate("night", 480, (22 * 60,), weekdays=frozenset({1}))
    demand = hourly({24 + 22: 1.0, 24 + 23: 1.0, **{48 + h: 1.0 for h in range(6)}})
    problem = week(demand, (night,), (agent("N1", min_hours=8),))

    result = solve_schedule(problem, time_limit_seconds=5)

    (shift,) = result.schedule.shifts
    assert shift.start == MONDAY + timedelta(days=1, hours=22)
    assert shift.end == MONDAY + timedelta(days=2, hours=6)
    assert result.objective.under_agent_hours == 0
    assert check_schedule(problem, result.schedule) == []


def test_sunday_night_shift_wraps_onto_the_same_weeks_monday() -> None:
    night = ShiftTemplate("night", 480, (22 * 60,), weekdays=frozenset({6}))
    demand = hourly(dict.fromkeys(range(6), 1.0) | {HOURS - 2: 1.0, HOURS - 1: 1.0})
    problem = week(demand, (night,), (agent("N1", min_hours=8),))

    result = solve_schedule(problem, time_limit_seconds=5)

    (shift,) = result.schedule.shifts
    assert shift.end == MONDAY + timedelta(days=7, hours=6)
    monday_early = [row.scheduled for row in coverage(problem, result.schedule)[:6]]
    assert monday_early == [1.0] * 6
    assert result.objective.under_agent_hours == 0


def test_availability_and_time_off_keep_agents_off_shift() -> None:
    day = ShiftTemplate("day", 480, (540,))
    mornings_only = tuple(WeeklyWindow(d, 8 * 60, 13 * 60) for d in range(7))
    demand = hourly({9 + h: 1.0 for h in range(8)})
    team = (agent("Early", availability=mornings_only), agent("Away", time_off=((0, 24 * 60),)))
    problem = week(demand, (day,), team)

    result = solve_schedule(problem, time_limit_seconds=5)

    assert result.schedule.shifts == ()
    assert result.objective.under_agent_hours == pytest.approx(8.0)


def test_unreachable_contracted_hours_name_the_agent_before_solving() -> None:
    day = ShiftTemplate("day", 480, (540,))
    problem = week(
        hourly({}),
        (day,),
        (agent("A7", name="Ann", min_hours=40),),
        rules=TourRules(min_days_off=3),
    )

    with pytest.raises(InfeasibleRules, match=r"A7 \(Ann\).*min_hours 40") as caught:
        solve_schedule(problem, time_limit_seconds=5)

    assert caught.value.field == "agents[A7].min_hours"


def test_rest_rule_that_blocks_every_tour_is_named() -> None:
    late = ShiftTemplate("late", 480, (16 * 60,), weekdays=frozenset({0}))
    early = ShiftTemplate("early", 480, (0,), weekdays=frozenset({1}))
    window = (WeeklyWindow(0, 16 * 60, 24 * 60), WeeklyWindow(1, 0, 8 * 60))
    problem = week(hourly({}), (late, early), (agent("A1", min_hours=16, availability=window),))

    with pytest.raises(InfeasibleRules, match="min_rest_hours") as caught:
        solve_schedule(problem, time_limit_seconds=5)

    assert "A1" in caught.value.message


def test_search_steps_start_from_the_lp_bound_and_only_improve() -> None:
    day = ShiftTemplate(
        "day", 480, (480, 540), (BreakRule("lunch", 60, False, 180, 240),), break_step_minutes=60
    )
    demand = hourly({24 * d + h: 2.0 for d in range(5) for h in range(9, 16)})
    team = tuple(agent(f"A{n}", min_hours=14, max_hours=35, hourly_cost=20 + n) for n in range(3))
    problem = week(demand, (day,), team, rules=TourRules(min_days_off=2, consecutive_days_off=2))

    result = solve_schedule(problem, time_limit_seconds=5)

    (bound, *found) = result.steps
    assert (bound.phase, bound.objective) == ("LP bound", result.lp_bound)
    assert found[0].phase == "rounded LP"
    objectives = [step.objective for step in found]
    assert objectives == sorted(objectives, reverse=True)
    assert objectives[-1] == pytest.approx(result.objective.total)
    assert [step.seconds for step in result.steps] == sorted(step.seconds for step in result.steps)
