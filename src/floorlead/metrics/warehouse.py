"""Where the canonical tables live: an embedded DuckDB file, or a schema of PostgreSQL.

Both stores hold the same derived fact tables (:data:`FACT_TABLES`) and a ``sync_state``
table, and offer the same small interface to the sync and the KPI engine. They differ in the
raw tables (``src_events``, ``src_tickets``, ``src_people``, ``src_teams``): DuckDB keeps
copies that the sync appends to, PostgreSQL reads the operational tables through temporary
views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import duckdb
import ibis
import pyarrow as pa
import pyarrow.compute as pc
from ibis.backends import BaseBackend

from floorlead.metrics import file_turns
from floorlead.metrics.presence_facts import WORKFORCE_TABLES

RAW_TABLES: dict[str, str] = {
    "src_events": "id BIGINT, ticket_id BIGINT, kind TEXT, occurred_at TIMESTAMP, "
    "recorded_at TIMESTAMP, actor_id BIGINT, via TEXT, from_value TEXT, to_value TEXT, "
    "segment_kind TEXT, segment_start TIMESTAMP, segment_seconds DOUBLE PRECISION, survey TEXT, "
    "rating BIGINT, comment TEXT, has_body BOOLEAN, wait_seconds DOUBLE PRECISION, "
    "abandoned BOOLEAN",
    "src_tickets": "id BIGINT, channel TEXT, priority TEXT, category TEXT, status TEXT, "
    "customer_tier TEXT, assignee_id BIGINT, team_id BIGINT, created_at TIMESTAMP, "
    "updated_at TIMESTAMP",
    "src_people": "id BIGINT, name TEXT, role TEXT, team_id BIGINT, hire_date DATE, "
    "leave_date DATE, hourly_cost DOUBLE PRECISION",
    "src_teams": "id BIGINT, name TEXT, kind TEXT",
}

_DIMS = "channel TEXT, priority TEXT, category TEXT, customer_tier TEXT, team_id BIGINT"
FACT_TABLES: dict[str, str] = {
    "ticket_facts": f"ticket_id BIGINT, {_DIMS}, assignee_id BIGINT, status TEXT, "
    "is_resolved BOOLEAN, created_at TIMESTAMP, created_via TEXT, abandoned BOOLEAN, "
    "queue_wait_seconds DOUBLE PRECISION, agent_replies BIGINT, customer_messages BIGINT, "
    "touches BIGINT, reopens BIGINT, escalations BIGINT, transfers BIGINT, "
    "survey_responses BIGINT, handle_seconds DOUBLE PRECISION, first_reply_at TIMESTAMP, "
    "first_reply_agent_id BIGINT, first_reply_seconds DOUBLE PRECISION, "
    "first_reply_business_seconds DOUBLE PRECISION, inbound_at TIMESTAMP, "
    "inbound_reply_at TIMESTAMP, inbound_reply_agent_id BIGINT, "
    "inbound_reply_seconds DOUBLE PRECISION, inbound_reply_business_seconds DOUBLE PRECISION, "
    "first_solved_at TIMESTAMP, solved_at TIMESTAMP, resolution_seconds DOUBLE PRECISION, "
    "resolution_business_seconds DOUBLE PRECISION, requester_wait_seconds DOUBLE PRECISION, "
    "requester_wait_business_seconds DOUBLE PRECISION, sla_policy_id BIGINT",
    "reply_facts": f"ticket_id BIGINT, {_DIMS}, agent_id BIGINT, replied_at TIMESTAMP, "
    "waiting_since TIMESTAMP, seconds DOUBLE PRECISION, business_seconds DOUBLE PRECISION",
    "survey_facts": f"event_id BIGINT, ticket_id BIGINT, {_DIMS}, agent_id BIGINT, "
    "responded_at TIMESTAMP, survey TEXT, rating BIGINT, comment TEXT, latest BOOLEAN",
    "activity_facts": f"event_id BIGINT, ticket_id BIGINT, {_DIMS}, agent_id BIGINT, "
    "activity TEXT, started_at TIMESTAMP, ended_at TIMESTAMP, started_epoch DOUBLE PRECISION, "
    "ended_epoch DOUBLE PRECISION, seconds DOUBLE PRECISION",
    "sla_facts": f"ticket_id BIGINT, {_DIMS}, agent_id BIGINT, metric TEXT, "
    "target_minutes BIGINT, state TEXT, started_at TIMESTAMP, due_at TIMESTAMP, "
    "completed_at TIMESTAMP, elapsed_seconds DOUBLE PRECISION, "
    "breached_by_seconds DOUBLE PRECISION",
    "backlog_spans": f"ticket_id BIGINT, {_DIMS}, agent_id BIGINT, created_at TIMESTAMP, "
    "created_epoch DOUBLE PRECISION, status TEXT, start_at TIMESTAMP, end_at TIMESTAMP",
}
STATE_TABLE = "sync_state"
STAGING_SUFFIX = "_next"


class Warehouse(Protocol):
    """The analytics store as the sync and the engine see it."""

    backend: BaseBackend
    copies_raw: bool

    def table(self, name: str) -> ibis.Table: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def append_events(self, rows: pa.Table) -> pa.Table: ...

    def upsert(self, name: str, rows: pa.Table) -> pa.Table: ...

    def replace(self, name: str, rows: pa.Table) -> None: ...

    def replace_facts(
        self, name: str, ticket_ids: pa.Array, rows: pa.Table, *, staging: bool = False
    ) -> None: ...

    def replace_keyed(self, name: str, key: str, ids: pa.Array, rows: pa.Table) -> None: ...

    def begin_rebuild(self) -> None: ...

    def finish_rebuild(self) -> None: ...

    def readers(self) -> list[tuple[BaseBackend, Callable[[str], ibis.Table]]]: ...

    def stage(self, name: str, rows: pa.Table) -> ibis.Table: ...

    def materialise(self, name: str, expr: ibis.Table) -> ibis.Table: ...

    def drop_temporary(self, name: str) -> None: ...

    def state(self) -> dict[str, str]: ...

    def save_state(self, values: dict[str, str]) -> None: ...

    def compact(self) -> None: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...


class DuckDBWarehouse:
    """The embedded analytics file: raw copies plus derived facts, one writer at a time."""

    copies_raw = True

    def __init__(self, path: Path | str, *, memory_limit: str = "768MB", threads: int = 2) -> None:
        self._file = None if str(path) == ":memory:" else Path(path)
        if self._file is not None:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            file_turns.acquire(self._file)  # other processes wait until close()
        try:
            self.con = duckdb.connect(str(path))
            self.con.execute("SET TimeZone = 'UTC'")
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
            self.con.execute(f"SET threads = {int(threads)}")
            # Fold the write-ahead log into the file every ~256 MB rather than every 16 MB, so
            # an incremental sync commits by appending to the log (the file is complete on
            # close).
            self.con.execute("SET checkpoint_threshold = '256MB'")
            self._create()
        except BaseException:
            if hasattr(self, "con"):
                self.con.close()
            self._release_file()
            raise
        self.backend = ibis.duckdb.from_connection(self.con)
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._readers: list[BaseBackend] = []

    def _create(self) -> None:
        for name, columns in {**RAW_TABLES, **FACT_TABLES, **WORKFORCE_TABLES}.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        self.con.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key TEXT, value TEXT)")

    def table(self, name: str) -> ibis.Table:
        return self.backend.table(name)

    def readers(self) -> list[tuple[BaseBackend, Callable[[str], ibis.Table]]]:
        """Two extra connections to the same file, so two KPI queries can run at once."""
        if not self._cursors:
            self._cursors = [self.con.cursor() for _ in range(2)]
            self._readers = [ibis.duckdb.from_connection(cursor) for cursor in self._cursors]
        return [(backend, backend.table) for backend in self._readers]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def append_events(self, rows: pa.Table) -> pa.Table:
        """Add the events not stored yet (a re-read overlap is skipped by id); returns them."""
        if rows.num_rows == 0:
            return rows
        low = pc.min(rows["id"]).as_py()
        stored = self.con.execute("SELECT max(id) FROM src_events").fetchall()[0][0]
        if stored is None or low > stored:  # all new: nothing to compare with
            self._insert("src_events", rows)
            return rows
        self.con.register("incoming_events", rows)
        try:
            fresh = self.con.sql(
                "SELECT * FROM incoming_events i WHERE NOT EXISTS "
                "(SELECT 1 FROM src_events e WHERE e.id = i.id AND e.id >= ?)",
                params=[low],
            ).to_arrow_table()
        finally:
            self.con.unregister("incoming_events")
        self._insert("src_events", fresh)
        return fresh.cast(rows.schema)

    def _insert(self, name: str, rows: pa.Table) -> None:
        self.con.register("inserted_rows", rows)
        try:
            self.con.execute(f"INSERT INTO {name} SELECT * FROM inserted_rows")
        finally:
            self.con.unregister("inserted_rows")

    def upsert(self, name: str, rows: pa.Table) -> pa.Table:
        """Store the rows that differ from the stored ones (by id); returns those rows."""
        if rows.num_rows == 0:
            return rows
        self.con.register("incoming_rows", rows)
        try:
            changed = self.con.sql(
                f"SELECT * FROM incoming_rows EXCEPT "
                f"SELECT * FROM {name} WHERE id IN (SELECT id FROM incoming_rows)"
            ).to_arrow_table()
        finally:
            self.con.unregister("incoming_rows")
        self.con.register("changed_rows", changed)
        try:
            self.con.execute(f"DELETE FROM {name} WHERE id IN (SELECT id FROM changed_rows)")
            self.con.execute(f"INSERT INTO {name} SELECT * FROM changed_rows")
        finally:
            self.con.unregister("changed_rows")
        return changed.cast(rows.schema)

    def replace(self, name: str, rows: pa.Table) -> None:
        self.con.register("incoming_rows", rows)
        try:
            self.con.execute(f"DELETE FROM {name}")
            self.con.execute(f"INSERT INTO {name} SELECT * FROM incoming_rows")
        finally:
            self.con.unregister("incoming_rows")

    def replace_facts(
        self, name: str, ticket_ids: pa.Array, rows: pa.Table, *, staging: bool = False
    ) -> None:
        """Replace the fact rows of ``ticket_ids`` (into the rebuild's copy when staging)."""
        target = f"{name}{STAGING_SUFFIX}" if staging else name
        self.con.register("incoming_facts", rows)
        try:
            if not staging:
                self.con.register("changed_ids", pa.table({"ticket_id": ticket_ids}))
                self.con.execute(
                    f"DELETE FROM {target} WHERE ticket_id IN (SELECT ticket_id FROM changed_ids)"
                )
                self.con.unregister("changed_ids")
            columns = ", ".join(rows.column_names)
            self.con.execute(f"INSERT INTO {target} ({columns}) SELECT * FROM incoming_facts")
        finally:
            self.con.unregister("incoming_facts")

    def replace_keyed(self, name: str, key: str, ids: pa.Array, rows: pa.Table) -> None:
        """Replace the rows of ``name`` whose ``key`` is one of ``ids`` by ``rows``."""
        self.con.register("changed_keys", pa.table({"k": ids}))
        self.con.register("incoming_rows", rows)
        try:
            self.con.execute(f"DELETE FROM {name} WHERE {key} IN (SELECT k FROM changed_keys)")
            columns = ", ".join(rows.column_names)
            self.con.execute(f"INSERT INTO {name} ({columns}) SELECT * FROM incoming_rows")
        finally:
            self.con.unregister("changed_keys")
            self.con.unregister("incoming_rows")

    def begin_rebuild(self) -> None:
        """Empty copies of the fact tables, filled chunk by chunk, swapped in at the end."""
        for name, columns in FACT_TABLES.items():
            self.con.execute(f"DROP TABLE IF EXISTS {name}{STAGING_SUFFIX}")
            self.con.execute(f"CREATE TABLE {name}{STAGING_SUFFIX} ({columns})")

    def finish_rebuild(self) -> None:
        """Swap the rebuilt copies in (call inside the transaction that records the rebuild)."""
        for name in FACT_TABLES:
            self.con.execute(f"DROP TABLE {name}")
            self.con.execute(f"ALTER TABLE {name}{STAGING_SUFFIX} RENAME TO {name}")

    def stage(self, name: str, rows: pa.Table) -> ibis.Table:
        """A temporary table holding ``rows`` (e.g. the ids of the tickets to recompute)."""
        self.con.register("staged_rows", rows)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM staged_rows")
        finally:
            self.con.unregister("staged_rows")
        return self.backend.table(name)

    def materialise(self, name: str, expr: ibis.Table) -> ibis.Table:
        sql = ibis.to_sql(expr, dialect="duckdb")
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        return self.backend.table(name)

    def drop_temporary(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def state(self) -> dict[str, str]:
        return dict(self.con.execute(f"SELECT key, value FROM {STATE_TABLE}").fetchall())

    def save_state(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            self.con.execute(f"DELETE FROM {STATE_TABLE} WHERE key = ?", [key])
            self.con.execute(f"INSERT INTO {STATE_TABLE} VALUES (?, ?)", [key, value])

    def compact(self) -> None:
        """Fold the write-ahead log into the file (after a big sync), so later commits are light."""
        self.con.execute("CHECKPOINT")

    def reset(self) -> None:
        for name in [*RAW_TABLES, *FACT_TABLES, *WORKFORCE_TABLES, STATE_TABLE]:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")
        self._create()

    def close(self) -> None:
        try:
            for cursor in self._cursors:
                cursor.close()
            self.con.close()
        finally:
            self._release_file()

    def _release_file(self) -> None:
        if self._file is not None:
            file_turns.release(self._file)
            self._file = None
