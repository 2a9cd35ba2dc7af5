"""``floorlead schedule``: optimise a week's schedule from files and write it as CSV."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from floorlead.cli.context import console, domain_errors
from floorlead.workforce.scheduling import (
    ScheduleInputError,
    ScheduleResult,
    check_schedule,
    solve_schedule,
)
from floorlead.workforce.scheduling.io import read_problem, write_schedule


def register(app: typer.Typer) -> None:
    app.command(name="schedule")(schedule)


def schedule(
    requirements: Path = typer.Option(
        ..., "--requirements", help="CSV: interval_start,required[,skill]."
    ),
    shifts: Path = typer.Option(..., "--shifts", help="YAML: templates, breaks, rules."),
    agents: Path = typer.Option(
        ..., "--agents", help="CSV: id,name,min_hours,max_hours,hourly_cost,skills,mon..sun,..."
    ),
    output: Path = typer.Option(..., "--output", help="CSV to write, one row per shift."),
    time_limit: float = typer.Option(30.0, "--time-limit", min=1.0, help="Seconds to search."),
    week_start: str | None = typer.Option(
        None,
        "--week-start",
        help="ISO midnight the week starts, e.g. 2026-03-02T00:00+01:00 (default: from files).",
    ),
) -> None:
    """Optimise a week's schedule (agents, shifts, breaks) and print its quality."""
    with domain_errors():
        start = _week_start(week_start)
        problem = read_problem(requirements, shifts, agents, week_start=start)
        result = solve_schedule(problem, time_limit_seconds=time_limit)
        write_schedule(problem, result.schedule, output)
    violations = check_schedule(problem, result.schedule)
    console.print(_summary(result, len(violations)))
    console.print(f"Wrote {len(result.schedule.shifts)} shifts to {output}")


def _week_start(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ScheduleInputError(
            f"{text!r} is not an ISO date or date-time", field="--week-start"
        ) from None


def _summary(result: ScheduleResult, violations: int) -> Table:
    table = Table(title="Schedule", show_header=False)
    table.add_column("measure")
    table.add_column("value", justify="right")
    objective = result.objective
    rows = [
        ("status", result.status),
        ("under-coverage (agent-hours)", f"{objective.under_agent_hours:.2f}"),
        ("over-coverage (agent-hours)", f"{objective.over_agent_hours:.2f}"),
        ("wage cost", f"{objective.wage_cost:.2f}"),
        ("preference penalty", f"{objective.preference_penalty:.2f}"),
        ("objective", f"{objective.total:.2f}"),
        ("LP bound", _number(result.lp_bound)),
        ("gap to LP bound", _percent(result.lp_gap)),
        ("gap to best bound", _percent(result.gap)),
        ("rule violations", str(violations)),
        ("wall time (s)", f"{result.wall_seconds:.1f}"),
    ]
    for measure, value in rows:
        table.add_row(measure, value)
    return table


def _number(value: float) -> str:
    return f"{value:.2f}" if math.isfinite(value) else "unknown"


def _percent(value: float) -> str:
    return f"{value:.2%}" if math.isfinite(value) else "unknown"
