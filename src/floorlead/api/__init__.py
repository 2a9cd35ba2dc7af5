"""REST API under /api (FastAPI routers, one module per area)."""

from __future__ import annotations

from fastapi import FastAPI


def include_routers(app: FastAPI) -> None:
    from floorlead.api import auth, health, workforce

    for module in (health, auth, workforce):
        app.include_router(module.router, prefix="/api")
