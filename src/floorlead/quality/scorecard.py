"""Scoring a review against a scorecard: weights, N/A answers and auto-fail criteria.

Each criterion earns a share of its points: yes = 1, no = 0, a 1–5 scale answer
(value − 1) / 4, N/A nothing and it leaves the denominator. A section scores the weighted
mean of its answered criteria; the review scores the weighted mean of its sections (a section
whose criteria were all N/A leaves that denominator too). Any auto-fail criterion answered
"no" makes the review score 0, whatever the rest earned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from floorlead.errors import RuleViolation
from floorlead.quality.model import (
    NO,
    NOT_APPLICABLE,
    SCALE_VALUES,
    YES,
    AnswerType,
    Criterion,
    ReviewScore,
    Scorecard,
    Section,
    SectionScore,
)

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


class InvalidScorecard(RuleViolation):
    pass


class InvalidAnswer(RuleViolation):
    pass


def validate_scorecard(scorecard: Scorecard) -> None:
    """Refuse a scorecard that cannot score: names the first offending field."""
    if not scorecard.name.strip():
        raise InvalidScorecard("a scorecard needs a name", field="name")
    if not scorecard.sections:
        raise InvalidScorecard("a scorecard needs at least one section", field="sections")
    seen_sections: set[str] = set()
    seen_keys: set[str] = set()
    for i, section in enumerate(scorecard.sections):
        where = f"sections[{i}]"
        _check_section(section, where, seen_sections)
        for j, criterion in enumerate(section.criteria):
            _check_criterion(criterion, f"{where}.criteria[{j}]", seen_keys)


def _check_section(section: Section, where: str, seen: set[str]) -> None:
    name = section.name.strip()
    if not name:
        raise InvalidScorecard("a section needs a name", field=f"{where}.name")
    if name.lower() in seen:
        raise InvalidScorecard(f"two sections are named {name!r}", field=f"{where}.name")
    seen.add(name.lower())
    if not section.weight > 0:
        raise InvalidScorecard("a section weight must be above 0", field=f"{where}.weight")
    if not section.criteria:
        raise InvalidScorecard("a section needs at least one criterion", field=f"{where}.criteria")


def _check_criterion(criterion: Criterion, where: str, seen: set[str]) -> None:
    if not KEY_PATTERN.match(criterion.key):
        raise InvalidScorecard(
            "a criterion key is lower-case letters, digits and _ (starting with a letter)",
            field=f"{where}.key",
        )
    if criterion.key in seen:
        raise InvalidScorecard(f"two criteria have the key {criterion.key!r}", field=f"{where}.key")
    seen.add(criterion.key)
    if not criterion.label.strip():
        raise InvalidScorecard("a criterion needs a label", field=f"{where}.label")
    if not criterion.weight > 0:
        raise InvalidScorecard("a criterion weight must be above 0", field=f"{where}.weight")
    if criterion.auto_fail and criterion.answer_type is not AnswerType.YES_NO:
        raise InvalidScorecard(
            "only a yes/no criterion can be auto-fail", field=f"{where}.auto_fail"
        )


def allowed_answers(criterion: Criterion) -> tuple[str, ...]:
    values = (YES, NO) if criterion.answer_type is AnswerType.YES_NO else SCALE_VALUES
    return (*values, NOT_APPLICABLE) if criterion.allow_na else values


def answer_points(criterion: Criterion, answer: str) -> float | None:
    """The share of the criterion's points an answer earns (None for N/A)."""
    value = str(answer).strip().lower()
    if value not in allowed_answers(criterion):
        raise InvalidAnswer(
            f"{criterion.key}: answer must be one of {', '.join(allowed_answers(criterion))}",
            field=f"answers.{criterion.key}",
        )
    if value == NOT_APPLICABLE:
        return None
    if criterion.answer_type is AnswerType.YES_NO:
        return 1.0 if value == YES else 0.0
    return (int(value) - 1) / 4


def score_review(
    scorecard: Scorecard, answers: Mapping[str, str], *, partial: bool = False
) -> ReviewScore:
    """Score every criterion's answer; all criteria must be answered (N/A where allowed).

    ``partial=True`` scores a review still being filled in: unanswered criteria count as N/A.
    """
    known = {c.key for c in scorecard.criteria}
    for key in answers:
        if key not in known:
            raise InvalidAnswer(f"the scorecard has no criterion {key!r}", field=f"answers.{key}")
    points: dict[str, float | None] = {}
    auto_failed = False
    for criterion in scorecard.criteria:
        if criterion.key not in answers:
            if not partial:
                raise InvalidAnswer(
                    f"{criterion.key}: not answered", field=f"answers.{criterion.key}"
                )
            points[criterion.key] = None
            continue
        points[criterion.key] = answer_points(criterion, answers[criterion.key])
        auto_failed |= criterion.auto_fail and points[criterion.key] == 0.0
    sections = tuple(_section_score(s, points) for s in scorecard.sections)
    return ReviewScore(
        score=0.0 if auto_failed else _overall(scorecard.sections, sections),
        auto_failed=auto_failed,
        sections=sections,
        points=points,
    )


def _section_score(section: Section, points: Mapping[str, float | None]) -> SectionScore:
    answered = [(c.weight, points[c.key]) for c in section.criteria if points[c.key] is not None]
    possible = sum(weight for weight, _ in answered)
    earned = sum(weight * share for weight, share in answered if share is not None)
    score = 100 * earned / possible if possible else None
    return SectionScore(section.name, score, earned, possible)


def _overall(sections: tuple[Section, ...], scores: tuple[SectionScore, ...]) -> float:
    weighted = [(s.weight, r.score) for s, r in zip(sections, scores, strict=True)]
    total_weight = sum(weight for weight, score in weighted if score is not None)
    if not total_weight:
        raise InvalidAnswer("every criterion is N/A: there is nothing to score", field="answers")
    return sum(weight * score for weight, score in weighted if score is not None) / total_weight
