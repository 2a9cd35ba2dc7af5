"""CSV in and out: contact history, special days, and the forecast.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
Timestamps are ISO 8601; those without an offset are read on the queue's local clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from floorlead.workforce.forecast.model import (
    IntervalSeries,
    InvalidHistory,
    InvalidSpecialDay,
    SpecialDay,
    SpecialDayKind,
)
from floorlead.workforce.forecast.series import series_from_frame
from floorlead.workforce.forecast.slots import validate_timezone

HISTORY_COLUMNS = ("interval_start", "volume")
SPECIAL_DAY_COLUMNS = ("start", "kind")
FIRST_ROW = 2


def read_history(path: Path, *, interval_minutes: int, timezone: str = "UTC") -> IntervalSeries:
    """Read ``interval_start,volume[,aht_seconds]`` rows into one queue's series."""
    zone = validate_timezone(timezone)
    table = _read_table(path, HISTORY_COLUMNS, error=InvalidHistory)
    stamps = [
        _timestamp(value, zone, row=row, field="interval_start")
        for row, value in table["interval_start"].items()
    ]
    aht = table["aht_seconds"] if "aht_seconds" in table else pd.Series("", index=table.index)
    frame = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(stamps, utc=True),
            "volume": table["volume"].str.strip(),
            "aht_seconds": aht.str.strip().replace("", None),
        },
        index=table.index,
    )
    return series_from_frame(frame, interval_minutes=interval_minutes, timezone=timezone)


def read_special_days(path: Path, *, timezone: str = "UTC") -> list[SpecialDay]:
    """Read ``start,end,kind,value[,name][,queue]`` rows.

    ``start`` and ``end`` are dates (whole local days, ``end`` inclusive) or timestamps
    (``end`` exclusive). Without ``end`` a date covers that one day; a timestamp needs an end.
    """
    zone = validate_timezone(timezone)
    table = _read_table(path, SPECIAL_DAY_COLUMNS, error=InvalidSpecialDay)
    return [_special_day(record, zone, row=row) for row, record in table.iterrows()]


def write_forecast(frame: pd.DataFrame, path: Path) -> None:
    """Write ``interval_start,volume,aht_seconds``, one row per interval, times in UTC."""
    output = pd.DataFrame(
        {
            "interval_start": [stamp.isoformat() for stamp in frame.index],
            "volume": frame["volume"].round(3).to_numpy(),
            "aht_seconds": frame["aht_seconds"].round(1).to_numpy(),
        }
    )
    output.to_csv(path, index=False)


def _read_table(
    path: Path, required: tuple[str, ...], *, error: type[InvalidHistory | InvalidSpecialDay]
) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError as empty:
        raise error(f"{path.name} is empty", field=required[0]) from empty
    table.columns = [str(name).strip() for name in table.columns]
    for name in required:
        if name not in table.columns:
            raise error(f"{path.name} has no {name} column", field=name)
    table.index = pd.RangeIndex(FIRST_ROW, FIRST_ROW + len(table))
    return table


def _timestamp(text: str, zone: ZoneInfo, *, row: int, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise InvalidHistory(
            f"{field} on row {row} is not a timestamp: {text!r}", field=field
        ) from error
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def _special_day(record: pd.Series, zone: ZoneInfo, *, row: int) -> SpecialDay:
    start, start_is_date = _moment(record["start"], zone, row=row, field="start")
    end_text = str(record.get("end", "")).strip()
    if end_text:
        end, end_is_date = _moment(end_text, zone, row=row, field="end")
        end = _next_midnight(end, zone) if end_is_date else end
    elif start_is_date:
        end = _next_midnight(start, zone)
    else:
        raise InvalidSpecialDay(f"end on row {row} is needed when start has a time", field="end")
    try:
        return SpecialDay(
            start=start,
            end=end,
            kind=_kind(record["kind"], row=row),
            value=_value(str(record.get("value", "")), row=row),
            name=str(record.get("name", "")).strip(),
            queue=str(record.get("queue", "")).strip() or None,
        )
    except InvalidSpecialDay as error:
        raise InvalidSpecialDay(f"row {row}: {error.message}", field=error.field) from error


def _moment(text: str, zone: ZoneInfo, *, row: int, field: str) -> tuple[datetime, bool]:
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        try:
            return _timestamp(text, zone, row=row, field=field), False
        except InvalidHistory as error:
            raise InvalidSpecialDay(error.message, field=field) from error
    return datetime(day.year, day.month, day.day, tzinfo=zone), True


def _next_midnight(moment: datetime, zone: ZoneInfo) -> datetime:
    day = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def _kind(text: str, *, row: int) -> SpecialDayKind:
    try:
        return SpecialDayKind(text.strip().lower())
    except ValueError as error:
        choices = ", ".join(SpecialDayKind)
        raise InvalidSpecialDay(
            f"kind on row {row} must be one of {choices}, got {text!r}", field="kind"
        ) from error


def _value(text: str, *, row: int) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError as error:
        raise InvalidSpecialDay(
            f"value on row {row} is not a number: {text!r}", field="value"
        ) from error
