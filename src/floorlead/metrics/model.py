"""Metric values: periods, slices, units. No SQLAlchemy, no Ibis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from floorlead.errors import RuleViolation


class Unit(StrEnum):
    PERCENT = "percent"  # 0-100
    SECONDS = "seconds"
    COUNT = "count"
    SCORE = "score"  # NPS: -100 to 100
    RATIO = "ratio"
    CURRENCY = "currency"  # the currency of people's hourly cost
    YEARS = "years"
    HOURS = "hours"


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


class Dimension(StrEnum):
    """What a KPI can be sliced by; the first six are also filters."""

    AGENT = "agent"
    TEAM = "team"
    CHANNEL = "channel"
    PRIORITY = "priority"
    CATEGORY = "category"
    TIER = "tier"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def is_time(self) -> bool:
        return self in TIME_DIMENSIONS

    @property
    def column(self) -> str:
        """The column of the fact views (and the key of result rows)."""
        return DIMENSION_COLUMNS[self]


TIME_DIMENSIONS = frozenset({Dimension.DAY, Dimension.WEEK, Dimension.MONTH})
TICKET_DIMENSIONS = frozenset(
    {Dimension.CHANNEL, Dimension.PRIORITY, Dimension.CATEGORY, Dimension.TIER}
)
DIMENSION_COLUMNS = {
    Dimension.AGENT: "agent_id",
    Dimension.TEAM: "team_id",
    Dimension.CHANNEL: "channel",
    Dimension.PRIORITY: "priority",
    Dimension.CATEGORY: "category",
    Dimension.TIER: "customer_tier",
    Dimension.DAY: "day",
    Dimension.WEEK: "week",
    Dimension.MONTH: "month",
}


@dataclass(frozen=True)
class Period:
    """Whole UTC days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleViolation("the period ends before it starts", field="to")

    @classmethod
    def ending(cls, end: date, *, days: int) -> Period:
        return cls(end - timedelta(days=days - 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=UTC)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=UTC)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def parse_dimensions(values: list[str] | tuple[str, ...]) -> tuple[Dimension, ...]:
    """Slice names as given on the command line or in a URL, checked and de-duplicated."""
    seen: list[Dimension] = []
    for value in values:
        try:
            dimension = Dimension(value)
        except ValueError:
            names = ", ".join(d.value for d in Dimension)
            raise RuleViolation(
                f"unknown slice {value!r}; use one of {names}", field="by"
            ) from None
        if dimension not in seen:
            seen.append(dimension)
    if sum(d.is_time for d in seen) > 1:
        raise RuleViolation("slice by at most one of day, week and month", field="by")
    return tuple(seen)
