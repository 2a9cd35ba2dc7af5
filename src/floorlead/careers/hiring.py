"""Hiring use cases: open a requisition, add candidates, record interview scorecards, and hire.

Hiring is for supervisors and above, for their teams. Hiring a candidate creates the person
through the organisation area (which checks that the hirer may give the role's permission
role), records their job role, and assigns the role's training: their onboarding plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Actor
from floorlead.careers.access import authorise_hiring
from floorlead.careers.catalogue import role_by_slug
from floorlead.careers.interviews import check_scores, interview_items
from floorlead.careers.model import CandidateStatus, RequisitionStatus
from floorlead.careers.queries import role_spec
from floorlead.careers.schemas import CandidateCreate, HireIn, RequisitionCreate, ScorecardIn
from floorlead.careers.service import assign_role
from floorlead.careers.tables import (
    Candidate,
    InterviewScore,
    InterviewScorecard,
    Requisition,
    RoleDefinition,
)
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.org import PersonCreate, Role, add_person


@dataclass(frozen=True)
class Hire:
    candidate_id: int
    person_id: int
    role_slug: str
    assignment_ids: tuple[int, ...]


OPEN_CANDIDATE = frozenset({CandidateStatus.APPLIED.value, CandidateStatus.INTERVIEWING.value})


def _audit(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int,
    after: dict[str, object],
    now: datetime,
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


def open_requisition(
    session: Session, *, actor: Actor | None, data: RequisitionCreate, now: datetime
) -> Requisition:
    authorise_hiring(actor, data.team_id)
    role = role_by_slug(session, data.role)
    if not role.active:
        raise RuleViolation(f"the role {role.title} is no longer in use", field="role")
    requisition = Requisition(
        role_id=role.id,
        team_id=data.team_id,
        manager_id=data.manager_id,
        openings=data.openings,
        status=RequisitionStatus.OPEN.value,
        note=data.note.strip(),
        opened_by_id=actor.person_id if actor else None,
        created_at=now,
    )
    session.add(requisition)
    session.flush()
    _audit(
        session,
        actor,
        "requisition.open",
        "requisition",
        requisition.id,
        {"role": role.slug, "team_id": data.team_id, "openings": data.openings},
        now,
    )
    session.commit()
    return requisition


def get_requisition(session: Session, requisition_id: int) -> Requisition:
    requisition = session.get(Requisition, requisition_id)
    if requisition is None:
        raise NotFound(f"no requisition with id {requisition_id}", field="requisition_id")
    return requisition


def get_candidate(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}", field="candidate_id")
    return candidate


def _open(requisition: Requisition) -> None:
    if requisition.status != RequisitionStatus.OPEN.value:
        raise RuleViolation(f"the requisition is {requisition.status}", field="requisition_id")


def close_requisition(
    session: Session, *, actor: Actor | None, requisition_id: int, now: datetime
) -> Requisition:
    requisition = get_requisition(session, requisition_id)
    authorise_hiring(actor, requisition.team_id)
    _open(requisition)
    requisition.status = RequisitionStatus.CLOSED.value
    requisition.closed_at = now
    _audit(session, actor, "requisition.close", "requisition", requisition.id, {}, now)
    session.commit()
    return requisition


def _check_email(email: str) -> str:
    cleaned = email.strip().lower()
    local, at, domain = cleaned.rpartition("@")
    if not (at and local and "." in domain and " " not in cleaned):
        raise RuleViolation(f"{email!r} is not an email address", field="email")
    return cleaned


def add_candidate(
    session: Session,
    *,
    actor: Actor | None,
    requisition_id: int,
    data: CandidateCreate,
    now: datetime,
) -> Candidate:
    requisition = get_requisition(session, requisition_id)
    authorise_hiring(actor, requisition.team_id)
    _open(requisition)
    email = _check_email(data.email)
    if any(c.email == email for c in requisition.candidates):
        raise Conflict(f"{email} is already a candidate for this role", field="email")
    candidate = Candidate(
        name=" ".join(data.name.split()),
        email=email,
        source=data.source.strip(),
        note=data.note.strip(),
        status=CandidateStatus.APPLIED.value,
        created_at=now,
        updated_at=now,
    )
    requisition.candidates.append(candidate)
    session.flush()
    _audit(
        session,
        actor,
        "candidate.add",
        "candidate",
        candidate.id,
        {"requisition_id": requisition.id, "name": candidate.name},
        now,
    )
    session.commit()
    return candidate


def _role_of(session: Session, candidate: Candidate) -> RoleDefinition:
    return session.get_one(RoleDefinition, candidate.requisition.role_id)


def submit_scorecard(
    session: Session, *, actor: Actor, candidate_id: int, data: ScorecardIn, now: datetime
) -> InterviewScorecard:
    """Record (or replace) the actor's scores and recommendation for the candidate."""
    candidate = get_candidate(session, candidate_id)
    authorise_hiring(actor, candidate.requisition.team_id)
    if candidate.status not in OPEN_CANDIDATE:
        raise RuleViolation(f"the candidate is {candidate.status}", field="candidate_id")
    items = interview_items(role_spec(session, slug=_role_of(session, candidate).slug))
    scores = check_scores(items, data.scores)
    labels = {item.key: item.label for item in items}
    scorecard = session.scalar(
        select(InterviewScorecard).where(
            InterviewScorecard.candidate_id == candidate.id,
            InterviewScorecard.interviewer_id == actor.person_id,
        )
    )
    if scorecard is None:
        scorecard = InterviewScorecard(interviewer_id=actor.person_id)
        candidate.scorecards.append(scorecard)
    scorecard.recommendation = data.recommendation.value
    scorecard.comments = data.comments.strip()
    scorecard.submitted_at = now
    scorecard.scores = [
        InterviewScore(item_key=k, label=labels[k], score=v) for k, v in scores.items()
    ]
    candidate.status = CandidateStatus.INTERVIEWING.value
    candidate.updated_at = now
    session.flush()
    _audit(
        session,
        actor,
        "interview.score",
        "candidate",
        candidate.id,
        {"interviewer_id": actor.person_id, "recommendation": data.recommendation.value},
        now,
    )
    session.commit()
    return scorecard


