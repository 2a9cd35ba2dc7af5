"""The mail outbox over the API (/api/notifications/outbox), on each database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.notifications import MailKind, dedupe_key, queue_email
from floorlead.notifications.tables import OutboxMessage

from factories import PASSWORD, T0, make_person

SENT_AT = T0 + timedelta(minutes=2)


class FixedClock:
    def now(self) -> datetime:
        return T0


@dataclass
class Outbox:
    """Three e-mails queued at T0: one still pending (to Ava), one sent (to Bo), one given up
    on after five tries (to Ava)."""

    client: TestClient
    people: dict[str, int]
    mail: dict[str, int]

    def get(self, who: str, **params: Any) -> Any:
        login = {"email": f"{who}@example.com", "password": PASSWORD}
        token = self.client.post("/api/auth/token", json=login).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        return self.client.get("/api/notifications/outbox", params=params, headers=headers)


def _queue(session: Session, person_id: int, n: int) -> int:
    mail_id = queue_email(
        session,
        person_id=person_id,
        kind=MailKind.QA_REVIEW,
        subject=f"Your ticket #{n} was reviewed",
        body="Reviewed.",
        link=f"/quality/reviews/{n}",
        dedupe_key=dedupe_key(MailKind.QA_REVIEW, n),
        now=T0,
    )
    assert mail_id is not None
    return mail_id


def _arrange(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    people = {
        key: make_person(session, email=f"{key}@example.com", name=name, role=role).id
        for key, name, role in [
            ("ada", "Ada Admin", "admin"),
            ("max", "Max Manager", "manager"),
            ("ava", "Ava Agent", "agent"),
            ("bo", "Bo Agent", "agent"),
        ]
    }
    mail = {
        "pending": _queue(session, people["ava"], 1),
        "sent": _queue(session, people["bo"], 2),
        "failed": _queue(session, people["ava"], 3),
    }
    sent = session.get_one(OutboxMessage, mail["sent"])
    sent.sent_at, sent.next_attempt_at, sent.attempts = SENT_AT, None, 1
    failed = session.get_one(OutboxMessage, mail["failed"])
    failed.next_attempt_at, failed.attempts = None, 5
    failed.last_error = "550 5.1.1 unknown mailbox"
    session.commit()
    return people, mail


@pytest.fixture
def outbox(settings: Settings) -> Iterator[Outbox]:
    app = create_app(settings, clock=FixedClock(), migrate=False)
    with app.state.sessions() as session:
        people, mail = _arrange(session)
    with TestClient(app) as client:
        yield Outbox(client, people, mail)
    app.state.engine.dispose()


def test_an_admin_sees_every_queued_email_newest_first_with_its_state(outbox: Outbox) -> None:
    response = outbox.get("ada")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["total"], body["page"], body["per_page"]) == (3, 1, 50)
    rows = {row["status"]: row for row in body["items"]}
    assert [row["id"] for row in body["items"]] == [
        outbox.mail["failed"],
        outbox.mail["sent"],
        outbox.mail["pending"],
    ]
    pending, sent, failed = rows["pending"], rows["sent"], rows["failed"]
    assert (pending["person_id"], pending["person_name"], pending["email"]) == (
        outbox.people["ava"],
        "Ava Agent",
        "ava@example.com",
    )
    assert (pending["kind"], pending["subject"]) == ("qa_review", "Your ticket #1 was reviewed")
    assert datetime.fromisoformat(pending["created_at"]) == T0
    assert datetime.fromisoformat(pending["next_attempt_at"]) == T0
    assert (pending["sent_at"], pending["attempts"], pending["last_error"]) == (None, 0, "")
    assert datetime.fromisoformat(sent["sent_at"]) == SENT_AT
    assert (sent["person_name"], sent["next_attempt_at"], sent["attempts"]) == ("Bo Agent", None, 1)
    assert (failed["sent_at"], failed["next_attempt_at"], failed["attempts"]) == (None, None, 5)
    assert failed["last_error"] == "550 5.1.1 unknown mailbox"


@pytest.mark.parametrize("status", ["pending", "sent", "failed"])
def test_the_status_filter_keeps_only_emails_in_that_state(outbox: Outbox, status: str) -> None:
    body = outbox.get("ada", status=status).json()

    assert body["total"] == 1
    assert [(row["id"], row["status"]) for row in body["items"]] == [(outbox.mail[status], status)]


def test_the_person_filter_and_paging_combine(outbox: Outbox) -> None:
    ava = outbox.people["ava"]

    to_ava = outbox.get("ada", person_id=ava).json()
    second_page = outbox.get("ada", person_id=ava, per_page=1, page=2).json()
    ava_failed = outbox.get("ada", person_id=ava, status="failed").json()
    bo_failed = outbox.get("ada", person_id=outbox.people["bo"], status="failed").json()

    assert [row["id"] for row in to_ava["items"]] == [outbox.mail["failed"], outbox.mail["pending"]]
    assert (second_page["total"], second_page["page"], second_page["per_page"]) == (2, 2, 1)
    assert [row["id"] for row in second_page["items"]] == [outbox.mail["pending"]]
    assert [row["id"] for row in ava_failed["items"]] == [outbox.mail["failed"]]
    assert (bo_failed["total"], bo_failed["items"]) == (0, [])


def test_an_unknown_status_or_sort_is_refused_naming_the_field(outbox: Outbox) -> None:
    bad_status = outbox.get("ada", status="bounced")
    bad_sort = outbox.get("ada", sort="subject")

    assert bad_status.status_code == 422
    assert bad_status.json()["errors"][0]["field"] == "status"
    assert bad_sort.status_code == 422
    assert bad_sort.json()["field"] == "sort"


@pytest.mark.parametrize("who", ["ava", "max"])
def test_an_agent_or_a_manager_is_refused_with_403(outbox: Outbox, who: str) -> None:
    response = outbox.get(who)

    assert response.status_code == 403
    assert "view outbox" in response.json()["detail"]
