from datetime import date

import pytest

from floorlead.errors import RuleViolation
from floorlead.training.onboarding import PlannedModule, RequiredProgram, plan_onboarding

FRIDAY = date(2026, 3, 6)


def _program(pid: int, due: date, *minutes: int) -> RequiredProgram:
    modules = tuple(PlannedModule(pid * 10 + i, f"M{pid}.{i}", m) for i, m in enumerate(minutes))
    return RequiredProgram(pid, f"P{pid}", due, modules)


def test_modules_fill_working_days_up_to_the_daily_budget_skipping_the_weekend() -> None:
    welcome = _program(1, date(2026, 3, 20), 60, 45, 30)
    systems = _program(2, date(2026, 3, 10), 90)

    plan = plan_onboarding([welcome, systems], start=FRIDAY, minutes_per_day=120)

    # The earlier due date goes first: systems (90) on Friday; welcome's 60 does not fit in the
    # 30 minutes left, so it starts Monday with the 45 (105); the 30 would make 135, so Tuesday.
    assert [(s.day, s.module_title) for s in plan.steps] == [
        (date(2026, 3, 6), "M2.0"),
        (date(2026, 3, 9), "M1.0"),
        (date(2026, 3, 9), "M1.1"),
        (date(2026, 3, 10), "M1.2"),
    ]
    assert plan.finishes_on == date(2026, 3, 10)
    assert [(p.program_id, p.finishes_on, p.late) for p in plan.programs] == [
        (2, date(2026, 3, 6), False),
        (1, date(2026, 3, 10), False),
    ]


def test_a_module_longer_than_a_day_gets_a_day_of_its_own_and_can_make_a_programme_late() -> None:
    shadowing = _program(1, date(2026, 3, 2), 30, 180)

    plan = plan_onboarding([shadowing], start=date(2026, 3, 2), minutes_per_day=120)

    assert [s.day for s in plan.steps] == [date(2026, 3, 2), date(2026, 3, 3)]
    assert plan.programs[0].late is True


def test_a_start_on_a_saturday_begins_on_monday() -> None:
    plan = plan_onboarding([_program(1, date(2026, 3, 31), 30)], start=date(2026, 3, 7))

    assert plan.steps[0].day == date(2026, 3, 9)


def test_the_daily_budget_must_be_positive() -> None:
    with pytest.raises(RuleViolation):
        plan_onboarding([], start=FRIDAY, minutes_per_day=0)
