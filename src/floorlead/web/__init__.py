"""Server-rendered pages (Jinja2 + HTMX)."""

from __future__ import annotations

from fastapi import FastAPI


def include_web(app: FastAPI) -> None:
    """Mount static files and the page routes."""
    from pathlib import Path

    from fastapi.staticfiles import StaticFiles

    static = Path(__file__).parent / "static"
    static.mkdir(exist_ok=True)
    app.mount("/static", StaticFiles(directory=static), name="static")
