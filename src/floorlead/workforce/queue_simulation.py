"""A seeded discrete-event simulation of the M/G/N (+M) queue, to check the staffing formulas.

Callers arrive as a Poisson stream, are answered first come first served by ``agents`` agents and,
when a patience is given, hang up after an exponential patience if still waiting. Handle times are
exponential (the Erlang models) or lognormal with a chosen coefficient of variation (real calls).

First come first served lets callers be processed in arrival order with a heap of the times the
agents become free: a caller starts at max(arrival, earliest free agent) unless their patience runs
out first, and an abandoning caller never takes an agent. Figures come with confidence intervals by
batch means: after a warm-up, the callers are cut into equal batches whose figures are treated as
independent samples (Student t).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats

from floorlead.workforce.erlang_a import DEFAULT_RULE, ServiceLevelDefinition, ServiceLevelRule
from floorlead.workforce.staffing import (
    BoolArray,
    FloatArray,
    InvalidStaffingInput,
    agent_counts,
    checked,
    non_negative,
    positive,
)


class HandleTimeShape(StrEnum):
    EXPONENTIAL = "exponential"
    LOGNORMAL = "lognormal"


@dataclass(frozen=True)
class HandleTimes:
    """Handle-time distribution: its mean, its shape and (lognormal only) its coefficient of
    variation, the standard deviation over the mean; exponential times have cv = 1."""

    mean_seconds: float
    shape: HandleTimeShape = HandleTimeShape.EXPONENTIAL
    cv: float = 1.0

    def __post_init__(self) -> None:
        positive(self.mean_seconds, field="aht_seconds")
        positive(self.cv, field="cv")
        object.__setattr__(self, "shape", HandleTimeShape(self.shape))

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        if self.shape is HandleTimeShape.EXPONENTIAL:
            return rng.exponential(self.mean_seconds, size)
        sigma = np.sqrt(np.log1p(self.cv**2))
        return rng.lognormal(np.log(self.mean_seconds) - sigma**2 / 2, sigma, size)


@dataclass(frozen=True)
class Estimate:
    """A simulated figure: the mean over batches and its two-sided confidence interval."""

    mean: float
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class SimulationResult:
    service_level: Estimate
    asa_seconds: Estimate
    mean_wait_seconds: Estimate
    abandon_rate: Estimate
    wait_probability: Estimate
    occupancy: Estimate
    rule: ServiceLevelRule
    callers: int


@dataclass(frozen=True)
class _Outcome:
    """Per caller: arrival, wait (until answered or hanging up), answered or not, handle time."""

    arrival: FloatArray
    wait: FloatArray
    answered: BoolArray
    handle: FloatArray


def _run(arrival: FloatArray, handle: FloatArray, patience: FloatArray, agents: int) -> _Outcome:
    free_at = [0.0] * agents
    waits, answered = [0.0] * arrival.size, [False] * arrival.size
    for i, (t, service, limit) in enumerate(
        zip(arrival.tolist(), handle.tolist(), patience.tolist(), strict=True)
    ):
        start = max(t, free_at[0])
        if start - t > limit:
            waits[i] = limit
            continue
        heapq.heapreplace(free_at, start + service)
        waits[i], answered[i] = start - t, True
    return _Outcome(arrival, np.array(waits), np.array(answered), handle)


def _batch_figures(
    outcome: _Outcome, agents: int, answer_seconds: float, rule: ServiceLevelRule
) -> dict[str, float]:
    wait, answered = outcome.wait, outcome.answered
    in_time = np.count_nonzero(answered & (wait <= answer_seconds))
    offered = wait.size
    if rule.definition is ServiceLevelDefinition.ANSWERED:
        offered = np.count_nonzero(answered)
    elif rule.definition is ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS:
        offered -= np.count_nonzero(~answered & (wait <= (rule.short_abandon_seconds or 0.0)))
    span = outcome.arrival[-1] - outcome.arrival[0]
    return {
        "service_level": in_time / max(offered, 1),
        "asa_seconds": float(wait[answered].mean()) if answered.any() else 0.0,
        "mean_wait_seconds": float(wait.mean()),
        "abandon_rate": float(np.mean(~answered)),
        "wait_probability": float(np.mean(wait > 0)),
        "occupancy": float(outcome.handle[answered].sum() / (agents * span)),
    }


def _estimate(samples: list[float], confidence: float) -> Estimate:
    values = np.asarray(samples)
    mean = float(values.mean())
    half = stats.t.ppf((1 + confidence) / 2, values.size - 1) * values.std(ddof=1)
    half /= np.sqrt(values.size)
    return Estimate(mean=mean, low=mean - half, high=mean + half)


def simulate_queue(
    *,
    calls: float,
    interval_seconds: float,
    handle_times: HandleTimes,
    agents: int,
    answer_seconds: float,
    patience_seconds: float | None = None,
    rule: ServiceLevelRule = DEFAULT_RULE,
    callers: int = 100_000,
    batches: int = 20,
    confidence: float = 0.95,
    seed: int = 0,
) -> SimulationResult:
    """Simulate ``callers`` callers (a tenth more as warm-up) at the interval's arrival rate."""
    rate = (
        positive(calls, field="calls").item()
        / positive(interval_seconds, field="interval_seconds").item()
    )
    count = int(agent_counts(agents).item())
    if count < 1 or (patience_seconds is None and count <= rate * handle_times.mean_seconds):
        raise InvalidStaffingInput(
            "agents must exceed the load when callers never hang up, and be at least 1",
            field="agents",
        )
    checked(batches, field="batches", rule="at least 2", test=lambda b: b >= 2)
    checked(
        callers, field="callers", rule="at least 100 per batch", test=lambda c: c >= 100 * batches
    )
    checked(
        confidence, field="confidence", rule="between 0 and 1", test=lambda c: (c > 0) & (c < 1)
    )
    answer = non_negative(answer_seconds, field="answer_seconds").item()
    rng = np.random.default_rng(seed)
    warmup = callers // 10
    total = callers + warmup
    arrival = np.cumsum(rng.exponential(1.0 / rate, total))
    handle = handle_times.sample(rng, total)
    patience = np.full(total, np.inf)
    if patience_seconds is not None:
        patience = rng.exponential(
            positive(patience_seconds, field="patience_seconds").item(), total
        )
    outcome = _run(arrival, handle, patience, count)
    samples: dict[str, list[float]] = {}
    for part in np.array_split(np.arange(warmup, total), batches):
        batch = _Outcome(
            outcome.arrival[part], outcome.wait[part], outcome.answered[part], handle[part]
        )
        for name, value in _batch_figures(batch, count, answer, rule).items():
            samples.setdefault(name, []).append(value)
    estimates = {name: _estimate(values, confidence) for name, values in samples.items()}
    return SimulationResult(rule=rule, callers=callers, **estimates)
