"""Dependency aliases shared by the API routes: database session, clock, current actor.

The cheap ones are coroutines, so a request does not pay a worker-thread hop for each; the
caller is usually found in the auth cache (:mod:`floorlead.auth.cache`) and only looked up
in the database, on a worker thread, when it is not.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from floorlead.auth.actors import load_actor
from floorlead.auth.cache import AuthCache
from floorlead.auth.permissions import Actor
from floorlead.auth.service import WebLogin, token_holder, web_session_for_cookie
from floorlead.config import Settings
from floorlead.errors import AuthenticationFailed

SESSION_COOKIE = "floorlead_session"
T = TypeVar("T")


async def get_session(request: Request) -> AsyncIterator[Session]:
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        if request.app.state.engine.dialect.name == "sqlite":
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
    if request.app.state.engine.dialect.name == "sqlite":
        return work()
    return await run_in_threadpool(work)


SessionDep = Annotated[Session, Depends(get_session)]
NowDep = Annotated[datetime, Depends(get_now)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _actor(session: Session, cache: AuthCache, person_id: int) -> Actor:
    found = cache.get(("actor", person_id))
    if found is not None:
        return found
    generation = cache.generation()
    actor = load_actor(session, person_id)
    cache.put(("actor", person_id), actor, generation=generation)
    return actor


def _token_actor(session: Session, cache: AuthCache, token: str, now: datetime) -> Actor:
    generation = cache.generation()
    holder = token_holder(session, token=token)
    cache.put(("token", token), holder, generation=generation)
    return _actor(session, cache, holder.check(now))


def _cookie_login(session: Session, cache: AuthCache, cookie: str, now: datetime) -> WebLogin:
    generation = cache.generation()
    login = web_session_for_cookie(session, cookie=cookie, now=now)
    cache.put(("cookie", cookie), login, generation=generation)
    return login


async def get_actor(request: Request, session: SessionDep, now: NowDep) -> Actor:
    """The caller: a bearer token for API clients, or the web session cookie (with CSRF check
    on unsafe methods, via the ``X-CSRF-Token`` header that HTMX sends)."""
    cache: AuthCache = request.app.state.auth_cache
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        token = header[7:].strip()
        holder = cache.get(("token", token))
        if holder is not None:
            actor = cache.get(("actor", holder.check(now)))
            if actor is not None:
                return actor
        return await run_in_threadpool(_token_actor, session, cache, token, now)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        login = cache.get(("cookie", cookie))
        if login is None or login.expires_at <= now:
            login = await run_in_threadpool(_cookie_login, session, cache, cookie, now)
        if request.method not in {"GET", "HEAD", "OPTIONS"} and (
            request.headers.get("x-csrf-token") != login.csrf_token
        ):
            raise AuthenticationFailed("missing or wrong CSRF token")
        actor = cache.get(("actor", login.person_id))
        if actor is not None:
            return actor
        return await run_in_threadpool(_actor, session, cache, login.person_id)
    raise AuthenticationFailed("sign in or send a bearer token")


ActorDep = Annotated[Actor, Depends(get_actor)]
