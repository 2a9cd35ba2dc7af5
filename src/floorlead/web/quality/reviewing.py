"""The reviewer's side: the queue, drawing a sample, the review form scored live, saving."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError, RuleViolation
from floorlead.quality import queries, service
from floorlead.quality.access import is_reviewer
from floorlead.quality.model import SampleMethod, Target
from floorlead.quality.schemas import ReviewCreate, SampleCreate, ScorePreview
from floorlead.web.deps import ViewerDep
from floorlead.web.quality.common import (
    FormDep,
    answer_inputs_from,
    answers_from,
    problem,
    render,
)

router = APIRouter(include_in_schema=False)


@router.get("/quality")
def quality_home(viewer: ViewerDep) -> Response:
    target = "/quality/queue" if is_reviewer(viewer.actor) else "/quality/my-reviews"
    return RedirectResponse(target, status_code=303)


def _queue_context(session: SessionDep, viewer: ViewerDep, everyone: bool) -> dict[str, Any]:
    return {
        "viewer": viewer,
        "queue": queries.review_queue(session, actor=viewer.actor, mine_only=not everyone),
        "everyone": everyone,
        "teams": queries.reviewable_teams(session, actor=viewer.actor),
        "scorecards": [s for s in queries.list_scorecards(session, actor=viewer.actor) if s.active],
        "methods": list(SampleMethod),
        "targets": list(Target),
    }


@router.get("/quality/queue", response_class=HTMLResponse)
def queue_page(
    request: Request, session: SessionDep, viewer: ViewerDep, everyone: bool = False
) -> Response:
    context = _queue_context(session, viewer, everyone)
    context["drawn"] = request.query_params.get("drawn")
    return render(request, "queue.html", context)


@router.post("/quality/samples")
def draw_sample(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, form: FormDep
) -> Response:
    try:
        data = SampleCreate(
            team_id=int(form.get("team_id") or 0),
            week=_day(form.get("week") or now.date().isoformat(), "week"),
            scorecard_id=int(form.get("scorecard_id") or 0),
            per_agent=int(form.get("per_agent") or 0),
            method=SampleMethod(form.get("method") or "random"),
            targets=[Target(k[7:]) for k in form if k.startswith("target.")],
        )
        sample = service.draw_review_sample(session, actor=viewer.actor, data=data, now=now)
    except (DomainError, ValueError) as exc:
        session.rollback()
        context = _queue_context(session, viewer, everyone=False)
        context["error"] = problem(exc)
        return render(request, "queue.html", context, status=422)
    return RedirectResponse(f"/quality/queue?drawn={len(sample.assignments)}", status_code=303)


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{field} must be a date like 2026-03-02", field=field) from None


def _form_context(
    session: SessionDep, viewer: ViewerDep, assignment_id: int, form: dict[str, str]
) -> dict[str, Any]:
    review_form = queries.review_form(session, actor=viewer.actor, assignment_id=assignment_id)
    return {
        "viewer": viewer,
        "form": review_form,
        "chosen": answers_from(form),
        "values": form,
        "preview": _preview(session, viewer, review_form.scorecard.id, form),
    }


def _preview(
    session: SessionDep, viewer: ViewerDep, scorecard_id: int, form: dict[str, str]
) -> ScorePreview | None:
    answers = answers_from(form)
    if not answers or all(v == "na" for v in answers.values()):
        return None
    try:
        return queries.preview_score(
            session, actor=viewer.actor, scorecard_id=scorecard_id, answers=answers, partial=True
        )
    except DomainError:
        return None


@router.get("/quality/assignments/{assignment_id}", response_class=HTMLResponse)
def review_form_page(
    request: Request, assignment_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    return render(request, "review_form.html", _form_context(session, viewer, assignment_id, {}))


@router.post("/quality/scorecards/{scorecard_id}/live-score", response_class=HTMLResponse)
def live_score(
    request: Request, scorecard_id: int, session: SessionDep, viewer: ViewerDep, form: FormDep
) -> Response:
    """The score of a review form being filled in (an HTMX partial)."""
    preview = _preview(session, viewer, scorecard_id, form)
    return render(request, "_score.html", {"viewer": viewer, "preview": preview})


@router.post("/quality/assignments/{assignment_id}/review")
def save_review(
    request: Request,
    assignment_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    form: FormDep,
) -> Response:
    assignment = queries.review_form(
        session, actor=viewer.actor, assignment_id=assignment_id
    ).assignment
    try:
        data = ReviewCreate(
            scorecard_id=assignment.scorecard_id,
            ticket_id=assignment.ticket_id,
            answers=answer_inputs_from(form),
            strengths=form.get("strengths", ""),
            improvements=form.get("improvements", ""),
        )
        review = service.record_review(session, actor=viewer.actor, data=data, now=now)
    except (DomainError, ValidationError) as exc:
        session.rollback()
        context = _form_context(session, viewer, assignment_id, form)
        context["error"] = problem(exc)
        status = exc.status_code if isinstance(exc, DomainError) else 422
        return render(request, "review_form.html", context, status=status)
    return RedirectResponse(f"/quality/reviews/{review.id}?saved=1", status_code=303)
