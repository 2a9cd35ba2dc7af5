"""What every coaching page shares: the visit (database, viewer, now, KPI figures), rendering,
running a change, and reading form fields with errors that name the field."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from floorlead.api.coaching_deps import FiguresDep
from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Actor
from floorlead.coaching.catalogue import format_value
from floorlead.coaching.sources import Figures
from floorlead.errors import DomainError, RuleViolation
from floorlead.web.deps import Viewer, ViewerDep
from floorlead.web.templating import templates

templates.env.filters["kpi_value"] = format_value
Context = dict[str, Any]
Fields = Mapping[str, Any]  # a form, or query parameters

# How the coaching forms call their fields, for error messages.
FIELD_LABELS = {
    "agent_id": "Agent",
    "period_start": "Period start",
    "period_end": "Period end",
    "rating": "Rating",
    "qa_score": "QA score",
    "comments": "Comments",
    "kpi_targets": "KPI targets",
    "team_id": "Team",
    "kind": "Kind",
    "title": "Title",
    "held_at": "When",
    "agenda": "Agenda",
    "notes": "Notes",
    "decisions": "Decisions",
    "attendance": "Attendance",
    "party_ids": "People involved",
    "occurred_on": "Date",
    "summary": "What happened",
    "outcome": "Outcome",
    "status": "Status",
    "target": "Target",
    "due_on": "Due",
    "kpi": "KPI",
    "note": "Note",
    "scheduled_at": "When",
    "description": "Action",
    "owner_id": "Owner",
    "link.kind": "Kind",
    "link.ref": "Reference",
    "link.text": "Note",
    "recipient_id": "Who",
    "message": "Message",
    "question": "Question",
    "closes_on": "Open until",
    "closes_at": "Open until",
    "score": "Score",
    "comment": "Comment",
    "survey_id": "Survey",
}


def explain(exc: DomainError) -> str:
    """The refusal as the page shows it, led by the field's name when known."""
    label = FIELD_LABELS.get(exc.field or "")
    return f"{label}: {exc.message}" if label else exc.message


@dataclass(frozen=True)
class Visit:
    """One page request: the database session, the signed-in viewer, now, the KPI figures."""

    request: Request
    db: Session
    viewer: Viewer
    now: datetime
    figures: Figures

    @property
    def actor(self) -> Actor:
        return self.viewer.actor

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.viewer.time_zone)

    def render(self, template: str, context: Context, status: int = 200) -> Response:
        context = {"viewer": self.viewer, "today": self.now.date(), **context}
        return templates.TemplateResponse(
            self.request, f"coaching/{template}", context, status_code=status
        )

    def act(
        self,
        action: Callable[[], Any],
        *,
        then: str | Callable[[Any], str],
        page: Callable[[], tuple[str, Context]],
    ) -> Response:
        """Run a change and go to ``then`` (a path, or one made from what the change
        returned); a refused rule shows the page with the reason and the field it is about,
        having saved nothing."""
        try:
            result = action()
        except DomainError as exc:
            self.db.rollback()
            template, context = page()
            context = {**context, "error": explain(exc), "error_field": exc.field}
            return self.render(template, context, exc.status_code)
        return RedirectResponse(then(result) if callable(then) else then, status_code=303)


def get_visit(
    request: Request, db: SessionDep, viewer: ViewerDep, now: NowDep, figures: FiguresDep
) -> Visit:
    return Visit(request, db, viewer, now, figures)


VisitDep = Annotated[Visit, Depends(get_visit)]


async def read_form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def text_of(form: Fields, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def whole_number(form: Fields, name: str, *, field: str | None = None) -> int | None:
    """The field as an int; None when left blank."""
    text = text_of(form, name)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise RuleViolation(f"{text!r} is not a whole number", field=field or name) from None


def required_number(form: Fields, name: str) -> int:
    found = whole_number(form, name)
    if found is None:
        raise RuleViolation("choose one", field=name)
    return found


def decimal(form: Fields, name: str, *, field: str | None = None) -> float | None:
    """The field as a finite float; None when left blank."""
    text = text_of(form, name)
    if not text:
        return None
    try:
        found = float(text)
    except ValueError:
        found = math.nan
    if not math.isfinite(found):
        raise RuleViolation(f"{text!r} is not a number", field=field or name)
    return found


def required_decimal(form: Fields, name: str) -> float:
    found = decimal(form, name)
    if found is None:
        raise RuleViolation("enter a number", field=name)
    return found


def day(form: Fields, name: str) -> date:
    text = text_of(form, name)
    try:
        return date.fromisoformat(text)
    except ValueError:
        shown = f"{text!r} is not a date" if text else "give a date"
        raise RuleViolation(f"{shown} (like 2026-03-02)", field=name) from None


def local_instant(form: Fields, name: str, zone: ZoneInfo) -> datetime:
    """A ``datetime-local`` field read in the viewer's time zone."""
    text = text_of(form, name)
    try:
        when = datetime.fromisoformat(text)
        return (when if when.tzinfo else when.replace(tzinfo=zone)).astimezone(UTC)
    except (ValueError, OverflowError):
        shown = f"{text!r} is not a date and time" if text else "give a date and time"
        raise RuleViolation(f"{shown} (like 2026-03-02T09:30)", field=name) from None


def chosen_ids(form: FormData, name: str) -> list[int]:
    """The ids of the ticked boxes called ``name``."""
    found = []
    for value in form.getlist(name):
        try:
            found.append(int(str(value)))
        except ValueError:
            raise RuleViolation(f"{value!r} is not an id", field=name) from None
    return found
