"""Checks of raw input shared by the tickets use cases; each error names the offending field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import Enum, StrEnum
from typing import TypeVar

from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation

E = TypeVar("E", bound=StrEnum)

# A timestamp up to this far ahead of the server clock is taken as "now" (client clocks drift).
CLOCK_SKEW = timedelta(minutes=2)
# History older than this is refused: it is almost always a mistyped year.
HISTORY_LIMIT = timedelta(days=3653)
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Keep(Enum):
    """Default of an update's optional field: leave it as it is (``None`` may clear it)."""

    KEEP = "keep"


KEEP = Keep.KEEP


def choice(enum: type[E], value: str | E, field: str) -> E:
    """``value`` as a member of ``enum``, or a RuleViolation listing the allowed values."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise RuleViolation(f"{field} must be one of: {allowed}", field=field) from None


def text(value: str | None, field: str, *, max_length: int, required: bool = False) -> str:
    """Trimmed text, refused when too long (or empty while required)."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise RuleViolation(f"{field} must not be empty", field=field)
    if len(cleaned) > max_length:
        raise RuleViolation(f"{field} is longer than {max_length} characters", field=field)
    return cleaned


def email(value: str | None, field: str = "email") -> str:
    cleaned = text(value, field, max_length=254, required=True).lower()
    if not _EMAIL.match(cleaned):
        raise RuleViolation(f"{field} {cleaned!r} is not an email address", field=field)
    return cleaned


def tags(values: Iterable[str] | None, field: str = "tags") -> list[str]:
    """Lower-case, trimmed, de-duplicated tags in their given order."""
    cleaned: list[str] = []
    for raw in values or []:
        tag = text(raw, field, max_length=MAX_TAG_LENGTH).lower()
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise RuleViolation(f"a ticket takes at most {MAX_TAGS} tags", field=field)
    return cleaned


def past_time(value: datetime, *, now: datetime, field: str) -> datetime:
    """An aware UTC instant that is not in the future (a small skew is clamped to ``now``)."""
    when = ensure_utc(value, field=field)
    if when > now + CLOCK_SKEW:
        raise RuleViolation(f"{field} {when.isoformat()} is in the future", field=field)
    if when < now - HISTORY_LIMIT:
        raise RuleViolation(
            f"{field} {when.isoformat()} is more than ten years in the past", field=field
        )
    return min(when, now)
