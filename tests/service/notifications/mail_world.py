"""The mail tests' world: an SMTP inbox handler, settings that send to it, a small floor.

Billing: Sam (supervisor) ← Lee (team lead) ← Ava and Ben (agents); Max (manager) above Sam.
Default approval limits are in place.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any, Protocol

from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.notifications import SmtpConfig, SmtpMailer
from floorlead.org.limits import seed_approval_limits
from floorlead.org.tables import Person, Team

from factories import T0, make_person, make_team

SENDER = "floorlead <floorlead@example.com>"
BASE_URL = "https://floor.example.com"
LOGIN, SECRET = "floorlead", "s3cret-relay"


class SteerableClock(Protocol):
    """The ``clock`` fixture: a clock that moves only when told to."""

    def now(self) -> datetime: ...

    def advance(self, **kwargs: float) -> datetime: ...

    def set(self, value: datetime) -> None: ...


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        body = self.message.get_body(("plain",))
        assert body is not None
        return str(body.get_content()).replace("\r\n", "\n")


@dataclass
class Inbox:
    """What the server accepted; and what it answers instead, in order, before accepting."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    data_answers: list[str] = field(default_factory=list)  # e.g. "451 4.3.0 Try later"
    unknown: set[str] = field(default_factory=set)  # mailboxes refused with 550
    delay: float = 0.0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.unknown:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.data_answers:
            return self.data_answers.pop(0)
        message = message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mail_settings(settings: Settings, port: int, **changes: Any) -> Settings:
    """The database settings, sending mail to the test server on ``port``."""
    values: dict[str, Any] = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_from": SENDER,
        "base_url": BASE_URL,
        **changes,
    }
    return Settings(**{**settings.model_dump(), **values})


def mailer_for(settings: Settings) -> SmtpMailer:
    config = SmtpConfig.from_settings(settings)
    assert config is not None
    return SmtpMailer(config)


@dataclass
class Floor:
    billing: Team
    max: Person
    sam: Person
    lee: Person
    ava: Person
    ben: Person


def build_floor(session: Session) -> Floor:
    billing = make_team(session, name="Billing")
    max_ = make_person(session, name="Max Manager", email="max@example.com", role="manager")
    sam = make_person(
        session,
        name="Sam Supervisor",
        email="sam@example.com",
        role="supervisor",
        team_id=billing.id,
        manager_id=max_.id,
    )
    lee = make_person(
        session,
        name="Lee Lead",
        email="lee@example.com",
        role="team_lead",
        team_id=billing.id,
        manager_id=sam.id,
    )
    ava = make_person(
        session, name="Ava Agent", email="ava@example.com", team_id=billing.id, manager_id=lee.id
    )
    ben = make_person(
        session, name="Ben Agent", email="ben@example.com", team_id=billing.id, manager_id=lee.id
    )
    billing.supervisor_id = sam.id
    session.commit()
    seed_approval_limits(session, now=T0)
    return Floor(billing, max_, sam, lee, ava, ben)
