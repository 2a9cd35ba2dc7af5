"""The ticket list's rows written as JSON by SQLite itself, with the total in the same query.

Turning 25 rows into Python values (parsing each timestamp) and back into JSON costs more than
finding them. SQLite has ``json_object``: the page statement selects one JSON object per
ticket, shaped exactly as :class:`~floorlead.tickets.schemas.TicketPublic` serialises (RFC
3339 UTC timestamps with ``Z``, booleans, the tags array), and the total as an uncorrelated
subquery, which SQLite evaluates once. Other databases use the plain rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Integer,
    Select,
    String,
    case,
    func,
    literal_column,
    null,
    or_,
    type_coerce,
)

from floorlead.storage.base import UTCDateTime


def _sql(literal: str | int) -> ColumnElement[Any]:
    """A constant written into the statement (not a bound parameter: the statement is
    built once per list shape, and each bound value costs a little on every run)."""
    if isinstance(literal, int):
        return literal_column(str(literal), Integer)
    return literal_column("'" + literal.replace("'", "''") + "'", String)


def rfc3339(column: ColumnElement[Any]) -> ColumnElement[str]:
    """A stored SQLite timestamp ('YYYY-MM-DD HH:MM:SS[.ffffff]', naive UTC) as pydantic
    writes the aware value: 'YYYY-MM-DDTHH:MM:SS[.ffffff]Z', the fraction left out when 0."""
    text = type_coerce(column, String)
    fraction = func.substr(text, _sql(21), type_=String)
    return case(
        (text.is_(None), null()),
        else_=func.substr(text, _sql(1), _sql(10), type_=String)
        + _sql("T")
        + func.substr(text, _sql(12), _sql(8), type_=String)
        + case(
            (or_(fraction == _sql(""), fraction == _sql("000000")), _sql("")),
            else_=_sql(".") + func.substr(fraction + _sql("000000"), _sql(1), _sql(6)),
        )
        + _sql("Z"),
    )


def _json_value(column: Any) -> ColumnElement[Any]:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return rfc3339(column)
    if isinstance(kind, Boolean):
        flag = case((column.is_(None), _sql("null")), (column, _sql("true")), else_=_sql("false"))
        return func.json(flag)
    if isinstance(kind, JSON):
        return func.json(column)
    return column  # integers and text are written as they are


def json_object(columns: list[Any]) -> ColumnElement[str]:
    """One JSON object per row with these columns, keys in column order."""
    arguments: list[Any] = []
    for column in columns:
        arguments += [_sql(column.key), _json_value(column)]
    return func.json_object(*arguments)


def with_json_rows(page: Select[Any], count: Select[Any], columns: list[Any]) -> Select[Any]:
    """``page`` selecting (item, total): each row as a JSON object and the list's total."""
    total = count.scalar_subquery().correlate(None)
    return page.with_only_columns(json_object(columns).label("item"), total.label("total"))