def reject_candidate(
    session: Session, *, actor: Actor | None, candidate_id: int, now: datetime
) -> Candidate:
    candidate = get_candidate(session, candidate_id)
    authorise_hiring(actor, candidate.requisition.team_id)
    if candidate.status not in OPEN_CANDIDATE:
        raise RuleViolation(f"the candidate is {candidate.status}", field="candidate_id")
    candidate.status = CandidateStatus.REJECTED.value
    candidate.updated_at = now
    _audit(session, actor, "candidate.reject", "candidate", candidate.id, {}, now)
    session.commit()
    return candidate


def hire_candidate(
    session: Session, *, actor: Actor | None, candidate_id: int, data: HireIn, now: datetime
) -> Hire:
    """Create the person with the role and assign the role's training."""
    candidate = get_candidate(session, candidate_id)
    requisition = candidate.requisition
    authorise_hiring(actor, requisition.team_id)
    _open(requisition)
    if candidate.status not in OPEN_CANDIDATE:
        raise RuleViolation(f"the candidate is {candidate.status}", field="candidate_id")
    role = _role_of(session, candidate)
    person = add_person(
        session,
        data=PersonCreate(
            email=data.email or candidate.email,
            name=candidate.name,
            role=Role(role.system_role or Role.AGENT.value),
            team_id=requisition.team_id,
            manager_id=requisition.manager_id,
            hire_date=data.hire_date,
            hourly_cost=data.hourly_cost,
            time_zone=data.time_zone,
        ),
        actor=actor,
        now=now,
    )
    # The actor's scope now includes the new person (same team, or reporting to them).
    hirer = load_actor(session, actor.person_id) if actor is not None else None
    candidate.person_id = person.id
    candidate.status = CandidateStatus.HIRED.value
    candidate.updated_at = now
    hired = sum(1 for c in requisition.candidates if c.status == CandidateStatus.HIRED.value)
    if hired >= requisition.openings:
        requisition.status, requisition.closed_at = RequisitionStatus.FILLED.value, now
    _audit(
        session, actor, "candidate.hire", "candidate", candidate.id, {"person_id": person.id}, now
    )
    _, created = assign_role(
        session, actor=hirer, person_id=person.id, role_slug=role.slug, now=now
    )
    return Hire(candidate.id, person.id, role.slug, tuple(a.id for a in created))
