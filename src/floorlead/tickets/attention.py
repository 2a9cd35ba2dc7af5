"""What needs a supervisor now: escalations, help requests, SLA risks and breaches, and
unassigned work, among the unresolved tickets the actor sees.

One query loads those tickets; their SLA events are loaded together (a fixed number of
queries however many tickets there are), and clocks are computed for unresolved tickets only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.tickets.clocks import clocks_by_ticket
from floorlead.tickets.model import Status, Tier
from floorlead.tickets.queries import visible_to
from floorlead.tickets.schemas import (
    AttentionBoard,
    AttentionItem,
    AttentionList,
    SlaClockPublic,
    TicketPublic,
)
from floorlead.tickets.sla import ClockState, SlaClock, is_at_risk
from floorlead.tickets.tables import Ticket

DEFAULT_AT_RISK_MINUTES = 60
DEFAULT_ITEMS = 20
RESOLVED = (Status.SOLVED.value, Status.CLOSED.value)
Entry = tuple[Ticket, SlaClock | None]


def needs_attention(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    at_risk_minutes: int = DEFAULT_AT_RISK_MINUTES,
    items: int = DEFAULT_ITEMS,
    team_id: int | None = None,
) -> AttentionBoard:
    """Each list counts every match and shows the most pressing ``items`` first."""
    require(actor, Action.VIEW_TICKET, scoped=False)
    if at_risk_minutes < 0:
        raise RuleViolation("at_risk_minutes must not be negative", field="at_risk_minutes")
    query = select(Ticket).where(visible_to(actor), Ticket.status.not_in(RESOLVED))
    if team_id is not None:
        query = query.where(Ticket.team_id == team_id)
    tickets = list(session.scalars(query.order_by(Ticket.id)))
    clocks = clocks_by_ticket(session, tickets, now=now)
    live = [(t, c) for t in tickets for c in clocks[t.id] if c.completed_at is None]
    within = at_risk_minutes * 60
    at_risk = [(t, c) for t, c in live if is_at_risk(c, within_seconds=within)]
    breached = [(t, c) for t, c in live if c.state is ClockState.BREACHED]
    alone: list[Entry] = [(t, None) for t in tickets]

    def board_list(entries: list[Entry], key: Callable[[Entry], object]) -> AttentionList:
        return _attention_list(sorted(entries, key=key), items)

    return AttentionBoard(
        generated_at=now,
        at_risk_minutes=at_risk_minutes,
        escalated=board_list(
            [e for e in alone if e[0].escalation_tier != Tier.FRONTLINE],
            key=lambda e: (-Tier(e[0].escalation_tier).level, e[0].updated_at),
        ),
        help_requests=board_list(
            [e for e in alone if e[0].needs_help], key=lambda e: e[0].updated_at
        ),
        sla_at_risk=board_list(at_risk, key=lambda e: _clock(e).remaining_seconds or 0.0),
        sla_breached=board_list(breached, key=lambda e: -_clock(e).breached_by_seconds),
        unassigned=board_list(
            [e for e in alone if e[0].assignee_id is None], key=lambda e: e[0].created_at
        ),
    )


def _clock(entry: Entry) -> SlaClock:
    clock = entry[1]
    assert clock is not None
    return clock


def _attention_list(entries: Sequence[Entry], items: int) -> AttentionList:
    return AttentionList(
        count=len(entries),
        items=[
            AttentionItem(
                ticket=TicketPublic.model_validate(ticket),
                clock=SlaClockPublic.model_validate(clock) if clock is not None else None,
            )
            for ticket, clock in entries[:items]
        ],
    )
