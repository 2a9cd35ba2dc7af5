"""Volume models over a queue's open slots.

Every model sees the history restricted to open slots, in time order (an ``OpenWindow``), so a
queue open 07:00-21:00 on weekdays at 30 minutes has a day of 28 and a week of 140 positions.
Models return one non-negative volume per future open slot.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import MSTL

from floorlead.workforce.forecast.model import InsufficientHistory, ModelName
from floorlead.workforce.forecast.window import DailySeries, OpenWindow, daily_series

VolumeModel = Callable[[OpenWindow, np.ndarray], np.ndarray]

MSTL_WINDOWS = (21, 51)
PROFILE_WEEKS = 8


def seasonal_naive(window: OpenWindow, future_keys: np.ndarray) -> np.ndarray:
    """Same slot in the most recent week that has a value for it."""
    latest = pd.Series(window.values).groupby(window.keys).last()
    return latest.reindex(future_keys).fillna(0.0).to_numpy(dtype=float)


def mstl(window: OpenWindow, future_keys: np.ndarray) -> np.ndarray:
    """MSTL (daily and weekly seasons), the seasonally adjusted series smoothed by the day.

    Seasons are smoothed across cycles with local-constant LOESS (``seasonal_deg=0``, windows
    of 21 days and 51 weeks), so the last cycle is a weighted average of recent ones rather
    than a straight-line extrapolation; each seasonal component continues as its last cycle.
    The seasonally adjusted series (trend plus remainder) is averaged per day and forecast by
    damped-trend exponential smoothing, so one busy evening does not move the days ahead.
    """
    values = window.filled()
    periods = _mstl_periods(window)
    windows = list(MSTL_WINDOWS[-len(periods) :])
    decomposition = MSTL(
        values, periods=periods, windows=windows, stl_kwargs={"seasonal_deg": 0}
    ).fit()
    seasonal = np.asarray(decomposition.seasonal).reshape(len(values), -1)
    steps = len(future_keys)
    future_seasonal = sum(
        np.resize(seasonal[-period:, column], steps) for column, period in enumerate(periods)
    )
    adjusted = window.with_values(values - seasonal.sum(axis=1))
    days = daily_series(adjusted, future_keys, how="mean")
    levels = _smooth(days.complete, days.ahead, seasonal_periods=None)
    return np.clip(levels[days.future_day] + future_seasonal, 0.0, None)


def holt_winters(window: OpenWindow, future_keys: np.ndarray) -> np.ndarray:
    """Holt-Winters on daily totals (season: the open days of a week), split by slot shares.

    Each future slot gets its day's forecast total times the slot's share of that weekday's
    volume over the last ``PROFILE_WEEKS`` weeks.
    """
    filled = window.with_values(window.filled())
    days = daily_series(filled, future_keys, how="sum")
    open_days = window.hours.open_days_per_week
    if len(days.complete) < 2 * open_days:
        raise InsufficientHistory("Holt-Winters needs two weeks of history", field="history")
    totals = _smooth(days.complete, days.ahead, seasonal_periods=open_days)
    shares = _slot_shares(filled, days, weeks=PROFILE_WEEKS)
    slot_shares = shares.reindex(future_keys).fillna(0.0).to_numpy()
    return np.clip(totals[days.future_day] * slot_shares, 0.0, None)


def blend(forecasts: Mapping[ModelName, np.ndarray]) -> np.ndarray:
    """Plain average of the component forecasts."""
    return np.mean(np.vstack(list(forecasts.values())), axis=0)


COMPONENT_MODELS: dict[ModelName, VolumeModel] = {
    ModelName.SEASONAL_NAIVE: seasonal_naive,
    ModelName.MSTL: mstl,
    ModelName.HOLT_WINTERS: holt_winters,
}
BLEND_COMPONENTS = (ModelName.MSTL, ModelName.HOLT_WINTERS)


def _mstl_periods(window: OpenWindow) -> list[int]:
    hours = window.hours
    candidates = sorted({hours.daily_period or 0, hours.weekly_period} - {0, 1})
    periods = [period for period in candidates if 2 * period < len(window.values)]
    if hours.weekly_period not in periods:
        raise InsufficientHistory("MSTL needs more than two weeks of history", field="history")
    return periods


def _smooth(values: np.ndarray, steps: int, *, seasonal_periods: int | None) -> np.ndarray:
    """Damped-trend exponential smoothing (with an additive season when periods > 1)."""
    seasonal = seasonal_periods if seasonal_periods and seasonal_periods > 1 else None
    model = ExponentialSmoothing(
        values,
        trend="add",
        damped_trend=True,
        seasonal="add" if seasonal else None,
        seasonal_periods=seasonal,
        initialization_method="estimated",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fitted = model.fit()
    return np.asarray(fitted.forecast(max(steps, 1)))


def _slot_shares(window: OpenWindow, days: DailySeries, *, weeks: int) -> pd.Series:
    """Each slot's volume over its day's volume, pooled over the last ``weeks`` weeks."""
    recent = np.zeros(len(window.values), dtype=bool)
    recent[-weeks * window.hours.weekly_period :] = True
    used = recent & days.in_complete_day
    values = pd.Series(window.values[used])
    day_totals = values.groupby(days.day_of_slot[used]).transform("sum")
    keys = window.keys[used]
    pooled_day = day_totals.groupby(keys).sum()
    return (values.groupby(keys).sum() / pooled_day.where(pooled_day > 0)).fillna(0.0)
