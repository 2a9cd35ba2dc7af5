"""A deterministic KPI source for tests, computed from the ticket events a test writes.

It knows two KPIs, computed the way docs/metrics.md defines them for one agent:
``csat`` (share of CSAT answers of 4 or 5 on the agent's tickets, in percent) and
``average_handle_time`` (the agent's handle-segment seconds per ticket worked).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.coaching.model import Sample
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import make_ticket


class EventKpis:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.calls = 0

    def sample(self, person_id: int, kpi: str, start: datetime, end: datetime) -> Sample:
        self.calls += 1
        if kpi == "csat":
            return Sample(tuple(self._good_answers(person_id, start, end)), binary=True)
        if kpi == "average_handle_time":
            return Sample(tuple(self._handle_seconds(person_id, start, end)))
        raise ValueError(f"the test source does not compute {kpi!r}")

    def value(self, person_id: int, kpi: str, start: datetime, end: datetime) -> float | None:
        values = self.sample(person_id, kpi, start, end).values
        if not values:
            return None
        mean = sum(values) / len(values)
        return mean * 100 if kpi == "csat" else mean

    __call__ = value

    def _good_answers(self, person_id: int, start: datetime, end: datetime) -> list[float]:
        ratings = self.session.scalars(
            select(TicketEvent.rating)
            .join(Ticket)
            .where(
                Ticket.assignee_id == person_id,
                TicketEvent.kind == "satisfaction",
                TicketEvent.survey == "csat",
                TicketEvent.occurred_at >= start,
                TicketEvent.occurred_at < end,
            )
            .order_by(TicketEvent.id)
        )
        return [1.0 if rating >= 4 else 0.0 for rating in ratings]

    def _handle_seconds(self, person_id: int, start: datetime, end: datetime) -> list[float]:
        rows = self.session.execute(
            select(TicketEvent.ticket_id, TicketEvent.segment_start, TicketEvent.segment_end)
            .where(
                TicketEvent.kind == "handle_segment",
                TicketEvent.actor_id == person_id,
                TicketEvent.occurred_at >= start,
                TicketEvent.occurred_at < end,
            )
            .order_by(TicketEvent.id)
        )
        per_ticket: dict[int, float] = defaultdict(float)
        for ticket_id, began, ended in rows:
            per_ticket[ticket_id] += (ended - began).total_seconds()
        return list(per_ticket.values())


def answer_csat(session: Session, *, agent_id: int, at: datetime, rating: int) -> None:
    """A solved ticket of the agent's that the customer rated ``rating`` (1-5) at ``at``."""
    ticket = make_ticket(session, assignee_id=agent_id, status="solved", created_at=at)
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind="satisfaction",
            occurred_at=at,
            recorded_at=at,
            via="customer",
            survey="csat",
            rating=rating,
            data={},
        )
    )
    session.flush()


def handle(session: Session, *, agent_id: int, at: datetime, seconds: float) -> None:
    """A ticket the agent worked for ``seconds``, ending at ``at``."""
    ticket = make_ticket(session, assignee_id=agent_id, created_at=at - timedelta(hours=1))
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind="handle_segment",
            occurred_at=at,
            recorded_at=at,
            actor_id=agent_id,
            segment_kind="work",
            segment_start=at - timedelta(seconds=seconds),
            segment_end=at,
            data={},
        )
    )
    session.flush()
