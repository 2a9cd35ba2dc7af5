"""SLA outcomes per ticket, as the ticket area's rule (``floorlead.tickets.sla``) has them.

The clocks are worked out at sync time for the tickets that changed (``sla_walk.py``), with
the policy that applies to each ticket now; a clock still running at that time is stored with
its due instant, so a KPI run later can tell it breached since without a new sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from floorlead.metrics.sla_walk import US, Event, FastHours, hours_for_range, ticket_clocks
from floorlead.metrics.timings import TicketCalendars, dimensions_of
from floorlead.tickets.sla import PolicyValue

SLA_SCHEMA = pa.schema(
    [
        ("ticket_id", pa.int64()),
        ("metric", pa.string()),
        ("target_minutes", pa.int64()),
        ("state", pa.string()),
        ("started_at", pa.timestamp("us")),
        ("due_at", pa.timestamp("us")),
        ("completed_at", pa.timestamp("us")),
        ("elapsed_seconds", pa.float64()),
        ("breached_by_seconds", pa.float64()),
    ]
)


def sla_facts(
    milestones: pa.Table, events: pa.Table, calendars: TicketCalendars, *, now: datetime
) -> pa.Table:
    """One row per SLA clock (every next-reply clock included) of the given tickets."""
    ticket_ids = milestones["ticket_id"].to_pylist()
    policy_of = {t: p for t, p in zip(ticket_ids, calendars.policies, strict=True) if p}
    priority_of = dict(zip(ticket_ids, milestones["priority"].to_pylist(), strict=True))
    now_us = int(now.astimezone(UTC).timestamp() * US)
    clocks = _clocks_by_hours(events, policy_of, now)
    records: list[tuple[Any, ...]] = []
    for ticket_id, history in _histories(events, wanted=policy_of):
        policy = policy_of[ticket_id]
        hours = clocks[id(policy.hours)]
        for clock in ticket_clocks(policy, priority_of[ticket_id], history, now_us, hours):
            records.append((ticket_id, *clock))
    table = _table(records)
    _rows, dims = dimensions_of(milestones, table["ticket_id"])
    for name in ("channel", "priority", "category", "customer_tier", "team_id"):
        table = table.append_column(name, dims[name])
    return table.append_column("agent_id", dims["assignee_id"])


def _clocks_by_hours(
    events: pa.Table, policy_of: dict[int, PolicyValue], now: datetime
) -> dict[int, FastHours]:
    """One fast business clock per calendar in use, covering the events and ``now``."""
    times = events["occurred_at"].cast(pa.timestamp("us"))
    low = pc.min(times).as_py()
    first = low.date() if low else now.date()
    last = max(now.astimezone(UTC).date(), first)
    return {
        id(policy.hours): hours_for_range(policy.hours, first, last)
        for policy in {id(p): p for p in policy_of.values()}.values()
    }


def _table(records: list[tuple[Any, ...]]) -> pa.Table:
    columns = list(zip(*records, strict=True)) if records else [[] for _ in SLA_SCHEMA]
    arrays = []
    for column, spec in zip(columns, SLA_SCHEMA, strict=True):
        if pa.types.is_timestamp(spec.type):
            arrays.append(pa.array(column, pa.int64()).cast(pa.timestamp("us")))
        else:
            arrays.append(pa.array(column, spec.type))
    return pa.Table.from_arrays(arrays, schema=SLA_SCHEMA)


def _histories(
    events: pa.Table, *, wanted: dict[int, PolicyValue]
) -> Iterator[tuple[int, list[Event]]]:
    """The SLA-relevant events of each wanted ticket, in order (events arrive sorted)."""
    ids = events["ticket_id"].to_pylist()
    kinds = events["kind"].to_pylist()
    times = events["occurred_at"].cast(pa.timestamp("us")).cast(pa.int64()).to_pylist()
    vias = events["via"].to_pylist()
    tos = events["to_value"].to_pylist()
    current: int | None = None
    history: list[Event] = []
    for index, ticket_id in enumerate(ids):
        if ticket_id != current:
            if current in wanted:
                yield current, history  # type: ignore[misc]
            current, history = ticket_id, []
        history.append((kinds[index], times[index], vias[index], tos[index]))
    if current in wanted:
        yield current, history  # type: ignore[misc]
