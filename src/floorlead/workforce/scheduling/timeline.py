"""Minutes within a repeating week: clock-time parsing, weekday names and cyclic range sets.

A time in the scheduling week is a whole number of wall-clock minutes since the week start
(minute 0 = the week start's midnight). The week repeats: minute ``WEEK_MINUTES + m`` is minute
``m`` of the same week, so a shift that runs past the week end counts against the first day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from floorlead.workforce.scheduling.errors import ScheduleInputError

DAY_MINUTES = 24 * 60
WEEK_DAYS = 7
WEEK_MINUTES = WEEK_DAYS * DAY_MINUTES
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_clock(text: str, *, field: str, allow_past_midnight: bool = False) -> int:
    """Minutes after midnight of ``"HH:MM"`` (``"24:00"`` and beyond only when allowed)."""
    hours, sep, minutes = str(text).strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ScheduleInputError(f"{field}: {text!r} is not a time like 07:30", field=field)
    value = int(hours) * 60 + int(minutes)
    limit = 2 * DAY_MINUTES if allow_past_midnight else DAY_MINUTES - 1
    if int(minutes) >= 60 or value > limit:
        raise ScheduleInputError(f"{field}: {text!r} is not a valid clock time", field=field)
    return value


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday_index(name: str, *, field: str) -> int:
    key = str(name).strip().lower()[:3]
    if key not in WEEKDAY_NAMES:
        raise ScheduleInputError(
            f"{field}: {name!r} is not a weekday (use mon, tue, ... sun)", field=field
        )
    return WEEKDAY_NAMES.index(key)


def day_of_weekday(week_start: datetime, weekday: int) -> int:
    """The day index (0 = the week start's day) on which ``weekday`` (0 = Monday) falls."""
    return (weekday - week_start.weekday()) % WEEK_DAYS


def weekday_of_day(week_start: datetime, day: int) -> int:
    return (week_start.weekday() + day) % WEEK_DAYS


def at_minute(week_start: datetime, minute: int) -> datetime:
    return week_start + timedelta(minutes=minute)


def minute_of(week_start: datetime, moment: datetime) -> int:
    """Wall-clock minutes from the week start to ``moment`` (same time zone as the week start)."""
    if (moment.tzinfo is None) != (week_start.tzinfo is None):
        raise ScheduleInputError(
            f"{moment.isoformat()} and the week start {week_start.isoformat()} must both "
            "carry a time zone or both carry none",
            field="week_start",
        )
    if moment.tzinfo is not None and week_start.tzinfo is not None:
        moment = moment.astimezone(week_start.tzinfo)
    delta = moment.replace(tzinfo=None) - week_start.replace(tzinfo=None)
    return int(delta.total_seconds() // 60)


@dataclass(frozen=True)
class MinuteSet:
    """A set of week minutes as sorted, disjoint ``[start, end)`` ranges inside ``[0, WEEK)``."""

    ranges: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> MinuteSet:
        """Union of spans given in any order; spans may run past the week end and wrap."""
        pieces: list[tuple[int, int]] = []
        for start, end in spans:
            if end - start >= WEEK_MINUTES:
                return cls(((0, WEEK_MINUTES),))
            if end <= start:
                continue
            first, last = start % WEEK_MINUTES, start % WEEK_MINUTES + (end - start)
            if last > WEEK_MINUTES:
                pieces.extend([(first, WEEK_MINUTES), (0, last - WEEK_MINUTES)])
            else:
                pieces.append((first, last))
        return cls(tuple(_merge(pieces)))

    @classmethod
    def whole_week(cls) -> MinuteSet:
        return cls(((0, WEEK_MINUTES),))

    def contains_span(self, start: int, end: int) -> bool:
        """Whether every minute of ``[start, end)`` (wrapping past the week end) is in the set."""
        needed = MinuteSet.of([(start, end)])
        return all(any(a <= s and e <= b for a, b in self.ranges) for s, e in needed.ranges)

    def overlaps_span(self, start: int, end: int) -> bool:
        other = MinuteSet.of([(start, end)])
        return any(s < b and a < e for s, e in other.ranges for a, b in self.ranges)

    def minus(self, other: MinuteSet) -> MinuteSet:
        result: list[tuple[int, int]] = []
        for start, end in self.ranges:
            cursor = start
            for cut_start, cut_end in other.ranges:
                if cut_end <= cursor or cut_start >= end:
                    continue
                if cut_start > cursor:
                    result.append((cursor, cut_start))
                cursor = max(cursor, cut_end)
            if cursor < end:
                result.append((cursor, end))
        return MinuteSet(tuple(result))


def _merge(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def minutes_per_interval(start: int, length: int, interval: int) -> dict[int, int]:
    """How many minutes of ``[start, start + length)`` fall in each interval of the week."""
    per_interval: dict[int, int] = {}
    count = WEEK_MINUTES // interval
    cursor, end = start, start + length
    while cursor < end:
        index = cursor // interval
        boundary = min(end, (index + 1) * interval)
        slot = index % count
        per_interval[slot] = per_interval.get(slot, 0) + boundary - cursor
        cursor = boundary
    return per_interval
