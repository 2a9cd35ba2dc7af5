"""``floorlead notify send|reminders|list`` on each database, sending to a real SMTP server."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import Result
from mail_world import BASE_URL, SENDER, Floor, Inbox, build_floor
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from floorlead.cli.context import console as cli_console
from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.notifications import MailKind, MailStatus, dedupe_key, outbox_entries, queue_email
from floorlead.training import assign_program, create_program
from floorlead.training.model import ProgramKind
from floorlead.training.schemas import ModuleIn, ProgramCreate

from factories import T0

runner = CliRunner()
SMTP_VARIABLES = ["HOST", "PORT", "USERNAME", "PASSWORD", "STARTTLS", "SSL", "FROM"]


@pytest.fixture
def floor(session: Session, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Floor:
    """A floor whose database the commands use; mail is off until a test turns it on."""
    monkeypatch.setattr(cli_console, "width", 200)
    if settings.database_url:
        monkeypatch.setenv("FLOORLEAD_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("FLOORLEAD_DATABASE_URL", raising=False)
    for name in SMTP_VARIABLES:
        monkeypatch.delenv(f"FLOORLEAD_SMTP_{name}", raising=False)
    return build_floor(session)


def mail_on(monkeypatch: pytest.MonkeyPatch, inbox: Inbox) -> None:
    monkeypatch.setenv("FLOORLEAD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("FLOORLEAD_SMTP_PORT", str(inbox.port))
    monkeypatch.setenv("FLOORLEAD_SMTP_FROM", SENDER)
    monkeypatch.setenv("FLOORLEAD_BASE_URL", BASE_URL)


def queue_review_mail(session: Session, floor: Floor) -> None:
    queue_email(
        session,
        person_id=floor.ava.id,
        kind=MailKind.QA_REVIEW,
        subject="Your ticket #12 was reviewed",
        body="Score 77.5%.",
        link="/quality/reviews/3",
        dedupe_key=dedupe_key(MailKind.QA_REVIEW, 3),
        now=datetime.now(UTC),
    )
    session.commit()


def run(settings: Settings, *args: str) -> Result:
    return runner.invoke(app, ["notify", *args, "--data-dir", str(settings.data_dir)])


def said(result: Result) -> str:
    return " ".join(result.output.split())


def test_send_with_mail_off_exits_2_and_leaves_the_email_waiting(
    session: Session, settings: Settings, floor: Floor
) -> None:
    queue_review_mail(session, floor)

    result = run(settings, "send")

    assert result.exit_code == 2
    assert "mail is off: set FLOORLEAD_SMTP_HOST" in said(result)
    [entry] = outbox_entries(session)
    assert (entry.status, entry.attempts) == (MailStatus.PENDING, 0)


def test_send_delivers_what_waits_and_exits_0(
    session: Session,
    settings: Settings,
    floor: Floor,
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queue_review_mail(session, floor)
    mail_on(monkeypatch, inbox)

    first = run(settings, "send")
    second = run(settings, "send")

    assert first.exit_code == 0, first.output
    assert "1 sent, 0 to try again later, 0 given up." in said(first)
    assert second.exit_code == 0 and "0 sent" in said(second)
    [mail] = inbox.received
    assert mail.rcpt_tos == ["ava@example.com"]
    assert f"{BASE_URL}/quality/reviews/3" in mail.text


def test_send_exits_1_when_the_server_refuses_for_now(
    session: Session,
    settings: Settings,
    floor: Floor,
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queue_review_mail(session, floor)
    mail_on(monkeypatch, inbox)
    inbox.data_answers = ["451 4.3.0 Try again later"]

    result = run(settings, "send")

    assert result.exit_code == 1
    assert "0 sent, 1 to try again later, 0 given up." in said(result)
    assert inbox.received == []


def test_reminders_queue_each_reminder_once_a_day(
    session: Session, settings: Settings, floor: Floor
) -> None:
    program = create_program(
        session,
        actor=None,
        data=ProgramCreate(
            slug="welcome",
            title="Welcome to the floor",
            kind=ProgramKind.ONBOARDING,
            modules=[ModuleIn(title="Read me", duration_minutes=10, content_text="Read.")],
        ),
        now=T0,
    )
    assign_program(
        session,
        actor=None,
        person_id=floor.ava.id,
        program_id=program.id,
        due_on=date(2026, 3, 4),
        now=T0,
    )

    first = run(settings, "reminders", "--today", "2026-03-07")
    again = run(settings, "reminders", "--today", "2026-03-07")
    refused = run(settings, "reminders", "--days", "-1")

    assert first.exit_code == 0, first.output
    assert "1 overdue-training and 0 certification reminders queued" in said(first)
    assert "Mail is off (FLOORLEAD_SMTP_HOST unset): they are recorded, not sent." in said(first)
    assert "0 overdue-training and 0 certification reminders queued" in said(again)
    assert refused.exit_code == 2
    [entry] = outbox_entries(session)
    assert (entry.email, entry.subject) == (
        "ava@example.com",
        "Training overdue: Welcome to the floor",
    )


def test_list_shows_the_outbox_with_its_counts(
    session: Session, settings: Settings, floor: Floor
) -> None:
    queue_review_mail(session, floor)

    table = run(settings, "list")
    as_json = run(settings, "list", "--status", "pending", "--format", "json")
    for_ben = run(settings, "list", "--person", "ben@example.com", "--format", "json")
    unknown = run(settings, "list", "--person", "nobody@example.com")

    assert table.exit_code == 0, table.output
    assert "Your ticket #12 was reviewed" in said(table)
    assert "1 pending, 0 sent, 0 failed" in said(table)
    [row] = json.loads(as_json.output)
    assert (row["email"], row["status"], row["kind"]) == ("ava@example.com", "pending", "qa_review")
    assert json.loads(for_ben.output) == []
    assert unknown.exit_code == 2 and "no person with email nobody@example.com (--person)" in said(
        unknown
    )
