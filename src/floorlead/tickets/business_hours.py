"""Business hours: weekly windows in a time zone, minus holidays, measured in real seconds.

Every function takes ``hours=None`` to mean calendar time (every second counts). Windows are
local wall-clock times; they are turned into UTC instants day by day, so daylight-saving
changes are honoured: a window that spans a spring-forward change is an hour shorter, one that
spans a fall-back change an hour longer. A local time skipped by a change resolves to the
instant the clocks jump; a local time that occurs twice resolves to its first occurrence.

A window end of ``time(0, 0)`` means midnight at the end of the day (written ``"24:00"`` in
JSON), so ``(time(0, 0), time(0, 0))`` is a whole day. A window never crosses midnight: split
a night shift into two windows on consecutive days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation

Window = tuple[time, time]
MIDNIGHT = time(0, 0)
_HH_MM = re.compile(r"^(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class BusinessHours:
    """Weekly business windows (0 = Monday) in ``time_zone``, closed on ``holidays``."""

    time_zone: str
    weekly: Mapping[int, tuple[Window, ...]]
    holidays: frozenset[date] = frozenset()
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", _zone(self.time_zone))
        object.__setattr__(self, "weekly", MappingProxyType(_checked_week(self.weekly)))
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    @classmethod
    def from_json(
        cls, time_zone: str, weekly_hours: dict[str, list[list[str]]], holidays: Iterable[date]
    ) -> BusinessHours:
        """Build from the stored form: ``{"0": [["09:00", "17:00"]], "5": []}``."""
        if not isinstance(weekly_hours, dict):
            raise RuleViolation("weekly_hours must map weekdays to windows", field="weekly_hours")
        weekly = {_weekday(key): _windows(value, key) for key, value in weekly_hours.items()}
        return cls(time_zone=time_zone, weekly=weekly, holidays=frozenset(holidays))

    def to_json(self) -> dict[str, list[list[str]]]:
        """The stored form of the weekly windows (the inverse of ``from_json``)."""
        return {
            str(day): [[_format(start), _format(end, is_end=True)] for start, end in windows]
            for day, windows in sorted(self.weekly.items())
        }


def business_seconds_between(hours: BusinessHours | None, start: datetime, end: datetime) -> float:
    """Seconds of business time in ``[start, end)``; 0 when ``end <= start``."""
    start, end = ensure_utc(start, field="start"), ensure_utc(end, field="end")
    if end <= start:
        return 0.0
    if hours is None:
        return (end - start).total_seconds()
    total = 0.0
    for open_at, close_at in _intervals(hours, _local_day(hours, start) - timedelta(days=1)):
        if open_at >= end:
            break
        overlap = min(close_at, end) - max(open_at, start)
        total += max(overlap.total_seconds(), 0.0)
    return total


def add_business_seconds(hours: BusinessHours | None, start: datetime, seconds: float) -> datetime:
    """The instant when ``seconds`` of business time have elapsed after ``start`` (UTC).

    With ``seconds == 0`` that is ``start`` itself, even outside business hours.
    """
    start = ensure_utc(start, field="start")
    if seconds < 0:
        raise RuleViolation("seconds must not be negative", field="seconds")
    if hours is None or seconds == 0:
        return start + timedelta(seconds=seconds)
    left = seconds
    for open_at, close_at in _intervals(hours, _local_day(hours, start) - timedelta(days=1)):
        if close_at <= start:
            continue
        begin = max(open_at, start)
        available = (close_at - begin).total_seconds()
        if left <= available:
            return begin + timedelta(seconds=left)
        left -= available
    raise AssertionError("unreachable: business hours always have a next window")


def is_business_time(hours: BusinessHours | None, at: datetime) -> bool:
    """True when ``at`` falls inside a business window (always true for calendar time)."""
    at = ensure_utc(at, field="at")
    if hours is None:
        return True
    first_day = _local_day(hours, at) - timedelta(days=1)
    for open_at, close_at in _intervals(hours, first_day):
        if open_at > at:
            return False
        if at < close_at:
            return True
    raise AssertionError("unreachable: business hours always have a next window")


def _intervals(hours: BusinessHours, first_day: date) -> Iterator[tuple[datetime, datetime]]:
    """Business windows as UTC ``[open, close)`` pairs, in order, from ``first_day`` on."""
    day = first_day
    while True:
        if day not in hours.holidays:
            for start, end in hours.weekly.get(day.weekday(), ()):
                close_day = day + timedelta(days=1) if end == MIDNIGHT else day
                open_at = _to_utc(datetime.combine(day, start), hours.zone)
                close_at = _to_utc(datetime.combine(close_day, end), hours.zone)
                if open_at < close_at:
                    yield open_at, close_at
        day += timedelta(days=1)


def _to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a naive local wall time (see the module notes on DST)."""
    first = wall.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return first.astimezone(UTC)
    # Skipped by a spring-forward change: find the instant the clocks jumped, which lies
    # between the readings with the new offset (earlier) and the old offset (later).
    low = int(wall.replace(tzinfo=zone, fold=1).timestamp())
    high = int(first.timestamp())
    before = datetime.fromtimestamp(low, zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _local_day(hours: BusinessHours, at: datetime) -> date:
    return at.astimezone(hours.zone).date()


def _zone(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not name:
        raise RuleViolation("time_zone must be an IANA time zone name", field="time_zone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise RuleViolation(f"unknown time zone {name!r}", field="time_zone") from error


def _checked_week(weekly: Mapping[int, Iterable[Window]]) -> dict[int, tuple[Window, ...]]:
    week: dict[int, tuple[Window, ...]] = {}
    for day, windows in weekly.items():
        if day not in range(7):
            raise RuleViolation(f"weekday {day!r} is not 0-6", field="weekly_hours")
        week[day] = _checked_day(day, windows)
    if not any(week.values()):
        raise RuleViolation("business hours need at least one window", field="weekly_hours")
    return week


def _checked_day(day: int, windows: Iterable[Window]) -> tuple[Window, ...]:
    given = tuple(windows)
    if not all(len(pair) == 2 and all(isinstance(t, time) for t in pair) for pair in given):
        raise RuleViolation(f"weekday {day}: windows are (start, end) times", field="weekly_hours")
    ordered = sorted(given, key=lambda window: _second_of_day(window[0]))
    for start, end in ordered:
        if _second_of_day(start) >= _second_of_day(end, is_end=True):
            raise RuleViolation(
                f"weekday {day}: window {_format(start)}-{_format(end, is_end=True)}"
                " must start before it ends",
                field="weekly_hours",
            )
    for (_, earlier_end), (later_start, _) in pairwise(ordered):
        if _second_of_day(later_start) < _second_of_day(earlier_end, is_end=True):
            raise RuleViolation(f"weekday {day}: windows overlap", field="weekly_hours")
    return tuple(ordered)


def _second_of_day(value: time, *, is_end: bool = False) -> int:
    """Seconds since midnight; a window end at midnight is the end of the day (86 400)."""
    if is_end and value == MIDNIGHT:
        return 24 * 3600
    return value.hour * 3600 + value.minute * 60 + value.second


def _weekday(key: str) -> int:
    if not (isinstance(key, str) and key.isdigit() and int(key) in range(7)):
        raise RuleViolation(f"weekday {key!r} must be '0' (Monday) to '6'", field="weekly_hours")
    return int(key)


def _windows(value: object, key: str) -> list[Window]:
    if not isinstance(value, list):
        raise RuleViolation(f"weekday {key}: windows must be a list", field="weekly_hours")
    windows: list[Window] = []
    for pair in value:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise RuleViolation(
                f"weekday {key}: each window is [start, end], like ['09:00', '17:00']",
                field="weekly_hours",
            )
        windows.append((_parse(pair[0], key, is_end=False), _parse(pair[1], key, is_end=True)))
    return windows


def _parse(text: object, key: str, *, is_end: bool) -> time:
    match = _HH_MM.match(text) if isinstance(text, str) else None
    hour, minute = (int(match[1]), int(match[2])) if match else (-1, -1)
    if is_end and (hour, minute) == (24, 0):
        return MIDNIGHT
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise RuleViolation(f"weekday {key}: {text!r} is not a HH:MM time", field="weekly_hours")
    return time(hour, minute)


def _format(value: time, *, is_end: bool = False) -> str:
    return "24:00" if is_end and value == MIDNIGHT else value.strftime("%H:%M")
