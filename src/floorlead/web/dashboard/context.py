"""What every dashboard page starts from: the viewer, the URL state and the KPI engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Action, Actor
from floorlead.metrics import KpiEngine, TargetValue, list_targets, staff_members
from floorlead.org.directory import support_people, team_names
from floorlead.tickets.model import Channel, Priority, Tier
from floorlead.web.dashboard.access import scoped_filters, visible_teams
from floorlead.web.dashboard.analytics import Analytics, AnalyticsDep
from floorlead.web.dashboard.state import PRESETS, DashboardQuery
from floorlead.web.deps import Viewer, ViewerDep

EXPORT_FORMATS = ("csv", "xlsx", "parquet")


@dataclass
class DashboardView:
    """One dashboard request: who asks, for what, and the engine to ask (opened lazily)."""

    session: Session
    viewer: Viewer
    query: DashboardQuery
    now: datetime
    analytics: Analytics
    path: str = "/dashboard"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        return self.viewer.actor

    @property
    def engine(self) -> KpiEngine:
        return self.analytics.engine

    @cached_property
    def targets(self) -> list[TargetValue]:
        return list_targets(self.session)

    @cached_property
    def staff(self) -> dict:
        return staff_members(self.engine)

    def filters(self, **extra: list) -> dict[str, list]:
        """The URL's filters (plus ``extra``) narrowed to the viewer's scope."""
        return scoped_filters(self.actor, {**self.query.filters, **extra})

    def page_context(self, **values: Any) -> dict[str, Any]:
        """The template context shared by every dashboard page."""
        teams = visible_teams(self.actor, team_names(self.session))
        scope = None if self.actor.team_ids is None else sorted(self.actor.team_ids)
        return {
            "viewer": self.viewer,
            "query": self.query,
            "path": self.path,
            "presets": PRESETS,
            "teams": teams,
            "agents": support_people(self.session, scope) if teams else [],
            "channels": [c.value for c in Channel],
            "priorities": [p.value for p in Priority],
            "tiers": [t.value for t in Tier],
            "formats": EXPORT_FORMATS,
            "can_see_team": self.actor.can(Action.VIEW_TEAM_DASHBOARD),
            **values,
        }


def get_view(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, analytics: AnalyticsDep
) -> DashboardView:
    params = request.query_params
    query = DashboardQuery.from_params(params, params.multi_items(), now.date())
    return DashboardView(session, viewer, query, now, analytics, path=request.url.path)


ViewDep = Annotated[DashboardView, Depends(get_view)]
