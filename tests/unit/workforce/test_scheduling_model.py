"""Inputs of the schedule optimiser refuse bad values with errors naming the field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from floorlead.workforce.scheduling import (
    Agent,
    BreakRule,
    ScheduleInputError,
    ScheduleProblem,
    ShiftTemplate,
    SkillDemand,
    TourRules,
    WeeklyWindow,
)
from floorlead.workforce.scheduling.timeline import WEEK_MINUTES, MinuteSet, minutes_per_interval

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
WEEK_OF_HOURS = 7 * 24


def test_negative_requirement_is_refused_naming_the_interval() -> None:
    with pytest.raises(ScheduleInputError, match="negative") as caught:
        SkillDemand("", (1.0, -2.0, 0.0))

    assert "interval 1" in caught.value.message
    assert caught.value.field == "requirements[any].required"


def test_break_window_ending_after_the_shift_is_refused() -> None:
    late_lunch = BreakRule("lunch", 30, False, 200, 230)

    with pytest.raises(ScheduleInputError, match="end after") as caught:
        ShiftTemplate("short", 240, (480,), (late_lunch,))

    assert caught.value.field == "templates[short].breaks[0].window"


def test_break_that_can_never_follow_the_previous_one_is_refused() -> None:
    first = BreakRule("first", 30, True, 120, 150)
    second = BreakRule("second", 15, True, 60, 90)

    with pytest.raises(ScheduleInputError, match="can never start after"):
        ShiftTemplate("day", 480, (480,), (first, second))


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"min_days_off": 8}, "rules.min_days_off"),
        ({"consecutive_days_off": 9}, "rules.consecutive_days_off"),
        ({"max_consecutive_work_days": -1}, "rules.max_consecutive_work_days"),
        ({"min_rest_minutes": -60}, "rules.min_rest_hours"),
    ],
)
def test_impossible_tour_rules_are_refused(rules: dict[str, int], field: str) -> None:
    with pytest.raises(ScheduleInputError) as caught:
        TourRules(**rules)

    assert caught.value.field == field


def test_agent_with_minimum_above_maximum_hours_is_refused() -> None:
    with pytest.raises(ScheduleInputError, match="above max_hours") as caught:
        Agent("A1", "Ann", min_hours=30, max_hours=20)

    assert caught.value.field == "agents[A1].max_hours"


def test_demand_while_closed_is_refused() -> None:
    required = [0.0] * WEEK_OF_HOURS
    required[3] = 2.0  # Monday 03:00
    template = ShiftTemplate("day", 480, (540,))
    opening = tuple(WeeklyWindow(day, 8 * 60, 20 * 60) for day in range(7))

    with pytest.raises(ScheduleInputError, match="closed"):
        ScheduleProblem(
            MONDAY, 60, (SkillDemand("", tuple(required)),), (template,), (), opening_hours=opening
        )


def test_week_must_start_at_midnight() -> None:
    with pytest.raises(ScheduleInputError, match="midnight"):
        ScheduleProblem(MONDAY.replace(hour=6), 60, (), (ShiftTemplate("day", 480, (540,)),), ())


def test_minute_set_wraps_spans_past_the_week_end() -> None:
    sunday_night = MinuteSet.of([(WEEK_MINUTES - 120, WEEK_MINUTES + 360)])

    assert sunday_night.ranges == ((0, 360), (WEEK_MINUTES - 120, WEEK_MINUTES))
    assert sunday_night.contains_span(WEEK_MINUTES - 60, WEEK_MINUTES + 60)
    assert not sunday_night.contains_span(300, 420)


def test_minute_set_minus_cuts_time_off_out_of_availability() -> None:
    available = MinuteSet.of([(0, 600)])

    left = available.minus(MinuteSet.of([(100, 200), (500, 700)]))

    assert left.ranges == ((0, 100), (200, 500))


def test_minutes_per_interval_splits_a_shift_over_intervals_and_the_week_end() -> None:
    per_interval = minutes_per_interval(WEEK_MINUTES - 20, 50, 15)

    assert per_interval == {671: 15, 670: 5, 0: 15, 1: 15}
