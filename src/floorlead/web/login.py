"""Sign in and out of the web app."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import SESSION_COOKIE, NowDep, SessionDep, SettingsDep
from floorlead.auth.service import (
    LoginPolicy,
    check_credentials,
    close_web_session,
    open_web_session,
)
from floorlead.errors import AuthenticationFailed, TooManyAttempts
from floorlead.web.deps import ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)


def _safe_next(next_path: str | None) -> str:
    if next_path and next_path.startswith("/") and not next_path.startswith("//"):
        return next_path
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    return templates.TemplateResponse(
        request, "login.html", {"next": _safe_next(next), "error": None, "email": ""}
    )


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    policy = LoginPolicy(
        settings.login_attempts_per_window, timedelta(minutes=settings.login_window_minutes)
    )
    try:
        person = check_credentials(
            session,
            email=email,
            password=password,
            address=request.client.host if request.client else "unknown",
            policy=policy,
            now=now,
        )
    except (AuthenticationFailed, TooManyAttempts) as exc:
        status = 429 if isinstance(exc, TooManyAttempts) else 401
        return templates.TemplateResponse(
            request,
            "login.html",
            {"next": _safe_next(next), "error": exc.message, "email": email},
            status_code=status,
        )
    login = open_web_session(session, person_id=person.id, hours=settings.session_hours, now=now)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        login.cookie,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return response


@router.post("/logout")
def logout(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        close_web_session(session, cookie=cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
