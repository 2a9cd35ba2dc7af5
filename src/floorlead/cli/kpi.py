"""``floorlead kpi`` and ``floorlead export``: KPI tables and fact exports from the terminal."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.table import Table

from floorlead.cli.context import (
    DataDirOption,
    console,
    database,
    domain_errors,
    fail,
    load_settings,
)
from floorlead.config import Settings
from floorlead.errors import RuleViolation
from floorlead.metrics import KPIS, Period, kpi_engine, refresh_analytics
from floorlead.metrics.export import DATASETS, ExportFormat, export_dataset
from floorlead.metrics.model import Unit

DEFAULT_DAYS = 28


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def kpi(
    data_dir: Path | None = DataDirOption,
    by: list[str] = typer.Option(
        [],
        "--by",
        help="Slice by agent, team, channel, priority, category, tier, day, week or month.",
    ),
    start: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD, UTC)."),
    end: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD, UTC); default today."),
    names: list[str] = typer.Option([], "--kpi", help="KPI to show (repeat); default: all."),
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table, csv or json."),
    sync: bool = typer.Option(True, "--sync/--no-sync", help="Sync the analytics store first."),
) -> None:
    """Compute KPIs for a period, sliced as asked (docs/metrics.md defines each one)."""
    settings = load_settings(data_dir)
    with domain_errors():
        period = _period(start, end)
        _refresh(settings, sync)
        with kpi_engine(settings) as engine:
            frame = engine.compute(names, period=period, by=by, as_of=datetime.now(UTC))
    kpi_names = [name for name in frame.columns if name in KPIS]
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(rows_of(frame), indent=2))
    elif output is OutputFormat.CSV:
        typer.echo(csv_of(frame), nl=False)
    else:
        console.print(_rich_table(frame, kpi_names))
        console.print(
            f"{period.start} to {period.end} · definitions {frame.attrs.get('definitions')}",
            soft_wrap=True,
        )


def export(
    dataset: str = typer.Argument(..., help="tickets, events or surveys."),
    data_dir: Path | None = DataDirOption,
    start: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD, UTC)."),
    end: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD, UTC)."),
    file_format: ExportFormat = typer.Option(..., "--format", help="csv, parquet or xlsx."),
    output: Path = typer.Option(..., "--output", help="File to write."),
    sync: bool = typer.Option(True, "--sync/--no-sync", help="Sync the analytics store first."),
) -> None:
    """Export canonical facts (one row per ticket, event or survey answer) to a file."""
    if dataset not in DATASETS:
        raise fail(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    settings = load_settings(data_dir)
    with domain_errors():
        period = _period(start, end) if start or end else None
        _refresh(settings, sync)
        with kpi_engine(settings) as engine:
            count = export_dataset(
                engine.warehouse, dataset, output=output, file_format=file_format, period=period
            )
    console.print(f"wrote {count} {dataset} rows to {output}")


def rows_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The JSON form: a list of rows, each with the slice keys and one field per KPI."""
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def csv_of(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in rows_of(frame):
        writer.writerow(["" if value is None else value for value in row.values()])
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _period(start: str | None, end: str | None) -> Period:
    last = _day(end, "to") if end else datetime.now(UTC).date()
    if start is None:
        return Period.ending(last, days=DEFAULT_DAYS)
    return Period(_day(start, "from"), last)


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{text!r} is not a date like 2026-03-02", field=field) from None


def _refresh(settings: Settings, sync: bool) -> None:
    if not sync:
        return
    with database(settings) as session:
        bind = session.get_bind()
        refresh_analytics(settings, bind, now=datetime.now(UTC))  # type: ignore[arg-type]


def _rich_table(frame: pd.DataFrame, kpi_names: list[str]) -> Table:
    table = Table()
    for column in frame.columns:
        table.add_column(column, justify="right" if column in kpi_names else "left")
    for row in rows_of(frame):
        table.add_row(*(_shown(column, value) for column, value in row.items()))
    return table


def _shown(column: str, value: Any) -> str:
    if value is None:
        return "-"
    kpi = KPIS.get(column)
    if kpi is None or not isinstance(value, int | float):
        return str(value)
    if kpi.unit is Unit.SECONDS:
        hours, rest = divmod(round(value), 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    if kpi.unit is Unit.PERCENT:
        return f"{value:.1f}%"
    if kpi.unit is Unit.COUNT:
        return f"{value:.0f}"
    return f"{value:.2f}"


def register(app: typer.Typer) -> None:
    app.command("kpi")(kpi)
    app.command("export")(export)
