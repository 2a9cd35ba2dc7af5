"""Reading interactions (tickets) for quality assurance: a team's week, and one timeline.

An agent's interactions of a week are the solved or closed tickets assigned to them that were
created in that week (Monday 00:00 to the next Monday, in the team's time zone).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.errors import NotFound
from floorlead.org.tables import Person
from floorlead.quality.sampling import Interaction
from floorlead.quality.sentiment import sentiment_score
from floorlead.tickets.model import EventKind, Status, Survey, Via
from floorlead.tickets.tables import Ticket, TicketEvent

REVIEWABLE_STATUSES = (Status.SOLVED.value, Status.CLOSED.value)
AGENT_ROLES = ("agent", "senior_agent")
_SIGNAL_KINDS = (
    EventKind.CREATED.value,
    EventKind.CUSTOMER_MESSAGE.value,
    EventKind.ESCALATION.value,
    EventKind.HANDLE_SEGMENT.value,
    EventKind.SATISFACTION.value,
    EventKind.STATUS_CHANGE.value,
)
CHUNK = 500
_CHANGE_KINDS = frozenset(
    {EventKind.STATUS_CHANGE, EventKind.PRIORITY_CHANGE, EventKind.ESCALATION}
)


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    kind: str
    via: str
    actor_name: str | None
    body: str
    detail: str


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(week: date, zone: str) -> tuple[date, datetime, datetime]:
    """The Monday of ``week`` and the UTC instants its week starts and ends in ``zone``."""
    monday = week_monday(week)
    tz = _zone(zone)
    start = datetime.combine(monday, time(), tz).astimezone(UTC)
    end = datetime.combine(monday + timedelta(days=7), time(), tz).astimezone(UTC)
    return monday, start, end


def week_of(instant: datetime, zone: str) -> date:
    return week_monday(instant.astimezone(_zone(zone)).date())


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def team_week_interactions(
    session: Session, *, team_id: int, start: datetime, end: datetime
) -> list[Interaction]:
    """The reviewable interactions of the team's agents created in [start, end)."""
    agents = select(Person.id).where(Person.team_id == team_id, Person.role.in_(AGENT_ROLES))
    tickets = session.execute(
        select(Ticket.id, Ticket.assignee_id, Ticket.channel, Ticket.reopen_count)
        .where(
            Ticket.assignee_id.in_(agents),
            Ticket.created_at >= start,
            Ticket.created_at < end,
            Ticket.status.in_(REVIEWABLE_STATUSES),
        )
        .order_by(Ticket.id)
    ).all()
    signals = _signals(session, [t.id for t in tickets])
    found = []
    for ticket_id, agent_id, channel, reopen_count in tickets:
        s = signals[ticket_id]
        found.append(
            Interaction(
                ticket_id=ticket_id,
                agent_id=agent_id,
                channel=channel,
                csat=s.csat,
                escalated=s.escalated,
                reopened=reopen_count > 0 or s.reopened,
                handle_seconds=s.handle_seconds,
                sentiment=sentiment_score(s.customer_texts),
            )
        )
    return found


@dataclass
class _Signals:
    csat: int | None = None
    csat_at: datetime | None = None
    escalated: bool = False
    reopened: bool = False
    handle_seconds: float = 0.0
    customer_texts: list[str] | None = None


def _signals(session: Session, ticket_ids: Sequence[int]) -> dict[int, _Signals]:
    found: dict[int, _Signals] = defaultdict(lambda: _Signals(customer_texts=[]))
    for chunk in _chunks(ticket_ids):
        rows = session.scalars(
            select(TicketEvent).where(
                TicketEvent.ticket_id.in_(chunk), TicketEvent.kind.in_(_SIGNAL_KINDS)
            )
        )
        for event in rows:
            _absorb(found[event.ticket_id], event)
    return found


def _absorb(s: _Signals, event: TicketEvent) -> None:
    kind = event.kind
    if kind == EventKind.SATISFACTION and event.survey == Survey.CSAT:
        if event.rating is not None and (s.csat_at is None or event.occurred_at >= s.csat_at):
            s.csat, s.csat_at = event.rating, event.occurred_at
    elif kind == EventKind.ESCALATION:
        s.escalated = True
    elif kind == EventKind.STATUS_CHANGE:
        s.reopened |= event.from_value == Status.SOLVED and event.to_value == Status.OPEN
    elif kind == EventKind.HANDLE_SEGMENT and event.segment_start and event.segment_end:
        s.handle_seconds += (event.segment_end - event.segment_start).total_seconds()
    elif event.via == Via.CUSTOMER and event.body and s.customer_texts is not None:
        s.customer_texts.append(event.body)


def ticket_row(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket {ticket_id}", field="ticket_id")
    return ticket


def ticket_timeline(session: Session, ticket_id: int) -> list[TimelineEntry]:
    """The ticket's full history, oldest first, with the people's names."""
    rows = session.execute(
        select(TicketEvent, Person.name)
        .outerjoin(Person, Person.id == TicketEvent.actor_id)
        .where(TicketEvent.ticket_id == ticket_id)
        .order_by(TicketEvent.occurred_at, TicketEvent.id)
    ).all()
    return [
        TimelineEntry(e.occurred_at, e.kind, e.via, name, e.body or "", _detail(e))
        for e, name in rows
    ]


def _detail(event: TicketEvent) -> str:
    if event.kind == EventKind.HANDLE_SEGMENT and event.segment_start and event.segment_end:
        minutes = (event.segment_end - event.segment_start).total_seconds() / 60
        return f"{event.segment_kind or 'work'} {minutes:.0f} min"
    if event.kind == EventKind.SATISFACTION:
        return f"{(event.survey or '').upper()} {event.rating}"
    if event.kind in _CHANGE_KINDS:
        return f"{event.from_value or '—'} → {event.to_value or '—'}"
    return ""
