"""How a reviewer answers a scorecard for an interaction of a given quality.

An interaction has a latent quality between 0 and 1 that grows with the agent's skill in the
team's area (level 1 about 0.55, level 5 about 0.9), with a steady personal offset per agent
and noise per interaction. Reviewers differ a little in leniency. Scale criteria (1-5) follow
the quality with noise, yes/no criteria are met more often the better the interaction, and
the compliance criteria that fail a review outright are missed only now and then, more often
by less skilled agents. An agent may have a *habit*: one criterion they miss in most reviews
whatever the interaction's quality (the reviews keep catching it, so training recommends the
programme that teaches it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

BASE_QUALITY = 0.46
QUALITY_PER_LEVEL = 0.09
NEW_STARTER_PENALTY = 0.05
INTERACTION_NOISE = 0.08
SCALE_NOISE = 0.14
AUTO_FAIL_BASE = 0.045
NOT_APPLICABLE_CHANCE = 0.12
HABIT_MISS = 0.6  # how often a habit criterion fails


@dataclass(frozen=True)
class CriterionSpec:
    key: str
    label: str
    scale: bool  # 1-5 rather than yes/no
    auto_fail: bool
    allow_na: bool


@dataclass(frozen=True)
class DoneReview:
    """A review recorded by the demo, with the interaction's latent quality."""

    review_id: int
    agent_id: int
    reviewer_id: int
    ticket_id: int
    team_id: int
    quality: float
    score: float
    auto_failed: bool
    at: datetime
    answers: dict[str, str] = field(compare=False)


def agent_quality(level: int, *, new_starter: bool, offset: float) -> float:
    """The agent's typical interaction quality (0-1) for their skill level."""
    penalty = NEW_STARTER_PENALTY if new_starter else 0.0
    return BASE_QUALITY + QUALITY_PER_LEVEL * level - penalty + offset


def interaction_quality(typical: float, rng: np.random.Generator) -> float:
    return float(np.clip(typical + rng.normal(0.0, INTERACTION_NOISE), 0.05, 0.99))


def answer(
    criteria: list[CriterionSpec],
    quality: float,
    rng: np.random.Generator,
    *,
    leniency: float = 0.0,
    habit: str | None = None,
) -> dict[str, str]:
    """A reviewer's answers for an interaction of ``quality`` (leniency shifts it); the
    ``habit`` criterion fails in :data:`HABIT_MISS` of them."""
    seen = float(np.clip(quality + leniency, 0.0, 1.0))
    rolls = rng.random((len(criteria), 2))
    noise = rng.normal(0.0, SCALE_NOISE, len(criteria))
    answers = {}
    for n, criterion in enumerate(criteria):
        if criterion.allow_na and rolls[n, 1] < NOT_APPLICABLE_CHANCE:
            answers[criterion.key] = "na"
        elif criterion.key == habit and rolls[n, 0] < HABIT_MISS:
            answers[criterion.key] = "2" if criterion.scale else "no"
        elif criterion.scale:
            answers[criterion.key] = str(int(np.clip(round(1 + 4 * (seen + noise[n])), 1, 5)))
        elif criterion.auto_fail:
            missed = AUTO_FAIL_BASE * (1.0 - seen)
            answers[criterion.key] = "no" if rolls[n, 0] < missed else "yes"
        else:
            met = min(0.3 + 0.7 * seen, 0.98)
            answers[criterion.key] = "yes" if rolls[n, 0] < met else "no"
    return answers


def is_failed(criterion: CriterionSpec, value: str) -> bool:
    if value == "na":
        return False
    return value in {"1", "2"} if criterion.scale else value == "no"


def is_strong(criterion: CriterionSpec, value: str) -> bool:
    return value == "5" if criterion.scale else False


def amended(criteria: list[CriterionSpec], answers: dict[str, str]) -> dict[str, str]:
    """The answers a second reviewer corrects after a dispute: the harshest call softened."""
    corrected = dict(answers)
    for criterion in criteria:
        value = corrected[criterion.key]
        if criterion.auto_fail and value == "no":
            corrected[criterion.key] = "yes"
            return corrected
    scales = [c for c in criteria if c.scale and corrected[c.key] != "na"]
    if scales:
        lowest = min(scales, key=lambda c: int(corrected[c.key]))
        corrected[lowest.key] = str(min(int(corrected[lowest.key]) + 1, 5))
    return corrected
