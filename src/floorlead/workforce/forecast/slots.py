"""Interval-of-week slots on the queue's local clock, opening hours, and the forecast horizon.

A slot is an interval of the week on the local clock (Monday 09:00-09:30 is one slot), so
"the same interval last week" stays the same clock time across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.model import (
    IntervalSeries,
    InvalidForecastRequest,
)

MINUTES_PER_DAY = 24 * 60
WEEK = timedelta(days=7)


def validate_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidForecastRequest(
            f"timezone {name!r} is not a known IANA time zone", field="timezone"
        ) from error


def local_wall_time(stamps: pd.DatetimeIndex, timezone: str) -> pd.DatetimeIndex:
    """The local clock reading (without zone) of UTC instants."""
    return stamps.tz_convert(timezone).tz_localize(None)


def slot_keys(stamps: pd.DatetimeIndex, *, interval_minutes: int, timezone: str) -> np.ndarray:
    """Interval-of-week number of each instant: 0 is Monday 00:00 on the local clock."""
    wall = local_wall_time(stamps, timezone)
    minute_of_week = wall.dayofweek * MINUTES_PER_DAY + wall.hour * 60 + wall.minute
    return np.asarray(minute_of_week // interval_minutes, dtype=np.int64)


@dataclass(frozen=True)
class OpenHours:
    """The slots in which the queue takes contacts."""

    keys: frozenset[int]
    interval_minutes: int

    @property
    def slots_per_day(self) -> int:
        return MINUTES_PER_DAY // self.interval_minutes

    @property
    def weekly_period(self) -> int:
        return len(self.keys)

    def slots_per_weekday(self) -> np.ndarray:
        """Number of open slots on each weekday, Monday first."""
        weekdays = np.fromiter(self.keys, dtype=np.int64, count=len(self.keys))
        return np.bincount(weekdays // self.slots_per_day, minlength=7)

    @property
    def open_days_per_week(self) -> int:
        return int(np.count_nonzero(self.slots_per_weekday()))

    @property
    def daily_period(self) -> int | None:
        """Open slots per open day when every open day has the same number, else None."""
        counts = {int(count) for count in self.slots_per_weekday() if count}
        return counts.pop() if len(counts) == 1 and self.open_days_per_week > 1 else None

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return np.isin(keys, list(self.keys))


def open_hours(series: IntervalSeries, *, lookback_weeks: int) -> OpenHours:
    """Slots with contacts in the last ``lookback_weeks`` weeks of history.

    A slot with zero volume in every recent week, or with no rows at all, is closed.
    """
    recent = series.volume[series.volume.index >= series.end - lookback_weeks * WEEK]
    keys = slot_keys(
        recent.index, interval_minutes=series.interval_minutes, timezone=series.timezone
    )
    busiest = recent.groupby(keys).max()
    return OpenHours(
        keys=frozenset(int(key) for key in busiest.index[busiest > 0]),
        interval_minutes=series.interval_minutes,
    )


def horizon_index(
    series: IntervalSeries, *, days: int, start: datetime | None = None
) -> pd.DatetimeIndex:
    """Every interval of ``days`` local days from ``start`` (default: the next local midnight).

    The index is in UTC. It has ``days * intervals_per_day`` entries except across a
    daylight-saving change, where the local day is an hour shorter or longer.
    """
    first = _default_start(series) if start is None else pd.Timestamp(start).tz_convert("UTC")
    offset = (first - series.volume.index[0]) % series.step
    if offset != pd.Timedelta(0):
        raise InvalidForecastRequest(
            f"start {first} is not on the {series.interval_minutes}-minute grid", field="start"
        )
    wall_start = local_wall_time(pd.DatetimeIndex([first]), series.timezone)[0]
    last = _localize(wall_start + pd.Timedelta(days=days), series.timezone)
    return pd.date_range(first, last, freq=series.step, inclusive="left")


def _default_start(series: IntervalSeries) -> pd.Timestamp:
    end_wall = local_wall_time(pd.DatetimeIndex([series.end]), series.timezone)[0]
    midnight = end_wall.normalize()
    if midnight == end_wall:
        return series.end
    return _localize(midnight + pd.Timedelta(days=1), series.timezone)


def _localize(wall: pd.Timestamp, timezone: str) -> pd.Timestamp:
    local = wall.tz_localize(timezone, ambiguous=True, nonexistent="shift_forward")
    return local.tz_convert("UTC")
