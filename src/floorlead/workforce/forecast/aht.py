"""Average handle time per interval: a volume-weighted interval-of-week profile.

For each slot (interval of the week) the forecast is the volume-weighted mean handle time of
that slot over the last ``weeks`` weeks, shrunk toward the overall volume-weighted mean of
those weeks as if ``prior_contacts`` extra contacts had been handled at the overall mean:

    aht(slot) = (sum(volume * aht) + prior_contacts * overall) / (sum(volume) + prior_contacts)

so a quiet slot with three contacts does not swing on one long call, while a busy slot keeps
its own profile. Slots without handle-time data take the overall mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.model import IntervalSeries
from floorlead.workforce.forecast.slots import WEEK, slot_keys


def forecast_aht(
    series: IntervalSeries,
    horizon: pd.DatetimeIndex,
    *,
    weeks: int = 4,
    prior_contacts: float = 20.0,
) -> np.ndarray:
    """Handle time in seconds for each interval of ``horizon``; NaN when history has none."""
    known = series.aht_seconds.notna() & (series.volume > 0)
    recent = known & (series.volume.index >= series.end - weeks * WEEK)
    used = recent if recent.any() else known
    if not used.any():
        return np.full(len(horizon), np.nan)
    volume = series.volume[used]
    handled = volume * series.aht_seconds[used]
    overall = float(handled.sum() / volume.sum())
    keys = _keys(series, volume.index)
    by_slot = (handled.groupby(keys).sum() + prior_contacts * overall) / (
        volume.groupby(keys).sum() + prior_contacts
    )
    future_keys = _keys(series, horizon)
    return by_slot.reindex(future_keys).fillna(overall).to_numpy(dtype=float)


def _keys(series: IntervalSeries, stamps: pd.DatetimeIndex) -> np.ndarray:
    return slot_keys(stamps, interval_minutes=series.interval_minutes, timezone=series.timezone)
