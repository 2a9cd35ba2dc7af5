"""Live SLA clocks of stored tickets: rows turned into the values the SLA rules read.

Policies, events and customer tiers are loaded in a fixed number of queries however many
tickets are asked about (ids go to the database in chunks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.model import EventKind
from floorlead.tickets.sla import EventValue, PolicyValue, SlaClock, select_policy, sla_clocks
from floorlead.tickets.tables import BusinessCalendar, Customer, SlaPolicy, Ticket, TicketEvent

# The events the SLA rules read; the rest of the history does not move a clock.
SLA_EVENT_KINDS = (
    EventKind.CREATED.value,
    EventKind.CUSTOMER_MESSAGE.value,
    EventKind.PUBLIC_REPLY.value,
    EventKind.STATUS_CHANGE.value,
)
CHUNK = 900


def business_hours(calendar: BusinessCalendar) -> BusinessHours:
    return BusinessHours.from_json(
        calendar.time_zone, calendar.weekly_hours, [holiday.day for holiday in calendar.holidays]
    )


def policy_value(policy: SlaPolicy) -> PolicyValue:
    return PolicyValue(
        id=policy.id,
        name=policy.name,
        targets={(t.priority, t.metric): t.minutes for t in policy.targets},
        hours=business_hours(policy.calendar) if policy.calendar is not None else None,
        pause_statuses=frozenset(policy.pause_statuses),
        customer_tier=policy.customer_tier,
        channel=policy.channel,
        position=policy.position,
    )


def active_policies(session: Session) -> list[PolicyValue]:
    rows = session.scalars(
        select(SlaPolicy)
        .where(SlaPolicy.active.is_(True))
        .options(
            selectinload(SlaPolicy.targets),
            selectinload(SlaPolicy.calendar).selectinload(BusinessCalendar.holidays),
        )
        .order_by(SlaPolicy.position, SlaPolicy.id)
    )
    return [policy_value(row) for row in rows]


def event_value(row: TicketEvent) -> EventValue:
    return EventValue(
        kind=row.kind,
        occurred_at=row.occurred_at,
        via=row.via,
        from_value=row.from_value,
        to_value=row.to_value,
    )


def ticket_clocks(
    policies: Sequence[PolicyValue],
    *,
    ticket: Ticket,
    customer_tier: str,
    events: Iterable[EventValue],
    now: datetime,
) -> list[SlaClock]:
    """The ticket's clocks under the first matching policy (none when no policy matches)."""
    policy = select_policy(
        policies, priority=ticket.priority, customer_tier=customer_tier, channel=ticket.channel
    )
    if policy is None:
        return []
    return sla_clocks(policy, priority=ticket.priority, events=list(events), now=now)


def clocks_by_ticket(
    session: Session,
    tickets: Sequence[Ticket],
    *,
    now: datetime,
    policies: Sequence[PolicyValue] | None = None,
) -> dict[int, list[SlaClock]]:
    """Clocks of many tickets: their SLA events and requesters' tiers in one query per chunk."""
    policies = active_policies(session) if policies is None else policies
    if not policies or not tickets:
        return {ticket.id: [] for ticket in tickets}
    events: dict[int, list[EventValue]] = {ticket.id: [] for ticket in tickets}
    tiers: dict[int, str] = {}
    for ids in _chunks([ticket.id for ticket in tickets]):
        rows = session.execute(
            select(
                TicketEvent.ticket_id,
                TicketEvent.kind,
                TicketEvent.occurred_at,
                TicketEvent.via,
                TicketEvent.from_value,
                TicketEvent.to_value,
            )
            .where(TicketEvent.ticket_id.in_(ids), TicketEvent.kind.in_(SLA_EVENT_KINDS))
            .order_by(TicketEvent.ticket_id, TicketEvent.occurred_at, TicketEvent.id)
        ).all()
        for ticket_id, *values in rows:
            events[ticket_id].append(EventValue(*values))
    for ids in _chunks(sorted({ticket.requester_id for ticket in tickets})):
        tiers.update(
            session.execute(select(Customer.id, Customer.tier).where(Customer.id.in_(ids))).all()
        )
    return {
        ticket.id: ticket_clocks(
            policies,
            ticket=ticket,
            customer_tier=tiers[ticket.requester_id],
            events=events[ticket.id],
            now=now,
        )
        for ticket in tickets
    }


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
