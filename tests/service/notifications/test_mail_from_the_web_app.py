"""The web app sends waiting e-mail in the background while SMTP is set, and only then."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from mail_world import Floor, Inbox, build_floor, mail_settings
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.notifications import MailKind, MailStatus, dedupe_key, outbox_entries, queue_email

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def queue_review_mail(session: Session, floor: Floor) -> None:
    queue_email(
        session,
        person_id=floor.ava.id,
        kind=MailKind.QA_REVIEW,
        subject="Your ticket #12 was reviewed",
        body="Score 77.5%.",
        link="/quality/reviews/3",
        dedupe_key=dedupe_key(MailKind.QA_REVIEW, 3),
        now=NOW,
    )
    session.commit()


def wait_for(condition: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)


def test_the_running_app_sends_what_the_outbox_holds(
    session: Session, settings: Settings, inbox: Inbox
) -> None:
    queue_review_mail(session, build_floor(session))
    app = create_app(
        mail_settings(settings, inbox.port, smtp_send_interval_seconds=1), clock=FixedClock()
    )

    with TestClient(app):
        wait_for(lambda: inbox.received, seconds=15)

    assert [m.rcpt_tos for m in inbox.received] == [["ava@example.com"]]
    [entry] = outbox_entries(session)
    assert (entry.status, entry.sent_at) == (MailStatus.SENT, NOW)


def test_an_interval_of_zero_leaves_sending_to_the_command(
    session: Session, settings: Settings, inbox: Inbox
) -> None:
    queue_review_mail(session, build_floor(session))
    app = create_app(
        mail_settings(settings, inbox.port, smtp_send_interval_seconds=0), clock=FixedClock()
    )

    with TestClient(app) as client:
        health = client.get("/api/health")
        time.sleep(1.5)

    assert health.status_code == 200
    assert inbox.received == []
    [entry] = outbox_entries(session)
    assert (entry.status, entry.attempts) == (MailStatus.PENDING, 0)
