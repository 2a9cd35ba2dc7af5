"""The analytics store in PostgreSQL: facts in a schema, raw rows read where they are.

With ``analytics_backend = "operational"`` the same fact tables live in the schema
``floorlead_analytics`` of the operational database, and the raw canonical tables are
temporary views over the operational tables, so nothing is copied but the derived facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ibis
import pyarrow as pa
from ibis.backends import BaseBackend

from floorlead.metrics.warehouse import (
    FACT_TABLES,
    RAW_TABLES,
    STAGING_SUFFIX,
    STATE_TABLE,
    WORKFORCE_TABLES,
)

ANALYTICS_SCHEMA = "floorlead_analytics"

_PG_VIEWS = {
    "src_events": """SELECT id::bigint AS id, ticket_id::bigint AS ticket_id, kind,
        occurred_at AT TIME ZONE 'UTC' AS occurred_at,
        recorded_at AT TIME ZONE 'UTC' AS recorded_at,
        actor_id::bigint AS actor_id, via, from_value, to_value, segment_kind,
        segment_start AT TIME ZONE 'UTC' AS segment_start,
        EXTRACT(EPOCH FROM (segment_end - segment_start))::float8 AS segment_seconds,
        survey, rating::bigint AS rating,
        CASE WHEN kind = 'satisfaction' THEN body END AS comment, body <> '' AS has_body,
        CASE WHEN kind = 'created' THEN (data->>'wait_seconds')::float8 END AS wait_seconds,
        CASE WHEN kind = 'created' THEN (data->>'abandoned')::boolean END AS abandoned
        FROM {schema}.ticket_events""",
    "src_tickets": """SELECT t.id::bigint AS id, t.channel, t.priority, t.category, t.status,
        c.tier AS customer_tier, t.assignee_id::bigint AS assignee_id,
        t.team_id::bigint AS team_id, t.created_at AT TIME ZONE 'UTC' AS created_at,
        t.updated_at AT TIME ZONE 'UTC' AS updated_at
        FROM {schema}.tickets t JOIN {schema}.customers c ON c.id = t.requester_id""",
    "src_people": """SELECT id::bigint AS id, name, role, team_id::bigint AS team_id, hire_date,
        leave_date, hourly_cost::float8 AS hourly_cost FROM {schema}.people""",
    "src_teams": "SELECT id::bigint AS id, name, kind FROM {schema}.teams",
}


class PostgresWarehouse:
    """Facts in a schema of the operational PostgreSQL database; raw rows read in place."""

    copies_raw = False

    def __init__(self, url: str, *, operational_schema: str = "public") -> None:
        import psycopg

        # Autocommit outside ``transaction()``; inside it, one real transaction.
        self.writer = psycopg.connect(url, autocommit=True)
        self._create()
        self.backend = ibis.postgres.from_connection(psycopg.connect(url, autocommit=True))
        with self.backend.con.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
            for name, query in _PG_VIEWS.items():
                body = query.format(schema=operational_schema)
                cursor.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {body}")

    def _create(self) -> None:
        with self.writer.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {ANALYTICS_SCHEMA}")
            for name, columns in {**FACT_TABLES, **WORKFORCE_TABLES}.items():
                cursor.execute(f"CREATE TABLE IF NOT EXISTS {ANALYTICS_SCHEMA}.{name} ({columns})")
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {ANALYTICS_SCHEMA}.{STATE_TABLE} "
                "(key TEXT, value TEXT)"
            )

    def table(self, name: str) -> ibis.Table:
        if name in RAW_TABLES:
            return self.backend.table(name)
        return self.backend.table(name, database=ANALYTICS_SCHEMA)

    def readers(self) -> list[tuple[BaseBackend, Callable[[str], ibis.Table]]]:
        """One connection: PostgreSQL runs the KPI queries one after the other."""
        return [(self.backend, self.table)]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.writer.transaction():
            yield

    def append_events(self, rows: pa.Table) -> pa.Table:
        """Nothing to copy: the events are read where they are (all count as new)."""
        return rows

    def upsert(self, name: str, rows: pa.Table) -> pa.Table:
        """Nothing to copy: raw tables are views of the operational ones."""
        return rows

    def replace(self, name: str, rows: pa.Table) -> None:
        """Nothing to copy: raw tables are views of the operational ones."""

    def replace_facts(
        self, name: str, ticket_ids: pa.Array, rows: pa.Table, *, staging: bool = False
    ) -> None:
        target = f"{ANALYTICS_SCHEMA}.{name}{STAGING_SUFFIX if staging else ''}"
        with self.writer.cursor() as cursor:
            if not staging:
                cursor.execute(
                    f"DELETE FROM {target} WHERE ticket_id = ANY(%s)", [ticket_ids.to_pylist()]
                )
            columns = ", ".join(rows.column_names)
            with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
                for row in zip(*(column.to_pylist() for column in rows.columns), strict=True):
                    copy.write_row(row)

    def replace_keyed(self, name: str, key: str, ids: pa.Array, rows: pa.Table) -> None:
        target = f"{ANALYTICS_SCHEMA}.{name}"
        with self.writer.cursor() as cursor:
            cursor.execute(f"DELETE FROM {target} WHERE {key} = ANY(%s)", [ids.to_pylist()])
            columns = ", ".join(rows.column_names)
            with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
                for row in zip(*(column.to_pylist() for column in rows.columns), strict=True):
                    copy.write_row(row)

    def begin_rebuild(self) -> None:
        with self.writer.cursor() as cursor:
            for name, columns in FACT_TABLES.items():
                cursor.execute(f"DROP TABLE IF EXISTS {ANALYTICS_SCHEMA}.{name}{STAGING_SUFFIX}")
                cursor.execute(
                    f"CREATE TABLE {ANALYTICS_SCHEMA}.{name}{STAGING_SUFFIX} ({columns})"
                )

    def finish_rebuild(self) -> None:
        with self.writer.cursor() as cursor:
            for name in FACT_TABLES:
                cursor.execute(f"DROP TABLE {ANALYTICS_SCHEMA}.{name}")
                cursor.execute(
                    f"ALTER TABLE {ANALYTICS_SCHEMA}.{name}{STAGING_SUFFIX} RENAME TO {name}"
                )

    def stage(self, name: str, rows: pa.Table) -> ibis.Table:
        columns = ", ".join(f"{field.name} BIGINT" for field in rows.schema)
        with self.backend.con.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE TEMP TABLE {name} ({columns})")
            with cursor.copy(f"COPY {name} FROM STDIN") as copy:
                for row in zip(*(column.to_pylist() for column in rows.columns), strict=True):
                    copy.write_row(row)
        return self.backend.table(name)

    def materialise(self, name: str, expr: ibis.Table) -> ibis.Table:
        sql = ibis.to_sql(expr, dialect="postgres")
        with self.backend.con.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE TEMP TABLE {name} AS {sql}")
        return self.backend.table(name)

    def drop_temporary(self, name: str) -> None:
        with self.backend.con.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")

    def state(self) -> dict[str, str]:
        with self.writer.cursor() as cursor:
            cursor.execute(f"SELECT key, value FROM {ANALYTICS_SCHEMA}.{STATE_TABLE}")
            return dict(cursor.fetchall())

    def save_state(self, values: dict[str, str]) -> None:
        with self.writer.cursor() as cursor:
            for key, value in values.items():
                cursor.execute(
                    f"DELETE FROM {ANALYTICS_SCHEMA}.{STATE_TABLE} WHERE key = %s", [key]
                )
                cursor.execute(
                    f"INSERT INTO {ANALYTICS_SCHEMA}.{STATE_TABLE} VALUES (%s, %s)", [key, value]
                )

    def compact(self) -> None:
        """Nothing to do: PostgreSQL manages its own write-ahead log."""

    def reset(self) -> None:
        with self.writer.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {ANALYTICS_SCHEMA} CASCADE")
        self._create()

    def close(self) -> None:
        self.writer.close()
        self.backend.disconnect()
