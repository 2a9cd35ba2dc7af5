"""Training pages: my training (and a team member's), one assignment with its modules and
quizzes, the team skill matrix with its members' training gaps, and overdue training with
certifications to renew."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from floorlead import careers, training
from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Action, may
from floorlead.errors import DomainError
from floorlead.org.directory import team_names
from floorlead.web.deps import Viewer, ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)


def _base(viewer: Viewer) -> dict[str, Any]:
    return {"viewer": viewer, "manages": may(viewer.actor, Action.MANAGE_TRAINING, scoped=False)}


def _person_page(
    request: Request, session: Session, viewer: Viewer, now: NowDep, person_id: int
) -> Response:
    today = now.date()
    context = {
        **_base(viewer),
        "career": careers.career_readiness(
            session, actor=viewer.actor, person_id=person_id, today=today
        ),
        "assignments": training.person_assignments(
            session, actor=viewer.actor, person_id=person_id, today=today
        ),
        "certifications": training.person_certifications(
            session, actor=viewer.actor, person_id=person_id, today=today
        ),
        "plan": training.onboarding_plan(session, actor=viewer.actor, person_id=person_id),
        "gaps": careers.training_gaps(session, actor=viewer.actor, person_id=person_id, now=now),
        "own": person_id == viewer.actor.person_id,
    }
    return templates.TemplateResponse(request, "training/mine.html", context)


@router.get("/training", response_class=HTMLResponse)
def my_training(request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep) -> Response:
    return _person_page(request, session, viewer, now, viewer.actor.person_id)


@router.get("/training/people/{person_id}", response_class=HTMLResponse)
def person_training(
    request: Request, person_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    return _person_page(request, session, viewer, now, person_id)


def _assignment_page(
    request: Request,
    session: Session,
    viewer: Viewer,
    now: NowDep,
    assignment_id: int,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    detail = training.assignment_detail(
        session, actor=viewer.actor, assignment_id=assignment_id, today=now.date()
    )
    context = {**_base(viewer), "a": detail, "own": detail.person_id == viewer.actor.person_id}
    context.update(extra or {})
    return templates.TemplateResponse(
        request, "training/assignment.html", context, status_code=status_code
    )


@router.get("/training/assignments/{assignment_id}", response_class=HTMLResponse)
def assignment_page(
    request: Request, assignment_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    return _assignment_page(request, session, viewer, now, assignment_id)


def _act(
    request: Request,
    session: Session,
    viewer: Viewer,
    now: NowDep,
    assignment_id: int,
    change: Callable[[], dict[str, Any] | None],
) -> Response:
    """Run a change; show the assignment again with its outcome or the reason it was refused."""
    try:
        outcome = change()
    except DomainError as exc:
        session.rollback()
        return _assignment_page(
            request, session, viewer, now, assignment_id, {"error": exc.message}, exc.status_code
        )
    if outcome is None:
        return RedirectResponse(f"/training/assignments/{assignment_id}", status_code=303)
    return _assignment_page(request, session, viewer, now, assignment_id, outcome)


@router.post("/training/assignments/{assignment_id}/modules/{module_id}/complete")
def post_complete(
    request: Request,
    assignment_id: int,
    module_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
) -> Response:
    def change() -> None:
        training.complete_module(
            session, actor=viewer.actor, assignment_id=assignment_id, module_id=module_id, now=now
        )

    return _act(request, session, viewer, now, assignment_id, change)


def _answers(form: Any) -> dict[int, int]:
    """``question.<id>`` form fields as question id → chosen index."""
    answers = {}
    for key, value in form.multi_items():
        if key.startswith("question.") and str(value).isdigit():
            answers[int(key.removeprefix("question."))] = int(value)
    return answers


@router.post("/training/assignments/{assignment_id}/modules/{module_id}/quiz")
async def post_quiz(
    request: Request,
    assignment_id: int,
    module_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
) -> Response:
    answers = _answers(await request.form())

    def change() -> dict[str, Any]:
        result, complete = training.submit_quiz(
            session,
            actor=viewer.actor,
            assignment_id=assignment_id,
            module_id=module_id,
            answers=answers,
            now=now,
        )
        return {"quiz": result, "quiz_module_id": module_id, "program_complete": complete}

    return _act(request, session, viewer, now, assignment_id, change)


@router.get("/training/matrix", response_class=HTMLResponse)
def matrix_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    team_id: int | None = None,
) -> Response:
    teams = team_names(session)
    chosen = team_id or viewer.actor.team_id or next(iter(sorted(teams)), None)
    context: dict[str, Any] = {**_base(viewer), "teams": teams, "team_id": chosen}
    if chosen is not None:
        context["matrix"] = training.skill_matrix(
            session, actor=viewer.actor, team_id=chosen, today=now.date()
        )
        context["team_gaps"] = careers.team_training_gaps(
            session, actor=viewer.actor, team_id=chosen, now=now
        )
    return templates.TemplateResponse(request, "training/matrix.html", context)


@router.get("/training/overdue", response_class=HTMLResponse)
def overdue_page(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, days: int = 30
) -> Response:
    today = now.date()
    context = {
        **_base(viewer),
        "overdue": training.overdue_assignments(session, actor=viewer.actor, today=today),
        "expiring": training.expiring_certifications(
            session, actor=viewer.actor, today=today, days=max(0, min(days, 366))
        ),
        "days": days,
    }
    return templates.TemplateResponse(request, "training/overdue.html", context)
