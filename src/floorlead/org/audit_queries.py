"""The read side of the audit log: who changed what, and when (managers and admins)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.auth.tables import AuditEntry
from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.org.queries import order_by
from floorlead.org.schemas import AuditEntryPublic, AuditPage
from floorlead.org.tables import Person
from floorlead.paging import PageParams

AUDIT_SORTS = {"at": AuditEntry.at, "id": AuditEntry.id, "entity": AuditEntry.entity}


def audit_page(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    entity: str | None = None,
    entity_id: str | None = None,
    actor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> AuditPage:
    """Entries newest first; ``since`` is inclusive, ``until`` exclusive."""
    require(actor, Action.VIEW_AUDIT, scoped=False)
    query = select(AuditEntry, Person.name).outerjoin(Person, Person.id == AuditEntry.actor_id)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    if since is not None:
        query = query.where(AuditEntry.at >= ensure_utc(since, field="from"))
    if until is not None:
        query = query.where(AuditEntry.at < ensure_utc(until, field="to"))
    if since is not None and until is not None and until <= since:
        raise RuleViolation("'to' must be after 'from'", field="to")
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    default = [AuditEntry.at.desc(), AuditEntry.id.desc()]
    rows = session.execute(
        query.order_by(*order_by(params.sort, AUDIT_SORTS, default))
        .offset(params.offset)
        .limit(params.per_page)
    ).all()
    items = [
        AuditEntryPublic(
            id=entry.id,
            actor_id=entry.actor_id,
            actor_name=name,
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            before=entry.before,
            after=entry.after,
            at=entry.at,
        )
        for entry, name in rows
    ]
    return AuditPage(items=items, total=total, page=params.page, per_page=params.per_page)
