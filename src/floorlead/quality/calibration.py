"""Agreement between reviewers: Krippendorff's alpha, score spread and outlying reviewers.

Krippendorff's alpha is computed from the coincidence matrix (Krippendorff, "Computing
Krippendorff's Alpha-Reliability", 2011): every unit (here an interaction, or one criterion of
an interaction) with ``m ≥ 2`` values contributes each ordered pair of its values with weight
``1 / (m − 1)``; units with fewer than two values are unpairable and ignored, which is how
missing values (and N/A answers) are handled. Then

    α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck

with ``o`` the coincidences, ``n_c`` their row sums, ``n`` the pairable values and ``δ²`` the
difference function of the level of measurement: nominal (0 if equal, else 1), ordinal
(squared count of values between the two ranks), interval (squared difference) or ratio.
α = 1 is perfect agreement, 0 agreement at chance level; α is undefined (None) when the data
show no variation at all.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


Units = Sequence[Sequence[Any | None]]


def coincidence_matrix(units: Units) -> tuple[list[Any], list[list[float]]]:
    """The sorted distinct pairable values and the matrix of their coincidences."""
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [unit for unit in pairable if len(unit) >= 2]
    values = sorted({v for unit in pairable for v in unit})
    index = {v: i for i, v in enumerate(values)}
    matrix = [[0.0] * len(values) for _ in values]
    for unit in pairable:
        counts = Counter(unit)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                matrix[index[c]][index[k]] += pairs / (len(unit) - 1)
    return values, matrix


def _difference(level: Level, values: list[Any], marginals: list[float]) -> list[list[float]]:
    size = len(values)
    delta = [[0.0] * size for _ in range(size)]
    for c in range(size):
        for k in range(size):
            delta[c][k] = _delta(level, values, marginals, c, k)
    return delta


def _delta(level: Level, values: list[Any], marginals: list[float], c: int, k: int) -> float:
    if c == k:
        return 0.0
    if level is Level.NOMINAL:
        return 1.0
    if level is Level.ORDINAL:
        low, high = min(c, k), max(c, k)
        between = sum(marginals[low : high + 1]) - (marginals[c] + marginals[k]) / 2
        return between**2
    a, b = float(values[c]), float(values[k])
    if level is Level.INTERVAL:
        return (a - b) ** 2
    return ((a - b) / (a + b)) ** 2 if a + b else 0.0


def krippendorff_alpha(units: Units, level: Level) -> float | None:
    """Alpha for ``units`` (each a list of the coders' values, None where missing)."""
    values, matrix = coincidence_matrix(units)
    marginals = [sum(row) for row in matrix]
    n = sum(marginals)
    if n <= 1:
        return None
    delta = _difference(level, values, marginals)
    size = len(values)
    observed = sum(matrix[c][k] * delta[c][k] for c in range(size) for k in range(size))
    expected = sum(
        marginals[c] * marginals[k] * delta[c][k] for c in range(size) for k in range(size)
    )
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


@dataclass(frozen=True)
class Spread:
    """How far apart the panel's scores of one interaction are."""

    mean: float
    std_dev: float  # sample standard deviation (n − 1); 0 for a single score
    low: float
    high: float
    count: int

    @property
    def range(self) -> float:
        return self.high - self.low


def score_spread(scores: Sequence[float]) -> Spread:
    if not scores:
        raise ValueError("no scores to spread")
    std_dev = statistics.stdev(scores) if len(scores) > 1 else 0.0
    return Spread(statistics.fmean(scores), std_dev, min(scores), max(scores), len(scores))


@dataclass(frozen=True)
class ReviewerDeviation:
    reviewer_id: int
    mean_deviation: float  # signed: above 0, the reviewer scores more generously than the panel
    mean_absolute_deviation: float
    interactions: int


def reviewer_deviations(
    scores: Mapping[Hashable, Mapping[int, float]],
) -> list[ReviewerDeviation]:
    """Each reviewer's distance from the panel mean (all reviewers' mean score of the same
    interaction), over interactions scored by at least two; the largest distance first."""
    gaps: dict[int, list[float]] = defaultdict(list)
    for by_reviewer in scores.values():
        if len(by_reviewer) < 2:
            continue
        panel_mean = statistics.fmean(by_reviewer.values())
        for reviewer_id, score in by_reviewer.items():
            gaps[reviewer_id].append(score - panel_mean)
    found = [
        ReviewerDeviation(
            reviewer_id,
            statistics.fmean(values),
            statistics.fmean(abs(v) for v in values),
            len(values),
        )
        for reviewer_id, values in gaps.items()
    ]
    return sorted(found, key=lambda d: (-d.mean_absolute_deviation, d.reviewer_id))
