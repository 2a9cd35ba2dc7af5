"""Intraday re-forecast: the rest of today scaled by today's actual-to-forecast ratio.

Today's forecast is 50 contacts every half hour 09:00-12:00. With the default prior of 50
contacts, after F forecast contacts the observed ratio gets the weight F / (F + 50).
"""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from floorlead.errors import RuleViolation
from floorlead.workforce.forecast import (
    IntradayReforecast,
    InvalidForecastRequest,
    reforecast_intraday,
)

NINE = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
FORECAST = pd.Series(50.0, index=pd.date_range(NINE, periods=6, freq="30min"))


def actuals(*volumes: float | None) -> pd.Series:
    return pd.Series(volumes, index=FORECAST.index[: len(volumes)], dtype=float)


def reforecast(seen: pd.Series, now: datetime, **options: float) -> IntradayReforecast:
    return reforecast_intraday(FORECAST, seen, now=now, interval_minutes=30, **options)


def test_a_busy_morning_raises_the_rest_of_the_day_by_the_damped_ratio() -> None:
    # F = 100, A = 130: observed 1.3, weight 100 / 150, applied 1 + 2/3 * 0.3 = 1.2.
    result = reforecast(actuals(60, 70), NINE + timedelta(hours=1))

    assert result.observed_ratio == pytest.approx(1.3)
    assert result.applied_ratio == pytest.approx(1.2)
    assert result.volume.tolist() == pytest.approx([60, 70, 60, 60, 60, 60])


def test_an_extreme_ratio_is_clipped_before_damping() -> None:
    # Observed 400 / 100 = 4 is clipped to 2: applied 1 + 2/3 * 1.
    result = reforecast(actuals(300, 100), NINE + timedelta(hours=1))

    assert result.observed_ratio == pytest.approx(4.0)
    assert result.applied_ratio == pytest.approx(5 / 3)


def test_a_quiet_morning_lowers_the_rest_of_the_day() -> None:
    # F = 150, A = 90: observed 0.6, weight 150 / 200, applied 1 - 0.75 * 0.4 = 0.7.
    result = reforecast(actuals(30, 30, 30), NINE + timedelta(hours=1, minutes=30))

    assert result.applied_ratio == pytest.approx(0.7)
    assert result.volume.iloc[3:].tolist() == pytest.approx([35, 35, 35])


def test_the_interval_under_way_is_rescaled_not_taken_as_actual() -> None:
    result = reforecast(actuals(60, 70, 5), NINE + timedelta(hours=1, minutes=10))

    assert result.applied_ratio == pytest.approx(1.2)
    assert result.volume.iloc[2] == pytest.approx(60)


def test_a_completed_interval_without_an_actual_is_left_out_of_the_ratio() -> None:
    # Only 09:30 counts: F = 50, A = 65, weight 0.5, applied 1 + 0.5 * 0.3 = 1.15.
    result = reforecast(actuals(None, 65), NINE + timedelta(hours=1))

    assert result.applied_ratio == pytest.approx(1.15)
    assert result.volume.iloc[0] == 50


def test_before_the_first_interval_ends_the_forecast_stands() -> None:
    result = reforecast(actuals(), NINE + timedelta(minutes=20))

    assert result.observed_ratio is None
    assert result.applied_ratio == 1.0
    assert result.volume.tolist() == FORECAST.tolist()


def test_without_damping_or_clipping_the_ratio_is_applied_in_full() -> None:
    result = reforecast(
        actuals(100, 100), NINE + timedelta(hours=1), prior_contacts=0, max_ratio=10
    )

    assert result.applied_ratio == pytest.approx(2.0)
    assert result.volume.iloc[2:].tolist() == pytest.approx([100] * 4)


def test_only_today_on_the_queue_clock_is_re_forecast() -> None:
    # 09:00-11:30 UTC on 5 March is 04:00-06:30 in New York; 03:30 UTC belongs to 4 March.
    index = pd.DatetimeIndex([NINE - timedelta(hours=5, minutes=30), *FORECAST.index])
    forecast = pd.Series(50.0, index=index)

    result = reforecast_intraday(
        forecast,
        actuals(60, 70),
        now=NINE + timedelta(hours=1),
        interval_minutes=30,
        timezone="America/New_York",
    )

    assert list(result.volume.index) == list(FORECAST.index)
    assert result.applied_ratio == pytest.approx(1.2)


def test_now_must_carry_a_time_zone() -> None:
    with pytest.raises(RuleViolation, match="now must include a time zone"):
        reforecast(actuals(60), datetime(2024, 3, 5, 10, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("options", "field"),
    [({"prior_contacts": -1}, "prior_contacts"), ({"min_ratio": 1.5}, "min_ratio")],
)
def test_settings_out_of_range_are_refused(options: dict, field: str) -> None:
    with pytest.raises(InvalidForecastRequest) as error:
        reforecast(actuals(60), NINE + timedelta(hours=1), **options)

    assert error.value.field == field
