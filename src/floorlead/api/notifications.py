"""The e-mail outbox (/api/notifications/outbox): what waits, was sent, was given up on. Admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from floorlead.api.deps import ActorDep, SessionDep
from floorlead.api.paging import PageDep
from floorlead.notifications.model import MailStatus
from floorlead.notifications.queries import OutboxEntry, outbox_page
from floorlead.paging import Page

router = APIRouter(tags=["notifications"])


@router.get("/notifications/outbox")
def list_outbox(
    session: SessionDep,
    actor: ActorDep,
    params: PageDep,
    status: Annotated[MailStatus | None, Query(description="pending, sent or failed")] = None,
    person_id: Annotated[int | None, Query(description="the recipient")] = None,
) -> Page[OutboxEntry]:
    """E-mails newest first, with their delivery state, tries and last error."""
    return outbox_page(session, actor=actor, params=params, status=status, person_id=person_id)
