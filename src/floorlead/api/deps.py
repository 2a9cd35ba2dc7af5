"""Dependency aliases shared by the API routes: database session, clock, current actor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.auth.service import person_for_token, web_session_for_cookie
from floorlead.config import Settings
from floorlead.errors import AuthenticationFailed

SESSION_COOKIE = "floorlead_session"


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_now(request: Request) -> datetime:
    return request.app.state.clock.now()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
NowDep = Annotated[datetime, Depends(get_now)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_actor(request: Request, session: SessionDep, now: NowDep) -> Actor:
    """The caller: a bearer token for API clients, or the web session cookie (with CSRF check
    on unsafe methods, via the ``X-CSRF-Token`` header that HTMX sends)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        person_id = person_for_token(session, token=header[7:].strip(), now=now)
        return load_actor(session, person_id)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        login = web_session_for_cookie(session, cookie=cookie, now=now)
        if request.method not in {"GET", "HEAD", "OPTIONS"} and (
            request.headers.get("x-csrf-token") != login.csrf_token
        ):
            raise AuthenticationFailed("missing or wrong CSRF token")
        return load_actor(session, login.person_id)
    raise AuthenticationFailed("sign in or send a bearer token")


ActorDep = Annotated[Actor, Depends(get_actor)]
