"""Training endpoints: programmes, assignments and progress, quizzes, certifications, the skill
matrix, skill gaps and onboarding plans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from floorlead import careers, training
from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.training.schemas import (
    AssignmentCreate,
    AssignmentDetail,
    AssignmentPublic,
    CertificationCreate,
    CertificationPublic,
    CertificationRecord,
    GapPublic,
    HeldCertification,
    ModuleIn,
    OnboardingPlanPublic,
    PersonGaps,
    ProgramCreate,
    ProgramPublic,
    ProgramSummary,
    QuizAnswers,
    QuizResultPublic,
    SkillMatrix,
)

router = APIRouter(prefix="/training", tags=["training"])
Days = Annotated[int, Query(ge=0, le=366, description="window in days")]


@router.get("/programs")
def programs(session: SessionDep, actor: ActorDep) -> list[ProgramSummary]:
    return training.list_programs(session, actor=actor)


@router.post("/programs", status_code=201)
def create_program(
    body: ProgramCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ProgramPublic:
    program = training.create_program(session, actor=actor, data=body, now=now)
    return training.program_detail(session, actor=actor, program_id=program.id)


@router.get("/programs/{program_id}")
def program(program_id: int, session: SessionDep, actor: ActorDep) -> ProgramPublic:
    return training.program_detail(session, actor=actor, program_id=program_id)


@router.post("/programs/{program_id}/modules", status_code=201)
def add_module(
    program_id: int, body: ModuleIn, session: SessionDep, actor: ActorDep, now: NowDep
) -> ProgramPublic:
    training.add_module(session, actor=actor, program_id=program_id, data=body, now=now)
    return training.program_detail(session, actor=actor, program_id=program_id)


@router.get("/certifications")
def certifications(session: SessionDep, actor: ActorDep) -> list[CertificationPublic]:
    return training.list_certifications(session, actor=actor)


@router.post("/certifications", status_code=201)
def create_certification(
    body: CertificationCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CertificationPublic:
    created = training.create_certification(session, actor=actor, data=body, now=now)
    [public] = [c for c in training.list_certifications(session, actor=actor) if c.id == created.id]
    return public


@router.get("/certifications/expiring")
def expiring(
    session: SessionDep, actor: ActorDep, now: NowDep, days: Days = 30
) -> list[HeldCertification]:
    """Certifications (of people you may see) lapsing within ``days``, or lapsed."""
    return training.expiring_certifications(session, actor=actor, today=now.date(), days=days)


@router.get("/me")
def my_training(session: SessionDep, actor: ActorDep, now: NowDep) -> list[AssignmentPublic]:
    return training.person_assignments(
        session, actor=actor, person_id=actor.person_id, today=now.date()
    )


@router.get("/overdue")
def overdue(session: SessionDep, actor: ActorDep, now: NowDep) -> list[AssignmentPublic]:
    return training.overdue_assignments(session, actor=actor, today=now.date())


@router.get("/skill-matrix")
def skill_matrix(team_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> SkillMatrix:
    return training.skill_matrix(session, actor=actor, team_id=team_id, today=now.date())


@router.get("/people/{person_id}/assignments")
def person_assignments(
    person_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> list[AssignmentPublic]:
    return training.person_assignments(session, actor=actor, person_id=person_id, today=now.date())


@router.get("/people/{person_id}/certifications")
def person_certifications(
    person_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> list[HeldCertification]:
    return training.person_certifications(
        session, actor=actor, person_id=person_id, today=now.date()
    )


@router.post("/people/{person_id}/certifications", status_code=201)
def record_certification(
    person_id: int, body: CertificationRecord, session: SessionDep, actor: ActorDep, now: NowDep
) -> HeldCertification:
    held = training.record_certification(
        session,
        actor=actor,
        person_id=person_id,
        certification_id=body.certification_id,
        earned_on=body.earned_on,
        now=now,
    )
    return training.certification_record(session, actor=actor, record_id=held.id, today=now.date())


@router.get("/people/{person_id}/gaps")
def gaps(person_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> list[GapPublic]:
    """Skills below the person's job role and quality criteria they failed repeatedly, each
    with the programmes that teach it."""
    return careers.training_gaps(session, actor=actor, person_id=person_id, now=now)


@router.get("/gaps")
def team_gaps(team_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> list[PersonGaps]:
    """The training gaps of everyone working in the team, by name."""
    return careers.team_training_gaps(session, actor=actor, team_id=team_id, now=now)


@router.get("/people/{person_id}/onboarding-plan")
def plan(person_id: int, session: SessionDep, actor: ActorDep) -> OnboardingPlanPublic:
    return training.onboarding_plan(session, actor=actor, person_id=person_id)


@router.post("/assignments", status_code=201)
def assign(
    body: AssignmentCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> AssignmentDetail:
    assignment = training.assign_program(
        session,
        actor=actor,
        person_id=body.person_id,
        program_id=body.program_id,
        due_on=body.due_on,
        now=now,
    )
    return training.assignment_detail(
        session, actor=actor, assignment_id=assignment.id, today=now.date()
    )


@router.get("/assignments/{assignment_id}")
def assignment(
    assignment_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> AssignmentDetail:
    return training.assignment_detail(
        session, actor=actor, assignment_id=assignment_id, today=now.date()
    )


@router.post("/assignments/{assignment_id}/modules/{module_id}/complete")
def complete_module(
    assignment_id: int, module_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> AssignmentDetail:
    training.complete_module(
        session, actor=actor, assignment_id=assignment_id, module_id=module_id, now=now
    )
    return training.assignment_detail(
        session, actor=actor, assignment_id=assignment_id, today=now.date()
    )


@router.post("/assignments/{assignment_id}/modules/{module_id}/quiz")
def take_quiz(
    assignment_id: int,
    module_id: int,
    body: QuizAnswers,
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
) -> QuizResultPublic:
    """Submit answers; they are scored on the server against the module's pass mark."""
    result, complete = training.submit_quiz(
        session,
        actor=actor,
        assignment_id=assignment_id,
        module_id=module_id,
        answers=body.answers,
        now=now,
    )
    return QuizResultPublic(
        correct=result.correct,
        total=result.total,
        score=result.score,
        pass_mark=result.pass_mark,
        passed=result.passed,
        wrong=list(result.wrong),
        program_complete=complete,
    )
