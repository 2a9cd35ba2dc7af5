"""Plumbing shared by the workforce pages: the chosen team and week, inputs, rendering."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.web.deps import Viewer
from floorlead.web.templating import templates
from floorlead.workforce.planning_queries import PlannedTeam, managed_teams
from floorlead.workforce.requirements import StaffingInputs

# Form fields of the staffing inputs, shown in percent where the rule takes a fraction.
PERCENT_FIELDS = ("service_level", "shrinkage", "max_occupancy")
NUMBER_FIELDS = ("answer_seconds", "deferred_deadline_hours")
MODEL_LABELS = {
    "auto": "Auto (best backtest)",
    "seasonal_naive": "Seasonal naive",
    "mstl": "MSTL",
    "holt_winters": "Holt-Winters",
    "blend": "Blend",
}


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, f"workforce/{name}", context, status_code=status)


def chosen_team(
    session: Session, viewer: Viewer, team_id: str | None
) -> tuple[PlannedTeam, list[PlannedTeam]]:
    """The team asked for (or the first the viewer plans for) and all the viewer's teams."""
    teams = managed_teams(session, actor=viewer.actor)
    if not teams:
        raise PermissionDenied("only team leads, supervisors and managers plan teams' work")
    if not team_id:
        return teams[0], teams
    wanted = parse_int(team_id, "team_id")
    for team in teams:
        if team.id == wanted:
            return team, teams
    raise PermissionDenied(f"you do not plan team {wanted}")


def parse_int(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise RuleViolation(f"{field} must be a whole number", field=field) from None


def parse_float(text: str, field: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise RuleViolation(f"{field} must be a number", field=field) from None


def parse_day(text: str | None, default: date, field: str = "week") -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{field} must be a date like 2026-03-02", field=field) from None


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def staffing_inputs(params: Mapping[str, str]) -> StaffingInputs:
    """Staffing inputs from a form: percentages for the fractions, blanks for the defaults."""
    values: dict[str, Any] = {}
    for name in PERCENT_FIELDS:
        if params.get(name):
            values[name] = parse_float(params[name], name) / 100
    for name in NUMBER_FIELDS:
        if params.get(name):
            values[name] = parse_float(params[name], name)
    if params.get("patience_seconds"):
        values["patience_seconds"] = parse_float(params["patience_seconds"], "patience_seconds")
    if params.get("chat_concurrency"):
        values["chat_concurrency"] = parse_int(params["chat_concurrency"], "chat_concurrency")
    return StaffingInputs(**values)


def input_values(inputs: StaffingInputs) -> dict[str, str]:
    """The inputs as the form shows them."""
    shown = {name: f"{getattr(inputs, name) * 100:g}" for name in PERCENT_FIELDS}
    shown |= {name: f"{getattr(inputs, name):g}" for name in NUMBER_FIELDS}
    shown["patience_seconds"] = (
        "" if inputs.patience_seconds is None else f"{inputs.patience_seconds:g}"
    )
    shown["chat_concurrency"] = str(inputs.chat_concurrency)
    return shown
