"""Team pages: the teams, and one team's agents with their current load."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.org import list_teams, team_detail
from floorlead.web.deps import ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/teams", response_class=HTMLResponse)
def teams(request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep) -> Response:
    rows = list_teams(session, actor=viewer.actor, today=now.date())
    return templates.TemplateResponse(request, "teams/list.html", {"viewer": viewer, "teams": rows})


@router.get("/teams/{team_id}", response_class=HTMLResponse)
def team(
    request: Request, team_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    detail = team_detail(session, actor=viewer.actor, team_id=team_id, today=now.date())
    return templates.TemplateResponse(
        request, "teams/detail.html", {"viewer": viewer, "team": detail}
    )
