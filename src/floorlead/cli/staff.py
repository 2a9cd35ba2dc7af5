"""``floorlead staff``: agents needed for one interval, or for every interval of a CSV file."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import numpy as np
import typer
from rich.table import Table

from floorlead.cli.context import console, fail
from floorlead.clock import ensure_utc
from floorlead.errors import DomainError
from floorlead.workforce.erlang import required_agents
from floorlead.workforce.erlang_a import (
    ServiceLevelDefinition,
    ServiceLevelRule,
    required_agents_erlang_a,
)
from floorlead.workforce.staffing import (
    FloatArray,
    InvalidStaffingInput,
    StaffingTargets,
    non_negative,
    positive,
    scheduled_agents,
)

CSV_COLUMNS = ("interval_start", "calls", "aht_seconds")
# The option that sets each validated field, so that an error names what the user typed.
OPTION_OF_FIELD = {
    "calls": "--calls",
    "aht_seconds": "--aht",
    "interval_minutes": "--interval-minutes",
    "service_level": "--service-level",
    "answer_seconds": "--answer-seconds",
    "patience_seconds": "--patience",
    "max_occupancy": "--max-occupancy",
    "shrinkage": "--shrinkage",
    "short_abandon_seconds": "--short-abandon-seconds",
    "input": "--input",
    "output": "--output",
}


HEADERS = {
    "interval_start": "start (UTC)",
    "calls": "calls",
    "aht_seconds": "AHT s",
    "agents": "agents",
    "scheduled_agents": "scheduled",
    "service_level": "SL",
    "asa_seconds": "ASA s",
    "occupancy": "occupancy",
    "wait_probability": "P(wait)",
    "abandon_rate": "abandoned",
}
PERCENTAGES = {"service_level", "occupancy", "wait_probability", "abandon_rate"}


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@dataclass(frozen=True)
class Plan:
    """The staffing question asked of every interval."""

    interval_seconds: float
    answer_seconds: float
    targets: StaffingTargets
    shrinkage: float
    patience_seconds: float | None
    rule: ServiceLevelRule


@dataclass(frozen=True)
class Intervals:
    starts: list[str] | None
    calls: FloatArray
    aht_seconds: FloatArray


@contextmanager
def _input_errors() -> Iterator[None]:
    """A refused input becomes one clear line and exit code 2, never a traceback."""
    try:
        yield
    except DomainError as exc:
        option = OPTION_OF_FIELD.get(exc.field or "", exc.field)
        raise fail(f"{exc.message}" + (f" ({option})" if option else "")) from None


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidStaffingInput(f"cannot read {path}: {exc}", field="input") from None
    missing = [name for name in CSV_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise InvalidStaffingInput(
            f"{path.name} needs the columns {', '.join(CSV_COLUMNS)}; missing {', '.join(missing)}",
            field="input",
        )
    return rows


def _read_intervals(path: Path) -> Intervals:
    rows = _read_rows(path)
    if not rows:
        raise InvalidStaffingInput(f"{path.name} has no intervals", field="input")
    starts, calls, aht = [], [], []
    for number, row in enumerate(rows, start=2):
        try:
            start = datetime.fromisoformat((row["interval_start"] or "").strip())
            starts.append(ensure_utc(start, field="interval_start").isoformat())
            calls.append(non_negative(row["calls"], field="calls").item())
            aht.append(positive(row["aht_seconds"], field="aht_seconds").item())
        except ValueError:
            raise InvalidStaffingInput(
                f"line {number}: interval_start must be an ISO 8601 date and time",
                field="input",
            ) from None
        except DomainError as exc:
            raise InvalidStaffingInput(f"line {number}: {exc.message}", field="input") from None
    return Intervals(starts, np.array(calls), np.array(aht))


def _staff(intervals: Intervals, plan: Plan) -> list[dict[str, object]]:
    question = {
        "calls": intervals.calls,
        "aht_seconds": intervals.aht_seconds,
        "interval_seconds": plan.interval_seconds,
        "answer_seconds": plan.answer_seconds,
        "targets": plan.targets,
    }
    if plan.patience_seconds is None:
        result = required_agents(**question)
        abandon = None
    else:
        result = required_agents_erlang_a(
            **question, patience_seconds=plan.patience_seconds, rule=plan.rule
        )
        abandon = result.abandon_rate
    scheduled = scheduled_agents(result.agents, plan.shrinkage)
    rows: list[dict[str, object]] = []
    for i in range(intervals.calls.size):
        row: dict[str, object] = (
            {} if intervals.starts is None else {"interval_start": intervals.starts[i]}
        )
        row |= {
            "calls": float(intervals.calls[i]),
            "aht_seconds": float(intervals.aht_seconds[i]),
            "agents": int(result.agents[i]),
            "scheduled_agents": int(scheduled[i]),
            "service_level": round(float(result.service_level[i]), 6),
            "asa_seconds": round(float(result.asa_seconds[i]), 3),
            "occupancy": round(float(result.occupancy[i]), 6),
            "wait_probability": round(float(result.wait_probability[i]), 6),
        }
        if abandon is not None:
            row["abandon_rate"] = round(float(abandon[i]), 6)
            row["service_level_definition"] = plan.rule.definition.value
        rows.append(row)
    return rows


def _table(rows: list[dict[str, object]], plan: Plan) -> Table:
    model = "Erlang C" if plan.patience_seconds is None else "Erlang A"
    title = f"Staffing ({model}, service level over {plan.rule.definition.value.replace('_', ' ')})"
    columns = [name for name in rows[0] if name in HEADERS]
    table = Table(title=title)
    for name in columns:
        table.add_column(HEADERS[name], justify="left" if name == "interval_start" else "right")
    for row in rows:
        table.add_row(*(_cell(name, row[name]) for name in columns))
    return table


def _cell(name: str, value: object) -> str:
    if name == "interval_start":
        return str(value)[:16].replace("T", " ")
    if name in PERCENTAGES and isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.1f}" if name == "asa_seconds" else f"{value:g}"
    return str(value)


def _write_csv(rows: list[dict[str, object]], path: Path) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        raise InvalidStaffingInput(f"cannot write {path}: {exc}", field="output") from None


def _intervals(calls: float | None, aht: float | None, input_file: Path | None) -> Intervals:
    if (calls is None) == (input_file is None):
        raise InvalidStaffingInput(
            "give either --calls (one interval) or --input FILE.csv", field="calls"
        )
    if input_file is not None:
        return _read_intervals(input_file)
    if aht is None:
        raise InvalidStaffingInput("--aht is needed with --calls", field="aht_seconds")
    return Intervals(None, np.array([calls], dtype=np.float64), np.array([aht], dtype=np.float64))


def staff(
    calls: float | None = typer.Option(None, "--calls", help="Calls offered in the interval."),
    interval_minutes: float = typer.Option(30.0, "--interval-minutes", help="Interval length."),
    aht: float | None = typer.Option(None, "--aht", help="Average handle time in seconds."),
    service_level: float = typer.Option(
        0.8, "--service-level", help="Target share answered in time."
    ),
    answer_seconds: float = typer.Option(
        20.0, "--answer-seconds", help="The 'in time' of the target."
    ),
    patience: float | None = typer.Option(
        None, "--patience", help="Callers' mean patience in seconds: use Erlang A (abandonment)."
    ),
    max_occupancy: float | None = typer.Option(
        None, "--max-occupancy", help="Occupancy cap, e.g. 0.85."
    ),
    shrinkage: float = typer.Option(
        0.0, "--shrinkage", help="Share of paid time not on the queue."
    ),
    sl_definition: ServiceLevelDefinition = typer.Option(
        ServiceLevelDefinition.ALL_ARRIVALS,
        "--sl-definition",
        help="What the service level divides by.",
    ),
    short_abandon_seconds: float | None = typer.Option(
        None, "--short-abandon-seconds", help="With exclude_short_abandons: the threshold."
    ),
    input_file: Path | None = typer.Option(
        None,
        "--input",
        exists=True,
        dir_okay=False,
        readable=True,
        help="CSV with interval_start,calls,aht_seconds per interval.",
    ),
    output: Path | None = typer.Option(None, "--output", help="Write the results to this CSV."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table or json."
    ),
) -> None:
    """Agents needed to meet a service level (Erlang C, or Erlang A with --patience)."""
    with _input_errors():
        plan = Plan(
            interval_seconds=positive(interval_minutes, field="interval_minutes").item() * 60,
            answer_seconds=answer_seconds,
            targets=StaffingTargets(service_level=service_level, max_occupancy=max_occupancy),
            shrinkage=shrinkage,
            patience_seconds=patience,
            rule=ServiceLevelRule(sl_definition, short_abandon_seconds),
        )
        rows = _staff(_intervals(calls, aht, input_file), plan)
    if output is not None:
        with _input_errors():
            _write_csv(rows, output)
        console.print(f"wrote {len(rows)} intervals to {output}")
    elif output_format is OutputFormat.JSON:
        payload = rows if input_file is not None else rows[0]
        typer.echo(json.dumps(payload, indent=2))
    else:
        console.print(_table(rows, plan))


def register(app: typer.Typer) -> None:
    app.command("staff")(staff)
