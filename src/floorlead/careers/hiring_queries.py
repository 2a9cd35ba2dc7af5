"""The read side of hiring: requisitions with their candidates, and one candidate's interviews."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, true
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Action, Actor
from floorlead.careers.access import authorise, authorise_hiring
from floorlead.careers.hiring import get_candidate, get_requisition
from floorlead.careers.interviews import (
    Interview,
    InterviewItem,
    interview_items,
    summarise_interviews,
)
from floorlead.careers.model import CandidateStatus, Recommendation, RequisitionStatus
from floorlead.careers.queries import role_spec
from floorlead.careers.schemas import (
    CandidateDetail,
    CandidatePublic,
    InterviewItemPublic,
    InterviewSummaryPublic,
    RequisitionDetail,
    RequisitionPublic,
    RoleLinkPublic,
    ScorecardPublic,
)
from floorlead.careers.tables import Candidate, Requisition, RoleDefinition
from floorlead.org.tables import Person, Team


def _visible(actor: Actor | None) -> ColumnElement[bool]:
    if actor is None or actor.is_admin:
        return true()
    return or_(Requisition.team_id.in_(sorted(actor.team_ids or ())), Requisition.team_id.is_(None))


def _role_link(session: Session, role_id: int) -> RoleLinkPublic:
    role = session.get_one(RoleDefinition, role_id)
    return RoleLinkPublic(slug=role.slug, title=role.title)


def _items(session: Session, requisition: Requisition) -> tuple[InterviewItem, ...]:
    return interview_items(role_spec(session, slug=_role_link(session, requisition.role_id).slug))


def _summary(items: tuple[InterviewItem, ...], candidate: Candidate) -> InterviewSummaryPublic:
    interviews = [
        Interview({s.item_key: s.score for s in card.scores}, Recommendation(card.recommendation))
        for card in candidate.scorecards
    ]
    summary = summarise_interviews(items, interviews)
    return InterviewSummaryPublic(
        interviews=summary.interviews,
        score=summary.score,
        item_means=summary.item_means,
        recommendations=summary.recommendations,
        consensus=summary.consensus,
    )


def _candidate(items: tuple[InterviewItem, ...], candidate: Candidate) -> CandidatePublic:
    return CandidatePublic(
        id=candidate.id,
        requisition_id=candidate.requisition_id,
        name=candidate.name,
        email=candidate.email,
        source=candidate.source,
        note=candidate.note,
        status=CandidateStatus(candidate.status),
        person_id=candidate.person_id,
        created_at=candidate.created_at,
        summary=_summary(items, candidate),
    )


def _requisition(session: Session, requisition: Requisition) -> RequisitionPublic:
    team = session.get(Team, requisition.team_id) if requisition.team_id else None
    return RequisitionPublic(
        id=requisition.id,
        role=_role_link(session, requisition.role_id),
        team_id=requisition.team_id,
        team_name=team.name if team else None,
        manager_id=requisition.manager_id,
        openings=requisition.openings,
        hired=sum(1 for c in requisition.candidates if c.status == CandidateStatus.HIRED.value),
        status=RequisitionStatus(requisition.status),
        note=requisition.note,
        created_at=requisition.created_at,
        closed_at=requisition.closed_at,
        candidate_count=len(requisition.candidates),
    )


def list_requisitions(
    session: Session, *, actor: Actor | None, status: RequisitionStatus | None = None
) -> list[RequisitionPublic]:
    """Requisitions of the actor's teams (and those for no team), newest first."""
    authorise(actor, Action.MANAGE_HIRING, scoped=False)
    query = (
        select(Requisition)
        .where(_visible(actor))
        .options(selectinload(Requisition.candidates))
        .order_by(Requisition.created_at.desc(), Requisition.id.desc())
    )
    if status is not None:
        query = query.where(Requisition.status == status.value)
    return [_requisition(session, r) for r in session.scalars(query)]


def requisition_detail(
    session: Session, *, actor: Actor | None, requisition_id: int
) -> RequisitionDetail:
    requisition = get_requisition(session, requisition_id)
    authorise_hiring(actor, requisition.team_id)
    items = _items(session, requisition)
    return RequisitionDetail(
        **_requisition(session, requisition).model_dump(),
        candidates=[_candidate(items, c) for c in requisition.candidates],
    )


def candidate_detail(
    session: Session, *, actor: Actor | None, candidate_id: int
) -> CandidateDetail:
    candidate = get_candidate(session, candidate_id)
    authorise_hiring(actor, candidate.requisition.team_id)
    items = _items(session, candidate.requisition)
    ids = [card.interviewer_id for card in candidate.scorecards]
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
    return CandidateDetail(
        **_candidate(items, candidate).model_dump(),
        role=_role_link(session, candidate.requisition.role_id),
        items=[InterviewItemPublic(key=i.key, label=i.label, weight=i.weight) for i in items],
        scorecards=[
            ScorecardPublic(
                id=card.id,
                interviewer_id=card.interviewer_id,
                interviewer_name=names.get(card.interviewer_id, ""),
                recommendation=Recommendation(card.recommendation),
                comments=card.comments,
                scores={s.item_key: s.score for s in card.scores},
                submitted_at=card.submitted_at,
            )
            for card in candidate.scorecards
        ],
    )
