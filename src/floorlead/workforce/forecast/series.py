"""Build a regular interval series from contact records, aggregating finer history.

Rows are numbered as the caller numbers them (the frame's index): ``read_history`` numbers them
as a spreadsheet does (the header is row 1); records passed as an iterable are numbered from 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.model import (
    SUPPORTED_INTERVALS,
    IntervalSeries,
    InvalidForecastRequest,
    InvalidHistory,
)
from floorlead.workforce.forecast.slots import local_wall_time, validate_timezone

Record = tuple[datetime, float, float | None]
COLUMNS = ("interval_start", "volume", "aht_seconds")
MINUTE_NS = 60_000_000_000


def series_from_records(
    records: Iterable[Record] | pd.DataFrame, *, interval_minutes: int, timezone: str = "UTC"
) -> IntervalSeries:
    """Build one queue's series from ``(interval_start, volume, aht_seconds)`` rows.

    ``interval_start`` must be timezone-aware; ``aht_seconds`` may be None. Finer history
    (for example five-minute rows) is summed into ``interval_minutes`` buckets, with the
    handle time weighted by volume.
    """
    if isinstance(records, pd.DataFrame):
        frame = records.reset_index(drop=True)
        frame.index = pd.RangeIndex(1, len(frame) + 1)
    else:
        frame = _records_frame(records)
    if "aht_seconds" not in frame.columns:
        frame["aht_seconds"] = np.nan
    missing = [name for name in COLUMNS if name not in frame.columns]
    if missing:
        raise InvalidHistory(f"history lacks column {missing[0]}", field=missing[0])
    return series_from_frame(frame, interval_minutes=interval_minutes, timezone=timezone)


def series_from_frame(
    frame: pd.DataFrame, *, interval_minutes: int, timezone: str = "UTC"
) -> IntervalSeries:
    """Build a series from a frame of ``interval_start`` (timezone-aware), ``volume`` and
    ``aht_seconds``; the frame's index numbers the rows in error messages."""
    _check_interval(interval_minutes)
    validate_timezone(timezone)
    if frame.empty:
        raise InvalidHistory("history has no rows", field="interval_start")
    volume = _numbers(frame["volume"], field="volume", required=True)
    aht = _numbers(frame["aht_seconds"], field="aht_seconds", required=False)
    stamps = pd.DatetimeIndex(_aware_stamps(frame["interval_start"])).as_unit("ns")
    _refuse_duplicates(stamps, frame.index)
    buckets = _bucket_starts(stamps, frame.index, interval_minutes, timezone)
    return _aggregate(buckets, volume.to_numpy(), aht.to_numpy(), interval_minutes, timezone)


def _records_frame(records: Iterable[Record]) -> pd.DataFrame:
    rows = [tuple(record) + (None,) * (3 - len(record)) for record in records]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _aware_stamps(column: pd.Series) -> pd.Series:
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        return column.dt.tz_convert("UTC")
    for row, value in column.items():
        if not isinstance(value, datetime):
            raise InvalidHistory(
                f"interval_start on row {row} is not a timestamp: {value!r}",
                field="interval_start",
            )
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidHistory(
                f"interval_start on row {row} has no time zone offset", field="interval_start"
            )
    return pd.to_datetime(column, utc=True)


def _numbers(column: pd.Series, *, field: str, required: bool) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce").astype(float)
    unreadable = values.isna() if required else values.isna() & column.notna()
    if unreadable.any():
        row = unreadable[unreadable].index[0]
        raw = column[row]
        problem = "is missing" if _is_blank(raw) else f"is not a number: {raw!r}"
        raise InvalidHistory(f"{field} on row {row} {problem}", field=field)
    negative = values < 0
    if negative.any():
        row = negative[negative].index[0]
        raise InvalidHistory(f"{field} on row {row} is negative ({values[row]:g})", field=field)
    return values


def _is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and np.isnan(value))


def _refuse_duplicates(stamps: pd.DatetimeIndex, rows: pd.Index) -> None:
    repeated = stamps.duplicated()
    if repeated.any():
        row = rows[int(np.argmax(repeated))]
        raise InvalidHistory(
            f"interval_start on row {row} repeats an earlier row ({stamps[repeated][0]})",
            field="interval_start",
        )


def _bucket_starts(
    stamps: pd.DatetimeIndex, rows: pd.Index, interval_minutes: int, timezone: str
) -> pd.DatetimeIndex:
    """Start of the ``interval_minutes`` bucket (on the local clock) holding each row.

    The history's grain is the largest step that every row lies on (the greatest common
    divisor of the gaps between rows and of their minutes past local midnight), so rows
    left out for quiet intervals do not matter and an hourly export has a grain of 60.
    """
    wall = local_wall_time(stamps, timezone)
    minute_of_day = np.asarray((wall - wall.normalize()) // pd.Timedelta(minutes=1))
    step = _step_minutes(stamps, interval_minutes)
    grain = int(np.gcd.reduce(np.r_[step, minute_of_day]))
    if interval_minutes % grain:
        raise InvalidHistory(
            f"history is at {grain}-minute intervals, which cannot be split into "
            f"{interval_minutes}-minute intervals; use a multiple of {grain} minutes",
            field="interval_minutes",
        )
    source = min(step, interval_minutes)
    off_grid = minute_of_day % source != 0
    if off_grid.any():
        row = rows[int(np.argmax(off_grid))]
        raise InvalidHistory(
            f"interval_start on row {row} ({stamps[off_grid][0]}) is not on a "
            f"{source}-minute boundary",
            field="interval_start",
        )
    return stamps - pd.to_timedelta(minute_of_day % interval_minutes, unit="min")


def _step_minutes(stamps: pd.DatetimeIndex, interval_minutes: int) -> int:
    """The greatest common divisor of the gaps between rows, in minutes."""
    if len(stamps) < 2:
        return interval_minutes
    gaps = np.diff(np.sort(stamps.asi8))
    if np.any(gaps % MINUTE_NS):
        raise InvalidHistory(
            "interval_start values must fall on whole minutes", field="interval_start"
        )
    return int(np.gcd.reduce(gaps // MINUTE_NS))


def _aggregate(
    buckets: pd.DatetimeIndex,
    volume: np.ndarray,
    aht: np.ndarray,
    interval_minutes: int,
    timezone: str,
) -> IntervalSeries:
    has_aht = ~np.isnan(aht) & (volume > 0)
    parts = pd.DataFrame(
        {
            "volume": volume,
            "handled": np.where(has_aht, volume * np.nan_to_num(aht), 0.0),
            "aht_volume": np.where(has_aht, volume, 0.0),
        },
        index=buckets,
    )
    sums = parts.groupby(level=0).sum()
    grid = pd.date_range(sums.index[0], sums.index[-1], freq=f"{interval_minutes}min")
    sums = sums.reindex(grid)
    with np.errstate(invalid="ignore", divide="ignore"):
        aht_seconds = (sums["handled"] / sums["aht_volume"]).where(sums["aht_volume"] > 0)
    return IntervalSeries(
        volume=sums["volume"].rename("volume"),
        aht_seconds=aht_seconds.rename("aht_seconds"),
        interval_minutes=interval_minutes,
        timezone=timezone,
    )


def _check_interval(interval_minutes: int) -> None:
    if interval_minutes not in SUPPORTED_INTERVALS:
        choices = ", ".join(str(value) for value in SUPPORTED_INTERVALS)
        raise InvalidForecastRequest(
            f"interval_minutes must be one of {choices}, got {interval_minutes}",
            field="interval_minutes",
        )
