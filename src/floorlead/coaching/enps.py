"""Employee net promoter score of a pulse survey, shown only when enough people answered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_RESPONSES = 3  # fewer answers are not shown: each could be traced to a person


@dataclass(frozen=True)
class Enps:
    """Counts and the score: % promoters (9-10) minus % detractors (0-6), from -100 to 100."""

    responses: int
    promoters: int
    passives: int
    detractors: int

    @property
    def score(self) -> float:
        return 100.0 * (self.promoters - self.detractors) / self.responses

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_RESPONSES


def enps(scores: Sequence[int]) -> Enps | None:
    """The eNPS of 0-10 answers; None when there are none."""
    for score in scores:
        if not 0 <= score <= 10:
            raise ValueError(f"a pulse answer must be 0-10, got {score}")
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return Enps(len(scores), promoters, len(scores) - promoters - detractors, detractors)
