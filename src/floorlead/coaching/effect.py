"""Did coaching work? Before/after differences with an uncertainty interval, and a verdict.

Two estimators, both for "after minus before":

- :func:`welch_difference` — difference in means with a Welch t interval (unequal variances;
  Welch–Satterthwaite degrees of freedom). For measured values: handle times, daily KPI values.
- :func:`bootstrap_proportion_difference` — difference in proportions of 0/1 outcomes (a good
  CSAT answer, a passed QA criterion) with a seeded percentile bootstrap, in percentage points.

:func:`judge` turns an interval into a verdict: when it excludes zero the change is likely
real (an improvement or a worsening, depending on which way is better); otherwise there is
no clear change. :func:`describe_effect` says it in one plain sentence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats

from floorlead.coaching.model import Direction

MIN_OBSERVATIONS = 3
BOOTSTRAP_RESAMPLES = 4000


class Verdict(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    CHANGED = "changed"  # a real change of a measure with no better direction
    NO_CLEAR_CHANGE = "no_clear_change"
    TOO_FEW = "too_few"

    @property
    def phrase(self) -> str:
        return VERDICT_PHRASES[self]


VERDICT_PHRASES = {
    Verdict.IMPROVED: "likely a real improvement",
    Verdict.WORSENED: "likely a real worsening",
    Verdict.CHANGED: "likely a real change",
    Verdict.NO_CLEAR_CHANGE: "no clear change",
    Verdict.TOO_FEW: "too few observations to tell",
}


@dataclass(frozen=True)
class Effect:
    """After minus before, with a ``confidence`` interval [low, high] (None when too few)."""

    method: str  # "welch" or "bootstrap"
    n_before: int
    n_after: int
    mean_before: float | None
    mean_after: float | None
    difference: float | None
    low: float | None
    high: float | None
    confidence: float

    @property
    def enough(self) -> bool:
        return self.low is not None and self.high is not None


def _check(before: Sequence[float], after: Sequence[float], confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, got {confidence}")
    for name, values in (("before", before), ("after", after)):
        if any(not math.isfinite(v) for v in values):
            raise ValueError(f"{name} holds a value that is not a finite number")


def _too_few(method: str, before: np.ndarray, after: np.ndarray, confidence: float) -> Effect:
    mean_b = float(before.mean()) if before.size else None
    mean_a = float(after.mean()) if after.size else None
    difference = mean_a - mean_b if mean_a is not None and mean_b is not None else None
    return Effect(
        method, before.size, after.size, mean_b, mean_a, difference, None, None, confidence
    )


def welch_difference(
    before: Sequence[float], after: Sequence[float], *, confidence: float = 0.95
) -> Effect:
    """Difference in means (after - before) with a Welch t interval."""
    _check(before, after, confidence)
    b = np.asarray(before, dtype=float)
    a = np.asarray(after, dtype=float)
    if b.size < MIN_OBSERVATIONS or a.size < MIN_OBSERVATIONS:
        return _too_few("welch", b, a, confidence)
    var_b, var_a = b.var(ddof=1) / b.size, a.var(ddof=1) / a.size
    difference = float(a.mean() - b.mean())
    se = math.sqrt(var_b + var_a)
    if se == 0.0:
        low = high = difference
    else:
        df = (var_b + var_a) ** 2 / (var_b**2 / (b.size - 1) + var_a**2 / (a.size - 1))
        margin = float(stats.t.ppf(0.5 + confidence / 2, df)) * se
        low, high = difference - margin, difference + margin
    return Effect(
        "welch", b.size, a.size, float(b.mean()), float(a.mean()), difference, low, high, confidence
    )


def bootstrap_proportion_difference(
    before: Sequence[float],
    after: Sequence[float],
    *,
    confidence: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = 0,
) -> Effect:
    """Difference in the share of 1s (after - before), in percentage points.

    Each resample redraws both samples with replacement; for 0/1 data the count of 1s in a
    redrawn sample is binomial with the observed share, which is how it is drawn here. The
    interval is the percentile interval of the resampled differences.
    """
    _check(before, after, confidence)
    b = np.asarray(before, dtype=float)
    a = np.asarray(after, dtype=float)
    for name, values in (("before", b), ("after", a)):
        if not np.isin(values, (0.0, 1.0)).all():
            raise ValueError(f"{name} must hold only 0 and 1 outcomes")
    b, a = b * 100.0, a * 100.0
    if b.size < MIN_OBSERVATIONS or a.size < MIN_OBSERVATIONS:
        return _too_few("bootstrap", b, a, confidence)
    rng = np.random.default_rng(seed)
    share_b = rng.binomial(b.size, b.mean() / 100.0, size=resamples) / b.size
    share_a = rng.binomial(a.size, a.mean() / 100.0, size=resamples) / a.size
    differences = (share_a - share_b) * 100.0
    tail = (1 - confidence) / 2
    low, high = np.quantile(differences, [tail, 1 - tail])
    difference = float(a.mean() - b.mean())
    return Effect(
        "bootstrap",
        b.size,
        a.size,
        float(b.mean()),
        float(a.mean()),
        difference,
        float(low),
        float(high),
        confidence,
    )


def judge(effect: Effect, better: Direction | None) -> Verdict:
    """Improved or worsened when the interval excludes zero; otherwise no clear change."""
    if effect.low is None or effect.high is None:
        return Verdict.TOO_FEW
    if effect.low <= 0 <= effect.high:
        return Verdict.NO_CLEAR_CHANGE
    rose = effect.low > 0
    if better is None:
        return Verdict.CHANGED
    if rose == (better is Direction.HIGHER):
        return Verdict.IMPROVED
    return Verdict.WORSENED


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.0f}"
    if unit == "points":
        return f"{value:.1f}"
    return f"{value:.2f}"


def describe_effect(effect: Effect, *, label: str, unit: str, better: Direction | None) -> str:
    """One sentence: "AHT fell by 42 s (95% interval 18–66 s): likely a real improvement".

    ``unit`` is "s" (seconds), "points" (percentage points or score points), another word, or
    "" for a plain number. The interval is of the amount it fell (or rose) by.
    """
    verdict = judge(effect, better)
    if effect.difference is None or effect.low is None or effect.high is None:
        return f"{label}: {verdict.phrase} ({effect.n_before} before, {effect.n_after} after)"
    fell = effect.difference < 0
    sign = -1.0 if fell else 1.0
    low, high = sorted((sign * effect.low, sign * effect.high))
    suffix = f" {unit}" if unit else ""
    joiner = "–" if low >= 0 else " to "
    bounds = f"{_number(low, unit)}{joiner}{_number(high, unit)}{suffix}"
    change = f"{_number(abs(effect.difference), unit)}{suffix}"
    level = f"{effect.confidence * 100:.0f}%"
    moved = "fell" if fell else "rose"
    return f"{label} {moved} by {change} ({level} interval {bounds}): {verdict.phrase}"
