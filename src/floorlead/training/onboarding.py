"""An onboarding plan: the modules of a role's required programmes laid out on working days.

Programmes are taken in order of their due dates (earliest first, then as the role lists
them), their modules in programme order. Each working day (Monday to Friday) holds up to
``minutes_per_day`` of training; a module that does not fit in what is left of a day starts
the next day, and a module longer than a whole day gets a day to itself. A programme whose last
module falls after its due date is flagged ``late``, so the plan shows when the role asks for
more training than the daily budget allows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from floorlead.errors import RuleViolation

SATURDAY = 5


@dataclass(frozen=True)
class PlannedModule:
    module_id: int
    title: str
    minutes: int


@dataclass(frozen=True)
class RequiredProgram:
    program_id: int
    title: str
    due_on: date
    modules: tuple[PlannedModule, ...]


@dataclass(frozen=True)
class PlanStep:
    day: date
    program_id: int
    program_title: str
    module_id: int
    module_title: str
    minutes: int


@dataclass(frozen=True)
class ProgramSchedule:
    program_id: int
    title: str
    due_on: date
    finishes_on: date | None  # None: the programme has no modules
    late: bool


@dataclass(frozen=True)
class OnboardingPlan:
    start: date
    steps: tuple[PlanStep, ...]
    programs: tuple[ProgramSchedule, ...]

    @property
    def finishes_on(self) -> date | None:
        return self.steps[-1].day if self.steps else None


def working_days(start: date) -> Iterator[date]:
    day = start
    while True:
        if day.weekday() < SATURDAY:
            yield day
        day += timedelta(days=1)


def plan_onboarding(
    programs: Sequence[RequiredProgram], *, start: date, minutes_per_day: int = 120
) -> OnboardingPlan:
    if minutes_per_day <= 0:
        raise RuleViolation("minutes_per_day must be positive", field="minutes_per_day")
    ordered = sorted(enumerate(programs), key=lambda pair: (pair[1].due_on, pair[0]))
    days = working_days(start)
    day, used = next(days), 0
    steps: list[PlanStep] = []
    schedules: list[ProgramSchedule] = []
    for _, program in ordered:
        finished: date | None = None
        for module in program.modules:
            if used and used + module.minutes > minutes_per_day:
                day, used = next(days), 0
            steps.append(
                PlanStep(
                    day,
                    program.program_id,
                    program.title,
                    module.module_id,
                    module.title,
                    module.minutes,
                )
            )
            used += module.minutes
            finished = day
        late = finished is not None and finished > program.due_on
        schedules.append(
            ProgramSchedule(program.program_id, program.title, program.due_on, finished, late)
        )
    return OnboardingPlan(start=start, steps=tuple(steps), programs=tuple(schedules))
