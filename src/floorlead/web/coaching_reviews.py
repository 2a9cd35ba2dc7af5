"""Performance review pages: the reviews the viewer may see, writing one for an agent (the
service works out the KPIs against targets, goals met, QA score and attendance), reading one
and acknowledging it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import queries, review_queries, reviews
from floorlead.coaching.catalogue import goal_kpis
from floorlead.coaching.sources import quality_average, workforce_attendance
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    day,
    decimal,
    required_number,
    text_of,
    whole_number,
)

router = APIRouter(include_in_schema=False)
KPI_ROWS = 3  # KPI target rows on the form


@router.get("/coaching/reviews", response_class=HTMLResponse)
def reviews_page(v: VisitDep) -> Response:
    """An agent's own reviews; for a coach, also those of the people they coach."""
    context = {
        "reviews": review_queries.reviews_for(v.db, actor=v.actor),
        "coachable": queries.coachable_people(v.db, actor=v.actor),
    }
    return v.render("reviews.html", context)


def previous_month(today: date) -> tuple[date, date]:
    """The calendar month before ``today``'s: the form's default period."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _form(v: Visit, values: Mapping[str, str] | FormData) -> Context:
    coachable = queries.coachable_people(v.db, actor=v.actor)
    if not coachable:
        raise PermissionDenied("only coaches write performance reviews", field="agent_id")
    return {
        "coachable": coachable,
        "goal_kpis": goal_kpis(),
        "kpi_rows": range(1, KPI_ROWS + 1),
        "values": values,
    }


@router.get("/coaching/reviews/new", response_class=HTMLResponse)
def new_review(v: VisitDep, agent_id: str = "") -> Response:
    start, end = previous_month(v.now.astimezone(v.zone).date())
    values = {
        "agent_id": agent_id,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
    }
    return v.render("review_form.html", _form(v, values))


def kpi_targets(form: FormData) -> list[reviews.KpiTarget]:
    """The filled-in rows of KPI and target; none means "the goals due in the period"."""
    found = []
    for row in range(1, KPI_ROWS + 1):
        kpi = text_of(form, f"kpi_{row}")
        target = decimal(form, f"target_{row}", field="kpi_targets")
        if not kpi and target is None:
            continue
        if not kpi:
            message = f"row {row}: choose the KPI of target {target:g}"
            raise RuleViolation(message, field="kpi_targets")
        if target is None:
            raise RuleViolation(f"row {row}: give a target for {kpi}", field="kpi_targets")
        found.append(reviews.KpiTarget(kpi, target))
    return found


def _write(v: Visit, form: FormData) -> int:
    rating = whole_number(form, "rating")
    if rating is None:
        raise RuleViolation("choose a rating from 1 to 5", field="rating")
    review = reviews.write_review(
        v.db,
        actor=v.actor,
        agent_id=required_number(form, "agent_id"),
        period_start=day(form, "period_start"),
        period_end=day(form, "period_end"),
        rating=rating,
        comments=text_of(form, "comments"),
        qa_score=decimal(form, "qa_score"),
        kpi_targets=kpi_targets(form),
        evidence=reviews.Evidence(
            kpis=v.figures.kpis,
            qa=quality_average(v.db),
            attendance=workforce_attendance(v.db, now=v.now),
        ),
        now=v.now,
    )
    return review.id


@router.post("/coaching/reviews")
def write(v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: _write(v, form),
        then=lambda review_id: f"/coaching/reviews/{review_id}?saved=1",
        page=lambda: ("review_form.html", _form(v, form)),
    )


def _review(v: Visit, review_id: int) -> Context:
    return {"review": review_queries.review_detail(v.db, actor=v.actor, review_id=review_id)}


@router.get("/coaching/reviews/{review_id}", response_class=HTMLResponse)
def review_page(review_id: int, v: VisitDep, saved: str = "") -> Response:
    return v.render("review.html", {**_review(v, review_id), "saved": saved})


@router.post("/coaching/reviews/{review_id}/acknowledge")
def acknowledge(review_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: reviews.acknowledge_review(
            v.db, actor=v.actor, review_id=review_id, comment=text_of(form, "comment"), now=v.now
        ),
        then=f"/coaching/reviews/{review_id}",
        page=lambda: ("review.html", _review(v, review_id)),
    )
