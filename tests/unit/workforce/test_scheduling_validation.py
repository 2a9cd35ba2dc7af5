"""check_schedule finds each broken rule; swap_shifts and add_time_off edit schedules purely."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    Schedule,
    ScheduledBreak,
    ScheduledShift,
    ScheduleInputError,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    WeeklyWindow,
    add_time_off,
    check_schedule,
    coverage,
    swap_shifts,
)

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
LUNCH = BreakRule("lunch", 60, False, 180, 240)
DAY = ShiftTemplate("day", 480, (480, 540), (LUNCH,), break_step_minutes=60)


def problem(**rules: int) -> ScheduleProblem:
    weekdays = tuple(WeeklyWindow(d, 6 * 60, 20 * 60) for d in range(5))
    team = (
        Agent("A1", "Ann", min_hours=0, max_hours=40),
        Agent("B2", "Ben", min_hours=0, max_hours=13, availability=weekdays),
    )
    demand = SkillDemand("", tuple([1.0] * (7 * 24)))
    return ScheduleProblem(MONDAY, 60, (demand,), (DAY,), team, rules=TourRules(**rules))


def shift(agent_id: str, day: int, hour: int = 9, lunch_after: int = 3) -> ScheduledShift:
    start = MONDAY + timedelta(days=day, hours=hour)
    lunch = start + timedelta(hours=lunch_after)
    return ScheduledShift(
        agent_id,
        "day",
        start,
        start + timedelta(hours=8),
        (ScheduledBreak("lunch", lunch, lunch + timedelta(hours=1), False),),
    )


def rules_broken(schedule: Schedule, **rules: int) -> set[str]:
    return {v.rule for v in check_schedule(problem(**rules), schedule)}


def test_a_schedule_within_every_rule_has_no_violations() -> None:
    schedule = Schedule((shift("A1", 0), shift("A1", 1), shift("B2", 2)))

    assert check_schedule(problem(min_days_off=2), schedule) == []


@pytest.mark.parametrize(
    ("shifts", "rules", "broken"),
    [
        ((shift("A1", 0, hour=10),), {}, "start_time"),
        ((shift("A1", 0, lunch_after=1),), {}, "break_window"),
        ((shift("B2", 5),), {}, "availability"),
        ((shift("B2", 0), shift("B2", 1)), {}, "max_hours"),
        ((shift("A1", 0, hour=8), shift("A1", 0, hour=9)), {}, "one_shift_per_day"),
        ((shift("A1", 0), shift("A1", 1, hour=8)), {"min_rest_minutes": 16 * 60}, "min_rest"),
        (tuple(shift("A1", d) for d in range(6)), {"min_days_off": 2}, "min_days_off"),
        (
            tuple(shift("A1", d) for d in (0, 2, 4, 6)),
            {"consecutive_days_off": 2},
            "consecutive_days_off",
        ),
        (
            tuple(shift("A1", d) for d in range(5)),
            {"max_consecutive_work_days": 4},
            "max_consecutive_work_days",
        ),
        ((replace(shift("A1", 0), template="night"),), {}, "unknown_template"),
    ],
)
def test_each_broken_rule_is_reported(
    shifts: tuple[ScheduledShift, ...], rules: dict[str, int], broken: str
) -> None:
    assert broken in rules_broken(Schedule(shifts), **rules)


def test_sunday_to_monday_counts_as_consecutive_days_off() -> None:
    weekdays_only = Schedule(tuple(shift("A1", d) for d in range(1, 6)))

    assert rules_broken(weekdays_only, consecutive_days_off=2) == set()


def test_minimum_hours_shortfall_is_reported() -> None:
    contracted = replace(problem(), agents=(Agent("A1", "Ann", min_hours=20, max_hours=40),))

    violations = check_schedule(contracted, Schedule((shift("A1", 0),)))

    assert [v.rule for v in violations] == ["min_hours"]
    assert "7 paid hours" in violations[0].message


def test_swap_on_a_day_exchanges_only_that_days_shifts() -> None:
    schedule = Schedule((shift("A1", 0), shift("A1", 1), shift("B2", 1, hour=8)))

    swapped = swap_shifts(
        problem(),
        schedule,
        first_agent_id="A1",
        second_agent_id="B2",
        on=(MONDAY + timedelta(days=1)).date(),
    )

    owners = {(s.agent_id, s.start.day) for s in swapped.shifts}
    assert owners == {("A1", 2), ("B2", 3), ("A1", 3)}
    assert {s.start.hour for s in swapped.for_agent("A1") if s.start.day == 3} == {8}


def test_swap_needs_two_known_agents() -> None:
    with pytest.raises(ScheduleInputError):
        swap_shifts(problem(), Schedule(()), first_agent_id="A1", second_agent_id="Z9")


def test_time_off_removes_the_overlapping_shift_and_is_respected_afterwards() -> None:
    schedule = Schedule((shift("A1", 0), shift("A1", 1)))
    start = MONDAY + timedelta(days=1, hours=12)

    edited_problem, edited = add_time_off(
        problem(), schedule, agent_id="A1", start=start, end=start + timedelta(hours=2)
    )

    assert [s.start.day for s in edited.shifts] == [2]
    assert check_schedule(edited_problem, edited) == []
    assert "availability" in {v.rule for v in check_schedule(edited_problem, schedule)}


def test_coverage_subtracts_breaks_and_reports_the_gap_per_interval() -> None:
    rows = coverage(problem(), Schedule((shift("A1", 0),)))

    monday = {row.interval_start.hour: row for row in rows if row.interval_start.day == 2}
    assert [monday[h].scheduled for h in (8, 9, 12, 13)] == [0.0, 1.0, 0.0, 1.0]
    assert monday[12].under == 1.0
    assert monday[9].over == 0.0
