"""Opening a calibration session from the web: a name, the scorecard, the interactions
(ticked from the recent ones, or typed as ticket numbers) and the panel of reviewers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError, NotFound, RuleViolation
from floorlead.quality import queries, service
from floorlead.quality.calibration_choices import calibration_candidates, calibration_reviewers
from floorlead.quality.schemas import CalibrationCreate
from floorlead.web.deps import Viewer, ViewerDep
from floorlead.web.quality.common import problem, render

router = APIRouter(include_in_schema=False)
RECENT_DAYS = 28  # how far back the interactions offered go
FIELD_LABELS = {
    "name": "Name",
    "scorecard_id": "Scorecard",
    "ticket_ids": "Interactions",
    "ticket_id": "Interactions",
    "panel_ids": "Reviewers",
}


class Sent:
    """What the form sent: single fields and the ticked boxes."""

    def __init__(self, fields: Mapping[str, str], ticked: Mapping[str, list[str]]) -> None:
        self.fields = fields
        self.ticked = ticked

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def ids(self, name: str) -> list[str]:
        return self.ticked.get(name, [])


async def _sent(request: Request) -> Sent:
    form = await request.form()
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    ticked = {k: [str(v) for v in form.getlist(k)] for k in ("ticket_ids", "panel_ids")}
    return Sent(fields, ticked)


SentDep = Annotated[Sent, Depends(_sent)]


def _context(session: SessionDep, viewer: Viewer, now: NowDep, sent: Sent) -> dict[str, Any]:
    return {
        "viewer": viewer,
        "candidates": calibration_candidates(
            session, actor=viewer.actor, since=now - timedelta(days=RECENT_DAYS)
        ),
        "reviewers": calibration_reviewers(session, actor=viewer.actor),
        "scorecards": [s for s in queries.list_scorecards(session, actor=viewer.actor) if s.active],
        "sent": sent,
        "recent_days": RECENT_DAYS,
    }


@router.get("/quality/calibrations/new", response_class=HTMLResponse)
def new_calibration(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    sent = Sent({}, {"panel_ids": [str(viewer.actor.person_id)]})
    return render(request, "calibration_form.html", _context(session, viewer, now, sent))


def _numbers(values: list[str], field: str) -> list[int]:
    found = []
    for value in values:
        try:
            found.append(int(value.lstrip("#")))
        except ValueError:
            raise RuleViolation(f"{value!r} is not a ticket number", field=field) from None
    return found


def calibration_from(sent: Sent) -> CalibrationCreate:
    """The request to open, from the form; names the field of the first problem."""
    if not sent.get("name"):
        raise RuleViolation("give the session a name", field="name")
    if not sent.get("scorecard_id").isdigit():
        raise RuleViolation("choose a scorecard", field="scorecard_id")
    typed = [t for t in re.split(r"[\s,;]+", sent.get("other_tickets")) if t]
    tickets = _numbers(sent.ids("ticket_ids") + typed, "ticket_ids")
    if not tickets:
        raise RuleViolation("tick or type at least one interaction", field="ticket_ids")
    panel = _numbers(sent.ids("panel_ids"), "panel_ids")
    if len(set(panel)) < 2:
        raise RuleViolation("tick at least two reviewers", field="panel_ids")
    return CalibrationCreate(
        name=sent.get("name"),
        scorecard_id=int(sent.get("scorecard_id")),
        ticket_ids=list(dict.fromkeys(tickets)),
        panel_ids=list(dict.fromkeys(panel)),
    )


@router.post("/quality/calibrations")
def open_calibration(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, sent: SentDep
) -> Response:
    try:
        calibration = service.open_calibration(
            session, actor=viewer.actor, data=calibration_from(sent), now=now
        )
    except (DomainError, ValidationError) as exc:
        session.rollback()
        return _refused(request, session, viewer, now, sent, exc)
    return RedirectResponse(f"/quality/calibrations/{calibration.id}", status_code=303)


def _refused(
    request: Request,
    session: SessionDep,
    viewer: Viewer,
    now: NowDep,
    sent: Sent,
    exc: DomainError | ValidationError,
) -> Response:
    """The form again, with what was sent and the reason; a typed ticket or a reviewer that
    does not exist is bad input (422), like any other."""
    context = _context(session, viewer, now, sent)
    field = exc.field if isinstance(exc, DomainError) else None
    label = FIELD_LABELS.get(field or "")
    context["error"] = f"{label}: {problem(exc)}" if label else problem(exc)
    context["error_field"] = "ticket_ids" if field == "ticket_id" else field
    status = exc.status_code if isinstance(exc, DomainError) else 422
    if isinstance(exc, NotFound) and label:
        status = 422
    return render(request, "calibration_form.html", context, status=status)
