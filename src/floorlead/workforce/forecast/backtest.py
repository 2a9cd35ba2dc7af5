"""Rolling-origin backtests with weekly origins.

WAPE is pooled over every origin (total absolute error over total volume). MASE is averaged
over origins, each scaled by the in-sample error of seasonal naive at lag one week over the
open slots of the history before that origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.accuracy import mase
from floorlead.workforce.forecast.model import (
    InsufficientHistory,
    IntervalSeries,
    ModelName,
    ModelScore,
)
from floorlead.workforce.forecast.slots import horizon_index, local_wall_time
from floorlead.workforce.forecast.volume import (
    MIN_HISTORY,
    VolumeForecasts,
    check_history_length,
    forecast_volumes,
)

ALL_MODELS = tuple(ModelName)


@dataclass
class _Tally:
    absolute_error: float = 0.0
    actual: float = 0.0
    mases: list[float] = field(default_factory=list)
    seconds: float = 0.0


def backtest(
    series: IntervalSeries,
    *,
    models: Iterable[ModelName] = ALL_MODELS,
    weeks: int = 8,
    horizon_days: int = 7,
    lookback_weeks: int = 4,
    train_weeks: int = 16,
) -> tuple[ModelScore, ...]:
    """Score ``models`` from up to ``weeks`` weekly origins ending at the history's end.

    Each origin forecasts ``horizon_days`` days from the history before it. An origin is
    used only when every model can be fitted there (MSTL and Holt-Winters need two weeks),
    so all models are scored on the same weeks.
    """
    check_history_length(series)
    wanted = list(dict.fromkeys(models))
    tallies = {name: _Tally() for name in wanted}
    used = 0
    for origin in weekly_origins(series, weeks=weeks):
        training = series.before(origin)
        horizon = horizon_index(training, days=horizon_days, start=origin.to_pydatetime())
        try:
            forecasts = forecast_volumes(
                training,
                horizon,
                models=wanted,
                lookback_weeks=lookback_weeks,
                train_weeks=train_weeks,
            )
        except InsufficientHistory:
            continue
        if all(name in forecasts.by_model for name in wanted):
            _score_origin(forecasts, series.volume.reindex(horizon), tallies)
            used += 1
    return _scores(tallies, used)


def best_model(scores: Sequence[ModelScore]) -> ModelName:
    """The model with the lowest WAPE; seasonal naive when nothing was scored."""
    scored = [score for score in scores if not np.isnan(score.wape)]
    if not scored:
        return ModelName.SEASONAL_NAIVE
    return min(scored, key=lambda score: score.wape).model


def weekly_origins(series: IntervalSeries, *, weeks: int) -> list[pd.Timestamp]:
    """Local midnights one week apart, the last one week before the forecast start.

    Origins less than seven days after the first observation are left out.
    """
    end = horizon_index(series, days=1)[0]
    end_wall = local_wall_time(pd.DatetimeIndex([end]), series.timezone)[0]
    earliest = series.volume.dropna().index[0] + MIN_HISTORY
    origins = []
    for back in range(weeks, 0, -1):
        wall = end_wall - pd.Timedelta(weeks=back)
        origin = wall.tz_localize(series.timezone, ambiguous=True, nonexistent="shift_forward")
        if origin >= earliest:
            origins.append(origin.tz_convert("UTC"))
    return origins


def _score_origin(
    forecasts: VolumeForecasts, actual: pd.Series, tallies: dict[ModelName, _Tally]
) -> None:
    observed = actual.to_numpy(dtype=float)
    counted = ~np.isnan(observed) & (forecasts.is_open | (np.nan_to_num(observed) > 0))
    for name, tally in tallies.items():
        predicted = forecasts.by_model[name][counted]
        tally.absolute_error += float(np.sum(np.abs(observed[counted] - predicted)))
        tally.actual += float(np.sum(observed[counted]))
        tally.mases.append(mase(observed[counted], predicted, scale=forecasts.scale))
        tally.seconds += forecasts.seconds.get(name, 0.0)


def _scores(tallies: dict[ModelName, _Tally], origins: int) -> tuple[ModelScore, ...]:
    if origins == 0:
        return ()
    wapes = {
        name: tally.absolute_error / tally.actual if tally.actual else float("nan")
        for name, tally in tallies.items()
    }
    naive = wapes.get(ModelName.SEASONAL_NAIVE, float("nan"))
    return tuple(
        ModelScore(
            model=name,
            wape=wapes[name],
            mase=_mean(tally.mases),
            wape_vs_seasonal_naive=wapes[name] / naive if naive else float("nan"),
            origins=origins,
            seconds=tally.seconds,
        )
        for name, tally in tallies.items()
    )


def _mean(values: list[float]) -> float:
    finite = [value for value in values if not np.isnan(value)]
    return float(np.mean(finite)) if finite else float("nan")
