"""Building a regular interval series from records: aggregation, gaps and refusals."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from floorlead.workforce.forecast import (
    InvalidForecastRequest,
    InvalidHistory,
    series_from_records,
)

MONDAY_9 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def five_minute_rows(count: int, volume: float = 2.0, aht: float | None = 300.0) -> list:
    return [(MONDAY_9 + timedelta(minutes=5 * i), volume, aht) for i in range(count)]


def test_five_minute_history_is_summed_into_thirty_minute_intervals() -> None:
    rows = [(MONDAY_9 + timedelta(minutes=5 * i), float(i + 1), None) for i in range(12)]

    series = series_from_records(rows, interval_minutes=30)

    assert list(series.volume.index) == [MONDAY_9, MONDAY_9 + timedelta(minutes=30)]
    assert list(series.volume) == [1 + 2 + 3 + 4 + 5 + 6, 7 + 8 + 9 + 10 + 11 + 12]


def test_handle_time_is_weighted_by_volume_when_aggregating() -> None:
    rows = [
        (MONDAY_9, 1, 600.0),
        (MONDAY_9 + timedelta(minutes=5), 3, 200.0),
        (MONDAY_9 + timedelta(minutes=10), 0, 9999.0),
        (MONDAY_9 + timedelta(minutes=15), 2, None),
    ]

    series = series_from_records(rows, interval_minutes=30)

    assert series.volume.iloc[0] == 6
    assert series.aht_seconds.iloc[0] == pytest.approx((1 * 600 + 3 * 200) / 4)


def test_missing_intervals_are_left_empty_on_the_regular_grid() -> None:
    rows = [
        (MONDAY_9, 4, 100.0),
        (MONDAY_9 + timedelta(minutes=30), 5, 100.0),
        (MONDAY_9 + timedelta(hours=2), 6, 100.0),
    ]

    series = series_from_records(rows, interval_minutes=30)

    assert len(series.volume) == 5
    assert series.volume.isna().tolist() == [False, False, True, True, False]


def test_a_dataframe_of_records_is_accepted() -> None:
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range(MONDAY_9, periods=4, freq="15min"),
            "volume": [1, 2, 3, 4],
        }
    )

    series = series_from_records(frame, interval_minutes=60)

    assert series.volume.tolist() == [10]
    assert np.isnan(series.aht_seconds.iloc[0])


def test_intervals_are_aligned_to_the_queue_local_clock() -> None:
    # 08:30 UTC is 14:00 in Kolkata (UTC+05:30): a local hour starts there.
    start = datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    rows = [(start + timedelta(minutes=15 * i), 1, None) for i in range(8)]

    series = series_from_records(rows, interval_minutes=60, timezone="Asia/Kolkata")

    assert list(series.volume.index) == [start, start + timedelta(hours=1)]
    assert series.volume.tolist() == [4, 4]


def test_history_coarser_than_the_interval_is_refused() -> None:
    rows = [(MONDAY_9 + timedelta(hours=i), 10, None) for i in range(3)]

    with pytest.raises(InvalidHistory, match=r"60-minute intervals.*30-minute") as error:
        series_from_records(rows, interval_minutes=30)

    assert error.value.field == "interval_minutes"


def test_history_that_does_not_divide_the_interval_is_refused() -> None:
    rows = [(MONDAY_9 + timedelta(minutes=45 * i), 10, None) for i in range(3)]

    with pytest.raises(InvalidHistory, match="45-minute"):
        series_from_records(rows, interval_minutes=60)


def test_half_hours_that_straddle_the_requested_intervals_are_refused() -> None:
    rows = [(MONDAY_9 + timedelta(minutes=15 + 30 * i), 1, None) for i in range(3)]

    with pytest.raises(InvalidHistory, match=r"row 1 .* not on a 30-minute boundary"):
        series_from_records(rows, interval_minutes=30)


def test_rows_only_on_whole_hours_are_taken_as_hourly_history() -> None:
    rows = [(MONDAY_9 + timedelta(hours=hours), 10, None) for hours in (0, 2, 3, 5)]

    with pytest.raises(InvalidHistory, match="60-minute intervals"):
        series_from_records(rows, interval_minutes=30)


def test_event_level_timestamps_are_counted_in_their_interval() -> None:
    rows = [(MONDAY_9 + timedelta(minutes=minute), 1, None) for minute in (0, 7, 17, 31, 59)]

    series = series_from_records(rows, interval_minutes=30)

    assert series.volume.tolist() == [3, 2]


@pytest.mark.parametrize(
    ("bad_row", "field", "message"),
    [
        ((MONDAY_9 + timedelta(minutes=10), -1, None), "volume", "volume on row 3 is negative"),
        ((MONDAY_9 + timedelta(minutes=10), None, None), "volume", "volume on row 3 is missing"),
        ((MONDAY_9 + timedelta(minutes=10), "lots", None), "volume", "row 3 is not a number"),
        ((MONDAY_9 + timedelta(minutes=10), 1, -5), "aht_seconds", "aht_seconds on row 3"),
        ((datetime(2024, 3, 4, 9, 10), 1, None), "interval_start", "row 3 has no time zone"),  # noqa: DTZ001
        (("2024-03-04 09:10", 1, None), "interval_start", "row 3 is not a timestamp"),
        ((MONDAY_9, 1, None), "interval_start", "row 3 repeats an earlier row"),
    ],
)
def test_bad_records_name_the_row_and_field(bad_row: tuple, field: str, message: str) -> None:
    rows = [*five_minute_rows(2), bad_row]

    with pytest.raises(InvalidHistory, match=message) as error:
        series_from_records(rows, interval_minutes=30)

    assert error.value.field == field


@pytest.mark.parametrize("minutes", [5, 20, 45, 120])
def test_only_fifteen_thirty_or_sixty_minute_intervals_are_forecast(minutes: int) -> None:
    with pytest.raises(InvalidForecastRequest, match="15, 30, 60"):
        series_from_records(five_minute_rows(3), interval_minutes=minutes)


def test_an_empty_history_is_refused() -> None:
    with pytest.raises(InvalidHistory, match="no rows"):
        series_from_records([], interval_minutes=30)
