"""The mail outbox page (/notifications/outbox), on each database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.notifications import MailKind, dedupe_key, queue_email
from floorlead.notifications.tables import OutboxMessage

from factories import PASSWORD, T0, make_person

ROW = re.compile(r'<tr data-status="(\w+)">\s*<td>(\d+)</td>')


class FixedClock:
    def now(self) -> datetime:
        return T0


def _arrange(session: Session) -> dict[str, int]:
    """Ada (admin) and Ava (agent); to Ava: #1 pending, #2 sent, #3 given up on."""
    make_person(session, email="ada@example.com", name="Ada Admin", role="admin")
    ava = make_person(session, email="ava@example.com", name="Ava Agent").id
    ids = {}
    for n, status in enumerate(["pending", "sent", "failed"], start=1):
        key = dedupe_key(MailKind.TRAINING_OVERDUE, n)
        ids[status] = queue_email(
            session,
            person_id=ava,
            kind=MailKind.TRAINING_OVERDUE,
            subject=f"Training #{n} is overdue",
            body="Overdue.",
            dedupe_key=key,
            now=T0,
        )
    sent = session.get_one(OutboxMessage, ids["sent"])
    sent.sent_at, sent.next_attempt_at, sent.attempts = T0 + timedelta(minutes=1), None, 1
    failed = session.get_one(OutboxMessage, ids["failed"])
    failed.next_attempt_at, failed.attempts = None, 1
    failed.last_error = "550 5.1.1 unknown mailbox"
    session.commit()
    return ids


@pytest.fixture
def app_and_mail(settings: Settings) -> Iterator[tuple[TestClient, dict[str, int]]]:
    app = create_app(settings, clock=FixedClock(), migrate=False)
    with app.state.sessions() as session:
        ids = _arrange(session)
    with TestClient(app) as client:
        yield client, ids
    app.state.engine.dispose()


def _sign_in(client: TestClient, who: str) -> None:
    response = client.post("/login", data={"email": f"{who}@example.com", "password": PASSWORD})
    assert response.status_code in {200, 303}, response.text


def test_an_admin_sees_the_outbox_linked_from_the_nav(
    app_and_mail: tuple[TestClient, dict[str, int]],
) -> None:
    client, ids = app_and_mail
    _sign_in(client, "ada")

    home = client.get("/")
    page = client.get("/notifications/outbox")

    assert 'href="/notifications/outbox"' in home.text
    assert page.status_code == 200
    assert ROW.findall(page.text) == [
        ("failed", str(ids["failed"])),
        ("sent", str(ids["sent"])),
        ("pending", str(ids["pending"])),
    ]
    assert "550 5.1.1 unknown mailbox" in page.text
    assert "Ava Agent" in page.text and "Training #2 is overdue" in page.text


@pytest.mark.parametrize("status", ["pending", "sent", "failed"])
def test_the_status_filter_shows_only_that_state(
    app_and_mail: tuple[TestClient, dict[str, int]], status: str
) -> None:
    client, ids = app_and_mail
    _sign_in(client, "ada")

    page = client.get("/notifications/outbox", params={"status": status})

    assert ROW.findall(page.text) == [(status, str(ids[status]))]
    assert f'<option value="{status}" selected>' in page.text


def test_an_unknown_status_is_refused_naming_the_field(
    app_and_mail: tuple[TestClient, dict[str, int]],
) -> None:
    client, _ = app_and_mail
    _sign_in(client, "ada")

    page = client.get("/notifications/outbox", params={"status": "bounced"})

    assert page.status_code == 422
    assert "status must be one of pending, sent, failed" in page.text


def test_an_agent_gets_403_and_no_link(app_and_mail: tuple[TestClient, dict[str, int]]) -> None:
    client, _ = app_and_mail
    _sign_in(client, "ava")

    home = client.get("/")
    page = client.get("/notifications/outbox")

    assert 'href="/notifications/outbox"' not in home.text
    assert page.status_code == 403
    assert "Training #1 is overdue" not in page.text
