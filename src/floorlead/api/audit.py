"""The audit log (/api/audit): managers and admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from floorlead.api.deps import ActorDep, SessionDep
from floorlead.api.paging import PageDep
from floorlead.org.audit_queries import audit_page
from floorlead.org.schemas import AuditPage

router = APIRouter(tags=["audit"])


@router.get("/audit")
def list_audit(
    session: SessionDep,
    actor: ActorDep,
    params: PageDep,
    entity: str | None = None,
    entity_id: str | None = None,
    actor_id: int | None = None,
    since: Annotated[
        datetime | None, Query(alias="from", description="inclusive, with offset")
    ] = None,
    until: Annotated[
        datetime | None, Query(alias="to", description="exclusive, with offset")
    ] = None,
) -> AuditPage:
    """Changes, newest first: who, what, when, and the values before and after."""
    return audit_page(
        session,
        actor=actor,
        params=params,
        entity=entity,
        entity_id=entity_id,
        actor_id=actor_id,
        since=since,
        until=until,
    )
