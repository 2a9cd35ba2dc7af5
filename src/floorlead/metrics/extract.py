"""Reading the operational database in bulk: DB-API cursors straight into Arrow columns.

The sync reads the tables documented in docs/data-model.md with plain SQL (no ORM objects):
new events by id, changed tickets by ``updated_at``, and the small tables whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine

from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.sla import PolicyValue

FETCH_ROWS = 50_000
TICKET_BATCH_ROWS = 250_000

EVENT_COLUMNS = """id, ticket_id, kind, occurred_at, recorded_at, actor_id, via, from_value,
    to_value, segment_kind, segment_start, segment_end, survey, rating,
    CASE WHEN kind = 'satisfaction' THEN body END,
    CASE WHEN body <> '' THEN 1 ELSE 0 END,
    CASE WHEN kind = 'created' THEN data END"""

EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("ticket_id", pa.int64()),
        ("kind", pa.string()),
        ("occurred_at", pa.timestamp("us")),
        ("recorded_at", pa.timestamp("us")),
        ("actor_id", pa.int64()),
        ("via", pa.string()),
        ("from_value", pa.string()),
        ("to_value", pa.string()),
        ("segment_kind", pa.string()),
        ("segment_start", pa.timestamp("us")),
        ("segment_seconds", pa.float64()),
        ("survey", pa.string()),
        ("rating", pa.int64()),
        ("comment", pa.string()),
        ("has_body", pa.bool_()),
        ("wait_seconds", pa.float64()),
        ("abandoned", pa.bool_()),
    ]
)
TICKET_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("channel", pa.string()),
        ("priority", pa.string()),
        ("category", pa.string()),
        ("status", pa.string()),
        ("customer_tier", pa.string()),
        ("assignee_id", pa.int64()),
        ("team_id", pa.int64()),
        ("created_at", pa.timestamp("us")),
        ("updated_at", pa.timestamp("us")),
    ]
)
PEOPLE_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("name", pa.string()),
        ("role", pa.string()),
        ("team_id", pa.int64()),
        ("hire_date", pa.date32()),
        ("leave_date", pa.date32()),
        ("hourly_cost", pa.float64()),
    ]
)
TEAM_SCHEMA = pa.schema([("id", pa.int64()), ("name", pa.string()), ("kind", pa.string())])

TICKET_SELECT = """SELECT t.id, t.channel, t.priority, t.category, t.status, c.tier,
    t.assignee_id, t.team_id, t.created_at, t.updated_at
    FROM tickets t JOIN customers c ON c.id = t.requester_id"""


class Reader:
    """Plain SQL on the operational database, with the driver's own parameter style."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [row for batch in self.batches(sql, params) for row in batch]

    def batches(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query, a fetch at a time (so big reads stay small in memory)."""
        sql = sql.replace("?", self.mark)
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, tuple(params))
            while batch := cursor.fetchmany(FETCH_ROWS):
                yield batch
            cursor.close()
        finally:
            connection.close()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def events_after(self, last_id: int, limit: int) -> pa.Table:
        sql = f"SELECT {EVENT_COLUMNS} FROM ticket_events WHERE id > ? ORDER BY id LIMIT ?"
        parts = [event_table(batch) for batch in self.batches(sql, (last_id, limit))]
        return pa.concat_tables(parts) if parts else event_table([])

    def events_recorded_since(self, since: datetime, up_to_id: int) -> pa.Table:
        """Events at or below the watermark recorded lately: a late commit may have been missed.

        Filtered on ``recorded_at`` alone (its index finds the few recent rows), then on id.
        """
        sql = f"SELECT {EVENT_COLUMNS} FROM ticket_events WHERE recorded_at >= ?"
        recent = event_table(self.rows(sql, (self._time(since),)))
        return recent.filter(pc.less_equal(recent["id"], up_to_id))

    def ticket_batches(self, since: datetime | None, after_id: int) -> Iterator[pa.Table]:
        """Tickets changed since ``since`` or added after ``after_id`` (all when ``since`` is
        None), as Arrow tables of at most a few hundred thousand rows."""
        if since is None:
            sql, params = TICKET_SELECT, ()
        else:  # a union, so that each side can use its own index
            sql = f"{TICKET_SELECT} WHERE t.updated_at >= ? UNION {TICKET_SELECT} WHERE t.id > ?"
            params = (self._time(since), after_id)
        rows: list[tuple[Any, ...]] = []
        for batch in self.batches(sql, params):
            rows.extend(batch)
            if len(rows) >= TICKET_BATCH_ROWS:
                yield ticket_table(rows)
                rows = []
        if rows:
            yield ticket_table(rows)

    def tickets_by_id(self, ids: Iterable[int]) -> pa.Table:
        wanted = sorted(set(ids))
        parts = [
            ticket_table(self.rows(f"{TICKET_SELECT} WHERE t.id IN ({_marks(chunk)})", chunk))
            for chunk in _chunks(wanted, 5_000)
        ]
        return pa.concat_tables(parts) if parts else ticket_table([])

    def people(self) -> pa.Table:
        sql = "SELECT id, name, role, team_id, hire_date, leave_date, hourly_cost FROM people"
        rows = [(*row[:4], _day(row[4]), _day(row[5]), float(row[6])) for row in self.rows(sql)]
        return _table(rows, PEOPLE_SCHEMA)

    def teams(self) -> pa.Table:
        return _table(self.rows("SELECT id, name, kind FROM teams"), TEAM_SCHEMA)

    def _time(self, value: datetime) -> Any:
        value = value.astimezone(UTC)
        if self.engine.dialect.name == "sqlite":
            return value.replace(tzinfo=None).isoformat(sep=" ")
        return value


@dataclass(frozen=True)
class ServiceRules:
    """Calendars and SLA policies as rule values, plus a fingerprint of their stored form."""

    calendars: dict[str, BusinessHours]  # by calendar name
    policies: list[PolicyValue]
    fingerprint: str


def read_service_rules(reader: Reader) -> ServiceRules:
    holidays: dict[int, list[date]] = {}
    for calendar_id, day in reader.rows("SELECT calendar_id, day FROM holidays"):
        holidays.setdefault(calendar_id, []).append(_day(day))
    by_id: dict[int, tuple[str, BusinessHours]] = {}
    for cid, name, zone, weekly in reader.rows(
        "SELECT id, name, time_zone, weekly_hours FROM business_calendars ORDER BY id"
    ):
        weekly = json.loads(weekly) if isinstance(weekly, str) else weekly
        by_id[cid] = (name, BusinessHours.from_json(zone, weekly, holidays.get(cid, [])))
    targets: dict[int, dict[tuple[str, str], int]] = {}
    for policy_id, priority, metric, minutes in reader.rows(
        "SELECT policy_id, priority, metric, minutes FROM sla_targets"
    ):
        targets.setdefault(policy_id, {})[(priority, metric)] = int(minutes)
    policies = [
        PolicyValue(
            id=pid,
            name=name,
            targets=targets.get(pid, {}),
            hours=by_id[calendar_id][1] if calendar_id in by_id else None,
            pause_statuses=frozenset(json.loads(pause) if isinstance(pause, str) else pause),
            customer_tier=tier,
            channel=channel,
            position=position,
        )
        for pid, name, position, tier, channel, calendar_id, pause in reader.rows(
            "SELECT id, name, position, customer_tier, channel, calendar_id, pause_statuses "
            "FROM sla_policies WHERE active = ? ORDER BY position, id",
            (True,),
        )
    ]
    fingerprint = json.dumps(
        [
            sorted(
                (name, hours.time_zone, hours.to_json(), sorted(map(str, hours.holidays)))
                for name, hours in by_id.values()
            ),
            [
                (
                    p.id,
                    p.position,
                    p.customer_tier,
                    p.channel,
                    sorted(p.pause_statuses),
                    sorted((k[0], k[1], v) for k, v in p.targets.items()),
                    p.hours.time_zone if p.hours else None,
                )
                for p in policies
            ],
        ],
        default=str,
    )
    calendars = dict(by_id.values())
    return ServiceRules(calendars=calendars, policies=policies, fingerprint=fingerprint)


def event_table(rows: list[tuple[Any, ...]]) -> pa.Table:
    if not rows:
        return EVENT_SCHEMA.empty_table()
    columns = list(zip(*rows, strict=True))
    start, end = _timestamps(columns[10]), _timestamps(columns[11])
    seconds = pc.divide(pc.cast(pc.subtract(end, start), pa.int64()), 1_000_000.0)
    waits, abandons = _queue_facts(columns[16])
    arrays = [
        pa.array(columns[0], pa.int64()),
        pa.array(columns[1], pa.int64()),
        pa.array(columns[2], pa.string()),
        _timestamps(columns[3]),
        _timestamps(columns[4]),
        pa.array(columns[5], pa.int64()),
        *(pa.array(columns[i], pa.string()) for i in (6, 7, 8, 9)),
        start,
        seconds,
        pa.array(columns[12], pa.string()),
        pa.array(columns[13], pa.int64()),
        pa.array(columns[14], pa.string()),
        pa.array([bool(value) for value in columns[15]], pa.bool_()),
        pa.array(waits, pa.float64()),
        pa.array(abandons, pa.bool_()),
    ]
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def ticket_table(rows: list[tuple[Any, ...]]) -> pa.Table:
    if not rows:
        return TICKET_SCHEMA.empty_table()
    columns = list(zip(*rows, strict=True))
    arrays = [
        pa.array(columns[0], pa.int64()),
        *(pa.array(columns[i], pa.string()) for i in range(1, 6)),
        pa.array(columns[6], pa.int64()),
        pa.array(columns[7], pa.int64()),
        _timestamps(columns[8]),
        _timestamps(columns[9]),
    ]
    return pa.Table.from_arrays(arrays, schema=TICKET_SCHEMA)


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)],
        schema=schema,
    )


def _timestamps(values: Sequence[Any]) -> pa.Array:
    """SQLite gives text, PostgreSQL aware datetimes: both become naive UTC microseconds."""
    sample = next((value for value in values if value is not None), None)
    if isinstance(sample, datetime):
        return pa.array(values, pa.timestamp("us", tz="UTC")).cast(pa.timestamp("us"))
    return pa.array(values, pa.string()).cast(pa.timestamp("us"))


def _queue_facts(data: Sequence[Any]) -> tuple[list[float | None], list[bool | None]]:
    """``wait_seconds`` and ``abandoned`` from the JSON of created events (None elsewhere)."""
    waits: list[float | None] = [None] * len(data)
    abandons: list[bool | None] = [None] * len(data)
    for index, value in enumerate(data):
        if not value:
            continue
        parsed = json.loads(value) if isinstance(value, str) else value
        wait, abandoned = parsed.get("wait_seconds"), parsed.get("abandoned")
        waits[index] = float(wait) if wait is not None else None
        abandons[index] = bool(abandoned) if abandoned is not None else None
    return waits, abandons


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
