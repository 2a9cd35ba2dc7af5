"""Careers endpoints: role definitions and job descriptions (/roles), a person's job role and
career readiness (/roles/people), and hiring (/hiring)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from floorlead import careers
from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.careers.model import RequisitionStatus
from floorlead.careers.schemas import (
    CandidateCreate,
    CandidateDetail,
    CareerPublic,
    HireIn,
    HirePublic,
    JobRoleAssign,
    JobRolePublic,
    ReadinessPublic,
    RequisitionCreate,
    RequisitionDetail,
    RequisitionPublic,
    RoleCreate,
    RoleFields,
    RoleLinkPublic,
    RolePublic,
    RoleSummary,
    ScorecardIn,
)
from floorlead.coaching import MetricsKpis
from floorlead.web.dashboard.analytics import AnalyticsDep

router = APIRouter(tags=["careers"])


@router.get("/roles")
def roles(
    session: SessionDep, actor: ActorDep, include_inactive: bool = False
) -> list[RoleSummary]:
    """Every role definition (readable by everyone signed in)."""
    return careers.list_roles(session, include_inactive=include_inactive)


@router.post("/roles", status_code=201)
def create_role(body: RoleCreate, session: SessionDep, actor: ActorDep, now: NowDep) -> RolePublic:
    careers.create_role(session, actor=actor, data=body, now=now)
    return careers.role_detail(session, slug=body.slug)


@router.get("/roles/{slug}")
def role(slug: str, session: SessionDep, actor: ActorDep) -> RolePublic:
    return careers.role_detail(session, slug=slug)


@router.put("/roles/{slug}")
def update_role(
    slug: str, body: RoleFields, session: SessionDep, actor: ActorDep, now: NowDep
) -> RolePublic:
    careers.update_role(session, actor=actor, slug=slug, data=body, now=now)
    return careers.role_detail(session, slug=slug)


@router.get("/roles/{slug}/job-description.md", response_class=PlainTextResponse)
def job_description_markdown(slug: str, session: SessionDep, actor: ActorDep) -> Response:
    text = careers.render_job_description(session, slug=slug)
    return Response(text, media_type="text/markdown; charset=utf-8")


@router.get("/roles/{slug}/job-description.pdf", response_class=Response)
def job_description_pdf(slug: str, session: SessionDep, actor: ActorDep) -> Response:
    document = careers.render_job_description_pdf(session, slug=slug)
    return Response(
        document,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{slug}.pdf"'},
    )


@router.get("/roles/{slug}/readiness")
def readiness(
    slug: str,
    person_id: int,
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    analytics: AnalyticsDep,
) -> ReadinessPublic:
    """How ready the person is for the role, and the gaps (KPIs: the last 90 days)."""
    return careers.role_readiness(
        session,
        actor=actor,
        person_id=person_id,
        role_slug=slug,
        today=now.date(),
        kpis=MetricsKpis(lambda: analytics.engine, as_of=now),
    )


@router.get("/roles/people/{person_id}")
def career(
    person_id: int, session: SessionDep, actor: ActorDep, now: NowDep, analytics: AnalyticsDep
) -> CareerPublic:
    """The person's job role and their readiness for each next role (KPIs: the last 90 days)."""
    return careers.career_readiness(
        session,
        actor=actor,
        person_id=person_id,
        today=now.date(),
        kpis=MetricsKpis(lambda: analytics.engine, as_of=now),
    )


@router.put("/roles/people/{person_id}")
def assign_role(
    person_id: int, body: JobRoleAssign, session: SessionDep, actor: ActorDep, now: NowDep
) -> JobRolePublic:
    """Give the person a job role; the role's training is assigned with due dates."""
    link, created = careers.assign_role(
        session, actor=actor, person_id=person_id, role_slug=body.role, now=now
    )
    detail = careers.role_detail(session, slug=body.role)
    return JobRolePublic(
        person_id=person_id,
        role=RoleLinkPublic(slug=detail.slug, title=detail.title),
        started_on=link.started_on,
        assignments_created=[a.id for a in created],
    )


@router.get("/hiring/requisitions")
def requisitions(
    session: SessionDep, actor: ActorDep, status: RequisitionStatus | None = None
) -> list[RequisitionPublic]:
    return careers.list_requisitions(session, actor=actor, status=status)


@router.post("/hiring/requisitions", status_code=201)
def open_requisition(
    body: RequisitionCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> RequisitionDetail:
    requisition = careers.open_requisition(session, actor=actor, data=body, now=now)
    return careers.requisition_detail(session, actor=actor, requisition_id=requisition.id)


@router.get("/hiring/requisitions/{requisition_id}")
def requisition(requisition_id: int, session: SessionDep, actor: ActorDep) -> RequisitionDetail:
    return careers.requisition_detail(session, actor=actor, requisition_id=requisition_id)


@router.post("/hiring/requisitions/{requisition_id}/close")
def close_requisition(
    requisition_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> RequisitionDetail:
    careers.close_requisition(session, actor=actor, requisition_id=requisition_id, now=now)
    return careers.requisition_detail(session, actor=actor, requisition_id=requisition_id)


@router.post("/hiring/requisitions/{requisition_id}/candidates", status_code=201)
def add_candidate(
    requisition_id: int, body: CandidateCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CandidateDetail:
    candidate = careers.add_candidate(
        session, actor=actor, requisition_id=requisition_id, data=body, now=now
    )
    return careers.candidate_detail(session, actor=actor, candidate_id=candidate.id)


@router.get("/hiring/candidates/{candidate_id}")
def candidate(candidate_id: int, session: SessionDep, actor: ActorDep) -> CandidateDetail:
    """The candidate, the interview items their role calls for, scorecards and the aggregate."""
    return careers.candidate_detail(session, actor=actor, candidate_id=candidate_id)


@router.post("/hiring/candidates/{candidate_id}/scorecards")
def score(
    candidate_id: int, body: ScorecardIn, session: SessionDep, actor: ActorDep, now: NowDep
) -> CandidateDetail:
    """Record (or replace) your scores (1-5 per item) and recommendation."""
    careers.submit_scorecard(session, actor=actor, candidate_id=candidate_id, data=body, now=now)
    return careers.candidate_detail(session, actor=actor, candidate_id=candidate_id)


@router.post("/hiring/candidates/{candidate_id}/reject")
def reject(candidate_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> CandidateDetail:
    careers.reject_candidate(session, actor=actor, candidate_id=candidate_id, now=now)
    return careers.candidate_detail(session, actor=actor, candidate_id=candidate_id)


@router.post("/hiring/candidates/{candidate_id}/hire", status_code=201)
def hire(
    candidate_id: int, body: HireIn, session: SessionDep, actor: ActorDep, now: NowDep
) -> HirePublic:
    """Create the person with the role and assign their onboarding training."""
    hired = careers.hire_candidate(
        session, actor=actor, candidate_id=candidate_id, data=body, now=now
    )
    role = careers.role_detail(session, slug=hired.role_slug)
    return HirePublic(
        candidate_id=hired.candidate_id,
        person_id=hired.person_id,
        role=RoleLinkPublic(slug=role.slug, title=role.title),
        assignments_created=list(hired.assignment_ids),
    )
