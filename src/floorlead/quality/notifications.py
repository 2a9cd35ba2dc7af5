"""In-app notifications: a message to one person, listed until they mark it read.

Any area may call :func:`notify` inside its own transaction (the row commits with the change
that caused it). Only the recipient reads or marks their notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.errors import NotFound
from floorlead.quality.tables import Notification


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


def notify(
    session: Session,
    *,
    person_id: int,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    now: datetime,
) -> Notification:
    """Add a notification to the current transaction (the caller commits)."""
    row = Notification(
        person_id=person_id,
        kind=kind,
        title=title[:200],
        body=body,
        link=link[:300],
        created_at=now,
    )
    session.add(row)
    return row


def my_notifications(
    session: Session, *, actor: Actor, unread_only: bool = False, limit: int = 50
) -> list[NotificationView]:
    query = select(Notification).where(Notification.person_id == actor.person_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    rows = session.scalars(query.order_by(Notification.id.desc()).limit(limit))
    return [
        NotificationView(r.id, r.kind, r.title, r.body, r.link, r.created_at, r.read_at)
        for r in rows
    ]


def unread_count(session: Session, *, actor: Actor) -> int:
    query = select(func.count()).where(
        Notification.person_id == actor.person_id, Notification.read_at.is_(None)
    )
    return session.scalar(query) or 0


def mark_read(session: Session, *, actor: Actor, notification_id: int, now: datetime) -> None:
    row = session.get(Notification, notification_id)
    if row is None or row.person_id != actor.person_id:
        raise NotFound(f"no notification {notification_id}", field="notification_id")
    if row.read_at is None:
        row.read_at = now
    session.commit()
