"""What reviewers and agents write around quality reviews, built from the answers given."""

from __future__ import annotations

import numpy as np

from floorlead.demo.qa_answers import CriterionSpec, is_failed, is_strong

STRENGTH_OPENERS = (
    "Strong on {labels}.",
    "Really good {labels} here.",
    "Well done on {labels}.",
    "{labels}: exactly what we want to see.",
)
IMPROVEMENT_OPENERS = (
    "Work on {labels}.",
    "Next time, watch {labels}.",
    "Let's look at {labels} together.",
    "Missed: {labels}.",
)
SOLID = (
    "A solid, complete interaction.",
    "Nothing to add: a clean contact from start to finish.",
    "Good throughout.",
)
NOTHING_MAJOR = ("Nothing major: keep it up.", "Small things only, see the scores.", "")
DISPUTE_REASONS = (
    "The customer had already passed security earlier in the same conversation, "
    "so identity was verified.",
    "I set next steps in my second reply, which the review seems to have missed.",
    "The answer was correct for the policy in force at the time; it changed the week after.",
)
RESOLUTIONS = {
    "amended": "Checked the full timeline: the agent is right, the score is corrected.",
    "upheld": "Listened again with the supervisor: the score stands, see the comments.",
}
CALIBRATION_NAMES = (
    "Calibration: refunds and credits",
    "Calibration: written replies",
    "Calibration: mixed channels",
)


def _labels(criteria: list[CriterionSpec]) -> str:
    names = [c.label.lower() for c in criteria]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def review_comments(
    criteria: list[CriterionSpec], answers: dict[str, str], rng: np.random.Generator
) -> tuple[str, str]:
    """(strengths, improvements) for the answers given."""
    strong = [c for c in criteria if is_strong(c, answers[c.key])]
    weak = [c for c in criteria if is_failed(c, answers[c.key])]
    if strong:
        strengths = STRENGTH_OPENERS[int(rng.integers(len(STRENGTH_OPENERS)))]
        strengths = strengths.format(labels=_labels(strong[:2]))
    else:
        strengths = SOLID[int(rng.integers(len(SOLID)))] if not weak else ""
    if weak:
        improvements = IMPROVEMENT_OPENERS[int(rng.integers(len(IMPROVEMENT_OPENERS)))]
        improvements = improvements.format(labels=_labels(weak[:3]))
    else:
        improvements = NOTHING_MAJOR[int(rng.integers(len(NOTHING_MAJOR)))]
    return strengths[:1].upper() + strengths[1:], improvements
