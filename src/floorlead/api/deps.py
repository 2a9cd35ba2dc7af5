"""Dependency aliases shared by the API routes: database session, clock, current actor.

The cheap ones are coroutines, so a request does not pay a worker-thread hop for each; the
caller is usually found in the auth cache (:mod:`floorlead.auth.cache`) and only looked up
in the database (with a session of its own) when it is not.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import Connection
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from floorlead.auth.actors import load_actor
from floorlead.auth.cache import AuthCache
from floorlead.auth.permissions import Actor
from floorlead.auth.service import token_holder, web_session_for_cookie
from floorlead.config import Settings
from floorlead.errors import AuthenticationFailed

SESSION_COOKIE = "floorlead_session"
T = TypeVar("T")


def _on_event_loop(request: Request) -> bool:
    """Database work runs on the event loop for SQLite (see :func:`run_db`)."""
    return request.app.state.engine.dialect.name == "sqlite"


async def get_session(request: Request) -> AsyncIterator[Session]:
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        if _on_event_loop(request):
            session.close()  # no round trip: returns the connection to the pool
        else:
            await run_in_threadpool(session.close)


async def get_now(request: Request) -> datetime:
    return request.app.state.clock.now()


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def run_db(request: Request, work: Callable[[], T]) -> T:
    """Run ``work`` (database calls) for an async route.

    On SQLite it runs on the event loop: its statements take microseconds, a hand-off to a
    worker thread costs more than that, and SQLite's single writer would only make the
    threads of one process queue on its lock. On a database server it runs on a worker
    thread, so a slow round trip does not hold up other requests.
    """
    if _on_event_loop(request):
        return work()
    return await run_in_threadpool(work)


async def in_session(request: Request, work: Callable[[Session], T]) -> T:
    """Run ``work`` with a session of its own, as :func:`run_db` does, and close it.

    The busiest routes use this rather than :data:`SessionDep`: a dependency that yields
    costs the framework an exit stack per request.
    """

    def run() -> T:
        with request.app.state.sessions() as session:
            return work(session)

    return await run_db(request, run)


async def in_connection(request: Request, work: Callable[[Connection], T]) -> T:
    """Run ``work`` (plain reads) on a connection, as :func:`run_db` does: cheaper than a
    session for a query that builds no ORM objects. On SQLite it is the event loop's own
    reader, kept open (:mod:`floorlead.storage.readers`); elsewhere a pooled connection."""
    if _on_event_loop(request):
        return request.app.state.readers.read(work)

    def run() -> T:
        with request.app.state.engine.connect() as connection:
            return work(connection)

    return await run_in_threadpool(run)


SessionDep = Annotated[Session, Depends(get_session)]
NowDep = Annotated[datetime, Depends(get_now)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def _remembered(request: Request, key: tuple[str, Any], read: Callable[[Session], T]) -> T:
    """``key`` from the auth cache, or ``read`` from the database and remembered."""
    cache: AuthCache = request.app.state.auth_cache
    found = cache.get(key)
    if found is not None:
        return found
    return await in_session(request, lambda session: cache.remember(key, lambda: read(session)))


async def get_actor(request: Request) -> Actor:
    """The caller: a bearer token for API clients, or the web session cookie (with CSRF check
    on unsafe methods, via the ``X-CSRF-Token`` header that HTMX sends)."""
    now = await get_now(request)  # called, not a dependency: one less for FastAPI to solve
    header = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if header[:7].lower() == "bearer ":
        token = header[7:].strip()
        holder = await _remembered(
            request, ("token", token), lambda session: token_holder(session, token=token)
        )
        person_id = holder.check(now)
    elif cookie:
        login = await _remembered(
            request,
            ("cookie", cookie),
            lambda session: web_session_for_cookie(session, cookie=cookie, now=now),
        )
        if login.expires_at <= now:
            raise AuthenticationFailed("please sign in")
        if request.method not in {"GET", "HEAD", "OPTIONS"} and (
            request.headers.get("x-csrf-token") != login.csrf_token
        ):
            raise AuthenticationFailed("missing or wrong CSRF token")
        person_id = login.person_id
    else:
        raise AuthenticationFailed("sign in or send a bearer token")
    return await _remembered(
        request, ("actor", person_id), lambda session: load_actor(session, person_id)
    )


ActorDep = Annotated[Actor, Depends(get_actor)]
