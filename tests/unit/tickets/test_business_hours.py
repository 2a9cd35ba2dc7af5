"""Business hours: hand-worked examples in London (GMT/BST) and New York (EST/EDT).

London is UTC+0 until the clocks go forward at 01:00 on Sunday 29 March 2026, then UTC+1.
New York is UTC-5 until the clocks go forward at 02:00 on Sunday 8 March 2026, then UTC-4.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from floorlead.errors import RuleViolation
from floorlead.tickets.business_hours import (
    BusinessHours,
    add_business_seconds,
    business_seconds_between,
    is_business_time,
)

WEEKDAYS_9_TO_5 = {str(day): [["09:00", "17:00"]] for day in range(5)}
GOOD_FRIDAY, EASTER_MONDAY = date(2026, 4, 3), date(2026, 4, 6)
LONDON = BusinessHours.from_json("Europe/London", WEEKDAYS_9_TO_5, [GOOD_FRIDAY, EASTER_MONDAY])
NEW_YORK = BusinessHours.from_json("America/New_York", WEEKDAYS_9_TO_5, [])
LUNCH_BREAK = BusinessHours.from_json(
    "Europe/London", {"0": [["13:00", "17:00"], ["09:00", "12:00"]]}, []
)
SUNDAYS_ALL_DAY = BusinessHours.from_json("Europe/London", {"6": [["00:00", "24:00"]]}, [])
SUNDAYS_01_30_TO_02_30 = BusinessHours.from_json("Europe/London", {"6": [["01:30", "02:30"]]}, [])
HOUR = 3600.0


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hours", "start", "end", "expected_hours"),
    [
        # Mon 2 Mar 10:00 -> 12:00 GMT, inside one window.
        (LONDON, utc(3, 2, 10), utc(3, 2, 12), 2),
        # Fri 6 Mar 16:00 -> Mon 9 Mar 10:00 GMT: Fri 16-17 (1) + weekend (0) + Mon 9-10 (1).
        (LONDON, utc(3, 6, 16), utc(3, 9, 10), 2),
        # Thu 2 Apr 16:00 BST (15:00Z) -> Tue 7 Apr 10:00 BST (09:00Z): Thu 16-17 (1),
        # Good Friday and Easter Monday are holidays, weekend (0), Tue 9-10 (1).
        (LONDON, utc(4, 2, 15), utc(4, 7, 9), 2),
        # Fri 27 Mar 16:00 GMT (16:00Z) -> Mon 30 Mar 10:00 BST (09:00Z): 1 + 1 across the change.
        (LONDON, utc(3, 27, 16), utc(3, 30, 9), 2),
        # Mon 30 Mar 08:00Z -> 16:00Z is 09:00 -> 17:00 BST: the whole window, 8.
        (LONDON, utc(3, 30, 8), utc(3, 30, 16), 8),
        # Same instants, GMT window would be 09:00Z-17:00Z: checks BST really shifts the window.
        (LONDON, utc(3, 30, 16), utc(3, 30, 17), 0),
        # Sat 7 Mar -> Sun 8 Mar: no windows at weekends.
        (LONDON, utc(3, 7, 0), utc(3, 9, 0), 0),
        # End before start counts nothing.
        (LONDON, utc(3, 2, 12), utc(3, 2, 10), 0),
        # New York, Fri 6 Mar 16:00 EST (21:00Z) -> Mon 9 Mar 10:00 EDT (14:00Z): 1 + 1.
        (NEW_YORK, utc(3, 6, 21), utc(3, 9, 14), 2),
        # New York, Mon 2 Mar 16:30 EST (21:30Z) -> Tue 3 Mar 09:30 EST (14:30Z): 0.5 + 0.5.
        (NEW_YORK, utc(3, 2, 21, 30), utc(3, 3, 14, 30), 1),
        # Lunch break: Mon 2 Mar 11:00 -> 14:00 GMT is 11-12 (1) + 13-14 (1).
        (LUNCH_BREAK, utc(3, 2, 11), utc(3, 2, 14), 2),
        # "00:00"-"24:00" on Sunday 29 Mar: the day has only 23 hours.
        (SUNDAYS_ALL_DAY, utc(3, 28, 0), utc(3, 30, 0), 23),
        # ... and on Sunday 25 Oct, when the clocks go back, 25 hours.
        (SUNDAYS_ALL_DAY, utc(10, 24, 0), utc(10, 27, 0), 25),
        # 01:30-02:30 on 29 Mar: 01:30 does not exist, so the window opens when the clocks
        # jump (01:00Z = 02:00 BST) and closes at 02:30 BST (01:30Z): half an hour.
        (SUNDAYS_01_30_TO_02_30, utc(3, 28, 0), utc(3, 30, 0), 0.5),
        # Calendar time: Sat 28 Mar 12:00 GMT -> Sun 29 Mar 12:00 BST (11:00Z) is 23 real hours.
        (None, utc(3, 28, 12), utc(3, 29, 11), 23),
    ],
)
def test_business_seconds_between_counts_only_open_hours(
    hours: BusinessHours | None, start: datetime, end: datetime, expected_hours: float
) -> None:
    assert business_seconds_between(hours, start, end) == expected_hours * HOUR


@pytest.mark.parametrize(
    ("hours", "start", "seconds", "expected"),
    [
        # Fri 6 Mar 16:00 GMT + 2 h: Fri 16-17 (1 h) then Mon 9-10 -> Mon 10:00Z.
        (LONDON, utc(3, 6, 16), 2 * HOUR, utc(3, 9, 10)),
        # Exactly the rest of the window ends at its close, not at the next opening.
        (LONDON, utc(3, 6, 16), 1 * HOUR, utc(3, 6, 17)),
        # From Saturday, 30 min lands at Mon 9 Mar 09:30 GMT.
        (LONDON, utc(3, 7, 12), 1800, utc(3, 9, 9, 30)),
        # Fri 27 Mar 16:00 GMT + 2 h: 1 h on Friday, then Mon 30 Mar 09-10 BST = 08-09Z.
        (LONDON, utc(3, 27, 16), 2 * HOUR, utc(3, 30, 9)),
        # Thu 2 Apr 16:00 BST (15:00Z) + 2 h skips both Easter holidays: Tue 7 Apr 10:00 BST.
        (LONDON, utc(4, 2, 15), 2 * HOUR, utc(4, 7, 9)),
        # New York, Fri 6 Mar 16:00 EST (21:00Z) + 2 h: Mon 9 Mar 10:00 EDT (14:00Z).
        (NEW_YORK, utc(3, 6, 21), 2 * HOUR, utc(3, 9, 14)),
        # Lunch: Mon 2 Mar 11:00 + 2 h = 11-12 (1 h) + 13-14 (1 h) -> 14:00.
        (LUNCH_BREAK, utc(3, 2, 11), 2 * HOUR, utc(3, 2, 14)),
        # No seconds: the start itself, even at the weekend.
        (LONDON, utc(3, 7, 12), 0, utc(3, 7, 12)),
        # Calendar time: plain addition.
        (None, utc(3, 7, 12), 90, utc(3, 7, 12, 1) + timedelta(seconds=30)),
    ],
)
def test_add_business_seconds_finds_the_instant_the_time_is_used_up(
    hours: BusinessHours | None, start: datetime, seconds: float, expected: datetime
) -> None:
    assert add_business_seconds(hours, start, seconds) == expected


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        (LONDON, utc(3, 2, 9), True),  # Mon 09:00 GMT: windows include their start
        (LONDON, utc(3, 2, 8, 59), False),
        (LONDON, utc(3, 2, 17), False),  # ... and exclude their end
        (LONDON, utc(3, 7, 12), False),  # Saturday
        (LONDON, utc(4, 3, 12), False),  # Good Friday
        (LONDON, utc(3, 30, 8, 30), True),  # 09:30 BST
        (LONDON, utc(3, 30, 16, 30), False),  # 17:30 BST
        (NEW_YORK, utc(3, 2, 14), True),  # 09:00 EST
        (NEW_YORK, utc(3, 9, 13, 30), True),  # 09:30 EDT
        (NEW_YORK, utc(3, 2, 13, 30), False),  # 08:30 EST
        (LUNCH_BREAK, utc(3, 2, 12, 30), False),
        (None, utc(3, 7, 3), True),
    ],
)
def test_is_business_time(hours: BusinessHours | None, at: datetime, expected: bool) -> None:
    assert is_business_time(hours, at) is expected


@pytest.mark.parametrize(
    ("time_zone", "weekly_hours", "field"),
    [
        ("Mars/Olympus_Mons", WEEKDAYS_9_TO_5, "time_zone"),
        ("", WEEKDAYS_9_TO_5, "time_zone"),
        ("Europe/London", {"7": [["09:00", "17:00"]]}, "weekly_hours"),
        ("Europe/London", {"mon": [["09:00", "17:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["9:00", "17:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["09:00", "25:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["24:00", "24:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["17:00", "09:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["09:00", "09:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["09:00", "13:00"], ["12:00", "17:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": [["09:00"]]}, "weekly_hours"),
        ("Europe/London", {"0": "09:00-17:00"}, "weekly_hours"),
        ("Europe/London", {"0": [], "6": []}, "weekly_hours"),
    ],
)
def test_from_json_refuses_bad_calendars_naming_the_field(
    time_zone: str, weekly_hours: dict[str, list[list[str]]], field: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        BusinessHours.from_json(time_zone, weekly_hours, [])

    assert refused.value.field == field


def test_from_json_accepts_touching_windows_and_midnight_and_round_trips() -> None:
    stored = {"0": [["12:00", "24:00"], ["00:00", "12:00"]], "5": []}

    hours = BusinessHours.from_json("Europe/London", stored, [])

    assert hours.weekly[0] == ((time(0, 0), time(12, 0)), (time(12, 0), time(0, 0)))
    assert hours.to_json() == {"0": [["00:00", "12:00"], ["12:00", "24:00"]], "5": []}


@pytest.mark.parametrize(
    "function", [is_business_time, lambda h, at: add_business_seconds(h, at, 1)]
)
def test_naive_datetimes_are_refused(function: object) -> None:
    with pytest.raises(RuleViolation):
        function(LONDON, datetime(2026, 3, 2, 9))  # type: ignore[operator]  # noqa: DTZ001


def test_negative_seconds_are_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        add_business_seconds(LONDON, utc(3, 2, 9), -1)

    assert refused.value.field == "seconds"


# Hypothesis takes naive bounds; the instants it draws carry UTC.
instants = st.datetimes(
    min_value=datetime(2026, 1, 1),  # noqa: DTZ001
    max_value=datetime(2027, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
calendars = st.sampled_from([LONDON, NEW_YORK, LUNCH_BREAK, SUNDAYS_ALL_DAY, None])


@settings(max_examples=150, deadline=None)
@given(hours=calendars, start=instants, seconds=st.integers(min_value=0, max_value=30 * 8 * 3600))
def test_adding_then_measuring_gives_back_the_same_seconds(
    hours: BusinessHours | None, start: datetime, seconds: int
) -> None:
    end = add_business_seconds(hours, start, seconds)

    assert business_seconds_between(hours, start, end) == pytest.approx(seconds, abs=1e-3)
    assert seconds == 0 or hours is None or is_business_time(hours, end - timedelta(microseconds=1))


@settings(max_examples=150, deadline=None)
@given(hours=calendars, first=instants, second=instants, third=instants)
def test_measuring_adds_up_over_consecutive_stretches(
    hours: BusinessHours | None, first: datetime, second: datetime, third: datetime
) -> None:
    start, middle, end = sorted([first, second, third])

    whole = business_seconds_between(hours, start, end)
    parts = business_seconds_between(hours, start, middle) + business_seconds_between(
        hours, middle, end
    )

    assert whole == pytest.approx(parts, abs=1e-3)
