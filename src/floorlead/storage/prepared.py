"""Statements compiled once to the driver's own SQL, for the hottest plain reads.

SQLAlchemy prepares every execution (cache key, parameters, result processing), which on an
indexed SQLite table costs more than running the query. A :class:`Prepared` statement is
compiled per statement and shape of its parameters (which names, how many values in each
list), and a run only orders and converts the values — with each parameter's own bind
processor, so a timestamp is compared as the ORM stores it — and hands them to the cursor.
Results come back as the driver gives them (counts, text the database has written, such as
JSON), or converted by each column's own result processor (:meth:`Prepared.mappings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect

Slot = tuple[str | None, Any]  # (parameter, index in its list) or (None, a value of its own)


@dataclass(frozen=True)
class Prepared:
    sql: str
    slots: tuple[Slot, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]
    columns: tuple[tuple[str, Callable[[Any], Any] | None], ...]  # name, result processor

    def values(self, params: dict[str, Any]) -> tuple[Any, ...]:
        values = []
        for (name, index), process in zip(self.slots, self.processors, strict=True):
            if name is None:
                value = index
            else:
                value = params[name] if index is None else params[name][index]
            values.append(value if process is None else process(value))
        return tuple(values)

    def rows(self, connection: Connection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """All rows, straight from the driver's cursor on ``connection``."""
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(self.sql, self.values(params))
            return cursor.fetchall()
        finally:
            cursor.close()

    def mappings(self, connection: Connection, params: dict[str, Any]) -> list[dict[str, Any]]:
        """All rows as {column: value}, each value converted as SQLAlchemy would."""
        return [
            {
                name: value if process is None else process(value)
                for (name, process), value in zip(self.columns, row, strict=True)
            }
            for row in self.rows(connection, params)
        ]


def prepare(statement: Select[Any], dialect: Dialect, params: dict[str, Any]) -> Prepared:
    """``statement`` compiled for ``dialect`` and the shape of ``params`` (cached).

    For drivers with positional placeholders (SQLite's ``?``); others run statements through
    SQLAlchemy as usual.
    """
    if not dialect.positional:
        raise ValueError(f"{dialect.name} takes named parameters; prepare() is for ? drivers")
    shape = tuple(sorted((k, len(v) if isinstance(v, list) else None) for k, v in params.items()))
    return _compiled(statement, dialect, shape)


@lru_cache(maxsize=1024)
def _compiled(
    statement: Select[Any], dialect: Dialect, shape: tuple[tuple[str, int | None], ...]
) -> Prepared:
    """Compiled with stand-in values: only the number of each list's values shapes the SQL."""
    lists = {name: n for name, n in shape if n is not None}
    stand_ins = {name: None if n is None else [None] * n for name, n in shape}
    compiled = statement.params(stand_ins).compile(
        dialect=dialect, compile_kwargs={"render_postcompile": True}
    )
    slots: list[Slot] = []
    kinds = []
    for name in compiled.positiontup or ():
        base, _, number = name.rpartition("_")
        if name in stand_ins and name not in lists:
            slots.append((name, None))
            kinds.append(compiled.binds[name].type)
        elif base in lists and number.isdigit():
            slots.append((base, int(number) - 1))
            kinds.append(compiled.binds[base].type)
        else:  # a value the statement carries itself (a CASE's constants, say)
            bind = compiled.binds[name]
            slots.append((None, bind.effective_value))
            kinds.append(bind.type)
    processors = tuple(kind.dialect_impl(dialect).bind_processor(dialect) for kind in kinds)
    columns = tuple(
        (column.key, column.type.dialect_impl(dialect).result_processor(dialect, None))
        for column in statement.selected_columns
    )
    return Prepared(compiled.string, tuple(slots), processors, columns)


def read_rows(
    connection: Connection, statement: Select[Any], params: dict[str, Any]
) -> list[dict[str, Any]]:
    """The rows of a read as {column: value}: prepared on SQLite, through SQLAlchemy
    elsewhere (where a query's round trip outweighs the preparation)."""
    if connection.dialect.name == "sqlite":
        return prepare(statement, connection.dialect, params).mappings(connection, params)
    return [dict(row) for row in connection.execute(statement, params).mappings()]
