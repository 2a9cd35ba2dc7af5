"""Agents' figures for the demo's coaching records, read straight from the ticket history.

Goals need a baseline and performance reviews KPI results. The metrics engine answers from the
analytics store, which the demo does not build (the app syncs it later, in about as long as
the whole demo takes to write). So the two KPIs the demo coaches on are computed here as
docs/metrics.md defines them, over exactly the window asked:

- ``average_handle_time``: handle-segment seconds ÷ tickets handled, each segment placed by
  its end and credited to the agent who worked it;
- ``csat``: good (4-5) ÷ answered × 100 over the latest CSAT answer per ticket in the window,
  credited to the ticket's assignee when the customer answered;

and ``qa_average``: the mean score of the agent's quality reviews recorded in the window.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Engine, func, select

from floorlead.errors import RuleViolation
from floorlead.storage.models import metadata

GOOD_CSAT = 4
CHUNK = 500


class TicketFigures:
    """A coaching ``KpiSource`` for ``average_handle_time`` and ``csat``, cached per window."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._cache: dict[tuple[str, datetime, datetime], dict[int, float]] = {}

    def __call__(self, person_id: int, kpi: str, start: datetime, end: datetime) -> float | None:
        key = (kpi, start, end)
        if key not in self._cache:
            compute = {"average_handle_time": self._handle_time, "csat": self._csat}.get(kpi)
            if compute is None:
                raise RuleViolation(f"the demo does not compute {kpi!r}", field="kpi")
            self._cache[key] = compute(start, end)
        return self._cache[key].get(person_id)

    def qa_average(self, person_id: int, start: datetime, end: datetime) -> float | None:
        reviews = metadata.tables["qa_reviews"]
        query = select(func.avg(reviews.c.score)).where(
            reviews.c.agent_id == person_id,
            reviews.c.created_at >= start,
            reviews.c.created_at < end,
        )
        with self._engine.connect() as conn:
            value = conn.execute(query).scalar()
        return None if value is None else round(float(value), 1)

    def _handle_time(self, start: datetime, end: datetime) -> dict[int, float]:
        events = metadata.tables["ticket_events"]
        with self._engine.connect() as conn:
            seconds = _seconds_between(conn, events.c.segment_start, events.c.segment_end)
            query = (
                select(
                    events.c.actor_id,
                    func.sum(seconds),
                    func.count(func.distinct(events.c.ticket_id)),
                )
                .where(
                    events.c.kind == "handle_segment",
                    events.c.occurred_at >= start,
                    events.c.occurred_at < end,
                    events.c.actor_id.is_not(None),
                )
                .group_by(events.c.actor_id)
            )
            return {actor: float(total) / count for actor, total, count in conn.execute(query)}

    def _csat(self, start: datetime, end: datetime) -> dict[int, float]:
        events = metadata.tables["ticket_events"]
        answers = select(events.c.ticket_id, events.c.occurred_at, events.c.rating).where(
            events.c.kind == "satisfaction",
            events.c.survey == "csat",
            events.c.rating.is_not(None),
            events.c.occurred_at >= start,
            events.c.occurred_at < end,
        )
        with self._engine.connect() as conn:
            latest: dict[int, tuple[datetime, int]] = {}
            for ticket, at, rating in conn.execute(answers):
                if ticket not in latest or at >= latest[ticket][0]:
                    latest[ticket] = (at, rating)
            owners = self._assignees(conn, latest)
        good: dict[int, int] = defaultdict(int)
        answered: dict[int, int] = defaultdict(int)
        for ticket, (_, rating) in latest.items():
            owner = owners.get(ticket)
            if owner is not None:
                answered[owner] += 1
                good[owner] += rating >= GOOD_CSAT
        return {agent: 100.0 * good[agent] / answered[agent] for agent in answered}

    def _assignees(
        self, conn: Connection, latest: dict[int, tuple[datetime, int]]
    ) -> dict[int, int]:
        """Each ticket's assignee at the moment of its answer."""
        events = metadata.tables["ticket_events"]
        ids = sorted(latest)
        owners: dict[int, tuple[datetime, int | None]] = {}
        for first in range(0, len(ids), CHUNK):
            query = select(events.c.ticket_id, events.c.occurred_at, events.c.to_value).where(
                events.c.ticket_id.in_(ids[first : first + CHUNK]), events.c.kind == "assigned"
            )
            for ticket, at, to_value in conn.execute(query):
                if at <= latest[ticket][0] and (ticket not in owners or at >= owners[ticket][0]):
                    owners[ticket] = (at, int(to_value) if to_value else None)
        return {ticket: owner for ticket, (_, owner) in owners.items() if owner is not None}


def _seconds_between(
    conn: Connection, start: ColumnElement[datetime], end: ColumnElement[datetime]
) -> ColumnElement[float]:
    if conn.dialect.name == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86_400.0
