"""The QA report page: scores per agent, team or criterion per week; failing criteria."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.quality import queries, reports
from floorlead.quality.model import ReportGroup
from floorlead.web.deps import ViewerDep
from floorlead.web.quality.common import render

router = APIRouter(include_in_schema=False)


@router.get("/quality/report", response_class=HTMLResponse)
def report_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    weeks: int = 8,
    group: ReportGroup = ReportGroup.AGENT,
    team_id: str = "",
) -> Response:
    first, last = reports.default_weeks(now.date(), min(max(weeks, 1), 52))
    result = reports.quality_report(
        session,
        actor=viewer.actor,
        first_week=first,
        last_week=last,
        group=group,
        team_id=int(team_id) if team_id else None,
    )
    context = {
        "viewer": viewer,
        "report": result,
        "pivot": _pivot(result.trend),
        "teams": queries.reviewable_teams(session, actor=viewer.actor),
        "groups": list(ReportGroup),
        "weeks": weeks,
        "team_id": team_id,
    }
    return render(request, "report.html", context)


def _pivot(trend: list[Any]) -> dict[str, Any]:
    """Rows per agent/team/criterion, one column per week."""
    weeks = sorted({p.week_start for p in trend})
    rows: dict[str, dict[str, Any]] = {}
    for point in trend:
        row = rows.setdefault(point.key, {"label": point.label, "cells": {}})
        row["cells"][point.week_start] = point
    return {"weeks": weeks, "rows": sorted(rows.values(), key=lambda r: r["label"])}
