"""Durations of the fact layer, in calendar and business hours, computed in bulk.

The Ibis expressions of ``facts.py`` say *when* things happened; this module turns those
instants into durations. Business-hours durations depend on the ticket's calendar (the
``business_calendar`` definition), which is why they are computed here, at sync time, and
stored as columns rather than recomputed by every KPI query.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from floorlead.errors import RuleViolation
from floorlead.metrics.business_clock import BusinessClock
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.extract import ServiceRules
from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.sla import PolicyValue, select_policy

RESOLVED = ("solved", "closed")
WAITING = ("new", "open", "on_hold")
DIMENSIONS = ("channel", "priority", "category", "customer_tier", "team_id")
QUEUED_BY_CALL = "phone"


@dataclass(frozen=True)
class TicketCalendars:
    """Per ticket row: the SLA policy that applies and the calendar of its business hours."""

    policies: list[PolicyValue | None]
    keys: np.ndarray  # index into ``hours`` per ticket row
    hours: list[BusinessHours | None]

    def seconds(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Business seconds per pair, using the calendar of the ticket at ``rows``."""
        out = np.full(len(starts), np.nan)
        keys = self.keys[rows] if len(rows) else np.zeros(0, dtype=np.int64)
        for key in np.unique(keys):
            mask = keys == key
            clock = BusinessClock.covering(
                self.hours[key], np.concatenate([starts[mask], ends[mask]])
            )
            out[mask] = clock.between(starts[mask], ends[mask])
        return out


def ticket_calendars(
    milestones: pa.Table, rules: ServiceRules, definitions: Definitions
) -> TicketCalendars:
    combos = zip(
        milestones["priority"].to_pylist(),
        milestones["customer_tier"].to_pylist(),
        milestones["channel"].to_pylist(),
        strict=True,
    )
    chosen: dict[tuple[str, str, str], PolicyValue | None] = {}
    policies: list[PolicyValue | None] = []
    for combo in combos:
        if combo not in chosen:
            priority, tier, channel = combo
            chosen[combo] = select_policy(
                rules.policies, priority=priority, customer_tier=tier, channel=channel
            )
        policies.append(chosen[combo])
    hours_list: list[BusinessHours | None] = [None]
    keys = np.zeros(len(policies), dtype=np.int64)
    setting = definitions.business_calendar
    if setting not in ("sla_policy", "none"):
        if setting not in rules.calendars:
            raise RuleViolation(
                f"no business calendar named {setting!r}", field="business_calendar"
            )
        hours_list.append(rules.calendars[setting])
        keys[:] = 1
    elif setting == "sla_policy":
        for row, policy in enumerate(policies):
            hours = policy.hours if policy else None
            if hours is not None:
                if hours not in hours_list:
                    hours_list.append(hours)
                keys[row] = hours_list.index(hours)
    return TicketCalendars(policies=policies, keys=keys, hours=hours_list)


def instants(table: pa.Table, column: str) -> np.ndarray:
    return table[column].to_numpy(zero_copy_only=False).astype("datetime64[us]")


