"""A new starter's onboarding plan, laid out from the training their role asked for.

The plan covers the person's assignments made for a role (reason ``role:<slug>``), starting on
the day the first of them was assigned; see :mod:`floorlead.training.onboarding` for the rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Actor
from floorlead.training.access import person_to_view
from floorlead.training.onboarding import (
    PlannedModule,
    RequiredProgram,
    plan_onboarding,
)
from floorlead.training.schemas import OnboardingPlanPublic, PlanProgramPublic, PlanStepPublic
from floorlead.training.tables import TrainingAssignment, TrainingProgram

ROLE_REASON = "role:"
MINUTES_PER_DAY = 120


def _required_programs(
    session: Session, assignments: Sequence[TrainingAssignment]
) -> list[RequiredProgram]:
    programs = {
        p.id: p
        for p in session.scalars(
            select(TrainingProgram)
            .where(TrainingProgram.id.in_([a.program_id for a in assignments]))
            .options(selectinload(TrainingProgram.modules))
        )
    }
    return [
        RequiredProgram(
            program_id=a.program_id,
            title=programs[a.program_id].title,
            due_on=a.due_on,
            modules=tuple(
                PlannedModule(m.id, m.title, m.duration_minutes)
                for m in programs[a.program_id].modules
            ),
        )
        for a in assignments
    ]


def onboarding_plan(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    minutes_per_day: int = MINUTES_PER_DAY,
) -> OnboardingPlanPublic:
    person = person_to_view(session, actor, person_id)
    assignments = session.scalars(
        select(TrainingAssignment)
        .where(
            TrainingAssignment.person_id == person.id,
            TrainingAssignment.reason.startswith(ROLE_REASON),
        )
        .order_by(TrainingAssignment.id)
    ).all()
    if not assignments:
        return OnboardingPlanPublic(
            person_id=person.id, start=None, finishes_on=None, steps=[], programs=[]
        )
    required = _required_programs(session, assignments)
    start = max(min(a.assigned_at for a in assignments).date(), person.hire_date)
    plan = plan_onboarding(required, start=start, minutes_per_day=minutes_per_day)
    return OnboardingPlanPublic(
        person_id=person.id,
        start=plan.start,
        finishes_on=plan.finishes_on,
        steps=[PlanStepPublic(**vars(step)) for step in plan.steps],
        programs=[PlanProgramPublic(**vars(p)) for p in plan.programs],
    )
