"""Reading history and special days from CSV, writing the forecast."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from floorlead.workforce.forecast import (
    InvalidHistory,
    InvalidSpecialDay,
    SpecialDayKind,
    read_history,
    read_special_days,
    write_forecast,
)

NEW_YORK = ZoneInfo("America/New_York")


def write(tmp_path: Path, text: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_history_rows_with_offsets_are_read_as_utc(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "interval_start,volume,aht_seconds\n"
        "2024-03-04T09:00:00+01:00,4,300\n"
        "2024-03-04T08:30:00Z,6,\n",
    )

    series = read_history(path, interval_minutes=30)

    assert list(series.volume.index) == [
        datetime(2024, 3, 4, 8, 0, tzinfo=UTC),
        datetime(2024, 3, 4, 8, 30, tzinfo=UTC),
    ]
    assert series.volume.tolist() == [4, 6]
    assert series.aht_seconds.iloc[0] == 300
    assert pd.isna(series.aht_seconds.iloc[1])


def test_timestamps_without_offset_are_read_on_the_queue_clock(tmp_path: Path) -> None:
    path = write(tmp_path, "interval_start,volume\n2024-07-01 09:00,5\n2024-07-01 09:30,7\n")

    series = read_history(path, interval_minutes=30, timezone="America/New_York")

    assert series.volume.index[0] == datetime(2024, 7, 1, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ("2024-03-04 09:00,4\nyesterday,5\n", "interval_start", "row 3 is not a timestamp"),
        ("2024-03-04 09:00,4\n2024-03-04 09:30,-5\n", "volume", "volume on row 3 is negative"),
        ("2024-03-04 09:00,4\n2024-03-04 09:30,\n", "volume", "volume on row 3 is missing"),
        ("2024-03-04 09:00,4\n2024-03-04 09:30,five\n", "volume", "row 3 is not a number"),
    ],
)
def test_bad_history_rows_are_named_as_a_spreadsheet_numbers_them(
    tmp_path: Path, body: str, field: str, message: str
) -> None:
    path = write(tmp_path, "interval_start,volume\n" + body)

    with pytest.raises(InvalidHistory, match=message) as error:
        read_history(path, interval_minutes=30)

    assert error.value.field == field


def test_history_without_a_volume_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "datetime,calls\n2024-03-04 09:00,4\n")

    with pytest.raises(InvalidHistory, match="no interval_start column"):
        read_history(path, interval_minutes=30)


def test_an_empty_history_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "")

    with pytest.raises(InvalidHistory, match="empty"):
        read_history(path, interval_minutes=30)


def test_a_special_date_covers_the_whole_local_day(tmp_path: Path) -> None:
    path = write(
        tmp_path, "start,end,kind,value,name\n2024-07-04,,closed,,Independence Day\n", "days.csv"
    )

    (day,) = read_special_days(path, timezone="America/New_York")

    assert day.start == datetime(2024, 7, 4, tzinfo=NEW_YORK)
    assert day.end == datetime(2024, 7, 5, tzinfo=NEW_YORK)
    assert day.kind is SpecialDayKind.CLOSED
    assert day.name == "Independence Day"
    assert day.queue is None


def test_a_date_range_includes_its_last_day_and_times_end_exclusively(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "start,end,kind,value,queue\n"
        "2024-11-29,2024-11-30,multiplier,1.5,Billing/phone\n"
        "2024-12-02T09:00:00+00:00,2024-12-02T11:00:00+00:00,volume,40,\n",
        "days.csv",
    )

    campaign, surge = read_special_days(path)

    assert (campaign.start, campaign.end) == (
        datetime(2024, 11, 29, tzinfo=UTC),
        datetime(2024, 12, 1, tzinfo=UTC),
    )
    assert (campaign.kind, campaign.value, campaign.queue) == (
        SpecialDayKind.MULTIPLIER,
        1.5,
        "Billing/phone",
    )
    assert surge.end == datetime(2024, 12, 2, 11, tzinfo=UTC)
    assert (surge.kind, surge.value) == (SpecialDayKind.VOLUME, 40.0)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("2024-07-04,,holiday,,", "kind", "kind on row 2 must be one of closed"),
        ("2024-07-04,,multiplier,,", "value", "row 2: a multiplier override needs a value"),
        ("2024-07-04,,multiplier,double,", "value", "value on row 2 is not a number"),
        ("2024-07-04T09:00:00+00:00,,closed,,", "end", "end on row 2 is needed"),
        ("2024-07-05,2024-07-03,closed,,", "end", "row 2: end must be after start"),
        ("soon,,closed,,", "start", "start on row 2 is not a timestamp"),
    ],
)
def test_bad_special_days_name_the_row_and_field(
    tmp_path: Path, row: str, field: str, message: str
) -> None:
    path = write(tmp_path, f"start,end,kind,value,name\n{row}\n", "days.csv")

    with pytest.raises(InvalidSpecialDay, match=message) as error:
        read_special_days(path)

    assert error.value.field == field


def test_the_forecast_is_written_with_utc_timestamps(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"volume": [0.0, 12.34567], "aht_seconds": [0.0, 301.26]},
        index=pd.date_range("2024-03-04 09:00", periods=2, freq="30min", tz="UTC"),
    )
    path = tmp_path / "forecast.csv"

    write_forecast(frame, path)

    assert path.read_text().splitlines() == [
        "interval_start,volume,aht_seconds",
        "2024-03-04T09:00:00+00:00,0.0,0.0",
        "2024-03-04T09:30:00+00:00,12.346,301.3",
    ]
