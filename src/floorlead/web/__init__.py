"""Server-rendered pages (Jinja2 + HTMX)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from floorlead.web.deps import LoginRequired


def include_web(app: FastAPI) -> None:
    """Mount static files and the page routes."""
    from floorlead.web import (
        careers,
        coaching,
        dashboard,
        home,
        login,
        notifications,
        quality,
        teams,
        tickets,
        training,
        workforce,
    )

    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, exc: LoginRequired) -> Response:
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse(f"/login?next={quote(exc.next_path)}", status_code=303)

    for module in (
        login,
        home,
        tickets,
        teams,
        quality,
        coaching,
        careers,
        training,
        workforce,
        dashboard,
        notifications,
    ):
        app.include_router(module.router)
