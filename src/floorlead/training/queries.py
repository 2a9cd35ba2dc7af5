"""The read side of training: programmes, someone's assignments with progress, overdue work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Action, Actor
from floorlead.errors import PermissionDenied
from floorlead.org.tables import Person, Skill
from floorlead.training import deadlines, progress
from floorlead.training.access import authorise, person_to_view, visible_people
from floorlead.training.catalogue import get_program
from floorlead.training.model import ProgramKind
from floorlead.training.schemas import (
    AssignmentDetail,
    AssignmentPublic,
    ModuleProgressPublic,
    ModulePublic,
    ProgramPublic,
    ProgramSummary,
    QuestionPublic,
)
from floorlead.training.service import get_assignment
from floorlead.training.tables import (
    ModuleProgress,
    ProgramSkill,
    TrainingAssignment,
    TrainingModule,
    TrainingProgram,
)


def _summary(program: TrainingProgram) -> ProgramSummary:
    return ProgramSummary(
        id=program.id,
        slug=program.slug,
        title=program.title,
        kind=ProgramKind(program.kind),
        description=program.description,
        module_count=len(program.modules),
        total_minutes=sum(m.duration_minutes for m in program.modules),
    )


def list_programs(session: Session, *, actor: Actor | None) -> list[ProgramSummary]:
    authorise(actor, Action.VIEW_TRAINING, scoped=False)
    programs = session.scalars(
        select(TrainingProgram)
        .where(TrainingProgram.active.is_(True))
        .options(selectinload(TrainingProgram.modules))
        .order_by(TrainingProgram.kind, TrainingProgram.title)
    )
    return [_summary(p) for p in programs]


def _module_public(module: TrainingModule) -> ModulePublic:
    return ModulePublic(
        id=module.id,
        position=module.position,
        title=module.title,
        content_url=module.content_url,
        content_text=module.content_text,
        duration_minutes=module.duration_minutes,
        pass_mark=module.pass_mark,
        question_count=len(module.questions),
    )


def program_detail(session: Session, *, actor: Actor | None, program_id: int) -> ProgramPublic:
    authorise(actor, Action.VIEW_TRAINING, scoped=False)
    program = get_program(session, program_id)
    skills = session.execute(
        select(Skill.name, ProgramSkill.level)
        .join(Skill, Skill.id == ProgramSkill.skill_id)
        .where(ProgramSkill.program_id == program.id)
        .order_by(Skill.name)
    ).all()
    return ProgramPublic(
        **_summary(program).model_dump(),
        active=program.active,
        modules=[_module_public(m) for m in program.modules],
        skills=dict(skills),
        criteria=sorted(c.criterion_key for c in program.criteria),
    )


def _specs(program: TrainingProgram) -> list[progress.ModuleSpec]:
    return [progress.ModuleSpec(m.id, m.pass_mark is not None) for m in program.modules]


def _states(assignment: TrainingAssignment) -> dict[int, progress.ModuleState]:
    return {
        row.module_id: progress.ModuleState(row.completed_at is not None, row.passed)
        for row in assignment.progress
    }


def _publics(
    session: Session, assignments: Sequence[TrainingAssignment], today: date
) -> list[AssignmentPublic]:
    program_ids = {a.program_id for a in assignments}
    programs = {
        p.id: p
        for p in session.scalars(
            select(TrainingProgram)
            .where(TrainingProgram.id.in_(program_ids))
            .options(selectinload(TrainingProgram.modules))
        )
    }
    people = {a.person_id for a in assignments}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(people))).all())
    rows = []
    for a in assignments:
        program = programs[a.program_id]
        done = a.completed_at is not None
        state = progress.program_progress(_specs(program), _states(a))
        rows.append(
            AssignmentPublic(
                id=a.id,
                person_id=a.person_id,
                person_name=names.get(a.person_id, ""),
                program_id=program.id,
                program_title=program.title,
                program_kind=ProgramKind(program.kind),
                due_on=a.due_on,
                reason=a.reason,
                assigned_at=a.assigned_at,
                completed_at=a.completed_at,
                status=deadlines.assignment_status(
                    a.due_on, completed=done, started=bool(a.progress), today=today
                ),
                days_overdue=deadlines.days_overdue(a.due_on, completed=done, today=today),
                modules_done=state.done,
                modules_total=state.total,
                percent=100 if done else state.percent,
            )
        )
    return rows


def _assignments(session: Session, *where: ColumnElement[bool]) -> list[TrainingAssignment]:
    return list(
        session.scalars(
            select(TrainingAssignment)
            .where(*where)
            .options(selectinload(TrainingAssignment.progress))
            .order_by(TrainingAssignment.due_on, TrainingAssignment.id)
        )
    )


def person_assignments(
    session: Session, *, actor: Actor | None, person_id: int, today: date
) -> list[AssignmentPublic]:
    """Someone's assignments: open ones by due date, then completed ones."""
    person = person_to_view(session, actor, person_id)
    rows = _publics(
        session, _assignments(session, TrainingAssignment.person_id == person.id), today
    )
    return sorted(rows, key=lambda r: (r.completed_at is not None, r.due_on, r.id))


def overdue_assignments(
    session: Session, *, actor: Actor | None, today: date
) -> list[AssignmentPublic]:
    """Unfinished assignments past their due date, of active people the actor may see."""
    active = select(Person.id).where(Person.leave_date.is_(None))
    found = _assignments(
        session,
        TrainingAssignment.completed_at.is_(None),
        TrainingAssignment.due_on < today,
        TrainingAssignment.person_id.in_(active),
        visible_people(actor, TrainingAssignment.person_id),
    )
    return _publics(session, found, today)


def _module_progress(
    module: TrainingModule, row: ModuleProgress | None, spec: progress.ModuleSpec
) -> ModuleProgressPublic:
    state = progress.ModuleState(row.completed_at is not None, row.passed) if row else None
    return ModuleProgressPublic(
        **_module_public(module).model_dump(),
        done=progress.module_done(spec, state),
        completed_at=row.completed_at if row else None,
        passed=row.passed if row else None,
        best_score=row.best_score if row else None,
        attempts=row.attempts if row else 0,
        questions=[
            QuestionPublic(id=q.id, prompt=q.prompt, choices=q.choices) for q in module.questions
        ],
    )


def assignment_detail(
    session: Session, *, actor: Actor | None, assignment_id: int, today: date
) -> AssignmentDetail:
    assignment = get_assignment(session, assignment_id)
    try:
        person_to_view(session, actor, assignment.person_id)
    except PermissionDenied:
        raise PermissionDenied("this is someone else's training", field="assignment_id") from None
    [public] = _publics(session, [assignment], today)
    program = session.get_one(TrainingProgram, assignment.program_id)
    rows = {row.module_id: row for row in assignment.progress}
    modules = [
        _module_progress(module, rows.get(module.id), spec)
        for module, spec in zip(program.modules, _specs(program), strict=True)
    ]
    return AssignmentDetail(**public.model_dump(), modules=modules)
