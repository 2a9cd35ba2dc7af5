"""WAPE and MASE on worked examples small enough to check by hand."""

import math

import numpy as np
import pytest

from floorlead.workforce.forecast import mase, seasonal_naive_scale, wape

ACTUAL = np.array([10.0, 20.0, 30.0, 40.0])
FORECAST = np.array([12.0, 18.0, 33.0, 40.0])
# Absolute errors 2, 2, 3, 0: total 7 over a volume of 100; mean 1.75.

# A history with a "week" of two intervals: same-slot differences |10-8|, |14-12|, |9-10|,
# |15-14| = 2, 2, 1, 1, mean 1.5.
HISTORY = np.array([8.0, 12.0, 10.0, 14.0, 9.0, 15.0])


def test_wape_is_total_absolute_error_over_total_volume() -> None:
    assert wape(ACTUAL, FORECAST) == pytest.approx(7 / 100)


def test_wape_of_a_perfect_forecast_is_zero() -> None:
    assert wape(ACTUAL, ACTUAL) == 0


def test_wape_is_undefined_without_volume() -> None:
    assert math.isnan(wape(np.zeros(3), np.ones(3)))


def test_seasonal_naive_scale_is_the_mean_same_slot_difference() -> None:
    assert seasonal_naive_scale(HISTORY, 2) == pytest.approx(1.5)


def test_seasonal_naive_scale_skips_pairs_with_a_gap() -> None:
    gappy = np.array([8.0, 12.0, np.nan, 14.0, 9.0, 15.0])
    # Pairs left: |14-12| = 2 and |15-14| = 1.

    assert seasonal_naive_scale(gappy, 2) == pytest.approx(1.5)


def test_mase_is_mean_absolute_error_over_the_in_sample_scale() -> None:
    scale = seasonal_naive_scale(HISTORY, 2)

    assert mase(ACTUAL, FORECAST, scale=scale) == pytest.approx(1.75 / 1.5)


@pytest.mark.parametrize("scale", [0.0, float("nan")])
def test_mase_is_undefined_when_the_history_never_changes(scale: float) -> None:
    assert math.isnan(mase(ACTUAL, FORECAST, scale=scale))


def test_seasonal_naive_scale_needs_more_than_one_period() -> None:
    assert math.isnan(seasonal_naive_scale(HISTORY[:2], 2))
