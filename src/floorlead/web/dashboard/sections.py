"""The figures of each dashboard page, and the tables its export links download.

Each function takes the request's :class:`DashboardView` (viewer, URL state, engine), checks
what the viewer may see, and returns plain values for a template or one table for a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from floorlead.errors import NotFound, RuleViolation
from floorlead.org.directory import person_names, team_names
from floorlead.web.dashboard import board, distributions
from floorlead.web.dashboard.access import (
    require_scorecard,
    require_team_dashboard,
    team_median_filters,
)
from floorlead.web.dashboard.context import DashboardView
from floorlead.web.dashboard.drill import (
    DrillPage,
    bucket_slice,
    drill_ids,
    drill_page,
    ticket_facts,
)
from floorlead.web.dashboard.scorecards import agent_scorecards, person_scorecard
from floorlead.web.dashboard.shift_drill import ShiftPage, shift_page, shifts_frame
from floorlead.web.dashboard.tables import FigureTable, figure_table


def overview(view: DashboardView) -> dict[str, Any]:
    """Cards, trend lines, distributions, channel mix and (for several teams) a team table."""
    require_team_dashboard(view.actor)
    filters = view.filters()
    common = {"query": view.query, "filters": filters, "as_of": view.now}
    cards = board.kpi_figures(view.engine, view.targets, kpis=board.CARD_KPIS, **common)
    trend = board.trend_frame(view.engine, kpis=board.CARD_KPIS, **common)
    mix, _ = board.channel_mix(view.engine, **common)
    spread = {"period": view.query.period, "filters": filters}
    histogram, _ = distributions.handle_time_histogram(view.engine, **spread)
    by_hour, _ = distributions.first_reply_by_hour(view.engine, **spread)
    several = "team" not in filters or len(filters["team"]) > 1
    teams = _team_table(view) if several else None
    return {
        "cards": cards,
        "trends": board.trend_charts(trend, kpis=board.CARD_KPIS, query=view.query),
        "distributions": [
            (histogram, "handle-time"),
            (by_hour, "first-reply-by-hour"),
            (mix, "channels"),
        ],
        "team_table": teams,
    }


def scorecards(view: DashboardView) -> dict[str, Any]:
    require_team_dashboard(view.actor)
    cards = agent_scorecards(
        view.engine,
        view.targets,
        view.staff,
        query=view.query,
        filters=view.filters(),
        as_of=view.now,
    )
    return {"scorecards": cards}


def person(view: DashboardView, person_id: int) -> dict[str, Any]:
    """One person's scorecard: their KPIs against targets, last period and the team median."""
    member = view.staff.get(person_id)
    if member is None:
        raise NotFound(f"person {person_id} has no figures yet", field="agent")
    require_scorecard(view.actor, person_id=person_id, team_id=member.team_id)
    lines, frame = person_scorecard(
        view.engine,
        view.targets,
        view.staff,
        person_id=person_id,
        query=view.query,
        filters=view.filters(agent=[person_id]),
        median_filters=team_median_filters(view.actor, person_id=person_id, team_id=member.team_id),
        as_of=view.now,
    )
    names = person_names(view.session, [person_id])
    team = team_names(view.session).get(member.team_id) if member.team_id else None
    return {
        "lines": lines,
        "frame": frame,
        "person_id": person_id,
        "person_name": names.get(person_id, f"#{person_id}"),
        "team_name": team,
    }


def drill(view: DashboardView, *, kpi: str, numerator: bool, params: dict[str, str]) -> DrillPage:
    """A page of the tickets behind one number (the URL's filters narrowed to the viewer)."""
    ids = drill_ids(
        view.engine,
        kpi=kpi,
        period=view.query.period,
        filters=view.filters(),
        slice_values=bucket_slice(params),
        numerator=numerator,
        as_of=view.now,
    )
    return drill_page(
        view.engine,
        view.session,
        view.actor,
        kpi=kpi,
        ids=ids,
        numerator=numerator,
        page=view.query.page,
    )


def shift_drill(
    view: DashboardView, *, kpi: str, numerator: bool, params: dict[str, str]
) -> ShiftPage:
    """A page of the shifts behind an attendance number (the URL's filters narrowed to the
    viewer, as for tickets)."""
    filters, slice_values = view.filters(), bucket_slice(params)
    frame = shifts_frame(
        view.engine,
        kpi=kpi,
        period=view.query.period,
        filters=filters,
        slice_values=slice_values,
        numerator=numerator,
        as_of=view.now,
    )
    return shift_page(frame, kpi=kpi, numerator=numerator, page=view.query.page)


def export_table(view: DashboardView, table: str, params: dict[str, str]) -> pd.DataFrame:
    """The table an export link names, exactly as the page computes it."""
    if table not in EXPORTS:
        raise RuleViolation(
            f"unknown table {table!r}; use one of {', '.join(EXPORTS)}", field="table"
        )
    return EXPORTS[table](view, params)


def _team_table(view: DashboardView) -> FigureTable:
    return figure_table(
        view.engine,
        view.targets,
        kpis=board.TEAM_KPIS,
        by="team",
        query=view.query,
        filters=view.filters(),
        as_of=view.now,
    )


def _team(build: Callable[[DashboardView], pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    def checked(view: DashboardView, params: dict[str, str]) -> pd.DataFrame:
        require_team_dashboard(view.actor)
        return build(view)

    return checked


def _common(view: DashboardView) -> dict[str, Any]:
    return {"query": view.query, "filters": view.filters(), "as_of": view.now}


def _spread(view: DashboardView) -> dict[str, Any]:
    return {"period": view.query.period, "filters": view.filters()}


def _person_export(view: DashboardView, params: dict[str, str]) -> pd.DataFrame:
    agents = view.query.filters.get("agent", [view.actor.person_id])
    if len(agents) != 1:
        raise RuleViolation("name one agent to export a scorecard", field="agent")
    return person(view, int(agents[0]))["frame"]


def _drill_export(view: DashboardView, params: dict[str, str]) -> pd.DataFrame:
    kpi = params.get("kpi") or ""
    page = drill(view, kpi=kpi, numerator=params.get("numerator") == "1", params=params)
    return ticket_facts(view.engine, view.session, view.actor, page.ticket_ids)


def _shift_export(view: DashboardView, params: dict[str, str]) -> pd.DataFrame:
    kpi = params.get("kpi") or ""
    numerator = params.get("numerator") == "1"
    return shift_drill(view, kpi=kpi, numerator=numerator, params=params).shifts


EXPORTS: dict[str, Callable[[DashboardView, dict[str, str]], pd.DataFrame]] = {
    "summary": _team(
        lambda v: board.figures_frame(
            board.kpi_figures(v.engine, v.targets, kpis=board.CARD_KPIS, **_common(v))
        )
    ),
    "trend": _team(lambda v: board.trend_frame(v.engine, kpis=board.CARD_KPIS, **_common(v))),
    "teams": _team(lambda v: _team_table(v).frame),
    "channels": _team(lambda v: board.channel_mix(v.engine, **_common(v))[1]),
    "handle-time": _team(lambda v: distributions.handle_time_histogram(v.engine, **_spread(v))[1]),
    "first-reply-by-hour": _team(
        lambda v: distributions.first_reply_by_hour(v.engine, **_spread(v))[1]
    ),
    "agents": _team(lambda v: scorecards(v)["scorecards"].table.frame),
    "agent": _person_export,
    "drill": _drill_export,
    "shifts": _shift_export,
}
