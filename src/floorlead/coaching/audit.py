"""Audit entries for coaching changes (who, what, when, before and after)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change, snapshot
from floorlead.auth.permissions import Actor
from floorlead.storage.base import Base


def audit(
    session: Session,
    *,
    actor: Actor,
    action: str,
    row: Base,
    before: dict[str, Any] | None,
    now: datetime,
) -> None:
    """Record ``row`` as it is now (flush first, so it has its id)."""
    record_change(
        session,
        actor_id=actor.person_id,
        action=action,
        entity=str(row.__tablename__),
        entity_id=getattr(row, "id", ""),
        before=before,
        after=snapshot(row),
        now=now,
    )
