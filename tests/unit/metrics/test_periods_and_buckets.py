"""Periods, slice names and the time buckets point-in-time KPIs are read at."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from floorlead.errors import RuleViolation
from floorlead.metrics.buckets import bucket_labels, snapshot_rows
from floorlead.metrics.model import Dimension, Period, parse_dimensions


def naive_utc(*parts: int) -> datetime:
    """How the snapshot rows hold instants: naive, in UTC."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)  # type: ignore[misc]


MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_the_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    assert Period(date(2026, 3, 9), date(2026, 3, 15)).previous() == Period(
        date(2026, 3, 2), date(2026, 3, 8)
    )


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(RuleViolation) as error:
        Period(date(2026, 3, 2), date(2026, 3, 1))

    assert error.value.field == "to"


def test_slice_names_are_checked_and_deduplicated() -> None:
    assert parse_dimensions(["agent", "day", "agent"]) == (Dimension.AGENT, Dimension.DAY)
    with pytest.raises(RuleViolation, match="unknown slice 'colour'"):
        parse_dimensions(["colour"])
    with pytest.raises(RuleViolation, match="at most one"):
        parse_dimensions(["day", "week"])


@pytest.mark.parametrize(
    ("dimension", "labels"),
    [
        (Dimension.WEEK, [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]),
        (Dimension.MONTH, [date(2026, 3, 1)]),
    ],
)
def test_bucket_labels_start_on_mondays_and_firsts(
    dimension: Dimension, labels: list[date]
) -> None:
    assert bucket_labels(Period(date(2026, 3, 1), date(2026, 3, 10)), dimension) == labels


def test_snapshots_are_read_at_each_bucket_end_but_never_after_now() -> None:
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

    rows = snapshot_rows(MARCH, Dimension.WEEK, now).to_pylist()

    assert [r["bucket"] for r in rows] == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]
    assert rows[0]["start_date"] == date(2026, 3, 1) and rows[0]["days"] == 1
    assert rows[1]["at"] == naive_utc(2026, 3, 9)
    assert rows[2]["at"] == naive_utc(2026, 3, 10, 12)
    assert rows[2]["end_date"] == date(2026, 3, 15)


def test_without_a_time_slice_one_snapshot_covers_the_period() -> None:
    rows = snapshot_rows(MARCH, None, datetime(2026, 5, 1, tzinfo=UTC)).to_pylist()

    assert len(rows) == 1
    assert rows[0]["days"] == 31 and rows[0]["at"] == naive_utc(2026, 4, 1)
