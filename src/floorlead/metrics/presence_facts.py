"""Workforce facts: signed-in agent states cut at UTC midnights, and each shift's attendance.

A shift's attendance is :func:`floorlead.workforce.adherence.attendance`, the rule of the
adherence page, so both say the same about a shift: signed-in states from two hours before
the shift to its end count; no such state is an absence; a late start or an early leave
within the two-minute grace is not counted. The sync stores the instants it found, so the
KPI views can tell what had happened at any ``as_of``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta

import pyarrow as pa

from floorlead.metrics.workforce_extract import ShiftRow, StateRow
from floorlead.workforce.adherence import AgentState, ScheduledShift, Span, attendance

SIGN_IN_WINDOW = timedelta(hours=2)  # how early ``attendance`` starts looking for a sign-in
OFFLINE = AgentState.OFFLINE.value
SIGNED_IN = frozenset(state.value for state in AgentState) - {OFFLINE}
TIMESTAMP = pa.timestamp("us")

STATE_FACTS = pa.schema(
    [
        ("state_id", pa.int64()),
        ("agent_id", pa.int64()),
        ("state", pa.string()),
        ("started_at", TIMESTAMP),
        ("start_epoch", pa.float64()),
        ("end_epoch", pa.float64()),
        ("day_end_epoch", pa.float64()),
    ]
)
SHIFT_FACTS = pa.schema(
    [
        ("shift_id", pa.int64()),
        ("agent_id", pa.int64()),
        ("schedule_id", pa.int64()),
        ("start_at", TIMESTAMP),
        ("end_at", TIMESTAMP),
        ("start_epoch", pa.float64()),
        ("end_epoch", pa.float64()),
        ("paid_seconds", pa.float64()),
        ("first_sign_in_at", TIMESTAMP),
        ("first_sign_in_epoch", pa.float64()),
        ("last_sign_out_at", TIMESTAMP),
        ("late_seconds", pa.float64()),
        ("early_leave_seconds", pa.float64()),
    ]
)
PAID_SPANS = pa.schema(
    [("shift_id", pa.int64()), ("start_epoch", pa.float64()), ("end_epoch", pa.float64())]
)

SQL_TYPES = {
    pa.int64(): "BIGINT",
    pa.string(): "TEXT",
    pa.float64(): "DOUBLE PRECISION",
    TIMESTAMP: "TIMESTAMP",
}
# The workforce fact tables of the analytics store, kept in step by their own keys.
WORKFORCE_TABLES: dict[str, str] = {
    name: ", ".join(f"{field.name} {SQL_TYPES[field.type]}" for field in schema)
    for name, schema in (
        ("state_facts", STATE_FACTS),
        ("shift_facts", SHIFT_FACTS),
        ("shift_paid_spans", PAID_SPANS),
    )
}


def state_pieces(states: Iterable[StateRow], now: datetime) -> pa.Table:
    """Signed-in states (all known states but offline), one row per UTC day they touch.

    A current state runs to ``now``: its last piece has no end (the views end it at
    ``as_of``, within its day).
    """
    rows: list[tuple[object, ...]] = []
    for s in states:
        if s.state not in SIGNED_IN or (s.end is not None and s.end <= s.start):
            continue
        limit = s.end if s.end is not None else max(now, s.start)
        cursor = s.start
        while True:
            day_end = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=UTC)
            if limit <= day_end:
                end = s.end.timestamp() if s.end is not None else None
                rows.append(_piece(s, cursor, end, day_end))
                break
            rows.append(_piece(s, cursor, day_end.timestamp(), day_end))
            cursor = day_end
    return _table(rows, STATE_FACTS)


def _piece(
    s: StateRow, start: datetime, end: float | None, day_end: datetime
) -> tuple[object, ...]:
    return (s.id, s.person_id, s.state, _naive(start), start.timestamp(), end, day_end.timestamp())


def signed_in_spans(states: Sequence[StateRow], now: datetime) -> list[Span[AgentState]]:
    """A person's states as time-ordered spans (a current one running to ``now``).

    Overlapping rows, which the workforce service never writes, are cut so that the later
    state starts when the earlier one ends; a state name the workforce area does not know is
    left out.
    """
    spans: list[Span[AgentState]] = []
    known = [s for s in states if s.state in SIGNED_IN or s.state == OFFLINE]
    for s in sorted(known, key=lambda s: (s.start, s.id)):
        start = max(s.start, spans[-1].end) if spans else s.start
        end = s.end if s.end is not None else max(now, s.start + timedelta(microseconds=1))
        if end > start:
            spans.append(Span(start, end, AgentState(s.state)))
    return spans


def shift_facts(
    shifts: Sequence[ShiftRow], states: Sequence[StateRow], now: datetime
) -> tuple[pa.Table, pa.Table]:
    """The facts and paid spans of one person's shifts, given their states around them."""
    spans = signed_in_spans(states, now)
    starts = [s.start for s in spans]
    ends = [s.end for s in spans]
    still_in = next((s.start for s in states if s.end is None and s.state in SIGNED_IN), None)
    facts: list[tuple[object, ...]] = []
    paid: list[tuple[object, ...]] = []
    for shift in shifts:
        low = bisect_right(ends, shift.start - SIGN_IN_WINDOW)
        high = bisect_left(starts, shift.end)
        found = attendance(ScheduledShift(shift.start, shift.end), spans[low:high])
        signed_in = not found.absent
        open_now = signed_in and still_in is not None and still_in < shift.end
        first = found.first_sign_in
        last = None if open_now or not signed_in else found.last_sign_out
        facts.append(
            (
                shift.id,
                shift.person_id,
                shift.schedule_id,
                _naive(shift.start),
                _naive(shift.end),
                shift.start.timestamp(),
                shift.end.timestamp(),
                shift.paid_seconds,
                _naive(first) if first else None,
                first.timestamp() if first else None,
                _naive(last) if last else None,
                found.late_seconds,
                0.0 if open_now else found.early_leave_seconds,
            )
        )
        paid += [(shift.id, a.timestamp(), b.timestamp()) for a, b in shift.paid]
    return _table(facts, SHIFT_FACTS), _table(paid, PAID_SPANS)


def _naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _table(rows: list[tuple[object, ...]], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    arrays = [pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)
