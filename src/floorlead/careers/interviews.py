"""Structured interviews: the scorecard items a role calls for, and the combined result.

Items come from the role: one per required skill (weighted by the level required), then one
each for education, experience and every required certification (weight 1). Each interviewer
scores every item 1-5 and recommends hire, no hire or maybe. The aggregate score is the
weighted mean of the items' mean scores; the consensus is the recommendation a strict majority
of interviewers gave, otherwise ``split``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from floorlead.careers.model import Recommendation, RoleSpec
from floorlead.errors import RuleViolation

MIN_SCORE, MAX_SCORE = 1, 5
SPLIT = "split"


@dataclass(frozen=True)
class InterviewItem:
    key: str
    label: str
    weight: int


@dataclass(frozen=True)
class Interview:
    scores: Mapping[str, int]
    recommendation: Recommendation


@dataclass(frozen=True)
class InterviewSummary:
    interviews: int
    item_means: dict[str, float]
    score: float | None  # weighted mean, 1-5, two decimals; None before any interview
    recommendations: dict[str, int]
    consensus: str | None  # hire, no_hire, maybe, split; None before any interview


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def interview_items(role: RoleSpec) -> tuple[InterviewItem, ...]:
    items = [
        InterviewItem(f"skill:{_key(s.skill)}", f"{s.skill} (level {s.level} needed)", s.level)
        for s in role.skills
    ]
    if role.education:
        items.append(InterviewItem("education", f"Education: {role.education}", 1))
    if role.experience_years > 0:
        items.append(InterviewItem("experience", f"Experience: {role.experience_years:g} years", 1))
    items += [
        InterviewItem(f"certification:{_key(name)}", f"Certification: {name}", 1)
        for name in role.certifications
    ]
    return tuple(items)


def check_scores(items: Sequence[InterviewItem], scores: Mapping[str, int]) -> dict[str, int]:
    """Every item scored once, 1-5, and nothing else; or a :class:`RuleViolation`."""
    keys = {item.key for item in items}
    unknown = sorted(set(scores) - keys)
    if unknown:
        raise RuleViolation(f"{unknown[0]} is not an item of this interview", field="scores")
    missing = [item.key for item in items if item.key not in scores]
    if missing:
        raise RuleViolation(f"score every item; {missing[0]} has no score", field="scores")
    for key, score in scores.items():
        if not MIN_SCORE <= score <= MAX_SCORE:
            raise RuleViolation(
                f"{key}: scores run from {MIN_SCORE} to {MAX_SCORE}", field=f"scores.{key}"
            )
    return dict(scores)


def _consensus(tally: Counter[str], interviews: int) -> str | None:
    if not interviews:
        return None
    choice, count = tally.most_common(1)[0]
    return choice if 2 * count > interviews else SPLIT


def summarise_interviews(
    items: Sequence[InterviewItem], interviews: Sequence[Interview]
) -> InterviewSummary:
    means = {
        item.key: sum(i.scores[item.key] for i in interviews) / len(interviews)
        for item in items
        if interviews and all(item.key in i.scores for i in interviews)
    }
    weights = {item.key: item.weight for item in items if item.key in means}
    total_weight = sum(weights.values())
    score = (
        round(sum(means[k] * w for k, w in weights.items()) / total_weight, 2)
        if total_weight
        else None
    )
    tally = Counter(i.recommendation.value for i in interviews)
    return InterviewSummary(
        interviews=len(interviews),
        item_means={key: round(mean, 2) for key, mean in means.items()},
        score=score,
        recommendations={r.value: tally.get(r.value, 0) for r in Recommendation},
        consensus=_consensus(tally, len(interviews)),
    )
