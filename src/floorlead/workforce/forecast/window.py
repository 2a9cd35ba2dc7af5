"""The history on open slots only, and its regrouping into local days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.slots import OpenHours


@dataclass(frozen=True, eq=False)
class OpenWindow:
    """History on open slots only, oldest first; NaN marks a missing interval."""

    values: np.ndarray
    keys: np.ndarray
    hours: OpenHours

    def filled(self) -> np.ndarray:
        """Missing intervals take the nearest earlier (else later) value of the same slot."""
        values = pd.Series(self.values)
        earlier = values.groupby(self.keys).ffill()
        later = earlier.groupby(self.keys).bfill()
        return later.fillna(0.0).to_numpy(dtype=float)

    def with_values(self, values: np.ndarray) -> OpenWindow:
        return replace(self, values=values)


@dataclass(frozen=True, eq=False)
class DailySeries:
    """Open-slot history summarised per local day, with the days ahead to forecast.

    ``complete`` holds one value per day, leaving out a partial first or last day.
    ``future_day[i]`` is the position, in a forecast of ``ahead`` days that starts the day
    after the last complete day, of the day of future slot ``i``. ``day_of_slot`` numbers
    the day of each history position and ``in_complete_day`` marks positions of kept days.
    """

    complete: np.ndarray
    ahead: int
    future_day: np.ndarray
    day_of_slot: np.ndarray
    in_complete_day: np.ndarray


def day_numbers(keys: np.ndarray, slots_per_day: int) -> np.ndarray:
    """Number consecutive open slots by local day: a new day starts when the weekday changes."""
    weekday = keys // slots_per_day
    starts_day = np.r_[True, (weekday[1:] != weekday[:-1]) | (keys[1:] <= keys[:-1])]
    return np.cumsum(starts_day) - 1


def daily_series(
    window: OpenWindow, future_keys: np.ndarray, *, how: Literal["sum", "mean"]
) -> DailySeries:
    hours = window.hours
    numbers = day_numbers(np.r_[window.keys, future_keys], hours.slots_per_day)
    past, future = numbers[: len(window.keys)], numbers[len(window.keys) :]
    by_day = pd.Series(window.values).groupby(past)
    first_keys = pd.Series(window.keys).groupby(past).first().to_numpy()
    expected = hours.slots_per_weekday()[first_keys // hours.slots_per_day]
    complete = by_day.size().to_numpy() == expected
    first = 0 if complete[0] else 1
    stop = len(complete) if complete[-1] else len(complete) - 1
    future_day = future - stop
    return DailySeries(
        complete=by_day.agg(how).to_numpy(dtype=float)[first:stop],
        ahead=int(future_day.max()) + 1 if len(future_day) else 0,
        future_day=future_day,
        day_of_slot=past,
        in_complete_day=(past >= first) & (past < stop),
    )
