import pytest

from floorlead.errors import RuleViolation
from floorlead.training.quiz import Question, check_question, score_quiz

QUIZ = [
    Question(1, "Which status pauses the clocks?", ("Open", "Pending", "Solved"), 1),
    Question(2, "How many identity facts?", ("One", "Two", "Three"), 1),
    Question(3, "Escalate when?", ("Before a breach", "After a breach"), 0),
    Question(4, "Answer first or last?", ("First", "Last"), 0),
]


@pytest.mark.parametrize(
    ("answers", "pass_mark", "score", "passed", "wrong"),
    [
        ({1: 1, 2: 1, 3: 0, 4: 0}, 100, 100.0, True, ()),
        ({1: 1, 2: 1, 3: 0, 4: 1}, 75, 75.0, True, (4,)),  # 3 of 4 reaches exactly 75
        ({1: 1, 2: 1, 3: 0, 4: 1}, 80, 75.0, False, (4,)),
        ({1: 1}, 25, 25.0, True, (2, 3, 4)),  # unanswered questions count as wrong
        ({}, 50, 0.0, False, (1, 2, 3, 4)),
    ],
)
def test_a_quiz_is_scored_as_the_share_of_correct_answers(
    answers: dict[int, int], pass_mark: float, score: float, passed: bool, wrong: tuple[int, ...]
) -> None:
    result = score_quiz(QUIZ, answers, pass_mark=pass_mark)

    assert (result.score, result.passed, result.wrong) == (score, passed, wrong)
    assert result.correct == 4 - len(wrong)


def test_two_of_three_rounds_to_one_decimal_and_misses_a_pass_mark_of_67() -> None:
    three = QUIZ[:3]

    result = score_quiz(three, {1: 1, 2: 1, 3: 1}, pass_mark=67)

    assert result.score == 66.7
    assert result.passed is False


def test_an_answer_to_a_question_not_in_the_quiz_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        score_quiz(QUIZ, {9: 0}, pass_mark=50)

    assert refused.value.field == "answers"


def test_a_choice_out_of_range_names_the_question() -> None:
    with pytest.raises(RuleViolation) as refused:
        score_quiz(QUIZ, {3: 2}, pass_mark=50)

    assert refused.value.field == "answers.3"


def test_a_question_is_tidied_and_checked() -> None:
    assert check_question("  Which   one? ", ["A ", " B"], 1) == ("Which one?", ("A", "B"), 1)


@pytest.mark.parametrize(
    ("choices", "correct", "field"),
    [
        (["Only one"], 0, "questions.choices"),
        (["Same", "Same"], 0, "questions.choices"),
        (["A", ""], 0, "questions.choices"),
        (["A", "B"], 2, "questions.correct"),
    ],
)
def test_badly_written_questions_are_refused(choices: list[str], correct: int, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_question("Pick one", choices, correct)

    assert refused.value.field == field
