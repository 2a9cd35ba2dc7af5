"""The e-mail outbox page (/notifications/outbox): the JSON twin is /api/notifications/outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from floorlead.api.deps import SessionDep
from floorlead.errors import RuleViolation
from floorlead.notifications.model import MailStatus
from floorlead.notifications.queries import outbox_page
from floorlead.paging import PageParams
from floorlead.web.deps import ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


def _status(value: str) -> MailStatus | None:
    if not value:
        return None
    try:
        return MailStatus(value)
    except ValueError:
        choices = ", ".join(s.value for s in MailStatus)
        raise RuleViolation(f"status must be one of {choices}", field="status") from None


@router.get("/notifications/outbox", response_class=HTMLResponse)
def outbox(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    status: str = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    chosen = _status(status)
    params = PageParams(page=page, per_page=PER_PAGE)
    result = outbox_page(session, actor=viewer.actor, params=params, status=chosen)
    last_page = max(1, -(-result.total // PER_PAGE))
    context = {
        "viewer": viewer,
        "result": result,
        "status": chosen.value if chosen else "",
        "statuses": list(MailStatus),
        "last_page": last_page,
    }
    return templates.TemplateResponse(request, "notifications/outbox.html", context)
