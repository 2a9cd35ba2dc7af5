"""Rolling-origin backtests from weekly origins, scored against seasonal naive."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from floorlead.workforce.forecast import (
    IntervalSeries,
    ModelName,
    ModelScore,
    backtest,
    best_model,
    series_from_records,
    weekly_origins,
)

MONDAY = datetime(2024, 1, 1, tzinfo=UTC)


def growing_office(weeks: int) -> IntervalSeries:
    """Weekdays 09:00-17:00 (16 half hours); volume 10 + half hour of day + week number.

    Every open interval is exactly one contact busier than the same interval a week before,
    so seasonal naive is off by one everywhere and its in-sample scale is 1.
    """
    rows = []
    for step in range(weeks * 7 * 48):
        stamp = MONDAY + timedelta(minutes=30 * step)
        slot = step % 48
        if stamp.weekday() < 5 and 18 <= slot < 34:
            rows.append((stamp, 10 + slot + step // 336, None))
    return series_from_records(rows, interval_minutes=30)


def score(scores: tuple[ModelScore, ...], model: ModelName) -> ModelScore:
    return next(item for item in scores if item.model is model)


def test_origins_are_local_midnights_a_week_apart_ending_a_week_before_the_forecast() -> None:
    series = growing_office(6)  # ends Friday 9 February; the forecast starts Saturday 10th.

    origins = weekly_origins(series, weeks=3)

    assert origins == [
        pd.Timestamp(datetime(2024, 1, 20, tzinfo=UTC)),
        pd.Timestamp(datetime(2024, 1, 27, tzinfo=UTC)),
        pd.Timestamp(datetime(2024, 2, 3, tzinfo=UTC)),
    ]


def test_origins_in_the_first_week_of_history_are_skipped() -> None:
    series = growing_office(3)  # from Monday 1 January 09:00

    origins = weekly_origins(series, weeks=4)

    assert origins == [pd.Timestamp(datetime(2024, 1, 13, tzinfo=UTC))]


def test_origins_where_a_model_cannot_be_fitted_are_not_scored() -> None:
    # From Saturday 13 January MSTL has exactly two weeks, one short of what it needs;
    # from Saturday 20 January every model can be fitted.
    scores = backtest(growing_office(4), weeks=3)

    assert {item.origins for item in scores} == {1}
    assert len(scores) == len(ModelName)


def test_seasonal_naive_scores_match_a_hand_count() -> None:
    # Origins Saturday 20 and 27 January test weeks 3 and 4: 80 open intervals each, each
    # one contact off. Week w holds 5 * sum(10 + slot + w for slot 18..33) = 5 * (568 + 16w)
    # contacts: 3080 and 3160. WAPE = 160 / 6240; MASE = (mean error 1) / (scale 1) = 1.
    scores = backtest(growing_office(5), models=[ModelName.SEASONAL_NAIVE], weeks=2)

    naive = score(scores, ModelName.SEASONAL_NAIVE)
    assert naive.wape == pytest.approx(160 / 6240)
    assert naive.mase == pytest.approx(1.0)
    assert naive.wape_vs_seasonal_naive == 1.0
    assert naive.origins == 2


def test_every_model_is_scored_relative_to_seasonal_naive() -> None:
    scores = backtest(growing_office(5), weeks=2)

    naive = score(scores, ModelName.SEASONAL_NAIVE)
    assert {item.model for item in scores} == set(ModelName)
    for item in scores:
        assert item.wape_vs_seasonal_naive == pytest.approx(item.wape / naive.wape)
        assert item.seconds >= 0


def test_a_trend_the_smoothing_models_follow_beats_seasonal_naive() -> None:
    scores = backtest(growing_office(5), weeks=2)

    assert score(scores, ModelName.HOLT_WINTERS).wape < score(scores, ModelName.SEASONAL_NAIVE).wape


def test_the_best_model_has_the_lowest_wape() -> None:
    scores = (
        ModelScore(ModelName.SEASONAL_NAIVE, 0.10, 1.0, 1.0, 4, 0.0),
        ModelScore(ModelName.MSTL, 0.08, 0.8, 0.8, 4, 1.0),
        ModelScore(ModelName.BLEND, 0.09, 0.9, 0.9, 4, 1.5),
    )

    assert best_model(scores) is ModelName.MSTL


def test_without_a_backtest_the_choice_is_seasonal_naive() -> None:
    scores = backtest(growing_office(2), weeks=4)

    assert scores == ()
    assert best_model(scores) is ModelName.SEASONAL_NAIVE
