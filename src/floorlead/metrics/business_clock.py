"""Business-hours durations for many instants at once.

A :class:`BusinessClock` reads, for any instant, the business seconds elapsed since an origin;
the business duration between two instants is the difference of the two readings. It follows
the rules of :func:`floorlead.tickets.business_hours.business_seconds_between` (weekly local
windows, holidays, daylight-saving changes) and gives the same numbers, but turns millions of
timestamps into durations with a few vectorised numpy steps instead of one Python call each.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np

from floorlead.tickets.business_hours import MIDNIGHT, BusinessHours

US = 1_000_000


class BusinessClock:
    """Cumulative business seconds of ``hours`` (None: calendar time) over ``[first, last]``."""

    def __init__(self, hours: BusinessHours | None, first: date, last: date) -> None:
        self.hours = hours
        self.first, self.last = first, last
        opens, closes = _windows(hours, first, last) if hours else ([], [])
        self.opens = np.asarray(opens, dtype=np.int64)
        self.lengths = np.asarray(closes, dtype=np.int64) - self.opens
        self.before = np.concatenate(([0], np.cumsum(self.lengths)))[:-1].astype(np.int64)
        self._lo = _epoch_us(first - timedelta(days=1))
        self._hi = _epoch_us(last + timedelta(days=2))

    @classmethod
    def covering(cls, hours: BusinessHours | None, instants: np.ndarray) -> BusinessClock:
        """A clock whose range covers every (non-missing) instant of ``instants``."""
        valid = instants[~np.isnat(instants)]
        if valid.size == 0:
            today = datetime.now(UTC).date()
            return cls(hours, today, today)
        low = valid.min().astype("datetime64[D]").astype(object)
        high = valid.max().astype("datetime64[D]").astype(object)
        return cls(hours, low, high)

    def reading(self, instants: np.ndarray) -> np.ndarray:
        """Business seconds since the origin at each instant (NaN for a missing instant)."""
        micros = instants.astype("datetime64[us]").astype(np.int64)
        missing = np.isnat(instants)
        if self.hours is None:
            return np.where(missing, np.nan, micros / US)
        inside = micros[~missing]
        if inside.size and (inside.min() < self._lo or inside.max() >= self._hi):
            raise ValueError("an instant lies outside the range the business clock was built for")
        index = np.searchsorted(self.opens, micros, side="right") - 1
        safe = np.clip(index, 0, max(len(self.opens) - 1, 0))
        if len(self.opens) == 0:
            return np.where(missing, np.nan, 0.0)
        into = np.clip(micros - self.opens[safe], 0, self.lengths[safe])
        total = np.where(index < 0, 0, self.before[safe] + into)
        return np.where(missing, np.nan, total / US)

    def between(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Business seconds in ``[start, end)`` per pair: 0 if ``end <= start``, NaN if missing."""
        seconds = self.reading(ends) - self.reading(starts)
        return np.where(np.isnan(seconds), np.nan, np.maximum(seconds, 0.0))


def _epoch_us(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) * US


def _windows(hours: BusinessHours, first: date, last: date) -> tuple[list[int], list[int]]:
    """Open and close instants (µs since the epoch) of every window from first-1 to last+1."""
    opens: list[int] = []
    closes: list[int] = []
    day = first - timedelta(days=1)
    while day <= last + timedelta(days=1):
        if day not in hours.holidays:
            for start, end in hours.weekly.get(day.weekday(), ()):
                close_day = day + timedelta(days=1) if end == MIDNIGHT else day
                open_at = _local_to_utc_us(datetime.combine(day, start), hours)
                close_at = _local_to_utc_us(datetime.combine(close_day, end), hours)
                if open_at < close_at:
                    opens.append(open_at)
                    closes.append(close_at)
        day += timedelta(days=1)
    return opens, closes


def _local_to_utc_us(wall: datetime, hours: BusinessHours) -> int:
    """The instant of a local wall time: its first occurrence, or the jump of a skipped time."""
    zone = hours.zone
    first = wall.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return int(first.timestamp()) * US + first.microsecond
    low = int(wall.replace(tzinfo=zone, fold=1).timestamp())
    high = int(first.timestamp())
    before = datetime.fromtimestamp(low, zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high * US
