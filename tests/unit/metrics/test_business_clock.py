"""The vectorised business clock agrees with the ticket area's business-hours rule."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from floorlead.metrics.business_clock import BusinessClock
from floorlead.tickets.business_hours import BusinessHours, business_seconds_between

OFFICE = {str(day): [["09:00", "12:30"], ["13:30", "17:00"]] for day in range(5)}
LATE = {"4": [["18:00", "24:00"]], "5": [["00:00", "02:00"]]}


def _hours(zone: str, weekly: dict, holidays: tuple[date, ...] = ()) -> BusinessHours:
    return BusinessHours.from_json(zone, weekly, holidays)


def _instants(values: list[datetime]) -> np.ndarray:
    return np.array([v.replace(tzinfo=None) for v in values], dtype="datetime64[us]")


@pytest.mark.parametrize(
    "hours",
    [
        None,
        _hours("UTC", OFFICE),
        _hours("Europe/Paris", OFFICE, (date(2026, 4, 6),)),
        _hours("America/New_York", LATE),
        _hours("Europe/London", {str(d): [["00:30", "02:30"]] for d in range(7)}),
    ],
    ids=["calendar", "utc-office", "paris-dst-holiday", "new-york-evenings", "london-dst-night"],
)
def test_durations_equal_business_seconds_between(hours: BusinessHours | None) -> None:
    rng = random.Random(7)
    base = datetime(2026, 3, 20, tzinfo=UTC)  # spans the March and spring DST changes
    starts = [base + timedelta(minutes=rng.randrange(0, 60 * 24 * 25)) for _ in range(300)]
    ends = [s + timedelta(minutes=rng.randrange(0, 60 * 24 * 6)) for s in starts]
    clock = BusinessClock.covering(hours, _instants(starts + ends))

    got = clock.between(_instants(starts), _instants(ends))

    expected = [business_seconds_between(hours, s, e) for s, e in zip(starts, ends, strict=True)]
    assert got.tolist() == pytest.approx(expected, abs=1e-6)


def test_a_weekend_adds_no_business_time() -> None:
    clock = BusinessClock(_hours("UTC", OFFICE), date(2026, 3, 6), date(2026, 3, 9))
    friday = _instants([datetime(2026, 3, 6, 16, 0, tzinfo=UTC)])
    monday = _instants([datetime(2026, 3, 9, 10, 0, tzinfo=UTC)])

    assert clock.between(friday, monday).tolist() == [7200.0]


def test_missing_instants_give_missing_durations() -> None:
    clock = BusinessClock(None, date(2026, 3, 6), date(2026, 3, 9))
    starts = np.array(["2026-03-06T10:00", "NaT"], dtype="datetime64[us]")
    ends = np.array(["NaT", "2026-03-06T11:00"], dtype="datetime64[us]")

    assert np.isnan(clock.between(starts, ends)).all()


def test_an_instant_outside_the_built_range_is_refused() -> None:
    clock = BusinessClock(_hours("UTC", OFFICE), date(2026, 3, 6), date(2026, 3, 9))

    with pytest.raises(ValueError, match="outside the range"):
        clock.reading(np.array(["2026-05-01T10:00"], dtype="datetime64[us]"))
