"""Training use cases: assign programmes, complete modules, take quizzes, record certifications.

Modules are completed by the person doing the training (or, for a classroom session, by someone
who manages their training); a module with a quiz is completed by passing it, and quizzes are
taken only by the person themself. Completing a programme that earns a certification records it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Actor
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.training import progress, quiz
from floorlead.training.access import person_to_manage
from floorlead.training.catalogue import get_program
from floorlead.training.certificates import award_certification
from floorlead.training.tables import (
    Certification,
    ModuleProgress,
    QuizAttempt,
    TrainingAssignment,
    TrainingModule,
    TrainingProgram,
)


def _audit(
    session: Session,
    actor: Actor | None,
    action: str,
    entity_id: object,
    after: dict[str, object],
    now: datetime,
    entity: str = "training_assignment",
) -> None:
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=None,
        after=after,
        now=now,
    )


def _programs_to_assign(
    session: Session, person_id: int, wanted: Sequence[tuple[int, date]]
) -> list[tuple[TrainingProgram, date]]:
    """The wanted programmes the person does not have yet (each once), checked for modules."""
    held = set(
        session.scalars(
            select(TrainingAssignment.program_id).where(TrainingAssignment.person_id == person_id)
        )
    )
    found = []
    for program_id, due_on in wanted:
        program = get_program(session, program_id)
        if program.id in held:
            continue
        if not program.modules:
            raise RuleViolation(f"{program.title} has no modules yet", field="program_id")
        held.add(program.id)
        found.append((program, due_on))
    return found


def add_assignments(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    wanted: Sequence[tuple[int, date]],
    reason: str,
    now: datetime,
) -> list[TrainingAssignment]:
    """Assign each (programme id, due date) the person has not been assigned yet.

    Part of the caller's transaction: it flushes but does not commit.
    """
    person = person_to_manage(session, actor, person_id)
    created = [
        TrainingAssignment(
            person_id=person.id,
            program_id=program.id,
            due_on=due_on,
            reason=reason,
            assigned_by_id=actor.person_id if actor else None,
            assigned_at=now,
        )
        for program, due_on in _programs_to_assign(session, person.id, wanted)
    ]
    session.add_all(created)
    session.flush()
    for a in created:
        after = {
            "person_id": person.id,
            "program_id": a.program_id,
            "due_on": a.due_on.isoformat(),
            "reason": reason,
        }
        _audit(session, actor, "training_assignment.create", a.id, after, now)
    return created


def assign_program(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    program_id: int,
    due_on: date,
    now: datetime,
) -> TrainingAssignment:
    if due_on < now.date():
        raise RuleViolation("the due date is in the past", field="due_on")
    existing = session.scalar(
        select(TrainingAssignment).where(
            TrainingAssignment.person_id == person_id, TrainingAssignment.program_id == program_id
        )
    )
    if existing is not None:
        raise Conflict("this programme is already assigned to the person", field="program_id")
    [assignment] = add_assignments(
        session,
        actor=actor,
        person_id=person_id,
        wanted=[(program_id, due_on)],
        reason="manual",
        now=now,
    )
    session.commit()
    return assignment


def get_assignment(session: Session, assignment_id: int) -> TrainingAssignment:
    assignment = session.get(TrainingAssignment, assignment_id)
    if assignment is None:
        raise NotFound(f"no training assignment with id {assignment_id}", field="assignment_id")
    return assignment


def _module_of(session: Session, assignment: TrainingAssignment, module_id: int) -> TrainingModule:
    module = session.get(TrainingModule, module_id)
    if module is None or module.program_id != assignment.program_id:
        raise NotFound(f"module {module_id} is not part of this programme", field="module_id")
    return module


def _progress_row(assignment: TrainingAssignment, module_id: int, now: datetime) -> ModuleProgress:
    for row in assignment.progress:
        if row.module_id == module_id:
            return row
    row = ModuleProgress(module_id=module_id, attempts=0, updated_at=now)
    assignment.progress.append(row)
    return row


def _finish_if_complete(
    session: Session, assignment: TrainingAssignment, actor: Actor | None, now: datetime
) -> bool:
    program = session.get_one(TrainingProgram, assignment.program_id)
    states = {
        row.module_id: progress.ModuleState(row.completed_at is not None, row.passed)
        for row in assignment.progress
    }
    specs = [progress.ModuleSpec(m.id, m.pass_mark is not None) for m in program.modules]
    done = progress.program_progress(specs, states).complete
    if done and assignment.completed_at is None:
        assignment.completed_at = now
        _audit(
            session,
            actor,
            "training_assignment.complete",
            assignment.id,
            {"program_id": program.id},
            now,
        )
        for certification in session.scalars(
            select(Certification).where(Certification.program_id == program.id)
        ):
            award_certification(
                session, actor, assignment.person_id, certification, now.date(), now
            )
    return done


def complete_module(
    session: Session, *, actor: Actor, assignment_id: int, module_id: int, now: datetime
) -> TrainingAssignment:
    """Mark a module without a quiz as done."""
    assignment = get_assignment(session, assignment_id)
    if actor.person_id != assignment.person_id:
        person_to_manage(session, actor, assignment.person_id)
    module = _module_of(session, assignment, module_id)
    if module.pass_mark is not None:
        raise RuleViolation("this module is completed by passing its quiz", field="module_id")
    row = _progress_row(assignment, module.id, now)
    if row.completed_at is None:
        row.completed_at = now
        row.updated_at = now
    _finish_if_complete(session, assignment, actor, now)
    session.commit()
    return assignment


def submit_quiz(
    session: Session,
    *,
    actor: Actor,
    assignment_id: int,
    module_id: int,
    answers: Mapping[int, int],
    now: datetime,
) -> tuple[quiz.QuizResult, bool]:
    """Score the answers on the server; returns the result and whether the programme is done."""
    assignment = get_assignment(session, assignment_id)
    if actor.person_id != assignment.person_id:
        raise PermissionDenied("only the person doing the training takes its quizzes")
    module = _module_of(session, assignment, module_id)
    if module.pass_mark is None:
        raise RuleViolation("this module has no quiz", field="module_id")
    questions = [
        quiz.Question(q.id, q.prompt, tuple(q.choices), q.correct_choice) for q in module.questions
    ]
    result = quiz.score_quiz(questions, answers, pass_mark=module.pass_mark)
    session.add(
        QuizAttempt(
            assignment_id=assignment.id,
            module_id=module.id,
            answers={str(k): v for k, v in answers.items()},
            score=result.score,
            passed=result.passed,
            submitted_at=now,
        )
    )
    row = _progress_row(assignment, module.id, now)
    row.attempts += 1
    row.best_score = max(row.best_score or 0.0, result.score)
    row.updated_at = now
    if result.passed:
        row.passed = True
        row.completed_at = row.completed_at or now
    elif row.passed is None:
        row.passed = False
    complete = _finish_if_complete(session, assignment, actor, now)
    session.commit()
    return result, complete
