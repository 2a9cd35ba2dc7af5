"""Exports: canonical facts and KPI tables as CSV, Parquet or XLSX files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from floorlead.errors import RuleViolation
from floorlead.metrics.model import Period
from floorlead.metrics.warehouse import Warehouse


class ExportFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    XLSX = "xlsx"


# Dataset name -> (fact table, the column that places a row in a period).
DATASETS: dict[str, tuple[str, str]] = {
    "tickets": ("ticket_facts", "created_at"),
    "events": ("src_events", "occurred_at"),
    "surveys": ("survey_facts", "responded_at"),
}
XLSX_MAX_ROWS = 1_048_575


def dataset_table(warehouse: Warehouse, dataset: str, period: Period | None) -> pa.Table:
    """The rows of ``dataset`` (tickets, events or surveys), in a period when given."""
    if dataset not in DATASETS:
        raise RuleViolation(
            f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}", field="dataset"
        )
    name, column = DATASETS[dataset]
    table = warehouse.table(name)
    if period is not None:
        start = ibis.literal(period.start_at.replace(tzinfo=None))
        end = ibis.literal(period.end_at.replace(tzinfo=None))
        table = table.filter((table[column] >= start) & (table[column] < end))
    order = "id" if dataset == "events" else ("event_id" if dataset == "surveys" else "ticket_id")
    return warehouse.backend.to_pyarrow(table.order_by(order))


def write_table(table: pa.Table, output: Path, file_format: ExportFormat | str) -> int:
    """Write ``table`` to ``output``; returns the number of rows written."""
    chosen = ExportFormat(file_format)
    output.parent.mkdir(parents=True, exist_ok=True)
    if chosen is ExportFormat.CSV:
        pa_csv.write_csv(table, output)
    elif chosen is ExportFormat.PARQUET:
        pq.write_table(table, output)
    else:
        if table.num_rows > XLSX_MAX_ROWS:
            raise RuleViolation(
                "too many rows for a spreadsheet; use csv or parquet", field="format"
            )
        table.to_pandas().to_excel(output, index=False, engine="openpyxl")
    return table.num_rows


def write_frame(frame: pd.DataFrame, output: Path, file_format: ExportFormat | str) -> int:
    """Write a KPI table (as ``KpiEngine.compute`` returns it)."""
    return write_table(pa.Table.from_pandas(frame, preserve_index=False), output, file_format)


def export_dataset(
    warehouse: Warehouse,
    dataset: str,
    *,
    output: Path,
    file_format: ExportFormat | str,
    period: Period | None = None,
) -> int:
    return write_table(dataset_table(warehouse, dataset, period), output, file_format)
