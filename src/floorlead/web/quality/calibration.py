"""Calibration pages: the sessions, blind scoring while open, agreement once closed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError
from floorlead.quality import calibration_queries, queries, service
from floorlead.quality.schemas import CalibrationScores
from floorlead.web.deps import ViewerDep
from floorlead.web.quality.common import FormDep, answers_from, render

router = APIRouter(include_in_schema=False)


@router.get("/quality/calibrations", response_class=HTMLResponse)
def calibrations_page(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    sessions = calibration_queries.list_calibrations(session, actor=viewer.actor)
    return render(request, "calibrations.html", {"viewer": viewer, "sessions": sessions})


def _calibration_context(
    session: SessionDep, viewer: ViewerDep, calibration_id: int
) -> dict[str, Any]:
    detail = calibration_queries.calibration_detail(
        session, actor=viewer.actor, calibration_id=calibration_id
    )
    closed = detail.status == "closed"
    return {
        "viewer": viewer,
        "detail": detail,
        "results": calibration_queries.calibration_results(
            session, actor=viewer.actor, calibration_id=calibration_id
        )
        if closed
        else None,
        "scorecard": queries.scorecard_detail(
            session, actor=viewer.actor, scorecard_id=detail.scorecard_id, version=detail.version
        ),
        "on_panel": any(p.person_id == viewer.actor.person_id for p in detail.panel),
    }


@router.get("/quality/calibrations/{calibration_id}", response_class=HTMLResponse)
def calibration_page(
    request: Request, calibration_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    context = _calibration_context(session, viewer, calibration_id)
    return render(request, "calibration.html", context)


@router.post("/quality/calibrations/{calibration_id}/scores")
def calibration_scores(
    request: Request,
    calibration_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    form: FormDep,
) -> Response:
    try:
        data = CalibrationScores(
            ticket_id=int(form.get("ticket_id") or 0), answers=answers_from(form)
        )
        service.submit_calibration_scores(
            session, actor=viewer.actor, calibration_id=calibration_id, data=data, now=now
        )
    except DomainError as exc:
        session.rollback()
        context = _calibration_context(session, viewer, calibration_id)
        context["error"] = exc.message
        return render(request, "calibration.html", context, status=exc.status_code)
    return RedirectResponse(f"/quality/calibrations/{calibration_id}", status_code=303)


@router.post("/quality/calibrations/{calibration_id}/close")
def calibration_close(
    calibration_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    service.close_calibration(session, actor=viewer.actor, calibration_id=calibration_id, now=now)
    return RedirectResponse(f"/quality/calibrations/{calibration_id}", status_code=303)
