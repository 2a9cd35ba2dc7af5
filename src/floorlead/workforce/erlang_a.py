"""Erlang A (M/M/N+M): callers hang up after an exponential patience; exact formulas, vectorised.

With x = N * patience / AHT, y = load * patience / AHT and A(x, z) = P(x, z) / p(x; z) (the lower
regularised incomplete gamma function over the Poisson pmf, which is Kummer's 1F1(1; x + 1; z)):

    P(wait)          = 1 / (1 + (1 / ErlangB(N, a) - 1) / A(x, y))
    P(served, V > t) = P(wait) (x/y) e^(-x s + y (1 - e^-s)) (A(x, y e^-s) - 1) / A(x, y), s = t/p
    P(abandon)       = P(wait) (1 - (x / y) (1 - 1 / A(x, y)))
    mean wait (all)  = P(abandon) * patience

V is a caller's offered wait (the wait with infinite patience) and p the mean patience. The
formulas follow from the birth-death chain of the queue and the tagged caller's race to a free
agent; docs/workforce/staffing.md derives them and the tests check them against the chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike

from floorlead.workforce.erlang import (
    ErlangCResult,
    answered_wait_sum,
    erlang_c,
    log_inverse_erlang_b,
    log_kummer,
    log_kummer_minus_one,
    offered_load,
    required_agents,
)
from floorlead.workforce.staffing import (
    BoolArray,
    FloatArray,
    IntArray,
    InvalidStaffingInput,
    StaffingTargets,
    agent_counts,
    non_negative,
    positive,
    smallest_meeting,
)


class ServiceLevelDefinition(StrEnum):
    """What the service level divides "answered within T" by. Abandons are never in time."""

    ALL_ARRIVALS = "all_arrivals"
    ANSWERED = "answered"
    EXCLUDE_SHORT_ABANDONS = "exclude_short_abandons"


@dataclass(frozen=True)
class ServiceLevelRule:
    """The service-level definition, with the short-abandon threshold when abandons are excluded."""

    definition: ServiceLevelDefinition = ServiceLevelDefinition.ALL_ARRIVALS
    short_abandon_seconds: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "definition", ServiceLevelDefinition(self.definition))
        excludes = self.definition is ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS
        if excludes != (self.short_abandon_seconds is not None):
            raise InvalidStaffingInput(
                "short_abandon_seconds is needed by, and only by, exclude_short_abandons",
                field="short_abandon_seconds",
            )
        if self.short_abandon_seconds is not None:
            positive(self.short_abandon_seconds, field="short_abandon_seconds")


@dataclass(frozen=True)
class ErlangAResult:
    """Erlang A figures per interval (arrays of the inputs' broadcast shape) and the SL rule used.

    ``asa_seconds``: mean wait of answered calls (NaN when no agent answers any);
    ``mean_wait_seconds``: mean wait of all callers, until answered or hanging up."""

    agents: IntArray
    load_erlangs: FloatArray
    service_level: FloatArray
    wait_probability: FloatArray
    abandon_rate: FloatArray
    asa_seconds: FloatArray
    mean_wait_seconds: FloatArray
    occupancy: FloatArray
    rule: ServiceLevelRule


DEFAULT_RULE = ServiceLevelRule()


@dataclass(frozen=True)
class _Chain:
    """The M/M/N+M chain of intervals with calls and at least one agent, conditioned on waiting."""

    x: FloatArray
    y: FloatArray
    log_a: FloatArray
    wait: FloatArray
    no_wait: FloatArray
    patience: FloatArray

    @classmethod
    def of(
        cls, load: FloatArray, agents: IntArray, aht: FloatArray, patience: FloatArray
    ) -> _Chain:
        x, y = agents * patience / aht, load * patience / aht
        log_a = log_kummer(x, y)
        log_r = log_inverse_erlang_b(agents, load)
        with np.errstate(divide="ignore", over="ignore"):
            odds = log_r + np.log1p(-np.exp(-log_r)) - log_a  # log(P(no wait) / P(wait))
            wait, no_wait = 1.0 / (1.0 + np.exp(odds)), 1.0 / (1.0 + np.exp(-odds))
        return cls(x=x, y=y, log_a=log_a, wait=wait, no_wait=no_wait, patience=patience)

    def served(self) -> FloatArray:
        """P(answered | waited) = (x / y) (1 - 1 / A(x, y))."""
        return np.minimum(self.x / self.y * -np.expm1(-self.log_a), 1.0)

    def served_after(self, seconds: FloatArray) -> FloatArray:
        """P(answered after waiting more than ``seconds`` | waited)."""
        s = seconds / self.patience
        z = self.y * np.exp(-s)
        exponent = -self.x * s - self.y * np.expm1(-s) + log_kummer_minus_one(self.x, z)
        return self.x / self.y * np.exp(exponent - self.log_a)

    def still_waiting(self, seconds: FloatArray) -> FloatArray:
        """P(neither answered nor abandoned after ``seconds`` | waited)."""
        s = seconds / self.patience
        z = self.y * np.exp(-s)
        exponent = -(self.x + 1) * s - self.y * np.expm1(-s) + log_kummer(self.x, z)
        return np.exp(exponent - self.log_a)


def _busy_figures(
    chain: _Chain, load: FloatArray, agents: IntArray, answer: FloatArray, rule: ServiceLevelRule
) -> dict[str, FloatArray]:
    wait, served = chain.wait, chain.served()
    abandon = np.maximum(wait * (1.0 - served), 0.0)
    answered_late = np.maximum(served - chain.served_after(answer), 0.0)
    answered_in_time = chain.no_wait + wait * answered_late
    if rule.definition is ServiceLevelDefinition.ANSWERED:
        level = answered_in_time / (1.0 - abandon)
    elif rule.definition is ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS:
        short = np.full(load.shape, rule.short_abandon_seconds)
        left = chain.served_after(short) - chain.still_waiting(short) - served
        level = answered_in_time / (1.0 - np.clip(wait * (1.0 + left), 0.0, abandon))
    else:
        level = answered_in_time
    return {
        "service_level": np.minimum(level, 1.0),
        "wait_probability": wait,
        "abandon_rate": abandon,
        "mean_wait_seconds": abandon * chain.patience,
        "occupancy": np.minimum(load * (1.0 - abandon) / agents, 1.0),
    }


def _figures(
    arrays: tuple[FloatArray, IntArray, FloatArray, FloatArray, FloatArray],
    rule: ServiceLevelRule,
    *,
    with_asa: bool = True,
) -> dict[str, FloatArray]:
    """Figures on flat arrays (load, agents, aht, patience, answer). No calls: nobody waits. No
    agents: every caller waits out their patience and hangs up."""
    load, agents, aht, patience, answer = arrays
    idle, busy = load == 0, (load > 0) & (agents > 0)
    nobody = np.where(idle, 0.0, 1.0)
    figures = {
        "service_level": 1.0 - nobody,
        "wait_probability": nobody.copy(),
        "abandon_rate": nobody.copy(),
        "mean_wait_seconds": nobody * patience,
        "occupancy": np.zeros(load.shape),
        "asa_seconds": np.where(idle, 0.0, np.nan),
    }
    chain = _Chain.of(load[busy], agents[busy], aht[busy], patience[busy])
    for name, values in _busy_figures(chain, load[busy], agents[busy], answer[busy], rule).items():
        figures[name][busy] = values
    if with_asa:
        answered_wait = chain.wait * chain.x / chain.y * answered_wait_sum(chain.x, chain.y)
        figures["asa_seconds"][busy] = (
            answered_wait * chain.patience / (1.0 - figures["abandon_rate"][busy])
        )
    return figures


def _flat_inputs(
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    patience_seconds: ArrayLike,
    answer_seconds: ArrayLike,
) -> tuple[tuple[FloatArray, IntArray, FloatArray, FloatArray, FloatArray], tuple[int, ...]]:
    arrays = np.broadcast_arrays(
        offered_load(calls=calls, aht_seconds=aht_seconds, interval_seconds=interval_seconds),
        agent_counts(agents),
        positive(aht_seconds, field="aht_seconds"),
        positive(patience_seconds, field="patience_seconds"),
        non_negative(answer_seconds, field="answer_seconds"),
    )
    load, count, aht, patience, answer = (np.ravel(array) for array in arrays)
    return (load, count, aht, patience, answer), arrays[0].shape


def _result(
    arrays: tuple[FloatArray, IntArray, FloatArray, FloatArray, FloatArray],
    shape: tuple[int, ...],
    rule: ServiceLevelRule,
) -> ErlangAResult:
    figures = _figures(arrays, rule)
    return ErlangAResult(
        agents=arrays[1].reshape(shape),
        load_erlangs=arrays[0].reshape(shape),
        rule=rule,
        **{name: values.reshape(shape) for name, values in figures.items()},
    )


def erlang_a(
    *,
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    patience_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    rule: ServiceLevelRule = DEFAULT_RULE,
) -> ErlangAResult:
    """Erlang A figures for ``agents`` handling ``calls`` whose callers have mean patience."""
    arrays, shape = _flat_inputs(
        calls, aht_seconds, interval_seconds, agents, patience_seconds, answer_seconds
    )
    return _result(arrays, shape, rule)


def required_agents_erlang_a(
    *,
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    patience_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    targets: StaffingTargets,
    rule: ServiceLevelRule = DEFAULT_RULE,
) -> ErlangAResult:
    """Fewest agents meeting every target, with the Erlang A figures at that staffing.

    With abandonment fewer agents than the load can meet a target, so the search starts at one
    agent (or at service level x load, which no fewer agents can reach under the all-arrivals
    definition), gallops up and bisects: it never overshoots the smallest count."""
    arrays, shape = _flat_inputs(
        calls, aht_seconds, interval_seconds, 0, patience_seconds, answer_seconds
    )
    load, _, aht, patience, answer = arrays

    def meets(index: IntArray, agents: IntArray) -> BoolArray:
        subset = (load[index], agents, aht[index], patience[index], answer[index])
        return targets.met(_figures(subset, rule, with_asa=targets.max_asa_seconds is not None))

    lower = np.where(load > 0, 1, 0)
    if targets.service_level and rule.definition is ServiceLevelDefinition.ALL_ARRIVALS:
        reachable = np.floor(targets.service_level * load * (1 - 1e-9)).astype(np.int64)
        lower = np.maximum(lower, reachable)
    agents = smallest_meeting(lower, meets)
    return _result((load, agents, aht, patience, answer), shape, rule)


@dataclass(frozen=True)
class ChatStaffing:
    """Chat agents, the chat slots they open (agents x concurrency) and the queue at those slots."""

    agents: IntArray
    slots: IntArray
    queue: ErlangCResult | ErlangAResult


def required_chat_agents(
    *,
    chats: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    concurrency: int,
    answer_seconds: ArrayLike,
    targets: StaffingTargets,
    patience_seconds: ArrayLike | None = None,
    rule: ServiceLevelRule = DEFAULT_RULE,
) -> ChatStaffing:
    """Agents for chats when each agent handles up to ``concurrency`` chats at once.

    Model M/M/(N k): an agent is k slots that each serve one chat, so the queue (Erlang C, or Erlang
    A with ``patience_seconds``) is solved for slots and agents = ceil(slots / k). ``aht_seconds``
    is a chat's handle time as measured while agents run k chats (it is usually longer than a chat
    handled alone); occupancy targets apply to slots."""
    k = agent_counts(concurrency, field="concurrency")
    if k.ndim or k < 1:
        raise InvalidStaffingInput(
            "concurrency must be a whole number, 1 or more", field="concurrency"
        )
    traffic: dict[str, ArrayLike] = {
        "calls": chats,
        "aht_seconds": aht_seconds,
        "interval_seconds": interval_seconds,
        "answer_seconds": answer_seconds,
    }
    if patience_seconds is None:
        agents = -(-required_agents(**traffic, targets=targets).agents // k)
        return ChatStaffing(agents, agents * k, erlang_c(**traffic, agents=agents * k))
    traffic["patience_seconds"] = patience_seconds
    slots = required_agents_erlang_a(**traffic, targets=targets, rule=rule).agents
    agents = -(-slots // k)
    return ChatStaffing(agents, agents * k, erlang_a(**traffic, agents=agents * k, rule=rule))
