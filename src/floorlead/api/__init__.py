"""REST API under /api (FastAPI routers, one module per area or part of an area)."""

from __future__ import annotations

from fastapi import FastAPI


def include_routers(app: FastAPI) -> None:
    from floorlead.api import (
        approvals,
        audit,
        auth,
        careers,
        coaching_goals,
        coaching_kudos,
        coaching_reviews,
        coaching_sessions,
        coaching_team,
        customers,
        health,
        kpi_drill,
        metrics,
        notifications,
        people,
        quality,
        service_rules,
        teams,
        tickets,
        training,
        workforce_forecasts,
        workforce_outlook,
        workforce_reports,
        workforce_rostering,
        workforce_schedules,
        workforce_states,
    )

    for module in (  # the busiest first: a request is matched against routes in this order
        tickets,
        health,
        auth,
        workforce_states,
        workforce_schedules,
        workforce_reports,
        workforce_forecasts,
        workforce_rostering,
        workforce_outlook,
        people,
        teams,
        approvals,
        audit,
        customers,
        service_rules,
        quality,
        coaching_sessions,
        coaching_goals,
        coaching_kudos,
        coaching_reviews,
        coaching_team,
        careers,
        training,
        metrics,
        kpi_drill,
        notifications,
    ):
        app.include_router(module.router, prefix="/api")
