"""Counting time the way an SLA does: every second (calendar time) or business seconds only."""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Protocol

import numpy as np

from floorlead.demo.timeline import INTERVAL_SECONDS, Timeline


class SlaClock(Protocol):
    def counted(self, t: float) -> float:
        """Seconds counted from the window start up to ``t``."""
        ...

    def at(self, counted: float) -> float:
        """The earliest moment at which ``counted`` seconds have been counted."""
        ...


class CalendarTime:
    def counted(self, t: float) -> float:
        return t

    def at(self, counted: float) -> float:
        return counted


class BusinessTime:
    """Counts only the seconds inside the business hours (``open_mask`` per interval)."""

    def __init__(self, open_mask: np.ndarray) -> None:
        self._open = open_mask.astype(bool).tolist()
        steps = np.where(open_mask, INTERVAL_SECONDS, 0)
        self._cumulative = np.concatenate([[0.0], np.cumsum(steps, dtype=float)]).tolist()

    def counted(self, t: float) -> float:
        i = min(max(int(t // INTERVAL_SECONDS), 0), len(self._open) - 1)
        within = t - i * INTERVAL_SECONDS if self._open[i] else 0.0
        return self._cumulative[i] + min(max(within, 0.0), INTERVAL_SECONDS)

    def at(self, counted: float) -> float:
        if counted <= 0:
            return 0.0
        i = bisect_left(self._cumulative, counted)
        if i >= len(self._cumulative):
            return math.inf
        return (i - 1) * INTERVAL_SECONDS + counted - self._cumulative[i - 1]

    def add(self, t: float, seconds: float) -> float:
        """The moment ``seconds`` business seconds after ``t``."""
        return max(t, self.at(self.counted(t) + seconds))


def business_hours_mask(timeline: Timeline, weekly_hours: dict[str, list[list[str]]]) -> np.ndarray:
    """Per interval: is it inside the weekly hours (local time) on a day that is no holiday?"""
    mask = np.zeros(timeline.intervals, dtype=bool)
    for weekday, windows in weekly_hours.items():
        on_day = timeline.weekday == int(weekday)
        for opens, closes in windows:
            start, stop = _minutes(opens), _minutes(closes)
            mask |= on_day & (timeline.minute_of_day >= start) & (timeline.minute_of_day < stop)
    holidays = np.array([day in timeline.holiday_days for day in timeline.days])
    return mask & ~holidays[timeline.day_index]


def _minutes(clock_time: str) -> int:
    hours, minutes = clock_time.split(":")
    return int(hours) * 60 + int(minutes)
