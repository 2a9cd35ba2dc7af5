"""Workforce pages: forecast against actuals, the staffing heatmap, schedules, an agent's own
schedule, a team's adherence, and the "understaffed in the next two hours" panel of the home.

Forecasting a team's queues can take seconds the first time, so the forecast and staffing
pages load their heavy panel with HTMX after the page itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Action
from floorlead.errors import DomainError
from floorlead.web import workforce_schedules, workforce_team
from floorlead.web.deps import Viewer, ViewerDep
from floorlead.web.workforce_common import (
    MODEL_LABELS,
    chosen_team,
    input_values,
    local_today,
    monday,
    parse_day,
    render,
    staffing_inputs,
)
from floorlead.web.workforce_views import (
    daily_totals,
    forecast_chart,
    heatmap,
    week_so_far_wape,
)
from floorlead.workforce.planning import (
    MODELS,
    forecast_queue_week,
    staff_team_week,
    week_queues,
)
from floorlead.workforce.planning_queries import PlannedTeam, managed_teams
from floorlead.workforce.understaffing import understaffed_teams

router = APIRouter(include_in_schema=False)
router.include_router(workforce_schedules.router)
router.include_router(workforce_team.router)


@router.get("/workforce", response_class=HTMLResponse)
def index(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    """Planners start at the forecast; agents at their own schedule."""
    if not managed_teams(session, actor=viewer.actor):
        return RedirectResponse("/workforce/my-schedule", status_code=303)
    return RedirectResponse("/workforce/forecast", status_code=303)


@dataclass(frozen=True)
class WeekChoice:
    """The team, week and model a planning page is about."""

    team: PlannedTeam
    teams: list[PlannedTeam]
    week: date
    model: str

    def context(self, viewer: Viewer) -> dict[str, Any]:
        return {
            "viewer": viewer,
            "team": self.team,
            "teams": self.teams,
            "week": self.week,
            "models": MODELS,
            "model_labels": MODEL_LABELS,
            "model": self.model,
        }


def _choice(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, *, ahead: int
) -> WeekChoice:
    params = request.query_params
    team, teams = chosen_team(session, viewer, params.get("team_id"))
    today = local_today(now, team.time_zone)
    day = parse_day(params.get("week"), today + timedelta(weeks=ahead))
    return WeekChoice(team, teams, monday(day), params.get("model") or "auto")


@router.get("/workforce/forecast", response_class=HTMLResponse)
def forecast_page(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    choice = _choice(request, session, viewer, now, ahead=0)
    _, queues = week_queues(
        session, actor=viewer.actor, team_id=choice.team.id, day=choice.week, now=now
    )
    channels = [queue.channel for queue in queues]
    channel = request.query_params.get("channel") or (channels[0] if channels else "")
    query = {"team_id": choice.team.id, "channel": channel, "week": choice.week}
    return render(
        request,
        "forecast.html",
        choice.context(viewer)
        | {
            "channels": channels,
            "channel": channel,
            "panel_query": urlencode(query | {"model": choice.model}),
        },
    )


@router.get("/workforce/forecast/panel", response_class=HTMLResponse)
def forecast_panel(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    """The chart, the backtest scores and the daily totals of one queue's week."""
    choice = _choice(request, session, viewer, now, ahead=0)
    try:
        week = forecast_queue_week(
            session,
            actor=viewer.actor,
            team_id=choice.team.id,
            channel=request.query_params.get("channel", ""),
            day=choice.week,
            now=now,
            model=choice.model,
        )
    except DomainError as exc:
        return render(request, "_problem.html", {"error": exc.message})
    return render(
        request,
        "_forecast_panel.html",
        choice.context(viewer)
        | {
            "queue_week": week,
            "chart": forecast_chart(week),
            "days": daily_totals(week),
            "week_wape": week_so_far_wape(week),
        },
    )


@router.get("/workforce/staffing", response_class=HTMLResponse)
def staffing_page(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    choice = _choice(request, session, viewer, now, ahead=1)
    values = input_values(staffing_inputs(request.query_params))
    query = {"team_id": choice.team.id, "week": choice.week, "model": choice.model}
    return render(
        request,
        "staffing.html",
        choice.context(viewer) | {"values": values, "panel_query": urlencode(query | values)},
    )


@router.get("/workforce/staffing/panel", response_class=HTMLResponse)
def staffing_panel(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    """The heatmap of agents to schedule (after shrinkage) per interval and weekday."""
    choice = _choice(request, session, viewer, now, ahead=1)
    try:
        staffing = staff_team_week(
            session,
            actor=viewer.actor,
            team_id=choice.team.id,
            day=choice.week,
            now=now,
            inputs=staffing_inputs(request.query_params),
            model=choice.model,
        )
    except DomainError as exc:
        return render(request, "_problem.html", {"error": exc.message})
    requirement = staffing.requirement
    return render(
        request,
        "_staffing_panel.html",
        choice.context(viewer)
        | {
            "staffing": staffing,
            "scheduled": heatmap(requirement, choice.team.time_zone, requirement.scheduled),
            "models_used": {q.queue.channel: q.forecast.model.value for q in staffing.queues},
            "peak_by_channel": {c: float(v.max()) for c, v in requirement.by_channel.items()},
        },
    )


@router.get("/workforce/understaffed", response_class=HTMLResponse)
def understaffed_panel(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    """The home page's alert: the viewer's teams short of agents in the next two hours."""
    if not viewer.actor.can(Action.MANAGE_SCHEDULES):
        return HTMLResponse("")
    outlooks = understaffed_teams(session, actor=viewer.actor, now=now)
    return render(request, "_understaffed.html", {"viewer": viewer, "outlooks": outlooks})
