"""E-mail notifications: kinds, delivery states and the retry rule. No I/O here.

An e-mail waits in the outbox until it is sent, or until floorlead gives up on it:

- a refusal the server calls temporary (4xx) or a failed connection is tried again later,
  after 1, 5, 25 and 125 minutes; the fifth failed try is the last;
- a refusal the server calls permanent (5xx, e.g. an unknown mailbox) is not tried again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)
RETRY_FACTOR = 5
# A sender that claims an e-mail has this long to report on it before another may try.
CLAIM_LEASE = timedelta(minutes=15)


class MailKind(StrEnum):
    QA_REVIEW = "qa_review"
    APPROVAL_REQUEST = "approval_request"
    TRAINING_OVERDUE = "training_overdue"
    CERTIFICATION_EXPIRING = "certification_expiring"


class MailStatus(StrEnum):
    PENDING = "pending"  # waiting for its first or next try
    SENT = "sent"
    FAILED = "failed"  # given up: permanent refusal or too many tries


@dataclass(frozen=True)
class OutgoingMail:
    """One e-mail as the SMTP sender needs it."""

    id: int
    to_name: str
    to_email: str
    subject: str
    text: str


@dataclass(frozen=True)
class DeliveryOutcome:
    """What the server said about one e-mail: ``error`` is empty when it was accepted."""

    mail_id: int
    error: str = ""
    permanent: bool = False

    @property
    def delivered(self) -> bool:
        return not self.error


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try, after ``attempts`` failed tries (1 → 1 min, 2 → 5 min…)."""
    if attempts < 1:
        raise ValueError("a retry follows at least one attempt")
    return FIRST_RETRY * RETRY_FACTOR ** (attempts - 1)


def next_attempt_after_failure(
    attempts: int, *, permanent: bool, now: datetime, max_attempts: int = MAX_ATTEMPTS
) -> datetime | None:
    """When to try again, or ``None`` to give up."""
    if permanent or attempts >= max_attempts:
        return None
    return now + retry_delay(attempts)


def mail_status(*, sent_at: datetime | None, next_attempt_at: datetime | None) -> MailStatus:
    if sent_at is not None:
        return MailStatus.SENT
    return MailStatus.PENDING if next_attempt_at is not None else MailStatus.FAILED


def dedupe_key(kind: MailKind, subject_id: int, day: date | None = None) -> str:
    """One e-mail per kind and thing (per day for reminders): ``training_overdue:7:2026-03-02``."""
    key = f"{kind.value}:{subject_id}"
    return f"{key}:{day.isoformat()}" if day is not None else key


def absolute_link(base_url: str, link: str) -> str:
    """``/quality/reviews/3`` under ``https://floor.example.com/`` → the full address."""
    if not link:
        return ""
    return base_url.rstrip("/") + "/" + link.lstrip("/")


def mail_text(body: str, url: str) -> str:
    """The text of the e-mail: the message, the link to open, a signature."""
    lines = [body.rstrip()]
    if url:
        lines += ["", f"Open it in floorlead: {url}"]
    lines += ["", "-- ", "Sent by floorlead."]
    return "\n".join(lines) + "\n"
