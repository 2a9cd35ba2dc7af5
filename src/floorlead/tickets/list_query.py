"""The ticket list as prepared statements: one statement per shape of filters, built once.

A list request names which filters it uses, the sort and whether the caller sees every
team; that shape picks a statement built with bound parameters the first time it is seen,
and the request only binds its values. Building a statement costs more than running it on
an indexed table, and the ticket list is the busiest read there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, func, or_, select

from floorlead.auth.permissions import Actor
from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.paging import PageParams
from floorlead.tickets.list_json import with_json_rows
from floorlead.tickets.model import Priority, Tier
from floorlead.tickets.schemas import TicketPublic
from floorlead.tickets.tables import Ticket

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
# The ticket table's columns that a ticket list shows (the fields of TicketPublic).
PUBLIC_COLUMNS = [Ticket.__table__.c[name] for name in TicketPublic.model_fields]


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


def sort_order(sorts: dict[str, Any], key: str, *, tie: Any) -> list[Any]:
    """ORDER BY for ``key`` (a name in ``sorts``, ``-`` first for descending), ``tie`` last."""
    column = sorts.get(key.removeprefix("-"))
    if column is None:
        allowed = ", ".join(sorted(sorts))
        raise RuleViolation(f"sort by one of: {allowed} (prefix - for descending)", field="sort")
    if key.startswith("-"):
        return [column.desc(), tie.desc()]
    return [column.asc(), tie.asc()]


def _scope_condition() -> ColumnElement[bool]:
    return or_(
        Ticket.assignee_id.in_(bindparam("scope_people", expanding=True)),
        Ticket.team_id.in_(bindparam("scope_teams", expanding=True)),
    )


def scope_params(actor: Actor) -> dict[str, list[int]] | None:
    """The values of the visibility condition for ``actor``; None for an admin (sees all)."""
    if actor.team_ids is None or actor.person_ids is None:
        return None
    return {
        "scope_people": sorted({actor.person_id, *actor.person_ids}),
        "scope_teams": sorted(actor.team_ids),
    }


# Each filter: the condition it adds, written with a bound parameter named after it.
_CONDITIONS: dict[str, Any] = {
    "status": lambda: Ticket.status.in_(bindparam("status", expanding=True)),
    "priority": lambda: Ticket.priority.in_(bindparam("priority", expanding=True)),
    "channel": lambda: Ticket.channel == bindparam("channel"),
    "category": lambda: Ticket.category == bindparam("category"),
    "team_id": lambda: Ticket.team_id == bindparam("team_id"),
    "assignee_id": lambda: Ticket.assignee_id == bindparam("assignee_id"),
    "unassigned": lambda: Ticket.assignee_id.is_(None),
    "tier": lambda: Ticket.escalation_tier == bindparam("tier"),
    "needs_help": lambda: Ticket.needs_help == bindparam("needs_help"),
    "text": lambda: Ticket.subject.ilike(bindparam("text"), escape="\\"),
    "created_from": lambda: Ticket.created_at >= bindparam("created_from"),
    "created_to": lambda: Ticket.created_at < bindparam("created_to"),
}


def like_pattern(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filter_params(filters: TicketFilters) -> dict[str, Any]:
    """The filters given, as bound-parameter values (an unset filter is left out)."""
    f = filters
    values: dict[str, Any] = {
        "channel": f.channel,
        "category": f.category,
        "team_id": f.team_id,
        "assignee_id": f.assignee_id,
        "tier": f.tier,
        "needs_help": f.needs_help,
    }
    params = {name: value for name, value in values.items() if value is not None}
    if f.status:
        params["status"] = list(f.status)
    if f.priority:
        params["priority"] = list(f.priority)
    if f.unassigned:
        params["unassigned"] = True
    if f.text:
        params["text"] = like_pattern(f.text)
    if f.created_from is not None:
        params["created_from"] = ensure_utc(f.created_from, field="created_from")
    if f.created_to is not None:
        params["created_to"] = ensure_utc(f.created_to, field="created_to")
    return params


@lru_cache(maxsize=512)
def _statements(
    filters: tuple[str, ...], scoped: bool, sort: str
) -> tuple[Select[Any], Select[Any], Select[Any]]:
    conditions = [_CONDITIONS[name]() for name in filters]
    if scoped:
        conditions.append(_scope_condition())
    page = (
        select(*PUBLIC_COLUMNS)
        .where(*conditions)
        .order_by(*sort_order(TICKET_SORTS, sort, tie=Ticket.id))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    count = select(func.count()).select_from(Ticket.__table__).where(*conditions)
    return page, count, with_json_rows(page, count, PUBLIC_COLUMNS)


@dataclass(frozen=True)
class TicketListStatements:
    """The statements of one ticket list and the values to run them with."""

    page: Select[Any]  # the rows (the fields of TicketPublic)
    count: Select[Any]  # the total
    json_page: Select[Any]  # SQLite: (item, total) rows, each item a JSON object
    params: dict[str, Any]


def ticket_list_statements(
    actor: Actor, filters: TicketFilters, page: PageParams
) -> TicketListStatements:
    """The statements for this list, and the values to run them with."""
    params = filter_params(filters)
    scope = scope_params(actor)
    statements = _statements(tuple(sorted(params)), scope is not None, page.sort or "-created_at")
    params.pop("unassigned", None)
    params.update(scope or {})
    return TicketListStatements(*statements, params=params)
