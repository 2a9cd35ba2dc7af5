from datetime import UTC, datetime

import pytest

from floorlead.training.gaps import FailedCriterion, ProgramTeaching, skill_gaps
from floorlead.training.model import GapKind

CATALOGUE = [
    ProgramTeaching(1, "Welcome to the floor", {"Communication": 2}, frozenset({"greeting"})),
    ProgramTeaching(2, "Difficult conversations", {"Communication": 4}, frozenset({"empathy"})),
    ProgramTeaching(3, "Active listening", {"Communication": 3}, frozenset({"empathy"})),
    ProgramTeaching(4, "Right first time", {"Product knowledge": 3}),
]


def test_skills_below_the_requirement_are_gaps_with_programmes_reaching_the_level_first() -> None:
    gaps = skill_gaps(
        required={"Communication": 3, "Product knowledge": 2},
        levels={"Communication": 1, "Product knowledge": 2},
        teaching=CATALOGUE,
        role="Senior agent",
    )

    [gap] = gaps
    assert (gap.kind, gap.key, gap.required, gap.actual) == (GapKind.SKILL, "Communication", 3, 1)
    assert gap.reason == "Role Senior agent: needs level 3, has level 1"
    # Reaching level 3: Difficult conversations (4) then Active listening (3); then
    # Welcome (2), which helps but does not reach it.
    assert [p.program_id for p in gap.programs] == [2, 3, 1]


def test_a_missing_skill_counts_as_level_zero_and_completed_programmes_are_not_offered() -> None:
    [gap] = skill_gaps(
        required={"Product knowledge": 3},
        levels={},
        teaching=CATALOGUE,
        completed={4: datetime(2026, 2, 2, 16, tzinfo=UTC)},
    )

    assert (gap.actual, gap.programs) == (0, ())


def test_quality_criteria_failed_repeatedly_recommend_the_programmes_teaching_them() -> None:
    gaps = skill_gaps(
        required={"Product knowledge": 3},
        levels={"Product knowledge": 2},
        teaching=CATALOGUE,
        failed_criteria=[
            FailedCriterion("greeting", "Personal greeting and close", 2, 5),
            FailedCriterion("clarity", "Clear and well written", 2, 3),
            FailedCriterion("empathy", "Tone and empathy", 3, 5),
        ],
    )

    assert [(g.kind, g.key, g.failures, g.reviews) for g in gaps] == [
        (GapKind.SKILL, "Product knowledge", None, None),
        (GapKind.QUALITY, "empathy", 3, 5),
        (GapKind.QUALITY, "clarity", 2, 3),
        (GapKind.QUALITY, "greeting", 2, 5),
    ]
    assert [g.reason for g in gaps] == [
        "Role: needs level 3, has level 2",
        "QA: Tone and empathy failed 3 of last 5 reviews",
        "QA: Clear and well written failed 2 of last 3 reviews",
        "QA: Personal greeting and close failed 2 of last 5 reviews",
    ]
    assert [p.title for p in gaps[1].programs] == ["Active listening", "Difficult conversations"]
    assert gaps[2].programs == ()  # no programme teaches clarity
    assert [p.program_id for p in gaps[3].programs] == [1]


@pytest.mark.parametrize(
    ("completed_on", "recommended"),
    [
        # Completed before the latest failure: the failures came after it, so it is
        # recommended again as a refresher, after the programme not taken yet.
        (
            datetime(2026, 2, 2, 16, tzinfo=UTC),
            [("Difficult conversations", False), ("Active listening", True)],
        ),
        # Completed after the latest failure: already taken since, not recommended.
        (datetime(2026, 2, 20, 16, tzinfo=UTC), [("Difficult conversations", False)]),
    ],
)
def test_a_programme_completed_before_the_latest_failure_is_recommended_as_a_refresher(
    completed_on: datetime, recommended: list[tuple[str, bool]]
) -> None:
    failed = FailedCriterion(
        "empathy", "Tone and empathy", 2, 4, last_failed_at=datetime(2026, 2, 16, 11, tzinfo=UTC)
    )

    [gap] = skill_gaps(
        required={},
        levels={},
        teaching=CATALOGUE,
        failed_criteria=[failed],
        completed={3: completed_on},
    )

    assert [(p.title, p.refresher) for p in gap.programs] == recommended


def test_without_the_time_of_the_latest_failure_completed_programmes_are_left_out() -> None:
    [gap] = skill_gaps(
        required={},
        levels={},
        teaching=CATALOGUE,
        failed_criteria=[FailedCriterion("empathy", "Tone and empathy", 2, 4)],
        completed={3: datetime(2026, 2, 2, 16, tzinfo=UTC)},
    )

    assert [p.title for p in gap.programs] == ["Difficult conversations"]


def test_a_met_requirement_is_no_gap() -> None:
    assert skill_gaps(required={"Communication": 2}, levels={"Communication": 5}, teaching=[]) == []
