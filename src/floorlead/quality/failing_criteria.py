"""Criteria an agent fails again and again: the rule behind quality-driven training gaps.

An agent's answers on one criterion are taken together across scorecards and versions (by the
criterion's stable key) and judged on their most recent reviews:

- only reviews from the last ``lookback_days`` (90) count, up to ``now``;
- an N/A answer does not count: the criterion did not apply to that interaction;
- an answer **fails** when it earns less than half the criterion's points ("no", or 1-2 on the
  1-5 scale; :data:`~floorlead.quality.model.FAILED_BELOW`). An auto-fail criterion answered
  "no" is a failure of that criterion only: the other criteria of an auto-failed review are
  judged on their own answers, not on the review's score of 0;
- of the last ``recent_reviews`` (5) reviews where the criterion applied, the criterion is
  **failed repeatedly** when it failed in at least ``min_failures`` (2) of them — but only
  once it applied in at least ``min_reviews`` (3): two reviews are too few to call a pattern.

So "failed 2 of last 5 reviews" and "failed 2 of last 3 reviews" count; "failed 2 of last 2"
does not (yet), nor does "failed 1 of last 5".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from floorlead.errors import RuleViolation
from floorlead.quality.model import FAILED_BELOW


@dataclass(frozen=True)
class RepeatRule:
    """The thresholds of "failed repeatedly" (see the module's docstring)."""

    recent_reviews: int = 5
    min_failures: int = 2
    min_reviews: int = 3
    lookback_days: int = 90

    def __post_init__(self) -> None:
        if self.recent_reviews < 1:
            raise RuleViolation("look at one review or more", field="recent_reviews")
        if not 1 <= self.min_failures <= self.recent_reviews:
            raise RuleViolation(
                "min_failures must be between 1 and recent_reviews", field="min_failures"
            )
        if not 1 <= self.min_reviews <= self.recent_reviews:
            raise RuleViolation(
                "min_reviews must be between 1 and recent_reviews", field="min_reviews"
            )
        if self.lookback_days < 1:
            raise RuleViolation("look back one day or more", field="lookback_days")


DEFAULT_RULE = RepeatRule()


@dataclass(frozen=True)
class CriterionAnswer:
    """One answer of one review, as the rule needs it."""

    key: str
    label: str
    review_id: int
    reviewed_at: datetime
    points: float | None  # the share of the criterion's points earned; None: N/A

    @property
    def applied(self) -> bool:
        return self.points is not None

    @property
    def failed(self) -> bool:
        return self.points is not None and self.points < FAILED_BELOW


@dataclass(frozen=True)
class RepeatedFailure:
    key: str
    label: str  # the criterion's label on the most recent review
    failures: int
    reviews: int  # the recent reviews looked at, where the criterion applied
    last_failed_at: datetime | None = field(default=None, compare=False)  # the latest failure

    def describe(self) -> str:
        return f"{self.label} failed {self.failures} of last {self.reviews} reviews"


def repeated_failures(
    answers: Iterable[CriterionAnswer], *, now: datetime, rule: RepeatRule = DEFAULT_RULE
) -> list[RepeatedFailure]:
    """One agent's criteria failed repeatedly: most failures first, then the higher failure
    rate (fewer reviews), then by label."""
    since = now - timedelta(days=rule.lookback_days)
    by_key: dict[str, list[CriterionAnswer]] = defaultdict(list)
    for answer in answers:
        if answer.applied and since <= answer.reviewed_at <= now:
            by_key[answer.key].append(answer)
    found = []
    for key, applied in by_key.items():
        applied.sort(key=lambda a: (a.reviewed_at, a.review_id), reverse=True)
        recent = applied[: rule.recent_reviews]
        failures = sum(a.failed for a in recent)
        if len(recent) >= rule.min_reviews and failures >= rule.min_failures:
            last = next(a.reviewed_at for a in recent if a.failed)
            found.append(RepeatedFailure(key, recent[0].label, failures, len(recent), last))
    found.sort(key=lambda f: (-f.failures, f.reviews, f.label))
    return found
