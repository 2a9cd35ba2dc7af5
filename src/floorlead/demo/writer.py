"""Writing a simulation into the operational database with bulk inserts.

Ids are assigned by the simulator (tickets in arrival order, events in ticket order), rows go
in with ``executemany`` in chunks, one transaction per chunk. On PostgreSQL the id sequences
are moved past the inserted ids afterwards, so the application can keep adding rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    Table,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from floorlead.demo.reference import ReferenceData
from floorlead.demo.rows import customer_rows, people_rows, reference_rows, skill_rows, team_rows
from floorlead.demo.simulator import Simulation
from floorlead.storage.models import metadata

CHUNK = 5_000
DEMO_TABLES = (
    "teams", "people", "skills", "person_skills", "customers", "business_calendars", "holidays",
    "sla_policies", "sla_targets", "escalation_rules", "approval_limits", "tickets",
    "ticket_events", "approval_requests",
)  # fmt: skip
SEQUENCED = tuple(name for name in DEMO_TABLES if name != "person_skills")


@dataclass(frozen=True)
class DemoPasswords:
    """Argon2 hashes: one for the admin, one shared by every other demo person."""

    admin_hash: str
    staff_hash: str


@dataclass(frozen=True)
class DemoSummary:
    people: int
    customers: int
    tickets: int
    events: int
    approvals: int


def table(name: str) -> Table:
    return metadata.tables[name]


def has_data(engine: Engine) -> bool:
    """Does the database already hold people, customers or tickets?"""
    with engine.connect() as conn:
        return any(
            conn.execute(select(table(name).c.id).limit(1)).first() is not None
            for name in ("people", "customers", "tickets")
        )


def wipe(engine: Engine) -> None:
    """Delete every row of every floorlead table (for ``demo --reset``)."""
    tables = list(reversed(metadata.sorted_tables))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        conn.execute(update(table("teams")).values(supervisor_id=None))
        for each in tables:
            conn.execute(delete(each))


def write_simulation(
    engine: Engine,
    simulation: Simulation,
    passwords: DemoPasswords,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Write everything the simulation generates; ``on_batch`` hears how many tickets went in."""
    people = _write_organisation(engine, simulation, passwords)
    customers = _insert(engine, "customers", customer_rows(simulation.customers))
    _write_reference(engine, simulation.reference, simulation.timeline.start)
    tickets = events = approvals = 0
    for batch in simulation.batches():
        with engine.begin() as conn:
            _bulk_insert(conn, "tickets", batch.tickets)
            _bulk_insert(conn, "ticket_events", batch.events)
            _bulk_insert(conn, "approval_requests", batch.approvals)
        tickets, events = tickets + len(batch.tickets), events + len(batch.events)
        approvals += len(batch.approvals)
        if on_batch is not None:
            on_batch(len(batch.tickets))
    _advance_sequences(engine)
    return DemoSummary(people, customers, tickets, events, approvals)


def _write_organisation(engine: Engine, simulation: Simulation, passwords: DemoPasswords) -> int:
    org, timeline = simulation.organisation, simulation.timeline
    with engine.begin() as conn:
        _execute(conn, "teams", team_rows(org, timeline.start))
        _execute(conn, "skills", skill_rows(org))
        rows = people_rows(org, timeline, passwords.admin_hash, passwords.staff_hash)
        _execute(conn, "people", rows)
        for team_id, person_id in org.supervisor_ids.items():
            teams = table("teams")
            conn.execute(update(teams).where(teams.c.id == team_id).values(supervisor_id=person_id))
        _execute(
            conn,
            "person_skills",
            [
                {"person_id": p.id, "skill_id": org.skill_ids[name], "level": level}
                for p in org.people
                for name, level in p.skills
            ],
        )
    return len(rows)


def _write_reference(engine: Engine, reference: ReferenceData, created_at: datetime) -> None:
    with engine.begin() as conn:
        for name, rows in reference_rows(reference, created_at).items():
            _execute(conn, name, rows)


def _insert(engine: Engine, name: str, rows: list[Mapping[str, Any]]) -> int:
    for first in range(0, len(rows), CHUNK):
        with engine.begin() as conn:
            _execute(conn, name, rows[first : first + CHUNK])
    return len(rows)


def _execute(conn: Connection, name: str, rows: Iterable[Mapping[str, Any]]) -> None:
    rows = list(rows)
    if rows:
        conn.execute(insert(table(name)), rows)


def _bulk_insert(conn: Connection, name: str, records: Sequence[Any]) -> None:
    """Insert records (slot names = column names) in bulk: the driver's executemany with a
    statement compiled by SQLAlchemy, or COPY on PostgreSQL.

    Every value goes through its column type's bind processor, as ``conn.execute(insert(table),
    rows)`` would, but without the per-row bookkeeping, and values that repeat (timestamps,
    small JSON objects) are processed once.
    """
    if not records:
        return
    dialect, keys = conn.dialect, list(records[0].__slots__)
    rows = _processed_rows(dialect, table(name), keys, records)
    if dialect.name == "postgresql":
        _copy(conn, name, keys, rows)
        return
    statement = insert(table(name)).compile(dialect=dialect, column_keys=keys)
    if dialect.positional:
        conn.exec_driver_sql(str(statement), [tuple(row) for row in rows])
    else:
        conn.exec_driver_sql(str(statement), [dict(zip(keys, row, strict=True)) for row in rows])


def _processed_rows(
    dialect: Dialect, target: Table, keys: list[str], records: Sequence[Any]
) -> list[list[Any]]:
    """The records' values in ``keys`` order, through their columns' bind processors."""
    shared: dict[str, Callable[[Any], Any]] = {}
    processors = []
    for n, key in enumerate(keys):
        column_type = target.c[key].type
        processor = column_type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((n, shared.setdefault(repr(column_type), _memoised(processor))))
    values = attrgetter(*keys)
    rows = []
    for record in records:
        row = list(values(record))
        for n, processor in processors:
            row[n] = processor(row[n])
        rows.append(row)
    return rows


def _copy(conn: Connection, name: str, keys: list[str], rows: list[list[Any]]) -> None:
    """PostgreSQL's COPY, through the connection's own psycopg cursor and transaction."""
    columns = ", ".join(f'"{key}"' for key in keys)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``processor`` remembering its results for datetimes and flat dictionaries."""
    cache: dict[Any, Any] = {}

    def process(value: Any) -> Any:
        if value.__class__ is datetime:
            key: Any = value
        elif value.__class__ is dict:
            key = tuple((name, item.__class__, item) for name, item in value.items())
        else:
            return processor(value)
        try:
            return cache[key]
        except KeyError:
            result = cache[key] = processor(value)
            return result
        except TypeError:  # a nested, unhashable value
            return processor(value)

    return process


def _advance_sequences(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for name in SEQUENCED:
            highest = conn.execute(select(func.max(table(name).c.id))).scalar()
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value, :called)"),
                {"table": name, "value": highest or 1, "called": highest is not None},
            )
