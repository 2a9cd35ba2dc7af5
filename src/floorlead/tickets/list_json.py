"""The ticket list's rows written as JSON by SQLite itself, with the total in the same query.

Turning 25 rows into Python values (parsing each timestamp) and back into JSON costs more than
finding them. SQLite has ``json_object``: the page statement selects one JSON object per
ticket, shaped exactly as :class:`~floorlead.tickets.schemas.TicketPublic` serialises (RFC
3339 UTC timestamps with ``Z``, booleans, the tags array), and the total as an uncorrelated
subquery, which SQLite evaluates once. Other databases use the plain rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ColumnElement, Select, case, func, literal_column

from floorlead.storage.base import UTCDateTime


def rfc3339(column: ColumnElement[Any]) -> ColumnElement[str]:
    """A stored SQLite timestamp ('YYYY-MM-DD HH:MM:SS[.ffffff]', naive UTC) as pydantic
    writes the aware value: 'YYYY-MM-DDTHH:MM:SS[.ffffff]Z', the fraction left out when 0."""
    fraction = func.substr(column, 21)
    return case(
        (column.is_(None), None),
        else_=func.substr(column, 1, 10)
        + "T"
        + func.substr(column, 12, 8)
        + case(
            (fraction.in_(["", "000000"]), ""),
            else_="." + func.substr(fraction + "000000", 1, 6),
        )
        + "Z",
    )


def _json_value(column: Any) -> ColumnElement[Any]:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return rfc3339(column)
    if isinstance(kind, Boolean):
        return func.json(case((column.is_(None), "null"), (column, "true"), else_="false"))
    if isinstance(kind, JSON):
        return func.json(column)
    return column  # integers and text are written as they are


def json_object(columns: list[Any]) -> ColumnElement[str]:
    """One JSON object per row with these columns, keys in column order."""
    arguments: list[Any] = []
    for column in columns:
        arguments += [literal_column(f"'{column.key}'"), _json_value(column)]
    return func.json_object(*arguments)


def with_json_rows(page: Select[Any], count: Select[Any], columns: list[Any]) -> Select[Any]:
    """``page`` selecting (item, total): each row as a JSON object and the list's total."""
    total = count.scalar_subquery().correlate(None)
    return page.with_only_columns(json_object(columns).label("item"), total.label("total"))
