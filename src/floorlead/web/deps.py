"""Page dependencies: the signed-in viewer (or a redirect to the login page) and CSRF checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from floorlead.api.deps import SESSION_COOKIE, NowDep, SessionDep
from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.auth.service import web_session_for_cookie
from floorlead.errors import AuthenticationFailed
from floorlead.org.tables import Person


class LoginRequired(Exception):
    """Raised by page dependencies; answered with a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    name: str
    email: str
    time_zone: str
    csrf_token: str


async def get_viewer(request: Request, session: SessionDep, now: NowDep) -> Viewer:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise LoginRequired(request.url.path)
    try:
        login = web_session_for_cookie(session, cookie=cookie, now=now)
    except AuthenticationFailed:
        raise LoginRequired(request.url.path) from None
    person = session.get(Person, login.person_id)
    if person is None or (person.leave_date is not None and person.leave_date <= now.date()):
        raise LoginRequired(request.url.path)
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            token = form.get("csrf_token")
            sent = token if isinstance(token, str) else None
        if sent != login.csrf_token:
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token")
    return Viewer(
        load_actor(session, person.id),
        person.name,
        person.email,
        person.time_zone,
        login.csrf_token,
    )


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
