"""Contact-volume and handle-time forecasting per queue (a team and channel).

Build a series with ``series_from_records`` (rows from the database) or ``read_history``
(CSV), then ``forecast_queue`` / ``forecast_queues``. ``backtest`` scores the models from
weekly origins; ``reforecast_intraday`` rescales the rest of today from today's actuals.
"""

from floorlead.workforce.forecast.accuracy import mase, seasonal_naive_scale, wape
from floorlead.workforce.forecast.aht import forecast_aht
from floorlead.workforce.forecast.backtest import backtest, best_model, weekly_origins
from floorlead.workforce.forecast.io import read_history, read_special_days, write_forecast
from floorlead.workforce.forecast.model import (
    SUPPORTED_INTERVALS,
    ForecastOptions,
    InsufficientHistory,
    IntervalSeries,
    InvalidForecastRequest,
    InvalidHistory,
    InvalidSpecialDay,
    ModelName,
    ModelScore,
    QueueForecast,
    SpecialDay,
    SpecialDayKind,
)
from floorlead.workforce.forecast.queues import forecast_queue, forecast_queues
from floorlead.workforce.forecast.reforecast import IntradayReforecast, reforecast_intraday
from floorlead.workforce.forecast.series import series_from_frame, series_from_records
from floorlead.workforce.forecast.slots import OpenHours, horizon_index, open_hours

__all__ = [
    "SUPPORTED_INTERVALS",
    "ForecastOptions",
    "InsufficientHistory",
    "IntervalSeries",
    "IntradayReforecast",
    "InvalidForecastRequest",
    "InvalidHistory",
    "InvalidSpecialDay",
    "ModelName",
    "ModelScore",
    "OpenHours",
    "QueueForecast",
    "SpecialDay",
    "SpecialDayKind",
    "backtest",
    "best_model",
    "forecast_aht",
    "forecast_queue",
    "forecast_queues",
    "horizon_index",
    "mase",
    "open_hours",
    "read_history",
    "read_special_days",
    "reforecast_intraday",
    "seasonal_naive_scale",
    "series_from_frame",
    "series_from_records",
    "wape",
    "weekly_origins",
    "write_forecast",
]
