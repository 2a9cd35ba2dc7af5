"""What makes a valid person profile: email, time zone, dates, cost, skill levels.

Pure checks that raise :class:`RuleViolation` naming the field. No SQLAlchemy here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache
from zoneinfo import available_timezones

from floorlead.errors import RuleViolation

MIN_SKILL_LEVEL = 1
MAX_SKILL_LEVEL = 5

# Local part: the dot-atom characters of RFC 5322. Domain: dot-separated labels of letters,
# digits and inner hyphens, ending in an alphabetic label. Internal domains such as
# ``floorlead.local`` are accepted on purpose: self-hosted teams use them.
_LOCAL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_TOP_LABEL = re.compile(r"^[a-z]{2,63}$")


def normalise_email(value: str) -> str:
    """The email in lower case, or a :class:`RuleViolation` naming ``email``."""
    email = value.strip().lower()
    local, at, domain = email.rpartition("@")
    labels = domain.split(".")
    valid = (
        at == "@"
        and len(email) <= 254
        and 0 < len(local) <= 64
        and _LOCAL.match(local) is not None
        and len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and _TOP_LABEL.match(labels[-1]) is not None
    )
    if not valid:
        raise RuleViolation(f"{value!r} is not a valid email address", field="email")
    return email


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(value: str, *, field: str = "time_zone") -> str:
    """An IANA time zone name such as ``Europe/Paris``."""
    if value not in _time_zones():
        raise RuleViolation(
            f"{value!r} is not an IANA time zone name (e.g. Europe/Paris)", field=field
        )
    return value


def check_name(value: str, *, field: str = "name", max_length: int = 200) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise RuleViolation(f"{field} must not be empty", field=field)
    if len(cleaned) > max_length:
        raise RuleViolation(f"{field} must be at most {max_length} characters", field=field)
    return cleaned


def check_employment(*, hire_date: date, leave_date: date | None) -> None:
    if leave_date is not None and leave_date < hire_date:
        raise RuleViolation(
            f"leave_date {leave_date} is before hire_date {hire_date}", field="leave_date"
        )


def check_hourly_cost(value: Decimal) -> Decimal:
    if value < 0:
        raise RuleViolation("hourly_cost must not be negative", field="hourly_cost")
    return value.quantize(Decimal("0.01"))


def check_skill_levels(levels: Mapping[int, int]) -> None:
    for skill_id, level in levels.items():
        if not MIN_SKILL_LEVEL <= level <= MAX_SKILL_LEVEL:
            raise RuleViolation(
                f"skill {skill_id}: level {level} is outside {MIN_SKILL_LEVEL}-{MAX_SKILL_LEVEL}",
                field="level",
            )
