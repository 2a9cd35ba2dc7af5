"""Forecast accuracy: WAPE and MASE (scaled by seasonal naive at lag one week).

WAPE = sum|actual - forecast| / sum(actual)
MASE = mean|actual - forecast| / mean|y_t - y_(t - one week)|, the denominator in-sample.
"""

from __future__ import annotations

import numpy as np


def wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Weighted absolute percentage error: total absolute error over total actual volume.

    NaN when the actual volume is zero throughout.
    """
    total = float(np.sum(np.abs(actual)))
    if total == 0:
        return float("nan")
    return float(np.sum(np.abs(np.asarray(actual) - np.asarray(forecast))) / total)


def mase(actual: np.ndarray, forecast: np.ndarray, *, scale: float) -> float:
    """Mean absolute error over ``scale``; NaN when the scale is zero or unknown."""
    if len(actual) == 0 or np.isnan(scale) or scale <= 0:
        return float("nan")
    return float(np.mean(np.abs(np.asarray(actual) - np.asarray(forecast))) / scale)


def seasonal_naive_scale(values: np.ndarray, period: int) -> float:
    """In-sample mean absolute error of "same slot one period earlier", skipping gaps (NaN)."""
    values = np.asarray(values, dtype=float)
    if period <= 0 or len(values) <= period:
        return float("nan")
    differences = np.abs(values[period:] - values[:-period])
    differences = differences[~np.isnan(differences)]
    return float(differences.mean()) if len(differences) else float("nan")
