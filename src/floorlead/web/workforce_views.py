"""What the workforce pages draw, aggregated on the server: chart series, heatmap cells, bars.

Charts receive short arrays of numbers (one per interval) and labels on the team's clock;
no raw rows ever reach the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from floorlead.workforce.adherence import Activity, ScheduledShift
from floorlead.workforce.forecast import wape
from floorlead.workforce.planning import QueueWeek
from floorlead.workforce.requirements import Requirement
from floorlead.workforce.schedules import CoverageSlot

WEEK_SECONDS = 7 * 86_400.0


def interval_labels(starts: Sequence[datetime] | pd.DatetimeIndex, timezone: str) -> list[str]:
    """``Mon 08:30`` on the team's clock for each interval start."""
    zone = ZoneInfo(timezone)
    return [pd.Timestamp(stamp).astimezone(zone).strftime("%a %H:%M") for stamp in starts]


def _rounded(values: Sequence[float] | np.ndarray, digits: int = 2) -> list[float | None]:
    return [
        None if value is None or np.isnan(value) else round(float(value), digits)
        for value in values
    ]


def forecast_chart(week: QueueWeek) -> dict[str, object]:
    """Forecast and actual volume per interval (actual only where the interval has passed)."""
    frame = week.forecast.frame
    actual = week.actuals["volume"].reindex(frame.index) if len(week.actuals) else None
    return {
        "labels": interval_labels(frame.index, week.queue.timezone),
        "forecast": _rounded(frame["volume"].to_numpy(dtype=float)),
        "actual": _rounded(actual.to_numpy(dtype=float)) if actual is not None else [],
    }


@dataclass(frozen=True)
class DayTotals:
    label: str
    forecast: float
    actual: float | None


def daily_totals(week: QueueWeek) -> list[DayTotals]:
    """Forecast and actual contacts per local day (actual while the day has any)."""
    frame = week.forecast.frame
    zone = ZoneInfo(week.queue.timezone)
    days = frame.index.tz_convert(zone).normalize()
    forecast = frame["volume"].groupby(days).sum()
    actual = week.actuals["volume"].reindex(frame.index).groupby(days).sum(min_count=1)
    return [
        DayTotals(
            day.strftime("%a %d %b"),
            float(forecast[day]),
            None if np.isnan(actual.get(day, np.nan)) else float(actual[day]),
        )
        for day in forecast.index
    ]


def week_so_far_wape(week: QueueWeek) -> float | None:
    """WAPE of the forecast over the week's completed intervals, None before any volume."""
    if not len(week.actuals):
        return None
    actual = week.actuals["volume"].to_numpy(dtype=float)
    forecast = week.forecast.frame["volume"].reindex(week.actuals.index).to_numpy(dtype=float)
    return wape(actual, forecast) if actual.sum() > 0 else None


@dataclass(frozen=True)
class HeatCell:
    value: float
    style: str


@dataclass(frozen=True)
class Heatmap:
    days: list[str]
    rows: list[tuple[str, list[HeatCell]]]
    agent_hours: list[float]
    peak: float


def heatmap(requirement: Requirement, timezone: str, values: np.ndarray) -> Heatmap:
    """``values`` per interval as a time-of-day × weekday table, closed hours trimmed."""
    local = requirement.interval_starts.tz_convert(ZoneInfo(timezone))
    frame = pd.DataFrame(
        {"day": local.normalize(), "time": local.strftime("%H:%M"), "value": values}
    )
    table = frame.pivot_table(index="time", columns="day", values="value", aggfunc="max")
    table = table.fillna(0.0).sort_index()
    busy = np.flatnonzero(table.to_numpy().sum(axis=1) > 0)
    if busy.size:
        table = table.iloc[busy[0] : busy[-1] + 1]
    peak = float(table.to_numpy().max()) if table.size else 0.0
    hours = requirement.interval_minutes / 60
    return Heatmap(
        days=[day.strftime("%a %d %b") for day in table.columns],
        rows=[
            (time, [HeatCell(float(v), _heat_style(float(v), peak)) for v in row])
            for time, row in zip(table.index, table.to_numpy(), strict=True)
        ],
        agent_hours=[round(float(v) * hours, 1) for v in frame.groupby("day")["value"].sum()],
        peak=peak,
    )


