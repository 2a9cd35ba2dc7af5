"""Reading the workforce tables for the KPI engine: published shifts and agent states.

Shifts of published schedules are read whole at each sync (a few rows per agent and day) with
their unpaid activities; the sync compares them with the shift facts it stored last time.
Agent states are read per person from the start of the last state already seen: states
arrive in time order per person and only the current one changes (when it ends), so that
read finds every new or changed row, one committed late included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from floorlead.metrics.extract import Reader
from floorlead.workforce.adherence import ScheduledShift

PEOPLE_PER_QUERY = 50  # people per states query (a first sync holds their states in memory)
SHIFTS_SQL = """SELECT s.id, s.person_id, s.schedule_id, s.start, s."end"
    FROM scheduled_shifts s JOIN schedules c ON c.id = s.schedule_id
    WHERE c.status = 'published'"""
ACTIVITIES_SQL = """SELECT a.shift_id, a.kind, a.start, a."end" FROM scheduled_activities a
    JOIN scheduled_shifts s ON s.id = a.shift_id JOIN schedules c ON c.id = s.schedule_id
    WHERE c.status = 'published'"""
STATES_SQL = "SELECT id, person_id, state, started_at, ended_at FROM agent_states WHERE "
# The activities that are not paid time, as adherence and shrinkage count them (lunch).
UNPAID: frozenset[str] = frozenset(
    kind.value for kind in next(f for f in fields(ScheduledShift) if f.name == "unpaid").default
)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class ShiftRow:
    """A published shift and its paid spans (the shift less its unpaid activities)."""

    id: int
    person_id: int
    schedule_id: int
    start: datetime
    end: datetime
    paid: tuple[Interval, ...]

    @property
    def paid_seconds(self) -> float:
        return sum((b - a).total_seconds() for a, b in self.paid)

    @property
    def key(self) -> tuple[int, int, float, float, float]:
        """What the sync compares with the stored facts to find changed shifts."""
        return (
            self.person_id,
            self.schedule_id,
            self.start.timestamp(),
            self.end.timestamp(),
            self.paid_seconds,
        )


@dataclass(frozen=True)
class StateRow:
    """One agent state; ``end`` is None while it is the agent's current state."""

    id: int
    person_id: int
    state: str
    start: datetime
    end: datetime | None


def published_shifts(reader: Reader) -> list[ShiftRow]:
    unpaid: dict[int, list[Interval]] = {}
    for shift_id, kind, start, end in reader.rows(ACTIVITIES_SQL):
        if kind in UNPAID:
            unpaid.setdefault(shift_id, []).append((moment(start), moment(end)))
    shifts = []
    for shift_id, person_id, schedule_id, start, end in reader.rows(SHIFTS_SQL):
        begin, finish = moment(start), moment(end)
        paid = paid_spans(begin, finish, unpaid.get(shift_id, []))
        shifts.append(ShiftRow(shift_id, person_id, schedule_id, begin, finish, paid))
    return shifts


def paid_spans(start: datetime, end: datetime, unpaid: Iterable[Interval]) -> tuple[Interval, ...]:
    """[start, end) less the unpaid intervals (which may overlap or stick out)."""
    spans: list[Interval] = []
    cursor = start
    for a, b in sorted(unpaid):
        a, b = max(a, start), min(b, end)
        if a > cursor:
            spans.append((cursor, a))
        cursor = max(cursor, b)
    if end > cursor:
        spans.append((cursor, end))
    return tuple(spans)


def people(reader: Reader) -> list[int]:
    return [int(row[0]) for row in reader.rows("SELECT id FROM people ORDER BY id")]


def states_since(
    reader: Reader, marks: Mapping[int, datetime], person_ids: Sequence[int]
) -> Iterator[tuple[list[int], list[StateRow]]]:
    """Per batch of people: their states starting at or after their mark (all without one)."""
    for start in range(0, len(person_ids), PEOPLE_PER_QUERY):
        batch = list(person_ids[start : start + PEOPLE_PER_QUERY])
        terms, params = [], []
        for pid in batch:
            if pid in marks:
                terms.append("(person_id = ? AND started_at >= ?)")
                params += [pid, _param(reader, marks[pid])]
            else:
                terms.append("person_id = ?")
                params.append(pid)
        sql = STATES_SQL + " OR ".join(terms) + " ORDER BY person_id, started_at, id"
        yield batch, [state_row(row) for row in reader.rows(sql, params)]


def states_between(
    reader: Reader, person_id: int, start: datetime, end: datetime
) -> list[StateRow]:
    """The person's states overlapping [start, end), in time order."""
    sql = STATES_SQL + (
        "person_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?) "
        "ORDER BY started_at, id"
    )
    params = (person_id, _param(reader, end), _param(reader, start))
    return [state_row(row) for row in reader.rows(sql, params)]


def state_row(row: Sequence[Any]) -> StateRow:
    state_id, person_id, state, started, ended = row
    end = moment(ended) if ended is not None else None
    return StateRow(int(state_id), int(person_id), str(state), moment(started), end)


def moment(value: Any) -> datetime:
    """SQLite gives naive UTC text, PostgreSQL aware datetimes: both become aware UTC."""
    found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def _param(reader: Reader, value: datetime) -> Any:
    value = value.astimezone(UTC)
    if reader.engine.dialect.name == "sqlite":  # as SQLAlchemy stores it: always microseconds
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value
