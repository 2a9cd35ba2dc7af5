"""REST API under /api (FastAPI routers, one module per area)."""

from __future__ import annotations

from fastapi import FastAPI


def include_routers(app: FastAPI) -> None:
    from floorlead.api import (
        approvals,
        audit,
        auth,
        careers,
        coaching,
        customers,
        health,
        kpi_drill,
        metrics,
        people,
        quality,
        service_rules,
        teams,
        tickets,
        training,
        workforce,
    )

    for module in (  # the busiest first: a request is matched against routes in this order
        tickets,
        health,
        auth,
        workforce,
        people,
        teams,
        approvals,
        audit,
        customers,
        service_rules,
        quality,
        coaching,
        careers,
        training,
        metrics,
        kpi_drill,
    ):
        app.include_router(module.router, prefix="/api")