def calendar_seconds(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    seconds = (ends - starts) / np.timedelta64(1, "s")
    return np.where(np.isnan(seconds), np.nan, np.maximum(seconds, 0.0))


def ticket_facts(milestones: pa.Table, spans: pa.Table, calendars: TicketCalendars) -> pa.Table:
    """The ``ticket_facts`` rows of the given tickets."""
    m = milestones
    rows = np.arange(m.num_rows)
    created = instants(m, "created_at")
    resolved = pc.is_in(m["status"], pa.array(RESOLVED)).to_numpy(zero_copy_only=False)
    solved_at = np.where(resolved, instants(m, "last_solved_at"), np.datetime64("NaT"))
    columns: dict[str, pa.Array | np.ndarray | list[object]] = {
        "ticket_id": m["ticket_id"],
        **{name: m[name] for name in DIMENSIONS},
        "assignee_id": m["assignee_id"],
        "status": m["status"],
        "is_resolved": resolved,
        "created_at": m["created_at"],
        "created_via": m["created_via"],
        "abandoned": m["abandoned"],
        "queue_wait_seconds": m["queue_wait_seconds"],
        "agent_replies": m["agent_replies"],
        "customer_messages": m["customer_messages"],
        "touches": _touches(m),
        "reopens": m["reopens"],
        "escalations": m["escalations"],
        "transfers": m["transfers"],
        "survey_responses": m["survey_responses"],
        "handle_seconds": pc.fill_null(m["handle_seconds"], 0.0),
    }
    replied, inbound = instants(m, "first_reply_at"), instants(m, "inbound_at")
    inbound_replied = instants(m, "inbound_reply_at")
    columns.update(
        {
            "first_reply_at": m["first_reply_at"],
            "first_reply_agent_id": m["first_reply_agent_id"],
            "first_reply_seconds": calendar_seconds(created, replied),
            "first_reply_business_seconds": calendars.seconds(rows, created, replied),
            "inbound_at": m["inbound_at"],
            "inbound_reply_at": m["inbound_reply_at"],
            "inbound_reply_agent_id": m["inbound_reply_agent_id"],
            "inbound_reply_seconds": calendar_seconds(inbound, inbound_replied),
            "inbound_reply_business_seconds": calendars.seconds(rows, inbound, inbound_replied),
        }
    )
    columns["first_solved_at"] = m["first_solved_at"]
    columns["solved_at"] = pa.array(solved_at, pa.timestamp("us"))
    columns["resolution_seconds"] = calendar_seconds(created, solved_at)
    columns["resolution_business_seconds"] = calendars.seconds(rows, created, solved_at)
    wait, wait_business = _requester_wait(m, spans, solved_at, calendars)
    columns["requester_wait_seconds"] = wait
    columns["requester_wait_business_seconds"] = wait_business
    columns["sla_policy_id"] = pa.array(
        [p.id if p else None for p in calendars.policies], pa.int64()
    )
    return _arrow(columns)


def _touches(m: pa.Table) -> np.ndarray:
    """Agent replies; on the phone, the calls answered (the first plus any call-backs)."""
    replies = m["agent_replies"].to_numpy(zero_copy_only=False)
    calls = 1 + m["customer_messages"].to_numpy(zero_copy_only=False)
    abandoned = pc.fill_null(m["abandoned"], False).to_numpy(zero_copy_only=False)
    phone = pc.equal(m["channel"], QUEUED_BY_CALL).to_numpy(zero_copy_only=False)
    return np.where(phone, np.where(abandoned, 0, calls), replies).astype(np.int64)


def _requester_wait(
    m: pa.Table, spans: pa.Table, solved_at: np.ndarray, calendars: TicketCalendars
) -> tuple[np.ndarray, np.ndarray]:
    """Time in new, open and on-hold until the last solve, for resolved tickets."""
    rows = pc.index_in(spans["ticket_id"], m["ticket_id"]).to_numpy(zero_copy_only=False)
    starts, ends = instants(spans, "start_at"), instants(spans, "end_at")
    waiting = pc.is_in(spans["status"], pa.array(WAITING)).to_numpy(zero_copy_only=False)
    found = ~np.isnan(rows.astype(float))
    rows = np.where(found, rows, 0).astype(np.int64)
    limit = solved_at[rows]
    keep = found & waiting & ~np.isnat(ends) & ~np.isnat(limit) & (ends <= limit)
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    size = m.num_rows
    calendar = np.bincount(rows, weights=calendar_seconds(starts, ends), minlength=size)
    business = np.bincount(rows, weights=calendars.seconds(rows, starts, ends), minlength=size)
    return (
        np.where(np.isnat(solved_at), np.nan, calendar),
        np.where(np.isnat(solved_at), np.nan, business),
    )


def dimensions_of(m: pa.Table, ticket_ids: pa.Array) -> tuple[np.ndarray, dict[str, pa.Array]]:
    """Row positions in ``m`` of ``ticket_ids`` and the ticket dimensions at those rows."""
    rows = pc.index_in(ticket_ids, m["ticket_id"])
    taken = {name: pc.take(m[name], rows) for name in (*DIMENSIONS, "assignee_id")}
    return rows.to_numpy(zero_copy_only=False), taken


def with_dimensions(m: pa.Table, table: pa.Table, *, agent_from_assignee: bool) -> pa.Table:
    _rows, dims = dimensions_of(m, table["ticket_id"])
    columns: dict[str, pa.Array] = {"ticket_id": table["ticket_id"]}
    columns.update({name: dims[name] for name in DIMENSIONS})
    if agent_from_assignee:
        columns["agent_id"] = dims["assignee_id"]
    for name in table.column_names:
        if name != "ticket_id":
            columns[name] = table[name]
    return pa.table(columns)


def epochs(table: pa.Table, column: str) -> np.ndarray:
    """Seconds since 1970 (what KPI queries subtract, identically on every backend)."""
    return instants(table, column).astype(np.int64) / 1_000_000


def activity_facts(m: pa.Table, activity: pa.Table) -> pa.Table:
    table = with_dimensions(m, activity, agent_from_assignee=False)
    table = table.append_column("started_epoch", pa.array(epochs(activity, "started_at")))
    return table.append_column("ended_epoch", pa.array(epochs(activity, "ended_at")))


def reply_facts(m: pa.Table, pairs: pa.Table, calendars: TicketCalendars) -> pa.Table:
    rows, _ = dimensions_of(m, pairs["ticket_id"])
    starts, ends = instants(pairs, "waiting_since"), instants(pairs, "replied_at")
    table = with_dimensions(m, pairs, agent_from_assignee=False)
    table = table.append_column("seconds", pa.array(calendar_seconds(starts, ends)))
    business = calendars.seconds(rows.astype(np.int64), starts, ends)
    return table.append_column("business_seconds", pa.array(business))


def backlog_spans(m: pa.Table, spans: pa.Table) -> pa.Table:
    open_spans = spans.filter(pc.invert(pc.is_in(spans["status"], pa.array(RESOLVED))))
    table = with_dimensions(m, open_spans, agent_from_assignee=True)
    rows = pc.index_in(open_spans["ticket_id"], m["ticket_id"])
    created = pc.take(m["created_at"], rows)
    table = table.append_column("created_at", created)
    created_epoch = created.to_numpy(zero_copy_only=False).astype("datetime64[us]")
    return table.append_column(
        "created_epoch", pa.array(created_epoch.astype(np.int64) / 1_000_000)
    )


def _arrow(columns: dict[str, object]) -> pa.Table:
    return pa.table({name: _array(value) for name, value in columns.items()})


def _array(value: object) -> pa.Array:
    if isinstance(value, pa.ChunkedArray | pa.Array):
        return value
    return pa.array(value)
