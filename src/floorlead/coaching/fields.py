"""Checks of incoming values; each failure names the field it is about."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation

E = TypeVar("E", bound=StrEnum)


def text(value: str, *, field: str, max_length: int, required: bool = False) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise RuleViolation(f"{field} must not be empty", field=field)
    if len(cleaned) > max_length:
        raise RuleViolation(f"{field} must be at most {max_length} characters", field=field)
    return cleaned


def number_between(value: float, *, field: str, low: float, high: float) -> float:
    if not low <= value <= high:
        raise RuleViolation(f"{field} must be between {low:g} and {high:g}", field=field)
    return value


def instant(value: datetime, *, field: str) -> datetime:
    return ensure_utc(value, field=field)


def choice(kind: type[E], value: object, *, field: str) -> E:
    """``value`` as a member of the enum ``kind``."""
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(member.value for member in kind)
        raise RuleViolation(f"{field} must be one of {names}", field=field) from None
