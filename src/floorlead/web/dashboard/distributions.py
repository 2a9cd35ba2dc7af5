"""Distributions the KPI slices do not give: handle time per ticket, first reply by hour of day.

Both are aggregated on the analytics store (Ibis over the canonical ``ticket_facts`` table),
so the page receives one number per bar. Rows are placed and credited as the matching KPI
views place them (docs/metrics.md): handle time by the ticket's last solve and its assignee,
first reply by the first reply and its author.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

import ibis
import pandas as pd

from floorlead.metrics import KpiEngine, Period
from floorlead.web.dashboard.board import Chart
from floorlead.web.dashboard.figures import number

# Bars of the handle-time histogram: lower edges in seconds (the last bar is open-ended).
HANDLE_EDGES = (0, 120, 300, 600, 900, 1200, 1800, 3600)
FACT_COLUMNS = {
    "team": "team_id",
    "channel": "channel",
    "priority": "priority",
    "category": "category",
    "tier": "customer_tier",
}


def handle_time_histogram(
    engine: KpiEngine, *, period: Period, filters: Mapping[str, list]
) -> tuple[Chart, pd.DataFrame]:
    """Tickets solved in the period, counted by their total handle time."""
    facts = _facts(engine, period, filters, placed_by="solved_at", agent="assignee_id")
    facts = facts.filter(facts.handle_seconds > 0)
    bar = sum((facts.handle_seconds >= edge).cast("int64") for edge in HANDLE_EDGES[1:])
    counted = engine.warehouse.backend.to_pandas(
        facts.group_by(bar=bar).aggregate(tickets=facts.count())
    )
    found = dict(zip(counted.bar.astype(int), counted.tickets.astype(int), strict=True))
    labels = handle_labels()
    frame = pd.DataFrame(
        {
            "handle_time_from_seconds": list(HANDLE_EDGES),
            "handle_time": labels,
            "tickets": [found.get(i, 0) for i in range(len(labels))],
        }
    )
    chart = Chart(
        "handle-histogram",
        "Handle time per solved ticket",
        "bar",
        labels,
        [{"label": "Tickets", "data": [int(v) for v in frame.tickets]}],
    )
    return chart, frame


def first_reply_by_hour(
    engine: KpiEngine, *, period: Period, filters: Mapping[str, list]
) -> tuple[Chart, pd.DataFrame]:
    """Median first reply time by the UTC hour its clock started (0-23)."""
    created = engine.definitions.first_reply_start == "created"
    prefix, start = ("first_reply", "created_at") if created else ("inbound_reply", "inbound_at")
    facts = _facts(engine, period, filters, placed_by=f"{prefix}_at", agent=f"{prefix}_agent_id")
    seconds = facts[f"{prefix}_seconds"]
    facts = facts.filter(seconds.notnull())
    grouped = facts.group_by(hour=facts[start].hour()).aggregate(
        median_seconds=facts[f"{prefix}_seconds"].median(), tickets=facts.count()
    )
    found = engine.warehouse.backend.to_pandas(grouped).set_index("hour")
    hours = list(range(24))
    frame = pd.DataFrame(
        {
            "hour_utc": hours,
            "median_first_reply_seconds": [_at(found, h, "median_seconds") for h in hours],
            "tickets": [int(_at(found, h, "tickets") or 0) for h in hours],
        }
    )
    chart = Chart(
        "first-reply-by-hour",
        "Median first reply by hour of day (UTC)",
        "bar",
        [f"{h:02d}:00" for h in hours],
        [
            {
                "label": "Median first reply",
                "data": [number(v) for v in frame.median_first_reply_seconds],
            }
        ],
        unit="seconds",
    )
    return chart, frame


def handle_labels() -> list[str]:
    """Bar labels in minutes: 0–2 min, 2–5 min, …, 60+ min."""
    minutes = [edge // 60 for edge in HANDLE_EDGES]
    pairs = pairwise(minutes)
    return [f"{a}–{b} min" for a, b in pairs] + [f"{minutes[-1]}+ min"]


def _facts(
    engine: KpiEngine, period: Period, filters: Mapping[str, list], *, placed_by: str, agent: str
) -> ibis.Table:
    facts = engine.warehouse.table("ticket_facts")
    start = ibis.literal(period.start_at.replace(tzinfo=None))
    end = ibis.literal(period.end_at.replace(tzinfo=None))
    facts = facts.filter(facts[placed_by] >= start, facts[placed_by] < end)
    for name, values in filters.items():
        facts = facts.filter(facts[agent if name == "agent" else FACT_COLUMNS[name]].isin(values))
    return facts


def _at(frame: pd.DataFrame, hour: int, column: str) -> Any:
    return number(frame[column].get(hour)) if hour in frame.index else None
