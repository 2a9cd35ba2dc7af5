"""Tickets, their timelines and the supervisor's attention board (/api/tickets, /api/attention).

Every change answers with the recorded event and the ticket as it now stands (with its new
``version``, which the next PATCH must send back).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from floorlead.api.deps import ActorDep, NowDep, SessionDep, in_connection, in_session
from floorlead.api.fastjson import json_page_response, model_response
from floorlead.api.paging import MAX_PER_PAGE, PageParams
from floorlead.api.query_model import query_parameters, read_query
from floorlead.auth.permissions import Actor
from floorlead.errors import RuleViolation
from floorlead.tickets import (
    TicketFilters,
    add_message,
    assign_ticket,
    change_priority,
    change_status,
    escalate_ticket,
    needs_attention,
    open_ticket,
    record_handle_segment,
    record_satisfaction,
    request_help,
    resolve_help,
    ticket_detail,
    ticket_list_json,
    ticket_timeline,
    transfer_ticket,
    update_ticket,
)
from floorlead.tickets.model import Channel, Priority, Status, Tier
from floorlead.tickets.schemas import (
    AssignRequest,
    AttentionBoard,
    EscalateRequest,
    EventCreate,
    EventRecorded,
    HelpRequest,
    TicketCreate,
    TicketDetail,
    TicketEventPublic,
    TicketPage,
    TicketPublic,
    TicketUpdate,
    TransferRequest,
)
from floorlead.tickets.tables import TicketEvent

router = APIRouter(tags=["tickets"])


def recorded(event: TicketEvent) -> EventRecorded:
    return EventRecorded(
        event=TicketEventPublic.model_validate(event),
        ticket=TicketPublic.model_validate(event.ticket),
    )


class TicketListQuery(BaseModel):
    """Query parameters of the ticket list, read and checked in one step."""

    page: int = Field(1, ge=1, description="1-based page number")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description="rows per page")
    sort: str | None = Field(None, description="column to sort by; prefix with - for descending")
    status: list[Status] = []
    priority: list[Priority] = []
    channel: Channel | None = None
    category: str | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    tier: Tier | None = None
    needs_help: bool | None = None
    q: str | None = Field(None, description="text in the subject")
    created_from: datetime | None = None
    created_to: datetime | None = Field(None, description="exclusive")

    def filters(self) -> TicketFilters:
        return TicketFilters(
            status=self.status,
            priority=self.priority,
            channel=self.channel,
            category=self.category,
            team_id=self.team_id,
            assignee_id=self.assignee_id,
            unassigned=self.unassigned,
            tier=self.tier,
            needs_help=self.needs_help,
            text=self.q,
            created_from=self.created_from,
            created_to=self.created_to,
        )


@router.get("/tickets", response_model=TicketPage, openapi_extra=query_parameters(TicketListQuery))
async def tickets_page(request: Request, actor: ActorDep) -> Response:
    """The tickets you see (sort by id, created_at, updated_at, subject, status, priority or
    tier; newest first by default)."""
    query = read_query(TicketListQuery, request)
    page = PageParams(page=query.page, per_page=query.per_page, sort=query.sort)
    filters = query.filters()
    items, total = await in_connection(
        request,
        lambda connection: ticket_list_json(connection, actor=actor, filters=filters, page=page),
    )
    return json_page_response(items, total, page)


@router.post("/tickets", status_code=201, response_model=TicketPublic)
async def create_ticket(
    request: Request, body: TicketCreate, actor: ActorDep, now: NowDep
) -> Response:
    def work(session: Session) -> TicketPublic:
        ticket = open_ticket(session, **body.model_dump(), actor=actor, now=now)
        return TicketPublic.model_validate(ticket)

    return model_response(await in_session(request, work), status_code=201)


@router.get("/tickets/{ticket_id}")
def get_ticket(ticket_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> TicketDetail:
    """The ticket with its requester, timeline and live SLA clocks."""
    return ticket_detail(session, ticket_id=ticket_id, actor=actor, now=now)


@router.patch("/tickets/{ticket_id}")
def edit_ticket(
    ticket_id: int, body: TicketUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> TicketPublic:
    """Change details; ``version`` must be the ticket's current one (else 409)."""
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    ticket = update_ticket(
        session, ticket_id=ticket_id, version=body.version, **changes, actor=actor, now=now
    )
    return TicketPublic.model_validate(ticket)


@router.get("/tickets/{ticket_id}/events")
def get_events(ticket_id: int, session: SessionDep, actor: ActorDep) -> list[TicketEventPublic]:
    return ticket_timeline(session, ticket_id=ticket_id, actor=actor)


