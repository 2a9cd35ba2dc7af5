"""Forecasting a queue: every interval of the horizon, closed hours, special days, choice."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from floorlead.workforce.forecast import (
    ForecastOptions,
    InsufficientHistory,
    IntervalSeries,
    InvalidForecastRequest,
    ModelName,
    SpecialDay,
    SpecialDayKind,
    forecast_queue,
    forecast_queues,
    series_from_records,
)

MONDAY = datetime(2024, 1, 1, tzinfo=UTC)
NEXT_MONDAY = MONDAY + timedelta(weeks=3)
NAIVE = ForecastOptions(model=ModelName.SEASONAL_NAIVE, start=NEXT_MONDAY)


def office_rows(*, weeks: int = 3, saturday_weeks: int = 0) -> list[tuple]:
    """Weekdays 09:00-17:00 with zero rows overnight and no weekend rows.

    Volume is 10 plus the half hour of the day (09:00 is 28), plus the week number, so every
    interval is told apart; handle time is 200 s plus the half hour of the day. Saturday
    10:00-12:00 is open in the first ``saturday_weeks`` weeks.
    """
    rows = []
    for step in range(weeks * 7 * 48):
        stamp = MONDAY + timedelta(minutes=30 * step)
        week, weekday, slot = step // 336, stamp.weekday(), step % 48
        if weekday < 5:
            calls = 10 + slot + week if 18 <= slot < 34 else 0
            rows.append((stamp, calls, 200.0 + slot))
        elif weekday == 5 and week < saturday_weeks and 20 <= slot < 24:
            rows.append((stamp, 5, 200.0))
    return rows


def office_queue(**kwargs: int) -> IntervalSeries:
    return series_from_records(office_rows(**kwargs), interval_minutes=30)


def at(day: int, hour: int, minute: int = 0) -> pd.Timestamp:
    return pd.Timestamp(NEXT_MONDAY + timedelta(days=day, hours=hour, minutes=minute))


def test_the_horizon_starts_at_the_next_local_midnight() -> None:
    history = office_queue().before(at(-3, 15))

    forecast = forecast_queue(history, options=ForecastOptions(model="seasonal_naive"))

    assert forecast.frame.index[0] == at(-2, 0)


def split_into_quarter_hours(rows: list[tuple]) -> list[tuple]:
    return [
        (stamp + timedelta(minutes=minutes), calls / 2, aht)
        for stamp, calls, aht in rows
        for minutes in (0, 15)
    ]


@pytest.mark.parametrize(
    ("interval", "days", "timezone", "rows"),
    [
        (30, 7, "UTC", 7 * 48),
        (15, 3, "UTC", 3 * 96),
        (60, 1, "UTC", 24),
        (30, 14, "Europe/Paris", 14 * 48),
    ],
)
def test_there_is_one_row_for_every_interval_of_the_horizon(
    interval: int, days: int, timezone: str, rows: int
) -> None:
    records = split_into_quarter_hours(office_rows()) if interval == 15 else office_rows()
    series = series_from_records(records, interval_minutes=interval, timezone=timezone)
    options = ForecastOptions(model="seasonal_naive", horizon_days=days)

    forecast = forecast_queue(series, options=options)

    assert len(forecast.frame) == rows
    assert (np.diff(forecast.frame.index.asi8) == interval * 60 * 10**9).all()


def test_a_local_day_that_gains_an_hour_has_two_more_half_hours() -> None:
    autumn = [(stamp + timedelta(weeks=41), calls, aht) for stamp, calls, aht in office_rows()]
    series = series_from_records(autumn, interval_minutes=30, timezone="America/New_York")
    # History ends Friday 1 November 2024; the week ahead holds Sunday 3 November, which
    # is 25 hours long in New York.

    forecast = forecast_queue(series, options=ForecastOptions(model="seasonal_naive"))

    assert len(forecast.frame) == 7 * 48 + 2


def test_closed_hours_are_forecast_as_zero_with_zero_handle_time() -> None:
    forecast = forecast_queue(office_queue(), options=NAIVE).frame

    night = forecast.loc[at(0, 3) : at(0, 8, 30)]
    saturday = forecast.loc[at(5, 0) : at(5, 23, 30)]
    open_hours = forecast.loc[at(0, 9) : at(0, 16, 30)]
    assert (night["volume"] == 0).all() and (night["aht_seconds"] == 0).all()
    assert (saturday["volume"] == 0).all() and len(saturday) == 48
    assert (open_hours["volume"] > 0).all() and (open_hours["aht_seconds"] > 0).all()


def test_a_slot_open_only_before_the_recent_weeks_is_closed() -> None:
    history = office_queue(weeks=6, saturday_weeks=1)
    options = ForecastOptions(model="seasonal_naive", start=at(21, 0))

    forecast = forecast_queue(history, options=options).frame

    saturday_morning = forecast.loc[at(26, 10) : at(26, 11, 30), "volume"]
    assert len(saturday_morning) == 4
    assert (saturday_morning == 0).all()


def test_special_days_close_scale_or_fix_the_forecast() -> None:
    overrides = [
        SpecialDay(at(0, 0), at(1, 0), SpecialDayKind.CLOSED, name="New Year"),
        SpecialDay(at(1, 0), at(2, 0), SpecialDayKind.MULTIPLIER, 1.5, name="Campaign"),
        SpecialDay(at(5, 10), at(5, 12), SpecialDayKind.VOLUME, 12, name="Saturday opening"),
    ]

    plain = forecast_queue(office_queue(), options=NAIVE).frame
    special = forecast_queue(office_queue(), options=NAIVE, special_days=overrides).frame

    monday, tuesday = slice(at(0, 0), at(0, 23, 30)), slice(at(1, 0), at(1, 23, 30))
    assert (special.loc[monday, ["volume", "aht_seconds"]] == 0).all().all()
    assert special.loc[tuesday, "volume"].tolist() == pytest.approx(
        (plain.loc[tuesday, "volume"] * 1.5).tolist()
    )
    saturday = special.loc[at(5, 10) : at(5, 11, 30)]
    assert saturday["volume"].tolist() == [12, 12, 12, 12]
    assert (saturday["aht_seconds"] > 0).all()
    wednesday = slice(at(2, 0), at(2, 23, 30))
    assert special.loc[wednesday].equals(plain.loc[wednesday])


def test_a_past_holiday_in_the_history_is_not_copied_into_next_week() -> None:
    last_monday = SpecialDay(at(-7, 0), at(-6, 0), SpecialDayKind.CLOSED, name="Holiday")
    history = office_queue()
    closed_history = IntervalSeries(
        volume=history.volume.mask(
            (history.volume.index >= at(-7, 0)) & (history.volume.index < at(-6, 0)), 0.0
        ),
        aht_seconds=history.aht_seconds,
        interval_minutes=30,
    )

    forecast = forecast_queue(closed_history, options=NAIVE, special_days=[last_monday]).frame

    nine = forecast.loc[at(0, 9), "volume"]
    assert nine == history.volume[at(-14, 9)] == 10 + 18 + 1


def test_handle_time_follows_the_recent_profile_of_each_interval() -> None:
    options = ForecastOptions(model="seasonal_naive", start=NEXT_MONDAY, aht_prior_contacts=0)

    forecast = forecast_queue(office_queue(), options=options).frame

    assert forecast.loc[at(2, 9), "aht_seconds"] == pytest.approx(218.0)
    assert forecast.loc[at(2, 16, 30), "aht_seconds"] == pytest.approx(233.0)


def test_auto_picks_the_model_with_the_lowest_backtest_wape() -> None:
    options = ForecastOptions(model="auto", backtest_weeks=2)

    forecast = forecast_queue(office_queue(weeks=5), options=options)

    assert {score.model for score in forecast.scores} == set(ModelName)
    assert forecast.model == min(forecast.scores, key=lambda score: score.wape).model


def test_a_chosen_model_can_still_report_its_backtest() -> None:
    options = ForecastOptions(model=ModelName.SEASONAL_NAIVE, backtest_weeks=1)

    forecast = forecast_queue(office_queue(weeks=4), options=options, score_models=True)

    assert forecast.model is ModelName.SEASONAL_NAIVE
    assert len(forecast.scores) == len(ModelName)


def test_many_queues_are_forecast_with_their_own_overrides() -> None:
    training_day = SpecialDay(at(2, 0), at(3, 0), SpecialDayKind.CLOSED, queue="Billing/phone")
    histories = {"Billing/phone": office_queue(), "Billing/email": office_queue()}

    forecasts = forecast_queues(histories, options=NAIVE, special_days=[training_day])

    wednesday = slice(at(2, 0), at(2, 23, 30))
    assert forecasts["Billing/phone"].frame.loc[wednesday, "volume"].sum() == 0
    assert forecasts["Billing/email"].frame.loc[wednesday, "volume"].sum() > 0


def test_history_shorter_than_a_week_is_refused() -> None:
    short = office_queue().before(pd.Timestamp(MONDAY + timedelta(days=5)))

    with pytest.raises(InsufficientHistory, match="7 days"):
        forecast_queue(short, options=NAIVE)


@pytest.mark.parametrize("days", [0, -3])
def test_the_horizon_must_be_at_least_a_day(days: int) -> None:
    with pytest.raises(InvalidForecastRequest, match="horizon_days must be 1 or more") as error:
        ForecastOptions(horizon_days=days)

    assert error.value.field == "horizon_days"


def test_an_unknown_model_is_refused() -> None:
    with pytest.raises(InvalidForecastRequest, match="model must be one of auto"):
        ForecastOptions(model="prophet")


def test_a_start_between_intervals_is_refused() -> None:
    options = ForecastOptions(model="seasonal_naive", start=NEXT_MONDAY + timedelta(minutes=10))

    with pytest.raises(InvalidForecastRequest, match="not on the 30-minute grid"):
        forecast_queue(office_queue(), options=options)
