"""The outbox's pure rules: retries, states, keys, links, text; and the SMTP settings."""

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from floorlead.config import Settings
from floorlead.notifications import MailKind, MailStatus, SmtpConfig, dedupe_key
from floorlead.notifications.model import (
    absolute_link,
    mail_status,
    mail_text,
    next_attempt_after_failure,
    retry_delay,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 5), (3, 25), (4, 125)])
def test_each_failed_try_waits_five_times_longer(attempts: int, minutes: int) -> None:
    assert retry_delay(attempts) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("attempts", "permanent", "expected"),
    [
        (1, False, NOW + timedelta(minutes=1)),
        (4, False, NOW + timedelta(minutes=125)),
        (5, False, None),  # the fifth failed try is the last
        (1, True, None),  # a 5xx refusal is not tried again
    ],
)
def test_a_failure_is_retried_later_or_given_up(
    attempts: int, permanent: bool, expected: datetime | None
) -> None:
    assert next_attempt_after_failure(attempts, permanent=permanent, now=NOW) == expected


@pytest.mark.parametrize(
    ("sent_at", "next_attempt_at", "status"),
    [
        (None, NOW, MailStatus.PENDING),
        (NOW, None, MailStatus.SENT),
        (None, None, MailStatus.FAILED),
    ],
)
def test_the_state_of_an_email_follows_from_its_times(
    sent_at: datetime | None, next_attempt_at: datetime | None, status: MailStatus
) -> None:
    assert mail_status(sent_at=sent_at, next_attempt_at=next_attempt_at) is status


def test_reminder_keys_include_the_day_and_one_off_keys_do_not() -> None:
    assert dedupe_key(MailKind.TRAINING_OVERDUE, 7, date(2026, 3, 2)) == (
        "training_overdue:7:2026-03-02"
    )
    assert dedupe_key(MailKind.QA_REVIEW, 3) == "qa_review:3"


@pytest.mark.parametrize(
    ("base", "link", "url"),
    [
        (
            "https://floor.example.com",
            "/quality/reviews/3",
            "https://floor.example.com/quality/reviews/3",
        ),
        ("https://example.com/floor/", "/", "https://example.com/floor/"),
        ("https://floor.example.com", "", ""),
    ],
)
def test_links_are_made_absolute_under_the_base_url(base: str, link: str, url: str) -> None:
    assert absolute_link(base, link) == url


def test_the_text_carries_the_message_the_link_and_a_signature() -> None:
    text = mail_text("Score 77.5%.\n", "https://floor.example.com/quality/reviews/3")

    assert text == (
        "Score 77.5%.\n\nOpen it in floorlead: https://floor.example.com/quality/reviews/3\n"
        "\n-- \nSent by floorlead.\n"
    )


def test_mail_is_off_without_an_smtp_host() -> None:
    settings = Settings(smtp_host=None)

    assert settings.mail_enabled is False
    assert SmtpConfig.from_settings(settings) is None


@pytest.mark.parametrize(
    ("options", "port"),
    [
        ({}, 25),
        ({"smtp_starttls": True}, 587),
        ({"smtp_ssl": True}, 465),
        ({"smtp_port": 2525}, 2525),
    ],
)
def test_the_smtp_port_defaults_to_the_usual_one_for_the_security_chosen(
    options: dict[str, object], port: int
) -> None:
    settings = Settings(smtp_host="mail.example.com", smtp_from="floorlead@example.com", **options)

    config = SmtpConfig.from_settings(settings)

    assert config is not None and config.port == port


def test_the_smtp_password_stays_out_of_printed_settings() -> None:
    settings = Settings(
        smtp_host="mail.example.com", smtp_from="floorlead@example.com", smtp_password="hunter2"
    )

    config = SmtpConfig.from_settings(settings)

    assert "hunter2" not in repr(settings)
    assert config is not None and config.password == "hunter2"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {
                "smtp_host": "mail.example.com",
                "smtp_from": "f@example.com",
                "smtp_ssl": True,
                "smtp_starttls": True,
            },
            "set FLOORLEAD_SMTP_SSL or FLOORLEAD_SMTP_STARTTLS, not both",
        ),
        ({"smtp_host": "mail.example.com"}, "FLOORLEAD_SMTP_FROM is needed"),
        ({"smtp_port": 0}, "smtp_port"),
    ],
)
def test_contradictory_or_incomplete_smtp_settings_are_refused(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(**options)
