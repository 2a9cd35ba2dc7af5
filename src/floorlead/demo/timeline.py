"""The simulated window: seconds since its start, 15-minute intervals and local (London) time.

Inside the simulator a moment is a float: seconds since ``Timeline.start``. The window runs
from local midnight ``weeks`` before the end to the end; the simulation continues for a few
weeks after the end (the *horizon*) so that work in progress has a future, but nothing after
the end is ever written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from floorlead.demo.holidays import bank_holidays_between

LOCAL_ZONE_NAME = "Europe/London"
LOCAL_ZONE = ZoneInfo(LOCAL_ZONE_NAME)
INTERVAL_SECONDS = 900
HORIZON_DAYS = 21
DAY_SECONDS = 86_400
WEEKEND = 5


@dataclass(frozen=True)
class Timeline:
    start: datetime
    end: datetime
    end_t: float
    days: tuple[date, ...]
    holidays: tuple[tuple[date, str], ...]
    weekday: np.ndarray
    minute_of_day: np.ndarray
    day_index: np.ndarray

    @property
    def intervals(self) -> int:
        return len(self.weekday)

    @property
    def horizon_t(self) -> float:
        return float(self.intervals * INTERVAL_SECONDS)

    @property
    def end_interval(self) -> int:
        """Intervals that start before the end."""
        return int(np.ceil(self.end_t / INTERVAL_SECONDS))

    def at(self, t: float) -> datetime:
        return self.start + timedelta(seconds=t)

    def seconds(self, moment: datetime) -> float:
        return (moment - self.start).total_seconds()

    def local_moment(self, day: date, minute: int) -> float:
        """Seconds since the start of ``day`` at ``minute`` after local midnight."""
        hour, minute = divmod(minute, 60)
        local = datetime.combine(day, time(hour, minute), tzinfo=LOCAL_ZONE)
        return self.seconds(local.astimezone(UTC))

    def is_day_off(self, day: date) -> bool:
        """Weekends and bank holidays."""
        return day.weekday() >= WEEKEND or day in self.holiday_days

    @property
    def holiday_days(self) -> frozenset[date]:
        return frozenset(day for day, _ in self.holidays)


def build_timeline(end: datetime, weeks: int) -> Timeline:
    first_day = (end - timedelta(weeks=weeks)).astimezone(LOCAL_ZONE).date()
    start = datetime.combine(first_day, time(0), tzinfo=LOCAL_ZONE).astimezone(UTC)
    horizon = end + timedelta(days=HORIZON_DAYS)
    count = int((horizon - start).total_seconds() // INTERVAL_SECONDS)
    weekday = np.empty(count, dtype=np.int8)
    minute_of_day = np.empty(count, dtype=np.int16)
    day_index = np.empty(count, dtype=np.int32)
    for i in range(count):
        local = (start + timedelta(seconds=i * INTERVAL_SECONDS)).astimezone(LOCAL_ZONE)
        weekday[i] = local.weekday()
        minute_of_day[i] = local.hour * 60 + local.minute
        day_index[i] = (local.date() - first_day).days
    days = tuple(first_day + timedelta(days=n) for n in range(int(day_index[-1]) + 1))
    return Timeline(
        start=start,
        end=end,
        end_t=(end - start).total_seconds(),
        days=days,
        holidays=tuple(bank_holidays_between(days[0], days[-1])),
        weekday=weekday,
        minute_of_day=minute_of_day,
        day_index=day_index,
    )
