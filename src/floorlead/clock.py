"""Time is passed in, so rules and tests control "now"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def ensure_utc(value: datetime, *, field: str = "timestamp") -> datetime:
    """Return ``value`` as an aware UTC datetime; naive values are refused."""
    from floorlead.errors import RuleViolation

    if value.tzinfo is None or value.utcoffset() is None:
        raise RuleViolation(f"{field} must include a time zone offset", field=field)
    return value.astimezone(UTC)
