"""Ticket pages: the filtered list, and a ticket with its timeline, SLA clocks and actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.auth.permissions import Action, may
from floorlead.errors import DomainError
from floorlead.org.directory import person_names, support_people, team_names
from floorlead.paging import PageParams
from floorlead.tickets import (
    TicketFilters,
    add_message,
    assign_ticket,
    change_status,
    escalate_ticket,
    list_tickets,
    request_help,
    resolve_help,
    ticket_detail,
)
from floorlead.tickets.model import Channel, Priority, Status, Tier
from floorlead.web.deps import ViewerDep
from floorlead.web.templating import templates

router = APIRouter(include_in_schema=False)
PER_PAGE = 25


def _blank(value: str | None) -> str | None:
    return value or None


@router.get("/tickets", response_class=HTMLResponse)
def ticket_list(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    status: Annotated[list[str] | None, Query()] = None,
    priority: str | None = None,
    channel: str | None = None,
    team_id: str | None = None,
    mine: bool = False,
    tier: str | None = None,
    needs_help: bool = False,
    q: str | None = None,
    sort: str = "-created_at",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    statuses = [s for s in (status or []) if s]
    filters = TicketFilters(
        status=statuses,
        priority=[priority] if priority else (),
        channel=_blank(channel),
        team_id=int(team_id) if team_id else None,
        assignee_id=viewer.actor.person_id if mine else None,
        tier=_blank(tier),
        needs_help=True if needs_help else None,
        text=_blank(q),
    )
    error = None
    try:
        result = list_tickets(
            session,
            actor=viewer.actor,
            filters=filters,
            page=PageParams(page=page, per_page=PER_PAGE, sort=sort),
        )
    except DomainError as exc:
        error = exc.message
        result = list_tickets(session, actor=viewer.actor, page=PageParams(per_page=PER_PAGE))
    context = {
        "viewer": viewer,
        "result": result,
        "error": error,
        "teams": team_names(session),
        "names": person_names(session, [t.assignee_id for t in result.items]),
        "query": request.query_params,
        "chosen_statuses": statuses,
        "statuses": list(Status),
        "priorities": list(Priority),
        "channels": list(Channel),
        "tiers": list(Tier),
        "pages": max(1, -(-result.total // PER_PAGE)),
        "base_query": urlencode(
            [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        ),
    }
    template = "tickets/rows.html" if request.headers.get("hx-request") else "tickets/list.html"
    return templates.TemplateResponse(request, template, context)


def _detail_context(session: SessionDep, viewer: ViewerDep, now: NowDep, ticket_id: int) -> dict:
    detail = ticket_detail(session, ticket_id=ticket_id, actor=viewer.actor, now=now)
    ticket = detail.ticket
    people = support_people(session, None)
    return {
        "viewer": viewer,
        "detail": detail,
        "ticket": ticket,
        "names": person_names(session, [e.actor_id for e in detail.events] + [ticket.assignee_id]),
        "teams": team_names(session),
        "people": people,
        "statuses": list(Status),
        "tiers": list(Tier),
        "can_assign": may(viewer.actor, Action.ASSIGN_TICKET, team_id=ticket.team_id),
    }


@router.get("/tickets/{ticket_id}", response_class=HTMLResponse)
def ticket_page(
    request: Request, ticket_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    context = _detail_context(session, viewer, now, ticket_id)
    return templates.TemplateResponse(request, "tickets/detail.html", context)


def _act(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    ticket_id: int,
    action: Callable[[], Any],
) -> Response:
    """Run a change; on a refused rule show the ticket again with the reason."""
    try:
        action()
    except DomainError as exc:
        session.rollback()
        context = _detail_context(session, viewer, now, ticket_id)
        context["error"] = exc.message
        return templates.TemplateResponse(
            request, "tickets/detail.html", context, status_code=exc.status_code
        )
    return RedirectResponse(f"/tickets/{ticket_id}", status_code=303)


VersionForm = Annotated[int | None, Form()]


@router.post("/tickets/{ticket_id}/message")
def post_message(
    request: Request,
    ticket_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    kind: Annotated[str, Form()],
    body: Annotated[str, Form()],
    version: VersionForm = None,
) -> Response:
    return _act(
        request,
        session,
        viewer,
        now,
        ticket_id,
        lambda: add_message(
            session,
            ticket_id=ticket_id,
            kind=kind,
            body=body,
            actor=viewer.actor,
            now=now,
            version=version,
        ),
    )


@router.post("/tickets/{ticket_id}/status")
def post_status(
    request: Request,
    ticket_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    status: Annotated[str, Form()],
    version: VersionForm = None,
) -> Response:
    return _act(
        request,
        session,
        viewer,
        now,
        ticket_id,
        lambda: change_status(
            session,
            ticket_id=ticket_id,
            status=status,
            actor=viewer.actor,
            now=now,
            version=version,
        ),
    )


@router.post("/tickets/{ticket_id}/assign")
def post_assign(
    request: Request,
    ticket_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    strategy: Annotated[str, Form()] = "manual",
    assignee_id: Annotated[str, Form()] = "",
    version: VersionForm = None,
) -> Response:
    return _act(
        request,
        session,
        viewer,
        now,
        ticket_id,
        lambda: assign_ticket(
            session,
            ticket_id=ticket_id,
            actor=viewer.actor,
            now=now,
            strategy=strategy,
            assignee_id=int(assignee_id) if assignee_id else None,
            on_shift=getattr(request.app.state, "on_shift", None),
            version=version,
        ),
    )


@router.post("/tickets/{ticket_id}/escalate")
def post_escalate(
    request: Request,
    ticket_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    reason: Annotated[str, Form()],
    to_tier: Annotated[str, Form()] = "",
    department_team_id: Annotated[str, Form()] = "",
    version: VersionForm = None,
) -> Response:
    return _act(
        request,
        session,
        viewer,
        now,
        ticket_id,
        lambda: escalate_ticket(
            session,
            ticket_id=ticket_id,
            reason=reason,
            actor=viewer.actor,
            now=now,
            to_tier=to_tier or None,
            department_team_id=int(department_team_id) if department_team_id else None,
            version=version,
        ),
    )


@router.post("/tickets/{ticket_id}/help")
def post_help(
    request: Request,
    ticket_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    needed: Annotated[str, Form()] = "yes",
    note: Annotated[str, Form()] = "",
    version: VersionForm = None,
) -> Response:
    use_case = request_help if needed == "yes" else resolve_help
    return _act(
        request,
        session,
        viewer,
        now,
        ticket_id,
        lambda: use_case(
            session, ticket_id=ticket_id, note=note, actor=viewer.actor, now=now, version=version
        ),
    )
