"""Which target applies to a row of results, and whether the row meets it."""

from __future__ import annotations

import pandas as pd
import pytest

from floorlead.metrics.kpis import KPIS
from floorlead.metrics.targets import StaffMember, TargetValue, applicable_target, target_status

TARGETS = [
    TargetValue("csat", 85.0),
    TargetValue("csat", 90.0, team_id=7),
    TargetValue("csat", 80.0, role="agent"),
    TargetValue("first_reply_time_median", 3600.0, team_id=7),
]


@pytest.mark.parametrize(
    ("team_id", "role", "expected"),
    [(7, "agent", 80.0), (7, "senior_agent", 90.0), (8, "senior_agent", 85.0), (None, None, 85.0)],
)
def test_the_most_specific_target_applies(
    team_id: int | None, role: str | None, expected: float
) -> None:
    found = applicable_target(TARGETS, kpi="csat", team_id=team_id, role=role)

    assert found is not None and found.value == expected


def test_rows_are_marked_met_or_missed_in_the_kpi_direction() -> None:
    frame = pd.DataFrame(
        {
            "agent_id": [1, 2, 3],
            "csat": [82.0, 70.0, None],
            "first_reply_time_median": [1800.0, 7200.0, 60.0],
        }
    )
    staff = {1: StaffMember("agent", 7), 2: StaffMember("agent", 7), 3: StaffMember("agent", 9)}

    marked = target_status(
        frame, TARGETS, kpis=[KPIS["csat"], KPIS["first_reply_time_median"]], staff=staff
    )

    assert marked.csat_target.tolist() == [80.0, 80.0, 80.0]
    assert marked.csat_status.tolist() == ["met", "missed", None]
    assert marked.first_reply_time_median_status.tolist() == ["met", "missed", None]


def test_a_team_row_uses_the_team_target() -> None:
    frame = pd.DataFrame({"team_id": [7, 8], "csat": [88.0, 88.0]})

    marked = target_status(frame, TARGETS, kpis=[KPIS["csat"]])

    assert marked.csat_status.tolist() == ["missed", "met"]
