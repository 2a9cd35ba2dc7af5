from floorlead.training.gaps import ProgramTeaching, skill_gaps
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
    )

    [gap] = gaps
    assert (gap.kind, gap.key, gap.required, gap.actual) == (GapKind.SKILL, "Communication", 3, 1)
    # Reaching level 3: Difficult conversations (4) then Active listening (3); then
    # Welcome (2), which helps but does not reach it.
    assert [p.program_id for p in gap.programs] == [2, 3, 1]


def test_a_missing_skill_counts_as_level_zero_and_completed_programmes_are_not_offered() -> None:
    [gap] = skill_gaps(
        required={"Product knowledge": 3},
        levels={},
        teaching=CATALOGUE,
        completed=frozenset({4}),
    )

    assert (gap.actual, gap.programs) == (0, ())


def test_quality_criteria_failed_repeatedly_recommend_the_programmes_teaching_them() -> None:
    gaps = skill_gaps(
        required={},
        levels={},
        teaching=CATALOGUE,
        failed_criteria={"empathy": 3, "greeting": 2, "clarity": 1},
    )

    assert [(g.kind, g.key, g.failures) for g in gaps] == [
        (GapKind.QUALITY, "empathy", 3),
        (GapKind.QUALITY, "greeting", 2),
    ]
    assert [p.title for p in gaps[0].programs] == ["Active listening", "Difficult conversations"]
    assert [p.program_id for p in gaps[1].programs] == [1]


def test_a_met_requirement_is_no_gap() -> None:
    assert skill_gaps(required={"Communication": 2}, levels={"Communication": 5}, teaching=[]) == []
