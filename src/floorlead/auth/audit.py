"""The audit log: every change records who, what, when, and the values before and after."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from floorlead.auth.tables import AuditEntry

AUDIT_INSERT = AuditEntry.__table__.insert()


def snapshot(row: Any) -> dict[str, Any]:
    """The column values of an ORM row, as JSON-friendly values."""
    values: dict[str, Any] = {}
    for attr in inspect(row).mapper.column_attrs:
        if attr.key in {"password_hash", "token_hash", "session_hash"}:
            continue
        values[attr.key] = _plain(getattr(row, attr.key))
    return values


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record_change(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> None:
    """Write an audit entry in the current transaction (it commits with the change itself).

    The entry is inserted at once with a plain statement: it is never read back or changed
    within the transaction, so it does not need the ORM's unit of work (which would cost a
    second flush on every change).
    """
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    session.connection().execute(
        AUDIT_INSERT,
        {
            "actor_id": actor_id,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "before": before,
            "after": after,
            "at": now,
        },
    )
