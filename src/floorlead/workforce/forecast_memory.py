"""Forecasts remembered in memory, keyed by the history and the options themselves.

A forecast is a pure function of its history, so a page that asks again for the same queue,
week and options gets the same answer without re-running the backtest; new contacts change
the history and so the key. Only the most recent forecasts are kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np

from floorlead.workforce.forecast import (
    ForecastOptions,
    IntervalSeries,
    QueueForecast,
    forecast_queue,
)

CACHED_FORECASTS = 64

_forecasts: OrderedDict[str, QueueForecast] = OrderedDict()
_forecasts_lock = threading.Lock()


def remembered_forecast(
    series: IntervalSeries, options: ForecastOptions, *, scored: bool = False
) -> QueueForecast:
    """``forecast_queue``, remembered for the same history and options.

    ``scored`` asks for the backtest scores even when the model is chosen (``auto`` always
    has them)."""
    key = _fingerprint(series, options)
    with _forecasts_lock:
        known = _forecasts.get(key)
        if known is not None and (known.scores or not scored or options.model == "auto"):
            _forecasts.move_to_end(key)
            return known
    result = forecast_queue(series, options=options, score_models=scored)
    with _forecasts_lock:
        _forecasts[key] = result
        while len(_forecasts) > CACHED_FORECASTS:
            _forecasts.popitem(last=False)
    return result


def _fingerprint(series: IntervalSeries, options: ForecastOptions) -> str:
    digest = hashlib.sha256(repr((options, series.interval_minutes, series.timezone)).encode())
    digest.update(np.asarray(series.volume.index.asi8).tobytes())
    digest.update(series.volume.to_numpy(dtype=float).tobytes())
    digest.update(series.aht_seconds.to_numpy(dtype=float).tobytes())
    return digest.hexdigest()
