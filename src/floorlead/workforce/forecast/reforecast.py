"""Intraday re-forecast: scale the rest of today by how today is going so far.

Over today's completed intervals that have an actual, with F the forecast volume and A the
actual volume:

    observed = A / F
    weight   = F / (F + prior_contacts)
    applied  = 1 + weight * (clip(observed, min_ratio, max_ratio) - 1)

The remaining intervals of today are multiplied by ``applied``. The weight damps the ratio
early in the day, when little volume has been seen (with F = 100, A = 130 and
prior_contacts = 50 the rest of the day is raised by 20%, not 30%); the clip keeps one odd
morning from doubling or wiping out the afternoon. With nothing forecast so far the forecast
stands unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from floorlead.clock import ensure_utc
from floorlead.workforce.forecast.model import InvalidForecastRequest
from floorlead.workforce.forecast.slots import local_wall_time


@dataclass(frozen=True, eq=False)
class IntradayReforecast:
    """Today's intervals: actuals where completed, the scaled forecast for the rest."""

    observed_ratio: float | None
    applied_ratio: float
    volume: pd.Series


def reforecast_intraday(
    forecast: pd.Series,
    actuals: pd.Series,
    *,
    now: datetime,
    interval_minutes: int,
    timezone: str = "UTC",
    prior_contacts: float = 50.0,
    min_ratio: float = 0.5,
    max_ratio: float = 2.0,
) -> IntradayReforecast:
    """Re-forecast the rest of today (local day of ``now``) from today's actuals so far.

    ``forecast`` and ``actuals`` are volumes indexed by UTC interval start.
    """
    _check_bounds(prior_contacts, min_ratio, max_ratio)
    now_utc = pd.Timestamp(ensure_utc(now, field="now"))
    today = _today(forecast.index, now_utc, timezone)
    expected = forecast[today].astype(float)
    seen = actuals.reindex(expected.index).astype(float)
    completed = np.asarray(expected.index + pd.Timedelta(minutes=interval_minutes) <= now_utc)
    paired = completed & seen.notna().to_numpy()
    forecast_so_far = float(expected[paired].sum())
    observed = float(seen[paired].sum()) / forecast_so_far if forecast_so_far > 0 else None
    applied = _applied_ratio(observed, forecast_so_far, prior_contacts, min_ratio, max_ratio)
    volume = expected.where(~completed, seen.fillna(expected))
    volume[~completed] = expected[~completed] * applied
    return IntradayReforecast(observed_ratio=observed, applied_ratio=applied, volume=volume)


def _applied_ratio(
    observed: float | None,
    forecast_so_far: float,
    prior_contacts: float,
    min_ratio: float,
    max_ratio: float,
) -> float:
    if observed is None:
        return 1.0
    weight = forecast_so_far / (forecast_so_far + prior_contacts)
    return 1.0 + weight * (min(max(observed, min_ratio), max_ratio) - 1.0)


def _today(index: pd.Index, now: pd.Timestamp, timezone: str) -> np.ndarray:
    if not isinstance(index, pd.DatetimeIndex) or index.tz is None:
        raise InvalidForecastRequest(
            "forecast must be indexed by timezone-aware interval starts", field="forecast"
        )
    wall = local_wall_time(index.tz_convert("UTC"), timezone)
    today = local_wall_time(pd.DatetimeIndex([now]), timezone)[0].normalize()
    return np.asarray(wall.normalize() == today)


def _check_bounds(prior_contacts: float, min_ratio: float, max_ratio: float) -> None:
    if prior_contacts < 0:
        raise InvalidForecastRequest("prior_contacts must be zero or more", field="prior_contacts")
    if not 0 <= min_ratio <= 1 <= max_ratio:
        raise InvalidForecastRequest(
            "ratios must satisfy 0 <= min_ratio <= 1 <= max_ratio", field="min_ratio"
        )
