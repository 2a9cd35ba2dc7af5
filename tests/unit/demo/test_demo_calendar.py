"""Bank holidays and business-time clocks, by worked examples."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from floorlead.demo.clocks import BusinessTime, business_hours_mask
from floorlead.demo.holidays import bank_holidays_between, easter_sunday, uk_bank_holidays
from floorlead.demo.reference import OFFICE_HOURS
from floorlead.demo.timeline import build_timeline


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_bank_holidays_of_2026_in_england_and_wales() -> None:
    days = [day for day, _ in uk_bank_holidays(2026)]

    assert days == [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # Christmas on Saturday, Boxing Day on Sunday: both move to the next Monday and Tuesday.
        (
            2021,
            [
                (date(2021, 12, 27), "Christmas Day (substitute day)"),
                (date(2021, 12, 28), "Boxing Day (substitute day)"),
            ],
        ),
        # Christmas on Sunday: Boxing Day keeps Monday, Christmas moves to Tuesday.
        (
            2022,
            [
                (date(2022, 12, 26), "Boxing Day"),
                (date(2022, 12, 27), "Christmas Day (substitute day)"),
            ],
        ),
    ],
)
def test_christmas_substitute_days(year: int, expected: list[tuple[date, str]]) -> None:
    assert uk_bank_holidays(year)[-2:] == expected


def test_holidays_between_two_days_span_years() -> None:
    found = bank_holidays_between(date(2026, 12, 1), date(2027, 1, 31))

    assert [day for day, _ in found] == [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]


# A week around Easter 2026: Good Friday 3 April, Easter Monday 6 April.
EASTER = build_timeline(datetime(2026, 4, 8, 12, 0, tzinfo=UTC), weeks=1)
CLOCK = BusinessTime(business_hours_mask(EASTER, OFFICE_HOURS))


def at(day: int, hour: int, minute: int = 0) -> float:
    """Seconds into the timeline at a UK local time in April 2026 (BST, UTC+1)."""
    return EASTER.seconds(datetime(2026, 4, day, hour - 1, minute, tzinfo=UTC))


def test_business_time_counts_office_hours_only() -> None:
    assert CLOCK.counted(at(2, 18)) - CLOCK.counted(at(2, 8)) == 10 * 3600
    assert CLOCK.counted(at(2, 23)) - CLOCK.counted(at(2, 17)) == 3600


def test_business_time_skips_the_easter_weekend_and_its_bank_holidays() -> None:
    assert CLOCK.counted(at(7, 8)) == CLOCK.counted(at(2, 18))


def test_adding_business_time_lands_in_the_next_open_hours() -> None:
    assert CLOCK.add(at(2, 17), 2 * 3600) == at(7, 9)
    assert CLOCK.add(at(4, 12), 30 * 60) == at(7, 8, 30)
