"""Definition settings: defaults, validation, and the label a report states."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from floorlead.metrics.definitions import Definitions


def test_the_defaults_are_labelled_with_the_bare_version() -> None:
    assert Definitions().label == "v2"


def test_a_changed_setting_changes_the_label_and_names_it_stably() -> None:
    one = Definitions(service_level_seconds=30)
    same = Definitions(service_level_seconds=30)
    other = Definitions(service_level_seconds=40)

    assert one.label.startswith("v2+")
    assert one.label == same.label != other.label


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOORLEAD_KPI_FIRST_REPLY_START", "first_customer_message")

    assert Definitions().settings()["first_reply_start"] == "first_customer_message"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_reply_start", "whenever"),
        ("fcr_zero_replies", "maybe"),
        ("service_level_denominator", "all"),
        ("service_level_seconds", 0),
        ("csat_good_min", 6),
        ("business_calendar", ""),
        ("productive_time", "guesswork"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match=field):
        Definitions(**{field: value})


def test_only_the_calendar_setting_reshapes_the_stored_facts() -> None:
    assert Definitions(csat_good_min=3).facts_fingerprint == Definitions().facts_fingerprint
    assert (
        Definitions(business_calendar="none").facts_fingerprint != Definitions().facts_fingerprint
    )
