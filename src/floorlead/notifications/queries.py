"""The read side of the outbox: what waits, what was sent, what floorlead gave up on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from floorlead.notifications.model import MailStatus, mail_status
from floorlead.notifications.tables import OutboxMessage


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    person_id: int
    email: str
    kind: str
    subject: str
    status: MailStatus
    attempts: int
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None


def _having(status: MailStatus) -> ColumnElement[bool]:
    if status is MailStatus.SENT:
        return OutboxMessage.sent_at.is_not(None)
    waiting = OutboxMessage.next_attempt_at
    return and_(
        OutboxMessage.sent_at.is_(None),
        waiting.is_not(None) if status is MailStatus.PENDING else waiting.is_(None),
    )


def outbox_entries(
    session: Session,
    *,
    status: MailStatus | None = None,
    person_id: int | None = None,
    limit: int = 50,
) -> list[OutboxEntry]:
    """Newest first."""
    query = select(OutboxMessage)
    if status is not None:
        query = query.where(_having(status))
    if person_id is not None:
        query = query.where(OutboxMessage.person_id == person_id)
    rows = session.scalars(query.order_by(OutboxMessage.id.desc()).limit(limit))
    return [
        OutboxEntry(
            id=r.id,
            person_id=r.person_id,
            email=r.email,
            kind=r.kind,
            subject=r.subject,
            status=mail_status(sent_at=r.sent_at, next_attempt_at=r.next_attempt_at),
            attempts=r.attempts,
            last_error=r.last_error,
            created_at=r.created_at,
            next_attempt_at=r.next_attempt_at,
            sent_at=r.sent_at,
        )
        for r in rows
    ]


def outbox_counts(session: Session) -> dict[MailStatus, int]:
    return {
        status: session.scalar(select(func.count()).where(_having(status))) or 0
        for status in MailStatus
    }
