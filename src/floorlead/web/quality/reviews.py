"""A review seen by the agent (acknowledge, dispute) or a reviewer (resolve); "my reviews"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError
from floorlead.paging import PageParams
from floorlead.quality import notifications, queries, service
from floorlead.quality.model import DisputeOutcome
from floorlead.quality.review_queries import (
    may_resolve,
    review_detail,
    review_timeline,
    reviews_page,
)
from floorlead.quality.schemas import DisputeResolution
from floorlead.web.deps import ViewerDep
from floorlead.web.quality.common import FormDep, answer_inputs_from, problem, render

router = APIRouter(include_in_schema=False)


def _review_context(session: SessionDep, viewer: ViewerDep, review_id: int) -> dict[str, Any]:
    review = review_detail(session, actor=viewer.actor, review_id=review_id)
    return {
        "viewer": viewer,
        "review": review,
        "history": review_timeline(session, actor=viewer.actor, review_id=review_id),
        "is_agent": review.agent_id == viewer.actor.person_id,
        "may_resolve": may_resolve(viewer.actor, review),
        "chosen": {a.criterion_key: a.value for a in review.answers},
        "scorecard": queries.scorecard_detail(
            session, actor=viewer.actor, scorecard_id=review.scorecard_id, version=review.version
        ),
    }


@router.get("/quality/reviews/{review_id}", response_class=HTMLResponse)
def review_page(
    request: Request, review_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    context = _review_context(session, viewer, review_id)
    context["saved"] = request.query_params.get("saved")
    return render(request, "review.html", context)


def _act_on_review(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    review_id: int,
    action: Callable[[], object],
) -> Response:
    try:
        action()
    except (DomainError, ValidationError) as exc:
        session.rollback()
        context = _review_context(session, viewer, review_id)
        context["error"] = problem(exc)
        status = exc.status_code if isinstance(exc, DomainError) else 422
        return render(request, "review.html", context, status=status)
    return RedirectResponse(f"/quality/reviews/{review_id}", status_code=303)


@router.post("/quality/reviews/{review_id}/acknowledge")
def acknowledge(
    request: Request, review_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    return _act_on_review(
        request,
        session,
        viewer,
        review_id,
        lambda: service.acknowledge_review(
            session, actor=viewer.actor, review_id=review_id, now=now
        ),
    )


@router.post("/quality/reviews/{review_id}/dispute")
def dispute(
    request: Request,
    review_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    return _act_on_review(
        request,
        session,
        viewer,
        review_id,
        lambda: service.dispute_review(
            session, actor=viewer.actor, review_id=review_id, reason=reason, now=now
        ),
    )


@router.post("/quality/reviews/{review_id}/resolve")
def resolve(
    request: Request,
    review_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    form: FormDep,
) -> Response:
    def resolve_it() -> object:
        outcome = DisputeOutcome(form.get("outcome") or DisputeOutcome.UPHELD.value)
        data = DisputeResolution(
            outcome=outcome,
            comment=form.get("comment", ""),
            answers=answer_inputs_from(form) if outcome is DisputeOutcome.AMENDED else None,
        )
        return service.resolve_dispute(
            session, actor=viewer.actor, review_id=review_id, data=data, now=now
        )

    return _act_on_review(request, session, viewer, review_id, resolve_it)


@router.get("/quality/my-reviews", response_class=HTMLResponse)
def my_reviews(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
) -> Response:
    result = reviews_page(
        session,
        actor=viewer.actor,
        page=PageParams(page=page_number, per_page=25),
        agent_id=viewer.actor.person_id,
    )
    context = {
        "viewer": viewer,
        "result": result,
        "pages": max(1, -(-result.total // 25)),
        "notes": notifications.my_notifications(session, actor=viewer.actor, unread_only=True),
    }
    return render(request, "my_reviews.html", context)
