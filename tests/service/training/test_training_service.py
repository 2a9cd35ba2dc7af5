from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from training_world import WELCOME, Floor, build_floor

from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.training import (
    assign_program,
    assignment_detail,
    complete_module,
    create_program,
    person_assignments,
    person_certifications,
    seed_training_catalogue,
    submit_quiz,
)
from floorlead.training.model import AssignmentStatus, ExpiryStatus
from floorlead.training.schemas import ProgramCreate
from floorlead.training.tables import QuizAttempt, TrainingProgram

from factories import T0

TODAY = T0.date()


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def test_the_seed_catalogue_is_added_once(session: Session) -> None:
    seed_training_catalogue(session, T0)
    seed_training_catalogue(session, T0)

    count = session.scalar(select(func.count()).select_from(TrainingProgram))
    assert count == 11


def test_only_those_who_manage_training_author_programmes(floor: Floor) -> None:
    data = ProgramCreate.model_validate({**WELCOME.model_dump(), "slug": "welcome-again"})

    with pytest.raises(PermissionDenied):
        create_program(floor.session, actor=floor.actor(floor.ana), data=data, now=T0)


def test_a_programme_slug_is_unique(floor: Floor) -> None:
    with pytest.raises(Conflict) as refused:
        create_program(floor.session, actor=floor.actor(floor.lee), data=WELCOME, now=T0)

    assert refused.value.field == "slug"


def test_a_team_lead_assigns_training_to_their_team_but_not_to_another(floor: Floor) -> None:
    lee = floor.actor(floor.lee)
    due = TODAY + timedelta(days=14)

    assignment = assign_program(
        floor.session,
        actor=lee,
        person_id=floor.ana.id,
        program_id=floor.welcome.id,
        due_on=due,
        now=T0,
    )

    assert (assignment.person_id, assignment.due_on, assignment.reason) == (
        floor.ana.id,
        due,
        "manual",
    )
    with pytest.raises(PermissionDenied):
        assign_program(
            floor.session,
            actor=lee,
            person_id=floor.bo.id,
            program_id=floor.welcome.id,
            due_on=due,
            now=T0,
        )
    with pytest.raises(Conflict):
        assign_program(
            floor.session,
            actor=lee,
            person_id=floor.ana.id,
            program_id=floor.welcome.id,
            due_on=due,
            now=T0,
        )
    with pytest.raises(RuleViolation) as past:
        assign_program(
            floor.session,
            actor=lee,
            person_id=floor.ben.id,
            program_id=floor.welcome.id,
            due_on=TODAY - timedelta(days=1),
            now=T0,
        )
    assert past.value.field == "due_on"


def test_finishing_the_modules_and_passing_the_quiz_completes_and_certifies(floor: Floor) -> None:
    session = floor.session
    assignment = assign_program(
        session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        program_id=floor.welcome.id,
        due_on=TODAY + timedelta(days=14),
        now=T0,
    )
    ana = floor.actor(floor.ana)
    reading, quiz_module = floor.welcome.modules
    first, second = (q.id for q in quiz_module.questions)

    complete_module(session, actor=ana, assignment_id=assignment.id, module_id=reading.id, now=T0)
    failed, done_after_fail = submit_quiz(
        session,
        actor=ana,
        assignment_id=assignment.id,
        module_id=quiz_module.id,
        answers={first: 0},
        now=T0,
    )
    passed, done = submit_quiz(
        session,
        actor=ana,
        assignment_id=assignment.id,
        module_id=quiz_module.id,
        answers={first: 1, second: 0},
        now=T0 + timedelta(hours=1),
    )

    assert (failed.score, failed.passed, done_after_fail) == (0.0, False, False)
    assert (passed.score, passed.passed, done) == (50.0, True, True)
    detail = assignment_detail(session, actor=ana, assignment_id=assignment.id, today=TODAY)
    assert detail.status is AssignmentStatus.COMPLETED
    assert [(m.done, m.attempts, m.best_score) for m in detail.modules] == [
        (True, 0, None),
        (True, 2, 50.0),
    ]
    assert "correct" not in detail.modules[1].questions[0].model_dump()
    assert session.scalar(select(func.count()).select_from(QuizAttempt)) == 2
    [held] = person_certifications(session, actor=ana, person_id=floor.ana.id, today=TODAY)
    assert (held.name, held.earned_on, held.expires_on, held.status) == (
        "Data protection essentials",
        TODAY,
        date(2027, 3, 2),
        ExpiryStatus.VALID,
    )


def test_quizzes_are_taken_by_the_learner_and_quiz_modules_are_not_ticked_off(floor: Floor) -> None:
    session = floor.session
    assignment = assign_program(
        session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        program_id=floor.welcome.id,
        due_on=TODAY + timedelta(days=7),
        now=T0,
    )
    quiz_module = floor.welcome.modules[1]

    with pytest.raises(PermissionDenied):
        submit_quiz(
            session,
            actor=floor.actor(floor.lee),
            assignment_id=assignment.id,
            module_id=quiz_module.id,
            answers={},
            now=T0,
        )
    with pytest.raises(RuleViolation) as refused:
        complete_module(
            session,
            actor=floor.actor(floor.ana),
            assignment_id=assignment.id,
            module_id=quiz_module.id,
            now=T0,
        )
    assert refused.value.field == "module_id"
    with pytest.raises(PermissionDenied):
        complete_module(
            session,
            actor=floor.actor(floor.ben),
            assignment_id=assignment.id,
            module_id=floor.welcome.modules[0].id,
            now=T0,
        )


def test_agents_see_their_own_training_and_leads_their_teams(floor: Floor) -> None:
    session = floor.session
    assign_program(
        session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        program_id=floor.welcome.id,
        due_on=TODAY + timedelta(days=3),
        now=T0,
    )

    later = TODAY + timedelta(days=5)
    [row] = person_assignments(
        session, actor=floor.actor(floor.sam), person_id=floor.ana.id, today=later
    )

    assert (row.status, row.days_overdue, row.modules_total) == (AssignmentStatus.OVERDUE, 2, 2)
    assert person_assignments(
        session, actor=floor.actor(floor.ana), person_id=floor.ana.id, today=later
    )
    with pytest.raises(PermissionDenied):
        person_assignments(
            session, actor=floor.actor(floor.ben), person_id=floor.ana.id, today=later
        )
    with pytest.raises(PermissionDenied):
        person_assignments(
            session, actor=floor.actor(floor.sue), person_id=floor.ana.id, today=later
        )
