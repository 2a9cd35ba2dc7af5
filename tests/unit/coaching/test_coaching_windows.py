"""Time windows: whole UTC days for the KPI engine, and goal/review windows cut at now."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from floorlead.coaching.reviews import window
from floorlead.coaching.sources import whole_days
from floorlead.metrics import Period


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [
        (at(2), at(9), Period(date(2026, 3, 2), date(2026, 3, 8))),
        (at(2, 9), at(9), Period(date(2026, 3, 3), date(2026, 3, 8))),  # the 1:1's day is out
        (at(2), at(9, 9), Period(date(2026, 3, 2), date(2026, 3, 8))),
        (at(2), at(2, 9), None),  # no whole day inside
        (at(2, 1), at(3, 1), None),
        # 02:00 at UTC+2 is midnight UTC: the 2nd counts.
        (
            datetime(2026, 3, 2, 2, tzinfo=timezone(timedelta(hours=2))),
            at(3),
            Period(date(2026, 3, 2), date(2026, 3, 2)),
        ),
    ],
)
def test_a_window_counts_the_utc_days_wholly_inside_it(
    start: datetime, end: datetime, period: Period | None
) -> None:
    assert whole_days(start, end) == period


def test_a_goal_window_runs_from_its_first_day_to_after_its_last_or_to_now() -> None:
    assert window(date(2026, 3, 2), date(2026, 3, 8), at(20)) == (at(2), at(9))
    assert window(date(2026, 3, 2), date(2026, 3, 8), at(5, 9)) == (at(2), at(5, 9))