def _heat_style(value: float, peak: float) -> str:
    share = value / peak if peak > 0 else 0.0
    ink = "#fff" if share > 0.55 else "var(--ink)"
    return f"background: rgba(48, 86, 211, {0.08 + 0.92 * share:.2f}); color: {ink}"


@dataclass(frozen=True)
class Bar:
    left: float
    width: float
    title: str
    shift_id: int | None = None
    kind: str = "work"


@dataclass(frozen=True)
class GanttRow:
    person_id: int
    name: str
    bars: list[Bar]
    paid_hours: float


def gantt_rows(
    shifts: Sequence[tuple[int, int, ScheduledShift]],
    names: dict[int, str],
    week_start: datetime,
    timezone: str,
) -> list[GanttRow]:
    """One row per agent: each shift a bar across the week, breaks shaded bars on top."""
    by_person: dict[int, list[Bar]] = {pid: [] for pid in sorted(names, key=names.__getitem__)}
    paid: dict[int, float] = dict.fromkeys(by_person, 0.0)
    zone = ZoneInfo(timezone)
    for shift_id, person_id, shift in shifts:
        bars = by_person.setdefault(person_id, [])
        start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
        bars.append(
            _bar(shift.start, shift.end, week_start, f"{start:%a %H:%M}–{end:%H:%M}", shift_id)
        )
        for span in shift.activities:
            a, b = span.start.astimezone(zone), span.end.astimezone(zone)
            label = f"{span.value.value} {a:%H:%M}–{b:%H:%M}"
            bars.append(_bar(span.start, span.end, week_start, label, kind=span.value.value))
        paid[person_id] = paid.get(person_id, 0.0) + shift.paid_seconds / 3600
    return [
        GanttRow(pid, names.get(pid, f"#{pid}"), bars, round(paid.get(pid, 0.0), 2))
        for pid, bars in by_person.items()
    ]


def _bar(
    start: datetime,
    end: datetime,
    week_start: datetime,
    title: str,
    shift_id: int | None = None,
    kind: str = "work",
) -> Bar:
    left = (start - week_start).total_seconds() / WEEK_SECONDS * 100
    width = (end - start).total_seconds() / WEEK_SECONDS * 100
    return Bar(round(left, 3), round(width, 3), title, shift_id, kind)


def coverage_chart(slots: Sequence[CoverageSlot], timezone: str) -> dict[str, object]:
    return {
        "labels": interval_labels([slot.interval_start for slot in slots], timezone),
        "required": _rounded([slot.required for slot in slots]),
        "scheduled": _rounded([slot.scheduled for slot in slots]),
    }


def day_bars(
    spans: Sequence[tuple[datetime, datetime, str, str]], start: datetime, end: datetime
) -> list[Bar]:
    """Bars across one window (a day's shifts): (start, end, kind, title) in percent."""
    length = (end - start).total_seconds()
    return [
        Bar(
            round((a - start).total_seconds() / length * 100, 3),
            round((b - a).total_seconds() / length * 100, 3),
            title,
            kind=kind,
        )
        for a, b, kind, title in spans
        if length > 0 and b > a
    ]


def working_hours(shift: ScheduledShift) -> float:
    return sum(s.seconds for s in shift.timeline() if s.value is Activity.WORK) / 3600


def week_days(week_start: datetime, timezone: str) -> list[str]:
    zone = ZoneInfo(timezone)
    return [
        (week_start + timedelta(days=n)).astimezone(zone).strftime("%a %d %b") for n in range(7)
    ]
