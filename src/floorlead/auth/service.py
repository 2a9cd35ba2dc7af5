"""Sign-in use cases: password login with rate limiting, API tokens and web sessions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from floorlead.auth.passwords import hash_password, verify_password
from floorlead.auth.tables import ApiToken, LoginAttempt, WebSession
from floorlead.errors import AuthenticationFailed, NotFound, TooManyAttempts
from floorlead.org.tables import Person


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class LoginPolicy:
    attempts_per_window: int = 5
    window: timedelta = timedelta(minutes=15)


def check_credentials(
    session: Session,
    *,
    email: str,
    password: str,
    address: str,
    policy: LoginPolicy,
    now: datetime,
) -> Person:
    """Return the person whose email and password match, recording the attempt.

    More than ``policy.attempts_per_window`` failures for one email, or from one address,
    within the window refuse further attempts until the window passes.
    """
    email = email.strip().lower()
    since = now - policy.window
    failures = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.at >= since,
            LoginAttempt.succeeded.is_(False),
            (LoginAttempt.email == email) | (LoginAttempt.address == address),
        )
    )
    if (failures or 0) >= policy.attempts_per_window:
        raise TooManyAttempts("too many failed logins; try again later")
    person = session.scalar(select(Person).where(func.lower(Person.email) == email))
    ok = (
        person is not None
        and (person.leave_date is None or person.leave_date > now.date())
        and verify_password(person.password_hash, password)
    )
    session.add(LoginAttempt(email=email, address=address, succeeded=ok, at=now))
    session.commit()
    if not ok or person is None:
        raise AuthenticationFailed("email or password is wrong")
    return person


def issue_api_token(session: Session, *, person_id: int, days: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            person_id=person_id,
            token_hash=_digest(token),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
    )
    session.commit()
    return token


@dataclass(frozen=True)
class TokenHolder:
    """Whose API token it is and until when it is valid."""

    person_id: int
    expires_at: datetime

    def check(self, now: datetime) -> int:
        if self.expires_at <= now:
            raise AuthenticationFailed("invalid or expired token")
        return self.person_id


def token_holder(session: Session, *, token: str) -> TokenHolder:
    """Who holds ``token``; it stops working at its expiry or when its holder leaves."""
    row = session.execute(
        select(ApiToken.person_id, ApiToken.expires_at, Person.leave_date)
        .join(Person, Person.id == ApiToken.person_id)
        .where(ApiToken.token_hash == _digest(token))
    ).first()
    if row is None:
        raise AuthenticationFailed("invalid or expired token")
    expires_at = row.expires_at
    if row.leave_date is not None:
        expires_at = min(expires_at, datetime.combine(row.leave_date, time.min, UTC))
    return TokenHolder(row.person_id, expires_at)


def person_for_token(session: Session, *, token: str, now: datetime) -> int:
    return token_holder(session, token=token).check(now)


@dataclass(frozen=True)
class WebLogin:
    cookie: str
    csrf_token: str
    person_id: int
    expires_at: datetime


def open_web_session(session: Session, *, person_id: int, hours: int, now: datetime) -> WebLogin:
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    session.add(
        WebSession(
            person_id=person_id,
            session_hash=_digest(cookie),
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.commit()
    return WebLogin(cookie, csrf, person_id, now + timedelta(hours=hours))


def web_session_for_cookie(session: Session, *, cookie: str, now: datetime) -> WebLogin:
    row = session.scalar(select(WebSession).where(WebSession.session_hash == _digest(cookie)))
    if row is None or row.expires_at <= now:
        raise AuthenticationFailed("please sign in")
    return WebLogin(cookie, row.csrf_token, row.person_id, row.expires_at)


def close_web_session(session: Session, *, cookie: str) -> None:
    session.execute(delete(WebSession).where(WebSession.session_hash == _digest(cookie)))
    session.commit()


def set_password(session: Session, *, email: str, password: str) -> Person:
    person = session.scalar(select(Person).where(func.lower(Person.email) == email.lower()))
    if person is None:
        raise NotFound(f"no person with email {email}", field="email")
    person.password_hash = hash_password(password)
    session.commit()
    return person
