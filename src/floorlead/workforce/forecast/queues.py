"""Forecast one queue (a team and channel) or many: volume, handle time, special days."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from floorlead.workforce.forecast.aht import forecast_aht
from floorlead.workforce.forecast.backtest import ALL_MODELS, backtest, best_model
from floorlead.workforce.forecast.model import (
    ForecastOptions,
    IntervalSeries,
    ModelName,
    ModelScore,
    QueueForecast,
    SpecialDay,
)
from floorlead.workforce.forecast.slots import horizon_index
from floorlead.workforce.forecast.special_days import (
    apply_special_days,
    for_queue,
    normalise_history,
)
from floorlead.workforce.forecast.volume import check_history_length, forecast_volumes


def forecast_queue(
    series: IntervalSeries,
    *,
    options: ForecastOptions | None = None,
    special_days: Sequence[SpecialDay] = (),
    score_models: bool = False,
) -> QueueForecast:
    """One row per interval of the horizon: ``volume`` and ``aht_seconds`` (zero when closed).

    With ``model="auto"`` every model is backtested and the lowest WAPE wins; with
    ``score_models`` the backtest runs (and is returned) even for a chosen model.
    """
    options = options or ForecastOptions()
    history = series if options.start is None else series.before(pd.Timestamp(options.start))
    history = normalise_history(history, special_days)
    check_history_length(history)
    horizon = horizon_index(history, days=options.horizon_days, start=options.start)
    scores = _scores(history, options) if options.model == "auto" or score_models else ()
    model = best_model(scores) if options.model == "auto" else ModelName(options.model)
    volumes = forecast_volumes(
        history,
        horizon,
        models=[model],
        lookback_weeks=options.closed_lookback_weeks,
        train_weeks=options.train_weeks,
    )
    final = apply_special_days(horizon, volumes.volume(model), volumes.is_open, special_days)
    aht = forecast_aht(
        history, horizon, weeks=options.aht_weeks, prior_contacts=options.aht_prior_contacts
    )
    closed_aht = np.nan if np.isnan(aht).all() else 0.0
    frame = pd.DataFrame(
        {"volume": final.volume, "aht_seconds": np.where(final.is_open, aht, closed_aht)},
        index=horizon.rename("interval_start"),
    )
    return QueueForecast(frame=frame, model=model, scores=scores)


def forecast_queues(
    histories: Mapping[str, IntervalSeries],
    *,
    options: ForecastOptions | None = None,
    special_days: Sequence[SpecialDay] = (),
    score_models: bool = False,
) -> dict[str, QueueForecast]:
    """Forecast every queue; an override naming a queue applies to that queue only."""
    return {
        queue: forecast_queue(
            series,
            options=options,
            special_days=for_queue(special_days, queue),
            score_models=score_models,
        )
        for queue, series in histories.items()
    }


def _scores(history: IntervalSeries, options: ForecastOptions) -> tuple[ModelScore, ...]:
    return backtest(
        history,
        models=ALL_MODELS,
        weeks=options.backtest_weeks,
        horizon_days=options.horizon_days,
        lookback_weeks=options.closed_lookback_weeks,
        train_weeks=options.train_weeks,
    )
