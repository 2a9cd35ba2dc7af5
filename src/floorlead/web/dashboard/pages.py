"""Dashboard pages: team overview, agent scorecards, one person's scorecard, drill-downs
(tickets and shifts), exports."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from floorlead.org.directory import person_names, team_names
from floorlead.web.dashboard import sections
from floorlead.web.dashboard.context import ViewDep
from floorlead.web.dashboard.exports import frame_download
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/dashboard", response_class=HTMLResponse)
def overview(request: Request, view: ViewDep) -> Response:
    context = view.page_context(**sections.overview(view))
    return templates.TemplateResponse(request, "dashboard/overview.html", context)


@router.get("/dashboard/agents", response_class=HTMLResponse)
def agents(request: Request, view: ViewDep) -> Response:
    """The ranked agents table; an HTMX request (a re-sort) gets the table alone."""
    context = view.page_context(**sections.scorecards(view))
    partial = request.headers.get("hx-request") and not request.headers.get("hx-boosted")
    template = "dashboard/_scorecards.html" if partial else "dashboard/agents.html"
    return templates.TemplateResponse(request, template, context)


@router.get("/dashboard/agents/{person_id}", response_class=HTMLResponse)
def agent(request: Request, person_id: int, view: ViewDep) -> Response:
    context = view.page_context(**sections.person(view, person_id))
    return templates.TemplateResponse(request, "dashboard/agent.html", context)


@router.get("/dashboard/drill", response_class=HTMLResponse)
def drill(request: Request, view: ViewDep, kpi: str = "", numerator: bool = False) -> Response:
    params = dict(request.query_params)
    page = sections.drill(view, kpi=kpi, numerator=numerator, params=params)
    people = person_names(view.session, [row["assignee_id"] for row in page.rows])
    context = view.page_context(
        drill=page,
        names=people,
        team_names=team_names(view.session),
        **_drill_urls(request, "/dashboard/drill"),
    )
    return templates.TemplateResponse(request, "dashboard/drill.html", context)


@router.get("/dashboard/drill/shifts", response_class=HTMLResponse)
def drill_shifts(
    request: Request, view: ViewDep, kpi: str = "", numerator: bool = False
) -> Response:
    """The shifts behind an attendance number (attendance, absenteeism, late starts, …)."""
    params = dict(request.query_params)
    page = sections.shift_drill(view, kpi=kpi, numerator=numerator, params=params)
    context = view.page_context(
        drill=page,
        team_names=team_names(view.session),
        **_drill_urls(request, "/dashboard/drill/shifts"),
    )
    return templates.TemplateResponse(request, "dashboard/drill_shifts.html", context)


def _drill_urls(request: Request, path: str) -> dict[str, str]:
    """The drill-down's query without its page (for paging and exports), and the address of
    all the rows counted (without ``numerator``)."""
    pairs = request.query_params.multi_items()
    counted = [(name, value) for name, value in pairs if name not in ("page", "numerator")]
    return {
        "base_query": urlencode([(name, value) for name, value in pairs if name != "page"]),
        "counted_url": f"{path}?{urlencode(counted)}",
    }


@router.get("/dashboard/export/{table}")
def export(request: Request, table: str, view: ViewDep, format: str = "csv") -> Response:
    """Any dashboard table as CSV, XLSX or Parquet: the page's URL state, plus ``format``."""
    frame = sections.export_table(view, table, dict(request.query_params))
    period = view.query.period
    return frame_download(frame, name=f"{table}-{period.start}-{period.end}", file_format=format)
