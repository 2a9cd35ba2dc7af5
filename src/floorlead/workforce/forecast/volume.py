"""Run the volume models for one queue over a horizon, zero outside opening hours."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.accuracy import seasonal_naive_scale
from floorlead.workforce.forecast.model import InsufficientHistory, IntervalSeries, ModelName
from floorlead.workforce.forecast.models import BLEND_COMPONENTS, COMPONENT_MODELS, blend
from floorlead.workforce.forecast.slots import OpenHours, open_hours, slot_keys
from floorlead.workforce.forecast.window import OpenWindow

MIN_HISTORY = pd.Timedelta(days=7)


@dataclass(frozen=True, eq=False)
class VolumeForecasts:
    """Volume per horizon interval for each model that could be fitted."""

    index: pd.DatetimeIndex
    is_open: np.ndarray
    window: OpenWindow
    scale: float
    by_model: dict[ModelName, np.ndarray]
    failures: dict[ModelName, InsufficientHistory] = field(default_factory=dict)
    seconds: dict[ModelName, float] = field(default_factory=dict)

    def volume(self, model: ModelName) -> np.ndarray:
        if model not in self.by_model:
            raise self.failures[model]
        return self.by_model[model]


def forecast_volumes(
    series: IntervalSeries,
    horizon: pd.DatetimeIndex,
    *,
    models: Iterable[ModelName],
    lookback_weeks: int,
    train_weeks: int,
) -> VolumeForecasts:
    """Forecast ``horizon`` from ``series`` (history before the horizon) with ``models``."""
    check_history_length(series)
    hours = open_hours(series, lookback_weeks=lookback_weeks)
    timeline = pd.date_range(series.volume.index[0], horizon[-1], freq=series.step)
    keys = slot_keys(timeline, interval_minutes=series.interval_minutes, timezone=series.timezone)
    is_open = hours.contains(keys)
    in_history = np.asarray(timeline < series.end)
    mask = is_open & in_history
    window = _training_window(series, keys, mask, hours, train_weeks)
    future = is_open & ~in_history
    wanted = _with_blend_components(models)
    by_model, failures, seconds = _run_models(window, keys[future], wanted)
    if ModelName.BLEND in wanted:
        _add_blend(by_model, failures, seconds)
    placed = {
        name: pd.Series(values, index=timeline[future]).reindex(horizon).fillna(0.0).to_numpy()
        for name, values in by_model.items()
    }
    return VolumeForecasts(
        index=horizon,
        is_open=hours.contains(
            slot_keys(horizon, interval_minutes=series.interval_minutes, timezone=series.timezone)
        ),
        window=window,
        scale=seasonal_naive_scale(
            series.volume.to_numpy(dtype=float)[mask[: len(series.volume)]], hours.weekly_period
        ),
        by_model=placed,
        failures=failures,
        seconds=seconds,
    )


def check_history_length(series: IntervalSeries) -> None:
    observed = series.volume.dropna()
    if observed.empty or series.end - observed.index[0] < MIN_HISTORY:
        raise InsufficientHistory(
            "history must cover at least 7 days to forecast by interval of the week",
            field="history",
        )


def _training_window(
    series: IntervalSeries,
    keys: np.ndarray,
    mask: np.ndarray,
    hours: OpenHours,
    train_weeks: int,
) -> OpenWindow:
    values = series.volume.to_numpy(dtype=float)[mask[: len(series.volume)]]
    keep = train_weeks * max(hours.weekly_period, 1)
    return OpenWindow(values=values[-keep:], keys=keys[mask][-keep:], hours=hours)


def _with_blend_components(models: Iterable[ModelName]) -> list[ModelName]:
    wanted = list(dict.fromkeys(models))
    if ModelName.BLEND in wanted:
        wanted += [name for name in BLEND_COMPONENTS if name not in wanted]
    return wanted


def _run_models(
    window: OpenWindow, future_keys: np.ndarray, models: list[ModelName]
) -> tuple[
    dict[ModelName, np.ndarray], dict[ModelName, InsufficientHistory], dict[ModelName, float]
]:
    by_model: dict[ModelName, np.ndarray] = {}
    failures: dict[ModelName, InsufficientHistory] = {}
    seconds: dict[ModelName, float] = {}
    for name in models:
        if name is ModelName.BLEND:
            continue
        started = time.perf_counter()
        try:
            by_model[name] = _run_model(name, window, future_keys)
        except InsufficientHistory as error:
            failures[name] = error
        seconds[name] = time.perf_counter() - started
    return by_model, failures, seconds


def _run_model(name: ModelName, window: OpenWindow, future_keys: np.ndarray) -> np.ndarray:
    if len(future_keys) == 0:
        return np.zeros(0)
    return COMPONENT_MODELS[name](window, future_keys)


def _add_blend(
    by_model: dict[ModelName, np.ndarray],
    failures: dict[ModelName, InsufficientHistory],
    seconds: dict[ModelName, float],
) -> None:
    seconds[ModelName.BLEND] = sum(seconds.get(name, 0.0) for name in BLEND_COMPONENTS)
    missing = [name for name in BLEND_COMPONENTS if name not in by_model]
    if missing:
        reason = failures[missing[0]].message
        failures[ModelName.BLEND] = InsufficientHistory(
            f"the blend needs {missing[0].value}: {reason}", field="history"
        )
        return
    by_model[ModelName.BLEND] = blend({name: by_model[name] for name in BLEND_COMPONENTS})
