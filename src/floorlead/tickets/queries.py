"""The read side of tickets and customers: lists, pages and the ticket detail.

Who sees which ticket is decided in one place, :func:`visible_to`: an admin sees all; anyone
else sees the tickets of the teams they cover and the tickets assigned to them or to the people
they manage (the same scope :func:`floorlead.auth.permissions.may` applies to one ticket).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select, true
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.paging import PageParams
from floorlead.tickets.clocks import active_policies, event_value
from floorlead.tickets.customers import get_customer_row
from floorlead.tickets.history import TicketNotFound
from floorlead.tickets.model import Priority, Tier
from floorlead.tickets.schemas import (
    CustomerPage,
    CustomerPublic,
    SlaClockPublic,
    TicketDetail,
    TicketEventPublic,
    TicketPage,
    TicketPublic,
)
from floorlead.tickets.sla import select_policy, sla_clocks
from floorlead.tickets.tables import Customer, Ticket, TicketEvent

PRIORITY_RANK = case({p.value: i for i, p in enumerate(Priority)}, value=Ticket.priority, else_=-1)
TIER_RANK = case({t.value: t.level for t in Tier}, value=Ticket.escalation_tier, else_=-1)
# Columns a list may be sorted by (whitelisted; priority and tier sort by rank, not by name).
TICKET_SORTS: dict[str, Any] = {
    "id": Ticket.id,
    "created_at": Ticket.created_at,
    "updated_at": Ticket.updated_at,
    "subject": Ticket.subject,
    "status": Ticket.status,
    "priority": PRIORITY_RANK,
    "tier": TIER_RANK,
}
CUSTOMER_SORTS: dict[str, Any] = {
    "id": Customer.id,
    "name": Customer.name,
    "email": Customer.email,
    "created_at": Customer.created_at,
}


@dataclass(frozen=True)
class TicketFilters:
    """Filters of the ticket list; each one given narrows the list (all must hold)."""

    status: Sequence[str] = ()
    priority: Sequence[str] = ()
    channel: str | None = None
    category: str | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    tier: str | None = None
    needs_help: bool | None = None
    text: str | None = None  # searched in the subject
    created_from: datetime | None = None
    created_to: datetime | None = None  # exclusive


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """SQL condition: the tickets ``actor`` may see."""
    if actor.team_ids is None or actor.person_ids is None:
        return true()
    people = {actor.person_id, *actor.person_ids}
    conditions = [Ticket.assignee_id.in_(sorted(people))]
    if actor.team_ids:
        conditions.append(Ticket.team_id.in_(sorted(actor.team_ids)))
    return or_(*conditions)


def filter_conditions(filters: TicketFilters) -> list[ColumnElement[bool]]:
    f = filters
    equal: list[tuple[Any, Any]] = [
        (Ticket.channel, f.channel),
        (Ticket.category, f.category),
        (Ticket.team_id, f.team_id),
        (Ticket.assignee_id, f.assignee_id),
        (Ticket.escalation_tier, f.tier),
        (Ticket.needs_help, f.needs_help),
    ]
    conditions = [column == value for column, value in equal if value is not None]
    if f.status:
        conditions.append(Ticket.status.in_(list(f.status)))
    if f.priority:
        conditions.append(Ticket.priority.in_(list(f.priority)))
    if f.unassigned:
        conditions.append(Ticket.assignee_id.is_(None))
    if f.text:
        conditions.append(Ticket.subject.ilike(_like(f.text), escape="\\"))
    if f.created_from is not None:
        conditions.append(Ticket.created_at >= ensure_utc(f.created_from, field="created_from"))
    if f.created_to is not None:
        conditions.append(Ticket.created_at < ensure_utc(f.created_to, field="created_to"))
    return conditions


def list_tickets(
    session: Session,
    *,
    actor: Actor,
    filters: TicketFilters | None = None,
    page: PageParams | None = None,
) -> TicketPage:
    """A page of the tickets the actor sees, filtered and sorted (default: newest first)."""
    require(actor, Action.VIEW_TICKET, scoped=False)
    page = page or PageParams()
    conditions = [visible_to(actor), *filter_conditions(filters or TicketFilters())]
    query = select(Ticket).where(*conditions)
    rows = _page_rows(session, query, TICKET_SORTS, page, default="-created_at", tie=Ticket.id)
    return TicketPage(
        items=[TicketPublic.model_validate(row) for row in rows],
        total=_count(session, query),
        page=page.page,
        per_page=page.per_page,
    )


def ticket_detail(session: Session, *, ticket_id: int, actor: Actor, now: datetime) -> TicketDetail:
    """The ticket, its requester, its whole timeline and its live SLA clocks."""
    ticket = visible_ticket(session, ticket_id, actor)
    requester = get_customer_row(session, ticket.requester_id)
    events = _timeline(session, ticket.id)
    policy = select_policy(
        active_policies(session),
        priority=ticket.priority,
        customer_tier=requester.tier,
        channel=ticket.channel,
    )
    clocks = (
        sla_clocks(
            policy, priority=ticket.priority, events=[event_value(e) for e in events], now=now
        )
        if policy is not None
        else []
    )
    return TicketDetail(
        ticket=TicketPublic.model_validate(ticket),
        requester=CustomerPublic.model_validate(requester),
        sla_policy=policy.name if policy is not None else None,
        clocks=[SlaClockPublic.model_validate(clock) for clock in clocks],
        events=[TicketEventPublic.model_validate(event) for event in events],
    )


def ticket_timeline(session: Session, *, ticket_id: int, actor: Actor) -> list[TicketEventPublic]:
    ticket = visible_ticket(session, ticket_id, actor)
    return [TicketEventPublic.model_validate(event) for event in _timeline(session, ticket.id)]


def visible_ticket(session: Session, ticket_id: int, actor: Actor) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise TicketNotFound(f"ticket {ticket_id} does not exist", field="ticket_id")
    require(actor, Action.VIEW_TICKET, team_id=ticket.team_id, person_id=ticket.assignee_id)
    return ticket


def list_customers(
    session: Session, *, actor: Actor, text: str | None = None, page: PageParams | None = None
) -> CustomerPage:
    """Customers (any staff member may look them up), searched by name, email or organisation."""
    require(actor, Action.VIEW_TICKET, scoped=False)
    page = page or PageParams()
    query = select(Customer)
    if text:
        pattern = _like(text)
        query = query.where(
            or_(
                Customer.name.ilike(pattern, escape="\\"),
                Customer.email.ilike(pattern, escape="\\"),
                Customer.organisation.ilike(pattern, escape="\\"),
            )
        )
    rows = _page_rows(session, query, CUSTOMER_SORTS, page, default="name", tie=Customer.id)
    return CustomerPage(
        items=[CustomerPublic.model_validate(row) for row in rows],
        total=_count(session, query),
        page=page.page,
        per_page=page.per_page,
    )


def customer_detail(session: Session, *, customer_id: int, actor: Actor) -> CustomerPublic:
    require(actor, Action.VIEW_TICKET, scoped=False)
    return CustomerPublic.model_validate(get_customer_row(session, customer_id))


def _timeline(session: Session, ticket_id: int) -> list[TicketEvent]:
    return list(
        session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.occurred_at, TicketEvent.id)
        )
    )


def _page_rows(
    session: Session,
    query: Select[Any],
    sorts: dict[str, Any],
    page: PageParams,
    *,
    default: str,
    tie: Any,
) -> list[Any]:
    key = page.sort or default
    column = sorts.get(key.removeprefix("-"))
    if column is None:
        allowed = ", ".join(sorted(sorts))
        raise RuleViolation(f"sort by one of: {allowed} (prefix - for descending)", field="sort")
    descending = key.startswith("-")
    order = [column.desc(), tie.desc()] if descending else [column.asc(), tie.asc()]
    return list(session.scalars(query.order_by(*order).offset(page.offset).limit(page.per_page)))


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def _like(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
