"""Token login for API clients."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from floorlead.api.deps import NowDep, SessionDep, SettingsDep
from floorlead.auth.service import LoginPolicy, check_credentials, issue_api_token

router = APIRouter(tags=["auth"])


class TokenRequest(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)


class TokenPublic(BaseModel):
    access_token: str
    token_type: str = "bearer"
    person_id: int


def login_policy(settings: SettingsDep) -> LoginPolicy:
    from datetime import timedelta

    return LoginPolicy(
        settings.login_attempts_per_window, timedelta(minutes=settings.login_window_minutes)
    )


@router.post("/auth/token")
def create_token(
    body: TokenRequest, request: Request, session: SessionDep, settings: SettingsDep, now: NowDep
) -> TokenPublic:
    person = check_credentials(
        session,
        email=body.email,
        password=body.password,
        address=request.client.host if request.client else "unknown",
        policy=login_policy(settings),
        now=now,
    )
    token = issue_api_token(session, person_id=person.id, days=settings.token_days, now=now)
    return TokenPublic(access_token=token, person_id=person.id)