# Each event kind: the use case recording it, and the request fields it reads (as arguments).
EVENT_KINDS: dict[str, tuple[Callable[..., TicketEvent], dict[str, str]]] = {
    "public_reply": (add_message, {"body": "body"}),
    "customer_message": (add_message, {"body": "body"}),
    "internal_note": (add_message, {"body": "body"}),
    "status_change": (change_status, {"status": "status"}),
    "priority_change": (change_priority, {"priority": "priority"}),
    "handle_segment": (
        record_handle_segment,
        {"segment_kind": "segment_kind", "segment_start": "start", "segment_end": "end"},
    ),
    "satisfaction": (
        record_satisfaction,
        {"survey": "survey", "rating": "rating", "body": "comment"},
    ),
    "help_requested": (request_help, {"body": "note"}),
    "help_resolved": (resolve_help, {"body": "note"}),
}
OPTIONAL_FIELDS = frozenset({"body", "version", "occurred_at"})


@router.post("/tickets/{ticket_id}/events", status_code=201, response_model=EventRecorded)
async def add_event(
    request: Request, ticket_id: int, body: EventCreate, actor: ActorDep, now: NowDep
) -> Response:
    """Record one event of ``kind`` (handle segments take no occurred_at: they end at
    ``segment_end``)."""
    answer = await in_session(
        request, lambda session: recorded(_record(session, ticket_id, body, actor, now))
    )
    return model_response(answer, status_code=201)


def _record(
    session: Session, ticket_id: int, body: EventCreate, actor: Actor, now: datetime
) -> TicketEvent:
    use_case, reads = EVENT_KINDS[body.kind]
    given = body.model_dump(exclude_unset=True, exclude={"kind"})
    common = {"version"} if body.kind == "handle_segment" else {"version", "occurred_at"}
    for field in given:
        if field not in reads and field not in common:
            raise RuleViolation(f"a {body.kind} event takes no {field}", field=field)
    for field in reads:
        if field not in OPTIONAL_FIELDS and given.get(field) is None:
            raise RuleViolation(f"a {body.kind} event needs {field}", field=field)
    arguments: dict[str, Any] = {reads[f]: v for f, v in given.items() if f in reads}
    arguments.update({f: v for f, v in given.items() if f in common})
    if body.kind in {"public_reply", "customer_message", "internal_note"}:
        arguments["kind"] = body.kind
    return use_case(session, ticket_id=ticket_id, **arguments, actor=actor, now=now)


@router.post("/tickets/{ticket_id}/assign")
def assign(
    ticket_id: int,
    body: AssignRequest,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
) -> EventRecorded:
    """Assign by hand (``assignee_id``, null unassigns), ``round_robin`` or ``skill_based``.

    Shift data comes from ``app.state.on_shift`` when the application provides it.
    """
    on_shift = getattr(request.app.state, "on_shift", None)
    event = assign_ticket(
        session, ticket_id=ticket_id, **body.model_dump(), on_shift=on_shift, actor=actor, now=now
    )
    return recorded(event)


@router.post("/tickets/{ticket_id}/escalate")
def escalate(
    ticket_id: int, body: EscalateRequest, session: SessionDep, actor: ActorDep, now: NowDep
) -> EventRecorded:
    """Raise the tier (the next one unless ``to_tier``); department needs
    ``department_team_id``."""
    event = escalate_ticket(session, ticket_id=ticket_id, **body.model_dump(), actor=actor, now=now)
    return recorded(event)


@router.post("/tickets/{ticket_id}/transfer")
def transfer(
    ticket_id: int, body: TransferRequest, session: SessionDep, actor: ActorDep, now: NowDep
) -> EventRecorded:
    event = transfer_ticket(session, ticket_id=ticket_id, **body.model_dump(), actor=actor, now=now)
    return recorded(event)


@router.post("/tickets/{ticket_id}/help")
def help_flag(
    ticket_id: int, body: HelpRequest, session: SessionDep, actor: ActorDep, now: NowDep
) -> EventRecorded:
    """Flag the ticket "need help" (``needed: true``) or clear the flag (``false``)."""
    use_case = request_help if body.needed else resolve_help
    event = use_case(
        session,
        ticket_id=ticket_id,
        note=body.note,
        version=body.version,
        occurred_at=body.occurred_at,
        actor=actor,
        now=now,
    )
    return recorded(event)


@router.get("/attention")
def attention(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    at_risk_minutes: Annotated[int, Query(ge=0, le=10_080)] = 60,
    items: Annotated[int, Query(ge=1, le=200)] = 20,
    team_id: int | None = None,
) -> AttentionBoard:
    """What needs a supervisor now, among the unresolved tickets you see."""
    return needs_attention(
        session, actor=actor, now=now, at_risk_minutes=at_risk_minutes, items=items, team_id=team_id
    )
