"""E-mail notification use cases: queue an e-mail with a change, and send what waits.

:func:`queue_email` writes to the outbox inside the caller's transaction, so the e-mail exists
exactly when the change that caused it commits. :func:`send_pending_mail` runs later (the
``floorlead notify send`` command or the web app's background task): it claims due e-mails,
hands them to the SMTP sender outside any transaction, and records what the server said.
Several senders may run at once: each claims different rows (on PostgreSQL with
``FOR UPDATE SKIP LOCKED``; SQLite lets one writer claim at a time).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from floorlead.notifications.model import (
    CLAIM_LEASE,
    MAX_ATTEMPTS,
    DeliveryOutcome,
    MailKind,
    OutgoingMail,
    absolute_link,
    mail_text,
    next_attempt_after_failure,
)
from floorlead.notifications.tables import OutboxMessage
from floorlead.org.tables import Person

Deliver = Callable[[Sequence[OutgoingMail]], list[DeliveryOutcome]]
# One SMTP connection per batch; a batch ends well within the claim lease even when every
# e-mail takes the sender's full timeout (20 x 30 s < 15 min).
BATCH_SIZE = 20


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retrying: int = 0  # refused or not delivered this time; tried again later
    failed: int = 0  # given up on in this run

    @property
    def all_sent(self) -> bool:
        return self.retrying == 0 and self.failed == 0

    def __add__(self, other: SendReport) -> SendReport:
        return SendReport(
            self.sent + other.sent, self.retrying + other.retrying, self.failed + other.failed
        )


def _insert(session: Session) -> Callable[..., postgresql.Insert | sqlite.Insert]:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _one_line(text: str) -> str:
    return " ".join(text.split())


def queue_email(
    session: Session,
    *,
    person_id: int,
    kind: MailKind,
    subject: str,
    body: str,
    link: str = "",
    dedupe_key: str,
    now: datetime,
) -> int | None:
    """Put an e-mail to the person in the outbox, in the caller's transaction (they commit).

    Returns the outbox id, or ``None`` when an e-mail with this ``dedupe_key`` exists already
    (a reminder already queued today) or the person has no e-mail address.
    """
    email = session.scalar(select(Person.email).where(Person.id == person_id))
    if not email:
        return None
    statement = (
        _insert(session)(OutboxMessage)
        .values(
            person_id=person_id,
            email=email,
            kind=kind.value,
            subject=_one_line(subject)[:200],
            body=body,
            link=link[:300],
            dedupe_key=dedupe_key,
            created_at=now,
            next_attempt_at=now,
            attempts=0,
            last_error="",
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(OutboxMessage.id)
    )
    return session.scalar(statement)


def claim_due_mail(session: Session, *, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Claim up to ``limit`` due e-mails for this sender (committed): others skip them for a
    lease, after which an unreported claim lapses and the e-mail is due again."""
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.next_attempt_at <= now, OutboxMessage.sent_at.is_(None))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()), OutboxMessage.next_attempt_at <= now)
        .values(next_attempt_at=now + CLAIM_LEASE, attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return sorted(claimed)


def _outgoing(session: Session, ids: Sequence[int], base_url: str) -> list[OutgoingMail]:
    rows = session.execute(
        select(OutboxMessage, Person.name)
        .join(Person, Person.id == OutboxMessage.person_id)
        .where(OutboxMessage.id.in_(ids))
        .order_by(OutboxMessage.id)
        .execution_options(populate_existing=True)
    ).all()
    session.commit()  # no transaction stays open while the SMTP server answers
    return [
        OutgoingMail(
            id=row.id,
            to_name=name,
            to_email=row.email,
            subject=row.subject,
            text=mail_text(row.body, absolute_link(base_url, row.link)),
        )
        for row, name in rows
    ]


def record_outcomes(
    session: Session,
    outcomes: Sequence[DeliveryOutcome],
    *,
    now: datetime,
    max_attempts: int = MAX_ATTEMPTS,
) -> SendReport:
    """Mark delivered e-mails sent; schedule a retry of refused ones, or give up on them."""
    sent = retrying = failed = 0
    for outcome in outcomes:
        row = session.get_one(OutboxMessage, outcome.mail_id)
        if outcome.delivered:
            row.sent_at, row.next_attempt_at, row.last_error = now, None, ""
            sent += 1
            continue
        row.last_error = outcome.error[:500]
        row.next_attempt_at = next_attempt_after_failure(
            row.attempts, permanent=outcome.permanent, now=now, max_attempts=max_attempts
        )
        if row.next_attempt_at is None:
            failed += 1
        else:
            retrying += 1
    session.commit()
    return SendReport(sent, retrying, failed)


def send_pending_mail(
    session: Session,
    *,
    deliver: Deliver,
    base_url: str,
    now: datetime,
    batch_size: int = BATCH_SIZE,
    max_attempts: int = MAX_ATTEMPTS,
) -> SendReport:
    """Send every e-mail due at ``now``, a batch (one SMTP connection) at a time."""
    report = SendReport()
    while ids := claim_due_mail(session, now=now, limit=batch_size):
        outcomes = deliver(_outgoing(session, ids, base_url))
        report += record_outcomes(session, outcomes, now=now, max_attempts=max_attempts)
    return report
