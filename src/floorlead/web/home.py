"""The supervisor's home: what needs attention now."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError
from floorlead.org import WaitingFor, approvals_page, decide_approval
from floorlead.org.directory import person_names, team_names
from floorlead.org.schemas import Decision
from floorlead.paging import PageParams
from floorlead.tickets import needs_attention
from floorlead.web.deps import ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)


def _board_context(session: SessionDep, viewer: ViewerDep, now: NowDep) -> dict[str, object]:
    board = needs_attention(session, actor=viewer.actor, now=now, items=8)
    approvals = approvals_page(
        session,
        actor=viewer.actor,
        params=PageParams(page=1, per_page=10),
        waiting_for=WaitingFor.ME,
    )
    assignees = {
        item.ticket.assignee_id
        for lst in (board.escalated, board.help_requests, board.sla_at_risk, board.sla_breached)
        for item in lst.items
    }
    return {
        "viewer": viewer,
        "board": board,
        "approvals": approvals,
        "names": person_names(session, assignees),
        "teams": team_names(session),
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep) -> Response:
    context = _board_context(session, viewer, now)
    return templates.TemplateResponse(request, "home.html", context)


@router.get("/home/board", response_class=HTMLResponse)
def board(request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep) -> Response:
    """The board alone, refreshed by HTMX every minute."""
    context = _board_context(session, viewer, now)
    return templates.TemplateResponse(request, "home_board.html", context)


@router.post("/approvals/{request_id}/decision", response_class=HTMLResponse)
def decide(
    request: Request,
    request_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    decision: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
) -> Response:
    try:
        decide_approval(
            session,
            actor=viewer.actor,
            request_id=request_id,
            decision=Decision(decision) if decision in {"approve", "reject"} else Decision.REJECT,
            comment=comment,
            now=now,
        )
    except DomainError as exc:
        context = _board_context(session, viewer, now)
        context["error"] = exc.message
        return templates.TemplateResponse(
            request, "home.html", context, status_code=exc.status_code
        )
    return RedirectResponse("/", status_code=303)
