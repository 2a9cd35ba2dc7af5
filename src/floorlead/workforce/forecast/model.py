"""Value objects and errors of contact-volume forecasting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

import pandas as pd

from floorlead.errors import RuleViolation

SUPPORTED_INTERVALS = (15, 30, 60)


class InvalidHistory(RuleViolation):
    """The contact history cannot be read or does not fit the request."""


class InvalidSpecialDay(RuleViolation):
    """A special-day override is malformed."""


class InsufficientHistory(RuleViolation):
    """The history is too short for what was asked."""


class InvalidForecastRequest(RuleViolation):
    """A forecast option (horizon, model, interval) is out of range."""


class ModelName(StrEnum):
    SEASONAL_NAIVE = "seasonal_naive"
    MSTL = "mstl"
    HOLT_WINTERS = "holt_winters"
    BLEND = "blend"


class SpecialDayKind(StrEnum):
    CLOSED = "closed"
    MULTIPLIER = "multiplier"
    VOLUME = "volume"


@dataclass(frozen=True, eq=False)
class IntervalSeries:
    """One queue's history on a regular UTC grid; NaN volume means "no record"."""

    volume: pd.Series
    aht_seconds: pd.Series
    interval_minutes: int
    timezone: str = "UTC"

    @property
    def step(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)

    @property
    def end(self) -> pd.Timestamp:
        """The end (exclusive) of the last interval in the history."""
        return self.volume.index[-1] + self.step

    def before(self, cutoff: pd.Timestamp) -> IntervalSeries:
        """The history strictly before ``cutoff``."""
        keep = self.volume.index < cutoff
        return IntervalSeries(
            volume=self.volume[keep],
            aht_seconds=self.aht_seconds[keep],
            interval_minutes=self.interval_minutes,
            timezone=self.timezone,
        )


@dataclass(frozen=True)
class SpecialDay:
    """An override on ``[start, end)``: closed, a volume multiplier, or a fixed volume per interval.

    ``queue`` restricts the override to one queue; ``None`` applies it to every queue.
    """

    start: datetime
    end: datetime
    kind: SpecialDayKind
    value: float | None = None
    name: str = ""
    queue: str | None = None

    def __post_init__(self) -> None:
        for label, stamp in (("start", self.start), ("end", self.end)):
            if stamp.tzinfo is None:
                raise InvalidSpecialDay(f"{label} must include a time zone", field=label)
        if self.end <= self.start:
            raise InvalidSpecialDay("end must be after start", field="end")
        if self.kind is SpecialDayKind.CLOSED:
            return
        if self.value is None or self.value < 0:
            raise InvalidSpecialDay(
                f"a {self.kind.value} override needs a value of zero or more", field="value"
            )


@dataclass(frozen=True)
class ForecastOptions:
    """How to forecast one queue. ``model="auto"`` picks the model by backtest."""

    horizon_days: int = 7
    model: ModelName | str = "auto"
    backtest_weeks: int = 8
    closed_lookback_weeks: int = 4
    aht_weeks: int = 4
    aht_prior_contacts: float = 20.0
    train_weeks: int = 16
    start: datetime | None = None

    def __post_init__(self) -> None:
        if self.horizon_days <= 0:
            raise InvalidForecastRequest(
                f"horizon_days must be 1 or more, got {self.horizon_days}", field="horizon_days"
            )
        if self.model != "auto" and self.model not in set(ModelName):
            choices = ", ".join(["auto", *ModelName])
            raise InvalidForecastRequest(
                f"model must be one of {choices}, got {self.model!r}", field="model"
            )
        if self.model != "auto":
            object.__setattr__(self, "model", ModelName(self.model))
        for name in ("backtest_weeks", "closed_lookback_weeks", "aht_weeks", "train_weeks"):
            if getattr(self, name) < 1:
                raise InvalidForecastRequest(f"{name} must be 1 or more", field=name)
        if self.start is not None and self.start.tzinfo is None:
            raise InvalidForecastRequest("start must include a time zone", field="start")


@dataclass(frozen=True)
class ModelScore:
    """Backtest accuracy of one model over all origins (WAPE pooled, MASE averaged)."""

    model: ModelName
    wape: float
    mase: float
    wape_vs_seasonal_naive: float
    origins: int
    seconds: float


@dataclass(frozen=True, eq=False)
class QueueForecast:
    """A forecast for one queue: one row per interval of the horizon."""

    frame: pd.DataFrame
    model: ModelName
    scores: tuple[ModelScore, ...] = field(default_factory=tuple)
