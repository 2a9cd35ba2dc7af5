import pytest

from floorlead.careers.interviews import (
    Interview,
    check_scores,
    interview_items,
    summarise_interviews,
)
from floorlead.careers.model import Recommendation, RoleSpec, SkillRequirement
from floorlead.errors import RuleViolation

ROLE = RoleSpec(
    slug="senior-agent",
    title="Senior agent",
    purpose="Solves the hard ones.",
    education="Secondary education",
    experience_years=1,
    certifications=("Data protection essentials",),
    skills=(SkillRequirement("Product knowledge", 4), SkillRequirement("Coaching", 2)),
)
ITEMS = interview_items(ROLE)


def test_items_come_from_the_role_skills_weighted_by_level_then_qualifications() -> None:
    assert [(i.key, i.weight) for i in ITEMS] == [
        ("skill:product_knowledge", 4),
        ("skill:coaching", 2),
        ("education", 1),
        ("experience", 1),
        ("certification:data_protection_essentials", 1),
    ]
    assert ITEMS[0].label == "Product knowledge (level 4 needed)"


def _scores(pk: int, coaching: int, rest: int) -> dict[str, int]:
    return {
        "skill:product_knowledge": pk,
        "skill:coaching": coaching,
        "education": rest,
        "experience": rest,
        "certification:data_protection_essentials": rest,
    }


def test_the_aggregate_is_the_weighted_mean_of_item_means() -> None:
    interviews = [
        Interview(_scores(5, 3, 4), Recommendation.HIRE),
        Interview(_scores(4, 2, 3), Recommendation.HIRE),
        Interview(_scores(2, 2, 3), Recommendation.NO_HIRE),
    ]

    summary = summarise_interviews(ITEMS, interviews)

    # Means: PK 11/3, coaching 7/3, the three others 10/3 each.
    # Weighted: (4·11/3 + 2·7/3 + 3·10/3) / 9 = (44 + 14 + 30) / 27 = 88/27 = 3.259…
    assert summary.item_means["skill:product_knowledge"] == 3.67
    assert summary.score == 3.26
    assert summary.recommendations == {"hire": 2, "no_hire": 1, "maybe": 0}
    assert summary.consensus == "hire"


def test_without_a_majority_the_panel_is_split() -> None:
    interviews = [
        Interview(_scores(3, 3, 3), Recommendation.HIRE),
        Interview(_scores(3, 3, 3), Recommendation.MAYBE),
    ]

    summary = summarise_interviews(ITEMS, interviews)

    assert (summary.score, summary.consensus) == (3.0, "split")


def test_before_any_interview_there_is_no_score() -> None:
    summary = summarise_interviews(ITEMS, [])

    assert (summary.interviews, summary.score, summary.consensus) == (0, None, None)


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ({**_scores(3, 3, 3), "charm": 5}, "scores"),
        ({k: v for k, v in _scores(3, 3, 3).items() if k != "education"}, "scores"),
        (_scores(6, 3, 3), "scores.skill:product_knowledge"),
        (_scores(3, 0, 3), "scores.skill:coaching"),
    ],
)
def test_every_item_must_be_scored_once_from_1_to_5(scores: dict[str, int], field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_scores(ITEMS, scores)

    assert refused.value.field == field
