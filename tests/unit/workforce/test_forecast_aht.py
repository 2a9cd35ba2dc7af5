"""Handle time per interval: volume-weighted slot profile shrunk toward the overall mean.

Two Mondays of history:
    week 1: 09:00 10 contacts at 300 s, 09:30 20 contacts at 200 s
    week 2: 09:00 30 contacts at 100 s, 09:30 20 contacts at 200 s
Overall volume-weighted mean: (3000 + 4000 + 3000 + 4000) / 80 = 175 s.
"""

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from floorlead.workforce.forecast import forecast_aht, series_from_records

MONDAY_9 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
HALF_HOUR = timedelta(minutes=30)
WEEK = timedelta(weeks=1)
HISTORY = series_from_records(
    [
        (MONDAY_9, 10, 300.0),
        (MONDAY_9 + HALF_HOUR, 20, 200.0),
        (MONDAY_9 + WEEK, 30, 100.0),
        (MONDAY_9 + WEEK + HALF_HOUR, 20, 200.0),
    ],
    interval_minutes=30,
)
# Monday 09:00, 09:30 and 10:00 of the third week.
HORIZON = pd.date_range(MONDAY_9 + 2 * WEEK, periods=3, freq="30min")


def test_each_slot_is_weighted_by_volume() -> None:
    aht = forecast_aht(HISTORY, HORIZON, weeks=4, prior_contacts=0)

    # 09:00: (10 * 300 + 30 * 100) / 40 = 150; 09:30: 200; 10:00 has no data: 175.
    assert aht.tolist() == pytest.approx([150.0, 200.0, 175.0])


def test_each_slot_is_shrunk_toward_the_overall_mean() -> None:
    aht = forecast_aht(HISTORY, HORIZON, weeks=4, prior_contacts=20)

    # 09:00: (6000 + 20 * 175) / 60; 09:30: (8000 + 20 * 175) / 60.
    assert aht.tolist() == pytest.approx([9500 / 60, 11500 / 60, 175.0])


def test_only_the_recent_weeks_count() -> None:
    aht = forecast_aht(HISTORY, HORIZON, weeks=1, prior_contacts=0)

    # Week 2 alone: 09:00 100 s, 09:30 200 s, overall (3000 + 4000) / 50 = 140 s.
    assert aht.tolist() == pytest.approx([100.0, 200.0, 140.0])


def test_without_handle_times_the_forecast_has_none() -> None:
    volumes_only = series_from_records(
        [(MONDAY_9, 10, None), (MONDAY_9 + HALF_HOUR, 30, None)], interval_minutes=30
    )

    aht = forecast_aht(volumes_only, HORIZON)

    assert np.isnan(aht).all()
