"""Quizzes: checking a question as written, and scoring answers on the server.

A question has two or more distinct choices and exactly one correct choice (its index). The
score is the share of questions answered correctly, in percent; an unanswered question counts
as wrong. A quiz is passed when the score reaches the module's pass mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from floorlead.errors import RuleViolation

MIN_CHOICES = 2
MAX_CHOICES = 8


@dataclass(frozen=True)
class Question:
    id: int
    prompt: str
    choices: tuple[str, ...]
    correct: int


@dataclass(frozen=True)
class QuizResult:
    correct: int
    total: int
    score: float  # percent, 0-100, rounded to one decimal
    pass_mark: float
    passed: bool
    wrong: tuple[int, ...]  # ids of the questions answered wrongly or left out


def check_pass_mark(pass_mark: float, *, field: str = "pass_mark") -> float:
    if not 0 < pass_mark <= 100:
        raise RuleViolation("the pass mark is a percentage above 0, at most 100", field=field)
    return float(pass_mark)


def check_question(
    prompt: str, choices: Sequence[str], correct: int, *, field: str = "questions"
) -> tuple[str, tuple[str, ...], int]:
    """The question tidied (whitespace), or a :class:`RuleViolation` naming ``field``."""
    text = " ".join(prompt.split())
    options = tuple(" ".join(choice.split()) for choice in choices)
    if not text:
        raise RuleViolation(f"{field}: the question has no text", field=field)
    if not MIN_CHOICES <= len(options) <= MAX_CHOICES:
        raise RuleViolation(
            f"{field}: give {MIN_CHOICES} to {MAX_CHOICES} choices", field=f"{field}.choices"
        )
    if any(not option for option in options) or len(set(options)) != len(options):
        raise RuleViolation(
            f"{field}: choices must be non-empty and different", field=f"{field}.choices"
        )
    if not 0 <= correct < len(options):
        raise RuleViolation(
            f"{field}: the correct choice must be between 0 and {len(options) - 1}",
            field=f"{field}.correct",
        )
    return text, options, correct


def score_quiz(
    questions: Sequence[Question], answers: Mapping[int, int], *, pass_mark: float
) -> QuizResult:
    """Score ``answers`` (question id → chosen index) against ``questions``."""
    if not questions:
        raise RuleViolation("the quiz has no questions", field="answers")
    by_id = {question.id: question for question in questions}
    for question_id, choice in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise RuleViolation(f"question {question_id} is not in this quiz", field="answers")
        if not 0 <= choice < len(question.choices):
            raise RuleViolation(
                f"question {question_id} has no choice {choice}", field=f"answers.{question_id}"
            )
    wrong = tuple(q.id for q in questions if answers.get(q.id) != q.correct)
    correct = len(questions) - len(wrong)
    total = len(questions)
    return QuizResult(
        correct=correct,
        total=total,
        score=round(100 * correct / total, 1),
        pass_mark=pass_mark,
        passed=correct * 100 >= pass_mark * total,
        wrong=wrong,
    )
