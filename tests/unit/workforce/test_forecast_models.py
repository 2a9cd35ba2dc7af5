"""The volume models on a synthetic queue, and on the open-slot window they share.

The synthetic queue is open weekdays 08:00-20:00 (24 half hours a day, 120 a week), with a
two-peak day, busier Mondays, a level growing 4% a week, and Poisson noise.
"""

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from floorlead.workforce.forecast import (
    ForecastOptions,
    InsufficientHistory,
    IntervalSeries,
    ModelName,
    forecast_queue,
    series_from_records,
    wape,
)
from floorlead.workforce.forecast.slots import OpenHours
from floorlead.workforce.forecast.window import OpenWindow, day_numbers

MONDAY = datetime(2024, 1, 1, tzinfo=UTC)
HOLDOUT = MONDAY + timedelta(weeks=5)


def synthetic_queue(*, weeks: int = 6, seed: int = 7) -> IntervalSeries:
    rng = np.random.default_rng(seed)
    stamps = pd.date_range(MONDAY, periods=weeks * 7 * 48, freq="30min")
    hour = np.asarray(stamps.hour + stamps.minute / 60)
    weekday = np.asarray(stamps.dayofweek)
    is_open = (weekday < 5) & (hour >= 8) & (hour < 20)
    daily = np.exp(-((hour - 11) ** 2) / 6) + 0.8 * np.exp(-((hour - 15.5) ** 2) / 5) + 0.2
    weekly = np.array([1.3, 1.1, 1.0, 1.0, 0.85, 0.0, 0.0])[weekday]
    level = 40 * (1 + 0.04 * np.arange(len(stamps)) / (7 * 48))
    volume = rng.poisson(level * daily * weekly)
    rows = [
        (stamp.to_pydatetime(), int(calls), 300.0)
        for stamp, calls, open_ in zip(stamps, volume, is_open, strict=True)
        if open_
    ]
    return series_from_records(rows, interval_minutes=30)


def holdout_wape(series: IntervalSeries, model: ModelName) -> float:
    forecast = forecast_queue(series, options=ForecastOptions(model=model, start=HOLDOUT))
    actual = series.volume.reindex(forecast.frame.index)
    observed = actual.notna().to_numpy()
    return wape(actual.to_numpy()[observed], forecast.frame["volume"].to_numpy()[observed])


@pytest.mark.parametrize("model", [ModelName.MSTL, ModelName.BLEND, ModelName.HOLT_WINTERS])
def test_model_beats_seasonal_naive_on_a_holdout_week(model: ModelName) -> None:
    series = synthetic_queue()

    naive = holdout_wape(series, ModelName.SEASONAL_NAIVE)
    challenger = holdout_wape(series, model)

    assert challenger < 0.9 * naive


def test_seasonal_naive_repeats_the_same_interval_last_week() -> None:
    series = synthetic_queue()

    forecast = forecast_queue(
        series, options=ForecastOptions(model=ModelName.SEASONAL_NAIVE, start=HOLDOUT)
    )

    last_week = series.volume.reindex(forecast.frame.index - timedelta(weeks=1))
    assert forecast.frame["volume"].to_numpy() == pytest.approx(last_week.fillna(0).to_numpy())


def test_seasonal_naive_falls_back_to_an_earlier_week_when_a_day_is_missing() -> None:
    series = synthetic_queue()
    missing_monday = (series.volume.index >= HOLDOUT - timedelta(weeks=1)) & (
        series.volume.index < HOLDOUT - timedelta(days=6)
    )
    gappy = IntervalSeries(
        volume=series.volume.mask(missing_monday),
        aht_seconds=series.aht_seconds,
        interval_minutes=30,
    )

    forecast = forecast_queue(
        gappy, options=ForecastOptions(model=ModelName.SEASONAL_NAIVE, start=HOLDOUT)
    )

    monday = forecast.frame.index < HOLDOUT + timedelta(days=1)
    two_weeks_back = series.volume.reindex(forecast.frame.index[monday] - timedelta(weeks=2))
    assert forecast.frame["volume"][monday].sum() > 0
    assert forecast.frame["volume"][monday].to_numpy() == pytest.approx(
        two_weeks_back.fillna(0).to_numpy()
    )


@pytest.mark.parametrize("model", list(ModelName))
def test_forecasts_are_never_negative(model: ModelName) -> None:
    forecast = forecast_queue(synthetic_queue(), options=ForecastOptions(model=model))

    assert (forecast.frame["volume"] >= 0).all()


@pytest.mark.parametrize("model", [ModelName.MSTL, ModelName.HOLT_WINTERS, ModelName.BLEND])
def test_models_with_a_weekly_season_need_two_weeks(model: ModelName) -> None:
    ten_days = synthetic_queue(weeks=6).before(pd.Timestamp(MONDAY + timedelta(days=10)))

    with pytest.raises(InsufficientHistory, match="two weeks"):
        forecast_queue(ten_days, options=ForecastOptions(model=model))


def test_a_missing_interval_takes_the_same_slot_from_the_nearest_earlier_week() -> None:
    hours = OpenHours(keys=frozenset({0, 1}), interval_minutes=30)
    window = OpenWindow(
        values=np.array([5.0, 7.0, np.nan, 8.0, 6.0, np.nan]),
        keys=np.array([0, 1, 0, 1, 0, 1]),
        hours=hours,
    )

    assert window.filled().tolist() == [5.0, 7.0, 5.0, 8.0, 6.0, 8.0]


def test_a_missing_first_week_takes_the_next_week_instead() -> None:
    hours = OpenHours(keys=frozenset({0, 1}), interval_minutes=30)
    window = OpenWindow(
        values=np.array([np.nan, 7.0, 4.0, 8.0]), keys=np.array([0, 1, 0, 1]), hours=hours
    )

    assert window.filled().tolist() == [4.0, 7.0, 4.0, 8.0]


def test_open_slots_are_grouped_into_days_even_when_one_day_a_week_is_open() -> None:
    # Slots per day 48: keys 10, 11 are Monday; 58 is Tuesday; Monday again a week later.
    keys = np.array([10, 11, 58, 10, 11, 10])

    assert day_numbers(keys, 48).tolist() == [0, 0, 1, 2, 2, 3]
