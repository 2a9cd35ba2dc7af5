"""The read side of tickets and customers: lists, pages and the ticket detail.

Who sees which ticket is decided in one place, :func:`visible_to`: an admin sees all; anyone
else sees the tickets of the teams they cover and the tickets assigned to them or to the people
they manage (the same scope :func:`floorlead.auth.permissions.may` applies to one ticket).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Connection, Select, func, or_, select, true
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.paging import PageParams
from floorlead.storage.prepared import prepare
from floorlead.tickets.clocks import active_policies, event_value
from floorlead.tickets.customers import get_customer_row
from floorlead.tickets.history import TicketNotFound
from floorlead.tickets.list_query import (
    TicketFilters,
    like_pattern,
    scope_params,
    sort_order,
    ticket_list_statements,
)
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

CUSTOMER_SORTS: dict[str, Any] = {
    "id": Customer.id,
    "name": Customer.name,
    "email": Customer.email,
    "created_at": Customer.created_at,
}


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """SQL condition: the tickets ``actor`` may see (the scope the ticket list binds)."""
    scope = scope_params(actor)
    if scope is None:
        return true()
    return or_(
        Ticket.assignee_id.in_(scope["scope_people"]),
        Ticket.team_id.in_(scope["scope_teams"]),
    )


def ticket_list_rows(
    session: Session | Connection,
    *,
    actor: Actor,
    filters: TicketFilters | None = None,
    page: PageParams | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the tickets the actor sees, filtered and sorted (default: newest first), as
    plain rows with the fields of :class:`TicketPublic`, and the total count of the list."""
    require(actor, Action.VIEW_TICKET, scoped=False)
    page = page or PageParams()
    statements = ticket_list_statements(actor, filters or TicketFilters(), page)
    params = statements.params
    connection = _connection(session)  # plain rows: no ORM objects to build
    rows = connection.execute(
        statements.page, {**params, "limit": page.per_page, "offset": page.offset}
    ).mappings()
    total = connection.execute(statements.count, params).scalar() or 0
    return [dict(row) for row in rows], total


def ticket_list_json(
    session: Session | Connection,
    *,
    actor: Actor,
    filters: TicketFilters | None = None,
    page: PageParams | None = None,
) -> tuple[str, int]:
    """:func:`ticket_list_rows` as the JSON text of the rows (an array) and the total.

    On SQLite the database writes the JSON and counts in the same statement
    (:mod:`floorlead.tickets.list_json`); elsewhere the plain rows are serialised.
    """
    connection = _connection(session)
    if connection.dialect.name != "sqlite":
        rows, total = ticket_list_rows(connection, actor=actor, filters=filters, page=page)
        return orjson.dumps(rows, option=orjson.OPT_UTC_Z).decode(), total
    require(actor, Action.VIEW_TICKET, scoped=False)
    page = page or PageParams()
    statements = ticket_list_statements(actor, filters or TicketFilters(), page)
    params = {**statements.params, "limit": page.per_page, "offset": page.offset}
    found = prepare(statements.json_page, connection.dialect, params).rows(connection, params)
    if not found:  # an empty page carries no total: count alone
        counted = prepare(statements.count, connection.dialect, statements.params)
        return "[]", counted.rows(connection, statements.params)[0][0]
    return "[" + ",".join(item for item, _ in found) + "]", found[0][1]


def _connection(source: Session | Connection) -> Connection:
    return source.connection() if isinstance(source, Session) else source


def list_tickets(
    session: Session,
    *,
    actor: Actor,
    filters: TicketFilters | None = None,
    page: PageParams | None = None,
) -> TicketPage:
    """:func:`ticket_list_rows` as a validated page."""
    page = page or PageParams()
    rows, total = ticket_list_rows(session, actor=actor, filters=filters, page=page)
    return TicketPage(
        items=[TicketPublic.model_validate(row) for row in rows],
        total=total,
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
        pattern = like_pattern(text)
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
    return list(session.scalars(_ordered(query, sorts, page, default=default, tie=tie)))


def _ordered(
    query: Select[Any], sorts: dict[str, Any], page: PageParams, *, default: str, tie: Any
) -> Select[Any]:
    order = sort_order(sorts, page.sort or default, tie=tie)
    return query.order_by(*order).offset(page.offset).limit(page.per_page)


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
