"""Career pages: the role catalogue and a role's job description, a person's career readiness
(KPI values from the KPI engine's analytics store, synced as the dashboard's is), and hiring
(requisitions, candidates, interview scorecards, hire)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from floorlead import careers
from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Action, may
from floorlead.careers.schemas import CandidateCreate, HireIn, RequisitionCreate, ScorecardIn
from floorlead.coaching import MetricsKpis
from floorlead.errors import DomainError, RuleViolation
from floorlead.org.directory import team_names
from floorlead.web.dashboard.analytics import Analytics, AnalyticsDep
from floorlead.web.deps import Viewer, ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _base(viewer: Viewer) -> dict[str, Any]:
    return {"viewer": viewer, "hires": may(viewer.actor, Action.MANAGE_HIRING, scoped=False)}


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, template, context, status_code=status)


@router.get("/roles", response_class=HTMLResponse)
def roles_page(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    return _page(
        request, "careers/roles.html", {**_base(viewer), "roles": careers.list_roles(session)}
    )


@router.get("/roles/{slug}", response_class=HTMLResponse)
def role_page(request: Request, slug: str, session: SessionDep, viewer: ViewerDep) -> Response:
    role = careers.role_detail(session, slug=slug)
    return _page(request, "careers/role.html", {**_base(viewer), "role": role})


@router.get("/careers")
def my_career(viewer: ViewerDep) -> Response:
    return RedirectResponse(f"/careers/people/{viewer.actor.person_id}", status_code=303)


def _career_context(
    session: Session, viewer: Viewer, now: NowDep, analytics: Analytics, person_id: int
) -> dict[str, Any]:
    career = careers.career_readiness(
        session,
        actor=viewer.actor,
        person_id=person_id,
        today=now.date(),
        kpis=MetricsKpis(lambda: analytics.engine, as_of=now),
    )
    return {
        **_base(viewer),
        "career": career,
        "roles": careers.list_roles(session),
        "may_assign": person_id != viewer.actor.person_id
        and may(viewer.actor, Action.MANAGE_TRAINING, person_id=person_id),
    }


@router.get("/careers/people/{person_id}", response_class=HTMLResponse)
def career_page(
    request: Request,
    person_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    analytics: AnalyticsDep,
) -> Response:
    context = _career_context(session, viewer, now, analytics, person_id)
    return _page(request, "careers/readiness.html", context)


def _act(
    session: Session,
    change: Callable[[], str],
    on_error: Callable[[DomainError], Response],
) -> Response:
    """Run a change and go where it says; on a refused rule show the page with the reason."""
    try:
        target = change()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        return on_error(RuleViolation(f"{field}: {first['msg']}", field=field))
    except DomainError as exc:
        session.rollback()
        return on_error(exc)
    return RedirectResponse(target, status_code=303)


@router.post("/careers/people/{person_id}/role")
def post_job_role(
    request: Request,
    person_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    analytics: AnalyticsDep,
    role: Text,
) -> Response:
    def change() -> str:
        careers.assign_role(
            session, actor=viewer.actor, person_id=person_id, role_slug=role, now=now
        )
        return f"/careers/people/{person_id}"

    def refused(exc: DomainError) -> Response:
        context = _career_context(session, viewer, now, analytics, person_id)
        context["error"] = exc.message
        return _page(request, "careers/readiness.html", context, exc.status_code)

    return _act(session, change, refused)


def _hiring_context(session: Session, viewer: Viewer) -> dict[str, Any]:
    return {
        **_base(viewer),
        "requisitions": careers.list_requisitions(session, actor=viewer.actor),
        "roles": careers.list_roles(session),
        "teams": team_names(session),
    }


@router.get("/hiring", response_class=HTMLResponse)
def hiring_page(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    return _page(request, "careers/hiring.html", _hiring_context(session, viewer))


@router.post("/hiring/requisitions")
def post_requisition(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    role: Text,
    team_id: Text = "",
    openings: Annotated[int, Form()] = 1,
    note: Text = "",
) -> Response:
    def change() -> str:
        data = RequisitionCreate(
            role=role, team_id=int(team_id) if team_id else None, openings=openings, note=note
        )
        made = careers.open_requisition(session, actor=viewer.actor, data=data, now=now)
        return f"/hiring/requisitions/{made.id}"

    def refused(exc: DomainError) -> Response:
        context = {**_hiring_context(session, viewer), "error": exc.message}
        return _page(request, "careers/hiring.html", context, exc.status_code)

    return _act(session, change, refused)


def _requisition_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    requisition_id: int,
    error: DomainError | None = None,
) -> Response:
    detail = careers.requisition_detail(session, actor=viewer.actor, requisition_id=requisition_id)
    context = {**_base(viewer), "r": detail, "error": error.message if error else None}
    return _page(request, "careers/requisition.html", context, error.status_code if error else 200)


@router.get("/hiring/requisitions/{requisition_id}", response_class=HTMLResponse)
def requisition_page(
    request: Request, requisition_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    return _requisition_page(request, session, viewer, requisition_id)


@router.post("/hiring/requisitions/{requisition_id}/candidates")
def post_candidate(
    request: Request,
    requisition_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    name: Text,
    email: Text,
    source: Text = "",
) -> Response:
    def change() -> str:
        data = CandidateCreate(name=name, email=email, source=source)
        careers.add_candidate(
            session, actor=viewer.actor, requisition_id=requisition_id, data=data, now=now
        )
        return f"/hiring/requisitions/{requisition_id}"

    return _act(
        session,
        change,
        lambda exc: _requisition_page(request, session, viewer, requisition_id, exc),
    )


def _candidate_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    candidate_id: int,
    error: DomainError | None = None,
) -> Response:
    detail = careers.candidate_detail(session, actor=viewer.actor, candidate_id=candidate_id)
    mine = next((c for c in detail.scorecards if c.interviewer_id == viewer.actor.person_id), None)
    context = {
        **_base(viewer),
        "c": detail,
        "mine": mine,
        "error": error.message if error else None,
    }
    return _page(request, "careers/candidate.html", context, error.status_code if error else 200)


@router.get("/hiring/candidates/{candidate_id}", response_class=HTMLResponse)
def candidate_page(
    request: Request, candidate_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    return _candidate_page(request, session, viewer, candidate_id)


def _scores(form: Any) -> dict[str, int]:
    scores = {}
    for key, value in form.multi_items():
        if key.startswith("score."):
            if not str(value).isdigit():
                raise RuleViolation("give every item a score from 1 to 5", field="scores")
            scores[key.removeprefix("score.")] = int(value)
    return scores


@router.post("/hiring/candidates/{candidate_id}/scorecard")
async def post_scorecard(
    request: Request, candidate_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    form = await request.form()

    def change() -> str:
        data = ScorecardIn(
            scores=_scores(form),
            recommendation=str(form.get("recommendation")),
            comments=str(form.get("comments", "")),
        )
        careers.submit_scorecard(
            session, actor=viewer.actor, candidate_id=candidate_id, data=data, now=now
        )
        return f"/hiring/candidates/{candidate_id}"

    return _act(
        session, change, lambda exc: _candidate_page(request, session, viewer, candidate_id, exc)
    )


@router.post("/hiring/candidates/{candidate_id}/hire")
def post_hire(
    request: Request,
    candidate_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    hire_date: Annotated[date, Form()],
    email: Text = "",
) -> Response:
    def change() -> str:
        data = HireIn(hire_date=hire_date, email=email or None)
        hired = careers.hire_candidate(
            session, actor=viewer.actor, candidate_id=candidate_id, data=data, now=now
        )
        return f"/training/people/{hired.person_id}"

    return _act(
        session, change, lambda exc: _candidate_page(request, session, viewer, candidate_id, exc)
    )


@router.post("/hiring/candidates/{candidate_id}/reject")
def post_reject(
    request: Request, candidate_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    def change() -> str:
        careers.reject_candidate(session, actor=viewer.actor, candidate_id=candidate_id, now=now)
        return f"/hiring/candidates/{candidate_id}"

    return _act(
        session, change, lambda exc: _candidate_page(request, session, viewer, candidate_id, exc)
    )
