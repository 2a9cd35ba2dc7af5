"""Special days (holidays, campaigns): overrides on the forecast, and cleaning the history.

In the forecast, each override applies to the intervals starting in ``[start, end)``, in the
order given: ``closed`` forecasts zero, ``multiplier`` scales the volume, ``volume`` sets the
volume of every interval (and opens intervals that are normally closed).

In the history, the same days are taken out of the models' way: closed and fixed-volume
intervals count as missing, and multiplied intervals are divided by their multiplier, so a
past holiday does not turn up again as "the same day last week".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.model import IntervalSeries, SpecialDay, SpecialDayKind


@dataclass(frozen=True, eq=False)
class Overridden:
    volume: np.ndarray
    is_open: np.ndarray


def apply_special_days(
    index: pd.DatetimeIndex,
    volume: np.ndarray,
    is_open: np.ndarray,
    special_days: Iterable[SpecialDay],
) -> Overridden:
    """Apply overrides to a forecast; closed intervals end with zero volume."""
    volume = np.where(is_open, volume, 0.0).astype(float)
    is_open = is_open.copy()
    for day in special_days:
        covered = _covered(index, day)
        if day.kind is SpecialDayKind.CLOSED:
            is_open[covered] = False
        elif day.kind is SpecialDayKind.MULTIPLIER:
            volume[covered] *= float(day.value or 0.0)
        else:
            volume[covered] = float(day.value or 0.0)
            is_open[covered] = True
    return Overridden(volume=np.where(is_open, volume, 0.0), is_open=is_open)


def normalise_history(series: IntervalSeries, special_days: Sequence[SpecialDay]) -> IntervalSeries:
    """History with special days made ordinary: missing, or divided by their multiplier."""
    if not special_days:
        return series
    volume = series.volume.copy()
    aht = series.aht_seconds.copy()
    for day in special_days:
        covered = _covered(volume.index, day)
        if day.kind is SpecialDayKind.MULTIPLIER and day.value:
            volume[covered] = volume[covered] / day.value
        else:
            volume[covered] = np.nan
            aht[covered] = np.nan
    return replace(series, volume=volume, aht_seconds=aht)


def for_queue(special_days: Iterable[SpecialDay], queue: str) -> list[SpecialDay]:
    """The overrides that apply to ``queue`` (those naming it, and those naming no queue)."""
    return [day for day in special_days if day.queue in (None, queue)]


def _covered(index: pd.DatetimeIndex, day: SpecialDay) -> np.ndarray:
    start = pd.Timestamp(day.start).tz_convert("UTC")
    end = pd.Timestamp(day.end).tz_convert("UTC")
    return np.asarray((index >= start) & (index < end))
