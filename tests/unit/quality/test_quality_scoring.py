"""score_review on hand-worked examples (the first one is the worked example of
docs/quality/guide.md)."""

import pytest

from floorlead.errors import RuleViolation
from floorlead.quality.model import AnswerType, Criterion, Scorecard, Section
from floorlead.quality.scorecard import answer_points, score_review, validate_scorecard

YES_NO, SCALE = AnswerType.YES_NO, AnswerType.SCALE

STANDARD = Scorecard(
    "Customer service standard",
    (
        Section(
            "Compliance",
            30,
            (
                Criterion("verified_identity", "Verified identity", YES_NO, 1, True, True),
                Criterion("data_protection", "Data protection", YES_NO, 1, True, False),
            ),
        ),
        Section(
            "Resolution",
            40,
            (
                Criterion("understood_issue", "Understood the issue", SCALE, 2),
                Criterion("correct_answer", "Correct answer", SCALE, 3),
                Criterion("next_steps", "Next steps", YES_NO, 1, allow_na=True),
            ),
        ),
        Section(
            "Communication",
            30,
            (
                Criterion("empathy", "Empathy", SCALE),
                Criterion("clarity", "Clarity", SCALE),
                Criterion("greeting", "Greeting", YES_NO),
            ),
        ),
    ),
)

WORKED = {
    "verified_identity": "na",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "empathy": "5",
    "clarity": "4",
    "greeting": "yes",
}


def test_the_worked_example_scores_77_5_percent() -> None:
    result = score_review(STANDARD, WORKED)

    # Compliance: identity N/A leaves the denominator, data protection yes: 1/1 = 100 %.
    # Resolution: (2 × 0.75 + 3 × 0.5 + 1 × 0) / (2 + 3 + 1) = 3 / 6 = 50 %.
    # Communication: (1 + 0.75 + 1) / 3 = 91.67 %.
    # Overall: (30 × 100 + 40 × 50 + 30 × 91.67) / 100 = 77.5 %.
    assert [s.score for s in result.sections] == pytest.approx([100.0, 50.0, 275 / 3])
    assert result.score == pytest.approx(77.5)
    assert result.auto_failed is False
    assert result.points["verified_identity"] is None
    assert result.failed_criteria == ("next_steps",)


def test_an_auto_fail_criterion_answered_no_zeroes_the_whole_review() -> None:
    result = score_review(STANDARD, {**WORKED, "data_protection": "no"})

    assert result.score == 0.0
    assert result.auto_failed is True
    # The sections still show where points were lost.
    assert [s.score for s in result.sections] == pytest.approx([0.0, 50.0, 275 / 3])


def test_an_auto_fail_criterion_answered_na_does_not_fail() -> None:
    result = score_review(STANDARD, {**WORKED, "verified_identity": "na"})

    assert result.auto_failed is False


SPLIT = Scorecard(
    "Split",
    (
        Section("A", 1, (Criterion("a1", "A1", YES_NO, allow_na=True),)),
        Section("B", 3, (Criterion("b1", "B1", SCALE, 1), Criterion("b2", "B2", SCALE, 3))),
    ),
)


@pytest.mark.parametrize(
    ("a1", "section_a", "expected"),
    [
        # B = (1 × 1 + 3 × 0.25) / 4 = 43.75 %; A all N/A leaves the overall denominator.
        ("na", None, 43.75),
        # A = 100 %: (1 × 100 + 3 × 43.75) / 4 = 57.8125 %.
        ("yes", 100.0, 57.8125),
        # A = 0 %: 3 × 43.75 / 4 = 32.8125 %.
        ("no", 0.0, 32.8125),
    ],
)
def test_a_section_all_na_leaves_the_overall_denominator(
    a1: str, section_a: float | None, expected: float
) -> None:
    result = score_review(SPLIT, {"a1": a1, "b1": "5", "b2": "2"})

    assert result.score == pytest.approx(expected)
    assert [s.score for s in result.sections] == [section_a, 43.75]


@pytest.mark.parametrize(
    ("answer", "points"),
    [("1", 0.0), ("2", 0.25), ("3", 0.5), ("4", 0.75), ("5", 1.0), (" 5 ", 1.0)],
)
def test_a_scale_answer_earns_value_minus_one_quarters(answer: str, points: float) -> None:
    assert answer_points(Criterion("k", "K", SCALE), answer) == points


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({**WORKED, "greeting": "maybe"}, "answers.greeting", "one of yes, no"),
        ({**WORKED, "empathy": "6"}, "answers.empathy", "one of 1, 2, 3, 4, 5"),
        ({**WORKED, "greeting": "na"}, "answers.greeting", "one of yes, no$"),
        ({k: v for k, v in WORKED.items() if k != "clarity"}, "answers.clarity", "not answered"),
        ({**WORKED, "smile": "yes"}, "answers.smile", "no criterion 'smile'"),
    ],
)
def test_bad_answers_are_refused_naming_the_criterion(answers, field, message) -> None:
    with pytest.raises(RuleViolation, match=message) as refused:
        score_review(STANDARD, answers)

    assert refused.value.field == field


def test_a_review_with_everything_na_has_nothing_to_score() -> None:
    optional = Scorecard(
        "Optional", (Section("A", 1, (Criterion("a1", "A1", SCALE, allow_na=True),)),)
    )

    with pytest.raises(RuleViolation, match="nothing to score") as refused:
        score_review(optional, {"a1": "na"})

    assert refused.value.field == "answers"


@pytest.mark.parametrize(
    ("scorecard", "field"),
    [
        (Scorecard("", STANDARD.sections), "name"),
        (Scorecard("X", ()), "sections"),
        (Scorecard("X", (Section("A", 0, SPLIT.sections[0].criteria),)), "sections[0].weight"),
        (Scorecard("X", (Section("A", 1, ()),)), "sections[0].criteria"),
        (
            Scorecard("X", (SPLIT.sections[0], Section("a", 1, SPLIT.sections[1].criteria))),
            "sections[1].name",
        ),
        (
            Scorecard("X", (Section("A", 1, (Criterion("k", "K", SCALE, auto_fail=True),)),)),
            "sections[0].criteria[0].auto_fail",
        ),
        (
            Scorecard("X", (Section("A", 1, (Criterion("Bad Key", "K", SCALE),)),)),
            "sections[0].criteria[0].key",
        ),
        (
            Scorecard("X", (SPLIT.sections[0], Section("B", 1, (Criterion("a1", "K", SCALE),)))),
            "sections[1].criteria[0].key",
        ),
        (
            Scorecard("X", (Section("A", 1, (Criterion("k", "K", SCALE, weight=-1),)),)),
            "sections[0].criteria[0].weight",
        ),
    ],
)
def test_an_invalid_scorecard_is_refused_naming_the_field(scorecard, field) -> None:
    with pytest.raises(RuleViolation) as refused:
        validate_scorecard(scorecard)

    assert refused.value.field == field


def test_the_standard_scorecard_is_valid() -> None:
    validate_scorecard(STANDARD)


def test_a_partial_review_scores_only_what_is_answered_so_far() -> None:
    so_far = {"data_protection": "yes", "correct_answer": "3", "greeting": "no"}

    result = score_review(STANDARD, so_far, partial=True)

    # Compliance 100 %, Resolution 50 % (correct answer only), Communication 0 %:
    # (30 × 100 + 40 × 50 + 30 × 0) / 100 = 50 %.
    assert result.score == pytest.approx(50.0)
    assert result.points["empathy"] is None
