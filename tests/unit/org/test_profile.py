from datetime import date
from decimal import Decimal

import pytest

from floorlead.errors import RuleViolation
from floorlead.org.profile import (
    check_employment,
    check_hourly_cost,
    check_name,
    check_skill_levels,
    check_time_zone,
    normalise_email,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ava.Agent@Example.COM", "ava.agent@example.com"),
        ("  lee+billing@support.example.org ", "lee+billing@support.example.org"),
        ("admin@floorlead.local", "admin@floorlead.local"),
        ("o'neil@mail-server.example.co.uk", "o'neil@mail-server.example.co.uk"),
    ],
)
def test_valid_emails_are_kept_in_lower_case(raw: str, expected: str) -> None:
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "ava",
        "ava@",
        "@example.com",
        "ava@example",
        "ava@@example.com",
        "ava agent@example.com",
        "ava..agent@example.com",
        ".ava@example.com",
        "ava@-example.com",
        "ava@example.c",
        "ava@example.123",
        "a" * 65 + "@example.com",
    ],
)
def test_invalid_emails_are_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        normalise_email(raw)

    assert refused.value.field == "email"


@pytest.mark.parametrize("name", ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires"])
def test_iana_time_zones_are_accepted(name: str) -> None:
    assert check_time_zone(name) == name


@pytest.mark.parametrize("name", ["", "Paris", "Europe/Pariss", "GMT+1", "europe/paris", "../etc"])
def test_unknown_time_zones_are_refused_naming_the_field(name: str) -> None:
    with pytest.raises(RuleViolation, match="IANA") as refused:
        check_time_zone(name)

    assert refused.value.field == "time_zone"


def test_names_are_trimmed_and_must_not_be_blank() -> None:
    assert check_name("  Ava   Agent ") == "Ava Agent"
    with pytest.raises(RuleViolation, match="empty"):
        check_name("   ")
    with pytest.raises(RuleViolation, match="at most 3"):
        check_name("Avery", max_length=3)


def test_leaving_before_being_hired_is_refused() -> None:
    check_employment(hire_date=date(2025, 1, 6), leave_date=date(2025, 1, 6))
    with pytest.raises(RuleViolation) as refused:
        check_employment(hire_date=date(2025, 1, 6), leave_date=date(2025, 1, 5))

    assert refused.value.field == "leave_date"


def test_hourly_cost_is_rounded_to_cents_and_never_negative() -> None:
    assert check_hourly_cost(Decimal("25.499")) == Decimal("25.50")
    with pytest.raises(RuleViolation) as refused:
        check_hourly_cost(Decimal("-0.01"))

    assert refused.value.field == "hourly_cost"


@pytest.mark.parametrize("level", [0, 6, -1])
def test_skill_levels_outside_one_to_five_are_refused(level: int) -> None:
    check_skill_levels({1: 1, 2: 5})
    with pytest.raises(RuleViolation, match="outside 1-5") as refused:
        check_skill_levels({1: 3, 2: level})

    assert refused.value.field == "level"
