"""Downloads of dashboard tables (CSV, XLSX, Parquet) and their JSON form."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from fastapi.responses import Response

from floorlead.errors import RuleViolation
from floorlead.metrics import ExportFormat, Period
from floorlead.metrics.export import dataset_table, write_table

if TYPE_CHECKING:
    from floorlead.metrics.warehouse import Warehouse

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}


def export_format(value: str) -> ExportFormat:
    try:
        return ExportFormat(value)
    except ValueError:
        raise RuleViolation(
            f"unknown format {value!r}; use csv, xlsx or parquet", field="format"
        ) from None


def frame_download(frame: pd.DataFrame, *, name: str, file_format: str) -> Response:
    """A table as a file to download (``name.csv`` and so on)."""
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    return table_download(table, name=name, file_format=file_format)


def table_download(table: pa.Table, *, name: str, file_format: str) -> Response:
    chosen = export_format(file_format)
    filename = f"{name}.{chosen.value}"
    with TemporaryDirectory() as folder:
        path = Path(folder) / filename
        write_table(table, path, chosen)
        body = path.read_bytes()
    return Response(
        body,
        media_type=MEDIA_TYPES[chosen],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def json_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain JSON values: dates in ISO form, missing numbers as null."""
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def plain(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy and pandas scalars
        return plain(value.item())
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def scoped_dataset(
    warehouse: Warehouse, dataset: str, *, period: Period | None, team_ids: frozenset[int] | None
) -> pa.Table:
    """A canonical dataset (tickets, events, surveys), only the rows of ``team_ids`` teams.

    ``team_ids`` None means every team (an admin). Events belong to their ticket's team.
    """
    table = dataset_table(warehouse, dataset, period)
    if team_ids is None:
        return table
    teams = pa.array(sorted(team_ids), type=pa.int64())
    if "team_id" in table.column_names:
        return table.filter(pc.is_in(table["team_id"], value_set=teams))
    facts = warehouse.table("ticket_facts")
    mine = facts.filter(facts.team_id.isin(teams.to_pylist())).select("ticket_id")
    tickets = warehouse.backend.to_pyarrow(mine)["ticket_id"].combine_chunks()
    return table.filter(pc.is_in(table["ticket_id"], value_set=tickets.cast(pa.int64())))
