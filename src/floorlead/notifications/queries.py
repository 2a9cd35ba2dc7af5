"""The read side of the outbox: what waits, what was sent, what floorlead gave up on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.notifications.model import MailStatus, mail_status
from floorlead.notifications.tables import OutboxMessage
from floorlead.org.queries import order_by
from floorlead.org.tables import Person
from floorlead.paging import Page, PageParams

OUTBOX_SORTS = {
    "id": OutboxMessage.id,
    "created_at": OutboxMessage.created_at,
    "attempts": OutboxMessage.attempts,
}


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
    person_name: str = ""


def _having(status: MailStatus) -> ColumnElement[bool]:
    if status is MailStatus.SENT:
        return OutboxMessage.sent_at.is_not(None)
    waiting = OutboxMessage.next_attempt_at
    return and_(
        OutboxMessage.sent_at.is_(None),
        waiting.is_not(None) if status is MailStatus.PENDING else waiting.is_(None),
    )


def _filtered(query: Select[Any], status: MailStatus | None, person_id: int | None) -> Select[Any]:
    if status is not None:
        query = query.where(_having(status))
    if person_id is not None:
        query = query.where(OutboxMessage.person_id == person_id)
    return query


def _entry(r: OutboxMessage, person_name: str = "") -> OutboxEntry:
    return OutboxEntry(
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
        person_name=person_name,
    )


def outbox_entries(
    session: Session,
    *,
    status: MailStatus | None = None,
    person_id: int | None = None,
    limit: int = 50,
) -> list[OutboxEntry]:
    """Newest first."""
    query = _filtered(select(OutboxMessage), status, person_id)
    rows = session.scalars(query.order_by(OutboxMessage.id.desc()).limit(limit))
    return [_entry(r) for r in rows]


def outbox_page(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    status: MailStatus | None = None,
    person_id: int | None = None,
) -> Page[OutboxEntry]:
    """One page of the outbox with each recipient's name, newest first (admins only)."""
    require(actor, Action.VIEW_OUTBOX, scoped=False)
    query = _filtered(
        select(OutboxMessage, Person.name).join(Person, Person.id == OutboxMessage.person_id),
        status,
        person_id,
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    default = [OutboxMessage.id.desc()]
    rows = session.execute(
        query.order_by(*order_by(params.sort, OUTBOX_SORTS, default))
        .offset(params.offset)
        .limit(params.per_page)
    ).all()
    return Page[OutboxEntry](
        items=[_entry(message, name) for message, name in rows],
        total=total,
        page=params.page,
        per_page=params.per_page,
    )


def outbox_counts(session: Session) -> dict[MailStatus, int]:
    return {
        status: session.scalar(select(func.count()).where(_having(status))) or 0
        for status in MailStatus
    }
