"""Time buckets of a period: the rows that point-in-time KPIs (backlog, headcount) are read at."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pyarrow as pa

from floorlead.metrics.model import Dimension, Period

SNAPSHOT_SCHEMA = pa.schema(
    [
        ("bucket", pa.date32()),
        ("start_date", pa.date32()),
        ("end_date", pa.date32()),
        ("days", pa.int64()),
        ("at", pa.timestamp("us")),
        ("at_epoch", pa.float64()),
    ]
)


def bucket_start(day: date, dimension: Dimension | None, period: Period) -> date:
    """The label of the bucket ``day`` falls in (the period start when not sliced by time)."""
    if dimension is Dimension.DAY:
        return day
    if dimension is Dimension.WEEK:
        return day - timedelta(days=day.weekday())
    if dimension is Dimension.MONTH:
        return day.replace(day=1)
    return period.start


def snapshot_rows(period: Period, dimension: Dimension | None, as_of: datetime) -> pa.Table:
    """One row per bucket: its days within the period and the instant it is read at.

    The instant is the end of the bucket's last day, or ``as_of`` when that is earlier;
    buckets that start after ``as_of`` are left out.
    """
    as_of = as_of.astimezone(UTC)
    rows: dict[date, list[date]] = {}
    day = period.start
    while day <= period.end:
        rows.setdefault(bucket_start(day, dimension, period), []).append(day)
        day += timedelta(days=1)
    records = []
    for label, days in rows.items():
        first_instant = datetime.combine(days[0], time(0), tzinfo=UTC)
        if first_instant > as_of:
            continue
        end_instant = datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=UTC)
        at = min(end_instant, as_of)
        records.append((label, days[0], days[-1], len(days), at, at.timestamp()))
    columns = list(zip(*records, strict=True)) if records else [[] for _ in SNAPSHOT_SCHEMA]
    arrays = [
        pa.array(column, field.type if field.name != "at" else pa.timestamp("us", tz="UTC"))
        for column, field in zip(columns, SNAPSHOT_SCHEMA, strict=True)
    ]
    arrays[4] = arrays[4].cast(pa.timestamp("us"))
    return pa.Table.from_arrays(arrays, schema=SNAPSHOT_SCHEMA)


def bucket_labels(period: Period, dimension: Dimension) -> list[date]:
    labels: list[date] = []
    day = period.start
    while day <= period.end:
        label = bucket_start(day, dimension, period)
        if not labels or labels[-1] != label:
            labels.append(label)
        day += timedelta(days=1)
    return labels
