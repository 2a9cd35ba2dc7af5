"""The repeated-failure rule: which criteria an agent fails again and again."""

from datetime import UTC, datetime, timedelta

import pytest

from floorlead.errors import RuleViolation
from floorlead.quality.failing_criteria import (
    CriterionAnswer,
    RepeatedFailure,
    RepeatRule,
    repeated_failures,
)
from floorlead.quality.model import AnswerType, Criterion, Scorecard, Section
from floorlead.quality.scorecard import score_review

NOW = datetime(2026, 3, 9, 18, 0, tzinfo=UTC)
POINTS = {"yes": 1.0, "no": 0.0, "na": None, "1": 0.0, "2": 0.25, "3": 0.5, "4": 0.75, "5": 1.0}


def _answers(
    key: str, values: str, *, label: str = "", days_apart: int = 1
) -> list[CriterionAnswer]:
    """One answer per review, newest first: "no yes na 2 …" → reviews 1, 2, 3 … days ago."""
    return [
        CriterionAnswer(
            key,
            label or key.replace("_", " ").capitalize(),
            review_id=100 - n,
            reviewed_at=NOW - timedelta(days=(n + 1) * days_apart),
            points=POINTS[value],
        )
        for n, value in enumerate(values.split())
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # 2 of the last 5: repeated.
        ("no yes no yes yes", RepeatedFailure("greeting", "Greeting", 2, 5)),
        # 3 of the last 5; the sixth review is beyond the last five.
        ("no no yes no yes no", RepeatedFailure("greeting", "Greeting", 3, 5)),
        # 1 of the last 5: not repeated, whatever came before.
        ("yes yes yes yes no no no", None),
        # N/A answers do not count: the last 5 where it applied are no yes no yes yes.
        ("na no na yes no na yes yes no", RepeatedFailure("greeting", "Greeting", 2, 5)),
        # 2 of 3 reviews reaches the minimum of three reviews …
        ("no yes no", RepeatedFailure("greeting", "Greeting", 2, 3)),
        # … 2 of 2 does not, nor do N/A answers make up the number.
        ("no no", None),
        ("no na no na", None),
    ],
)
def test_a_criterion_failed_in_two_of_the_last_five_reviews_where_it_applied_is_repeated(
    values: str, expected: RepeatedFailure | None
) -> None:
    found = repeated_failures(_answers("greeting", values), now=NOW)

    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("values", "failures"),
    [("2 1 3 4 5", 2), ("3 3 3 2 4", 1), ("3 4 5 3 3", 0)],
)
def test_on_the_scale_one_and_two_fail_and_three_passes(values: str, failures: int) -> None:
    found = repeated_failures(_answers("empathy", values), now=NOW, rule=RepeatRule(min_failures=1))

    assert [f.failures for f in found] == ([failures] if failures else [])


def test_reviews_older_than_the_lookback_do_not_count() -> None:
    # Reviews 30, 60, 90 and 120 days ago: 90 days ago still counts, 120 days ago does not.
    answers = _answers("next_steps", "no yes no no", days_apart=30)

    found = repeated_failures(answers, now=NOW)
    shorter = repeated_failures(answers, now=NOW, rule=RepeatRule(lookback_days=60))

    assert found == [RepeatedFailure("next_steps", "Next steps", 2, 3)]
    assert shorter == []  # two reviews left, fewer than the minimum of three


def test_an_auto_failed_review_fails_only_the_criterion_answered_no() -> None:
    criteria = (
        Criterion("verified_identity", "Verified identity", AnswerType.YES_NO, auto_fail=True),
        Criterion("empathy", "Tone and empathy", AnswerType.SCALE),
    )
    card = Scorecard("Standard", (Section("All", 1, criteria),))
    reviews = [
        score_review(card, {"verified_identity": "no", "empathy": "5"}),
        score_review(card, {"verified_identity": "no", "empathy": "4"}),
        score_review(card, {"verified_identity": "yes", "empathy": "4"}),
    ]
    answers = [
        CriterionAnswer(c.key, c.label, n, NOW - timedelta(days=n + 1), result.points[c.key])
        for n, result in enumerate(reviews)
        for c in criteria
    ]

    found = repeated_failures(answers, now=NOW)

    assert [r.score for r in reviews] == [0.0, 0.0, 87.5]
    assert found == [RepeatedFailure("verified_identity", "Verified identity", 2, 3)]
    assert found[0].last_failed_at == NOW - timedelta(days=1)


def test_most_failures_come_first_then_the_higher_rate_and_the_newest_label_is_shown() -> None:
    answers = [
        *_answers("greeting", "no yes no yes yes"),
        *_answers("clarity", "no no yes"),
        *_answers("empathy", "no no no yes yes"),
    ]
    answers[0] = CriterionAnswer("greeting", "Personal greeting", 100, NOW, 0.0)

    found = repeated_failures(answers, now=NOW)

    assert [f.describe() for f in found] == [
        "Empathy failed 3 of last 5 reviews",
        "Clarity failed 2 of last 3 reviews",
        "Personal greeting failed 2 of last 5 reviews",
    ]


@pytest.mark.parametrize(
    ("thresholds", "field"),
    [
        ({"recent_reviews": 0}, "recent_reviews"),
        ({"min_failures": 6}, "min_failures"),
        ({"min_failures": 0}, "min_failures"),
        ({"min_reviews": 6}, "min_reviews"),
        ({"lookback_days": 0}, "lookback_days"),
    ],
)
def test_thresholds_that_cannot_hold_are_refused_naming_the_field(
    thresholds: dict[str, int], field: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        RepeatRule(**thresholds)

    assert refused.value.field == field
