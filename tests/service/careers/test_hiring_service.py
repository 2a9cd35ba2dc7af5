from datetime import date

import pytest
from careers_world import Floor, build_floor
from sqlalchemy.orm import Session

from floorlead.careers import (
    add_candidate,
    candidate_detail,
    career_readiness,
    hire_candidate,
    open_requisition,
    reject_candidate,
    requisition_detail,
    submit_scorecard,
)
from floorlead.careers.schemas import CandidateCreate, HireIn, RequisitionCreate, ScorecardIn
from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.org.tables import Person
from floorlead.training import onboarding_plan, person_assignments

from factories import T0


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def _scores(detail_items: list[str], value: int) -> dict[str, int]:
    return dict.fromkeys(detail_items, value)


def test_a_supervisor_interviews_and_hires_into_their_team(floor: Floor) -> None:
    session = floor.session
    sam = floor.actor(floor.sam)
    requisition = open_requisition(
        session,
        actor=sam,
        now=T0,
        data=RequisitionCreate(
            role="frontline-agent", team_id=floor.billing.id, manager_id=floor.lee.id, openings=1
        ),
    )
    casey = add_candidate(
        session,
        actor=sam,
        requisition_id=requisition.id,
        now=T0,
        data=CandidateCreate(name="Casey Candidate", email="Casey@Example.org"),
    )
    keys = [item.key for item in candidate_detail(session, actor=sam, candidate_id=casey.id).items]
    submit_scorecard(
        session,
        actor=sam,
        candidate_id=casey.id,
        now=T0,
        data=ScorecardIn(scores=_scores(keys, 4), recommendation="hire"),
    )
    submit_scorecard(
        session,
        actor=floor.actor(floor.max),
        candidate_id=casey.id,
        now=T0,
        data=ScorecardIn(scores=_scores(keys, 3), recommendation="maybe"),
    )

    hired = hire_candidate(
        session, actor=sam, candidate_id=casey.id, now=T0, data=HireIn(hire_date=date(2026, 3, 16))
    )

    detail = requisition_detail(session, actor=sam, requisition_id=requisition.id)
    [candidate] = detail.candidates
    assert (detail.status, detail.hired) == ("filled", 1)
    assert (candidate.status, candidate.summary.score, candidate.summary.consensus) == (
        "hired",
        3.5,
        "split",
    )
    person = session.get(Person, candidate.person_id)
    assert (person.email, person.role, person.team_id, person.manager_id, person.hire_date) == (
        "casey@example.org",
        "agent",
        floor.billing.id,
        floor.lee.id,
        date(2026, 3, 16),
    )
    lee = floor.actor(floor.lee)  # loaded after the hire: Lee now manages the new agent
    rows = person_assignments(session, actor=lee, person_id=person.id, today=T0.date())
    # Training starts on the hire date: due 7 and 14 days later.
    assert sorted(r.id for r in rows) == sorted(hired.assignment_ids)
    assert [r.due_on for r in rows] == [date(2026, 3, 23), date(2026, 3, 30)]
    plan = onboarding_plan(session, actor=lee, person_id=person.id)
    assert plan.start == date(2026, 3, 16)
    career = career_readiness(session, actor=lee, person_id=person.id, today=T0.date())
    assert (career.current_role.slug, career.job_role_assigned) == ("frontline-agent", True)


def test_an_interviewer_scores_every_item_and_may_revise_their_card(floor: Floor) -> None:
    session = floor.session
    sam = floor.actor(floor.sam)
    requisition = open_requisition(
        session,
        actor=sam,
        now=T0,
        data=RequisitionCreate(role="senior-agent", team_id=floor.billing.id),
    )
    dana = add_candidate(
        session,
        actor=sam,
        requisition_id=requisition.id,
        now=T0,
        data=CandidateCreate(name="Dana", email="dana@example.org"),
    )
    keys = [item.key for item in candidate_detail(session, actor=sam, candidate_id=dana.id).items]

    with pytest.raises(RuleViolation) as missing:
        submit_scorecard(
            session,
            actor=sam,
            candidate_id=dana.id,
            now=T0,
            data=ScorecardIn(scores={keys[0]: 5}, recommendation="hire"),
        )
    submit_scorecard(
        session,
        actor=sam,
        candidate_id=dana.id,
        now=T0,
        data=ScorecardIn(scores=_scores(keys, 2), recommendation="no_hire"),
    )
    submit_scorecard(
        session,
        actor=sam,
        candidate_id=dana.id,
        now=T0,
        data=ScorecardIn(scores=_scores(keys, 5), recommendation="hire"),
    )

    detail = candidate_detail(session, actor=sam, candidate_id=dana.id)
    assert missing.value.field == "scores"
    assert [(c.interviewer_name, c.recommendation) for c in detail.scorecards] == [("Sam", "hire")]
    assert (detail.summary.score, detail.summary.consensus) == (5.0, "hire")
    with pytest.raises(Conflict):
        add_candidate(
            session,
            actor=sam,
            requisition_id=requisition.id,
            now=T0,
            data=CandidateCreate(name="Dana again", email="DANA@example.org"),
        )


def test_hiring_stays_within_the_supervisors_reach(floor: Floor) -> None:
    session = floor.session
    sam = floor.actor(floor.sam)

    with pytest.raises(PermissionDenied):
        open_requisition(
            session,
            actor=floor.actor(floor.lee),
            now=T0,
            data=RequisitionCreate(role="frontline-agent", team_id=floor.billing.id),
        )
    with pytest.raises(PermissionDenied):
        open_requisition(
            session,
            actor=sam,
            now=T0,
            data=RequisitionCreate(role="frontline-agent", team_id=floor.returns.id),
        )
    requisition = open_requisition(
        session,
        actor=sam,
        now=T0,
        data=RequisitionCreate(role="customer-service-supervisor", team_id=floor.billing.id),
    )
    lou = add_candidate(
        session,
        actor=sam,
        requisition_id=requisition.id,
        now=T0,
        data=CandidateCreate(name="Lou", email="lou@example.org"),
    )
    with pytest.raises(PermissionDenied):  # a supervisor may not give the role supervisor
        hire_candidate(
            session, actor=sam, candidate_id=lou.id, now=T0, data=HireIn(hire_date=date(2026, 4, 1))
        )
    session.rollback()
    reject_candidate(session, actor=sam, candidate_id=lou.id, now=T0)
    with pytest.raises(RuleViolation):
        hire_candidate(
            session,
            actor=floor.actor(floor.ada),
            candidate_id=lou.id,
            now=T0,
            data=HireIn(hire_date=date(2026, 4, 1)),
        )
