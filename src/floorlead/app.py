"""Application factory: nothing runs at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from floorlead import __version__
from floorlead.auth.cache import AuthCache, watch_sessions
from floorlead.clock import Clock, SystemClock
from floorlead.config import Settings
from floorlead.errors import DomainError
from floorlead.notifications.background import mail_sending
from floorlead.storage import make_engine, make_session_factory, upgrade_database
from floorlead.storage.checkpoints import background_checkpoints
from floorlead.storage.readers import Readers
from floorlead.tickets.assignment import OnShift
from floorlead.workforce.schedules import on_shift


def _shift_lookup(sessions: sessionmaker[Session]) -> OnShift:
    """Who is on shift, from published schedules, for skill-based routing."""

    def lookup(person_ids: frozenset[int], now: datetime) -> set[int] | None:
        with sessions() as session:
            return on_shift(session, sorted(person_ids), now)

    return lookup


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """While the app runs: checkpoint SQLite's log in the background, and send waiting
    e-mail when SMTP is set."""
    async with (
        background_checkpoints(app.state.engine),
        mail_sending(app.state.sessions, app.state.settings, app.state.clock),
    ):
        yield
    app.state.readers.close()


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
    migrate: bool = True,
) -> FastAPI:
    settings = settings or Settings()
    engine = engine or make_engine(settings)
    if migrate:
        upgrade_database(engine)
    app = FastAPI(
        title="floorlead",
        version=__version__,
        description="The workbench a customer-service supervisor runs a support team with.",
        docs_url="/docs",
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)
    app.state.readers = Readers(engine)
    watch_sessions(app.state.sessions)
    app.state.auth_cache = AuthCache(settings.auth_cache_seconds)
    app.state.clock = clock or SystemClock()
    app.state.on_shift = _shift_lookup(app.state.sessions)

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> Response:
        if not request.url.path.startswith("/api"):
            from floorlead.web.templating import templates

            return templates.TemplateResponse(
                request, "error.html", {"error": exc}, status_code=exc.status_code
            )
        body: dict[str, object] = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "field": ".".join(str(p) for p in err["loc"] if p not in {"body", "query", "path"}),
                "message": err["msg"],
            }
            for err in exc.errors()
        ]
        first = errors[0] if errors else {"field": "", "message": "invalid input"}
        return JSONResponse(
            {"detail": f"{first['field']}: {first['message']}", "errors": errors},
            status_code=422,
        )

    from floorlead.api import include_routers
    from floorlead.web import include_web

    include_routers(app)
    include_web(app)
    return app


def create_worker_app() -> FastAPI:
    """The app of one server worker process: settings from the environment, the database
    already migrated by the process that started the workers."""
    return create_app(migrate=False)
