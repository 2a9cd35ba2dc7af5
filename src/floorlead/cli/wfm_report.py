"""What ``floorlead wfm`` prints and writes: forecast and staffing tables, CSV files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from rich.table import Table

from floorlead.cli.context import console, fail
from floorlead.workforce.planning import QueueWeek, TeamStaffing


def forecast_table(queues: tuple[QueueWeek, ...], first_day: date) -> Table:
    table = Table(title=f"Forecast for the week of {first_day:%a %d %b %Y}")
    for heading in ("queue", "model", "contacts", "WAPE", "MASE", "vs seasonal naive"):
        table.add_column(heading, justify="left" if heading in {"queue", "model"} else "right")
    for queue in queues:
        forecast = queue.forecast
        used = [score for score in forecast.scores if score.model is forecast.model]
        wape, mase, ratio = (
            (f"{used[0].wape:.1%}", f"{used[0].mase:.3f}", f"{used[0].wape_vs_seasonal_naive:.3f}")
            if used
            else ("-", "-", "-")
        )
        total = f"{forecast.frame['volume'].sum():.0f}"
        table.add_row(queue.queue.name, forecast.model.value, total, wape, mase, ratio)
    return table


def write_forecast(path: Path, queues: tuple[QueueWeek, ...]) -> None:
    rows = [
        (q.queue.channel, stamp.isoformat(), f"{volume:.3f}", f"{aht:.1f}")
        for q in queues
        for stamp, volume, aht in q.forecast.frame.itertuples()
    ]
    _write(path, ("channel", "interval_start", "volume", "aht_seconds"), rows)


def staff_table(staffing: TeamStaffing) -> Table:
    requirement, zone = staffing.requirement, staffing.week.local_start.tzinfo
    table = Table(title=f"Agents to schedule, week of {staffing.week.first_day:%a %d %b %Y}")
    for heading in ("day", "peak on queues", "peak to schedule", "agent-hours to schedule"):
        table.add_column(heading, justify="left" if heading == "day" else "right")
    hours = requirement.interval_minutes / 60
    days = requirement.interval_starts.tz_convert(zone).normalize()
    for day in days.unique():
        today = days == day
        table.add_row(
            f"{day:%a %d %b}",
            f"{requirement.required[today].max():.1f}",
            str(int(requirement.scheduled[today].max())),
            f"{requirement.scheduled[today].sum() * hours:.1f}",
        )
    return table


def write_staffing(path: Path, staffing: TeamStaffing) -> None:
    requirement = staffing.requirement
    channels = list(requirement.by_channel)
    rows = [
        (
            stamp.isoformat(),
            *(f"{requirement.by_channel[c][i]:.3f}" for c in channels),
            f"{requirement.required[i]:.3f}",
            str(int(requirement.scheduled[i])),
        )
        for i, stamp in enumerate(requirement.interval_starts)
    ]
    _write(path, ("interval_start", *channels, "required", "scheduled"), rows)


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as error:
        raise fail(f"cannot write {path}: {error.strerror}") from None
    console.print(f"Wrote {len(rows)} rows to {path}")
