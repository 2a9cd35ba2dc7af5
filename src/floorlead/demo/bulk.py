"""Bulk inserts of plain rows (column -> value mappings) for the demo's larger tables.

Values go through their column types' bind processors, then in with the driver's
``executemany`` (SQLite) or ``COPY`` (PostgreSQL), one transaction for all the rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

Row = Mapping[str, Any]


def insert_rows(conn: Connection, target: Table, rows: Sequence[Row]) -> int:
    """Insert ``rows`` (all with the same keys) into ``target``; returns how many went in."""
    if not rows:
        return 0
    keys = list(rows[0])
    values = _processed(conn, target, keys, rows)
    if conn.dialect.name == "postgresql":
        _copy(conn, target.name, keys, values)
    else:
        statement = insert(target).compile(dialect=conn.dialect, column_keys=keys)
        if conn.dialect.positional:
            conn.exec_driver_sql(str(statement), [tuple(row) for row in values])
        else:
            conn.exec_driver_sql(
                str(statement), [dict(zip(keys, row, strict=True)) for row in values]
            )
    return len(rows)


def _processed(
    conn: Connection, target: Table, keys: list[str], rows: Sequence[Row]
) -> list[list[Any]]:
    dialect = conn.dialect
    processors = []
    for n, key in enumerate(keys):
        processor = target.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((n, processor))
    processed = []
    for row in rows:
        values = [row[key] for key in keys]
        for n, processor in processors:
            values[n] = processor(values[n])
        processed.append(values)
    return processed


def _copy(conn: Connection, name: str, keys: list[str], rows: list[list[Any]]) -> None:
    columns = ", ".join(f'"{key}"' for key in keys)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
