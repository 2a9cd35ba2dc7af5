"""Erlang B and Erlang C (M/M/N): waiting probability, service level, ASA, occupancy, staffing;
and the incomplete-gamma building blocks that Erlang A (``erlang_a``) shares.

Every function takes scalars or NumPy arrays (broadcast against each other) and returns arrays of
the broadcast shape, so a whole week of intervals for many queues is one call. The formulas run
through the regularised incomplete gamma function in log space, so loads of thousands of Erlangs
neither overflow nor lose precision:

    1 / ErlangB(N, a) = Q(N + 1, a) / p(N; a)        (Poisson cdf over Poisson pmf)
    ErlangC(N, a)     = 1 / (rho + (1 - rho) / ErlangB(N, a)),   rho = a / N
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

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
    whole_agents,
)

SERIES_EPSILON = 1e-17
LINEAR_STEPS = 24
WINDOW_CELLS = 2_000_000
FIGURES = ("wait_probability", "service_level", "asa_seconds", "occupancy")


def offered_load(
    *, calls: ArrayLike, aht_seconds: ArrayLike, interval_seconds: ArrayLike
) -> FloatArray:
    """Offered load in Erlangs: calls x AHT / interval length."""
    volume = non_negative(calls, field="calls")
    aht = positive(aht_seconds, field="aht_seconds")
    interval = positive(interval_seconds, field="interval_seconds")
    return np.asarray(volume * aht / interval, dtype=np.float64)


def log_poisson_pmf(count: FloatArray, mean: FloatArray) -> FloatArray:
    """log(e^-mean mean^count / Gamma(count + 1)), for mean > 0 and real count >= 0."""
    return count * np.log(mean) - mean - special.gammaln(count + 1)


def sum_series(ratio: Callable[[IntArray, int], FloatArray], size: int) -> FloatArray:
    """Sum 1 + t1 + t2 + ... with t_k = t_(k-1) * ratio(index, k), per element, until negligible.

    ``ratio`` must make the terms decrease (ratio < 1), so the sum converges."""
    total, term, index, k = np.ones(size), np.ones(size), np.arange(size), 0
    while index.size:
        k += 1
        term[index] *= ratio(index, k)
        total[index] += term[index]
        index = index[term[index] > SERIES_EPSILON * total[index]]
    return total


def log_inverse_erlang_b(agents: IntArray, load: FloatArray) -> FloatArray:
    """log(1 / ErlangB(N, a)) for a > 0: direct above the load, a finite series below it."""
    result = np.empty(load.shape)
    direct = agents >= load
    n, a = agents[direct].astype(np.float64), load[direct]
    result[direct] = np.log(special.gammaincc(n + 1, a)) - log_poisson_pmf(n, a)
    few, heavy = agents[~direct].astype(np.float64), load[~direct]
    terms = sum_series(lambda i, k: np.maximum(few[i] - k + 1, 0) / heavy[i], few.size)
    result[~direct] = np.log(terms)
    return result


def log_kummer(x: FloatArray, z: FloatArray) -> FloatArray:
    """log A(x, z) = log(P(x, z) / p(x; z)) for x > 0, z >= 0, without underflow or overflow."""
    result = np.empty(np.broadcast(x, z).shape)
    direct = z >= x
    xd, zd = x[direct], z[direct]
    result[direct] = np.log(special.gammainc(xd, zd)) - log_poisson_pmf(xd, zd)
    xs, zs = x[~direct], z[~direct]
    result[~direct] = np.log(sum_series(lambda i, k: zs[i] / (xs[i] + k), xs.size))
    return result


def log_kummer_minus_one(x: FloatArray, z: FloatArray) -> FloatArray:
    """log(A(x, z) - 1), using A(x, z) - 1 = z / (x + 1) * A(x + 1, z)."""
    with np.errstate(divide="ignore"):
        return np.log(z) - np.log(x + 1) + log_kummer(x + 1, z)


def _harmonic_mean_series(x: FloatArray, z: FloatArray) -> FloatArray:
    """sum c_k H_k / sum c_k; c_k = z^k / ((x+1)...(x+k)), H_k = sum_(j<=k) 1/(x+j); for z < x."""
    total, weighted = np.ones(x.size), np.zeros(x.size)
    term, harmonic = np.ones(x.size), np.zeros(x.size)
    index, k = np.arange(x.size), 0
    while index.size:
        k += 1
        term[index] *= z[index] / (x[index] + k)
        harmonic[index] += 1.0 / (x[index] + k)
        total[index] += term[index]
        weighted[index] += term[index] * harmonic[index]
        index = index[term[index] > SERIES_EPSILON * total[index]]
    return weighted / total


def _gamma_tail_sum(x: FloatArray, y: FloatArray) -> FloatArray:
    """sum_(j>=1) P(x + j, y) / (x + j) / P(x, y) for y >= x: the terms with P ~ 1 by digamma, the
    window where P falls from 1 to 0 term by term."""
    if x.size == 0:
        return x.copy()
    head = np.maximum(np.floor(y - x - 12 * np.sqrt(y) - 1), 0)
    width = int(np.ceil(24 * np.sqrt(y.max()) + 50))
    total = special.digamma(x + head + 1) - special.digamma(x + 1)
    rows = max(1, WINDOW_CELLS // width)
    steps = np.arange(1, width + 1)
    for start in range(0, x.size, rows):
        part = slice(start, start + rows)
        shape = (x[part] + head[part])[:, None] + steps[None, :]
        total[part] += (special.gammainc(shape, y[part][:, None]) / shape).sum(axis=1)
    return total / special.gammainc(x, y)


def answered_wait_sum(x: FloatArray, y: FloatArray) -> FloatArray:
    """E[V; answered | waited] (y/x) / patience = sum_(j>=1) P(x + j, y) / ((x + j) P(x, y))."""
    result = np.empty(x.shape)
    direct = y >= x
    result[direct] = _gamma_tail_sum(x[direct], y[direct])
    result[~direct] = _harmonic_mean_series(x[~direct], y[~direct])
    return result


def erlang_b(agents: ArrayLike, load: ArrayLike) -> FloatArray:
    """Erlang B blocking probability of ``agents`` servers offered ``load`` Erlangs."""
    n, a = np.broadcast_arrays(agent_counts(agents), non_negative(load, field="load"))
    blocking = np.where(n == 0, 1.0, 0.0)
    busy = (a > 0) & (n > 0)
    blocking[busy] = np.exp(-log_inverse_erlang_b(n[busy], a[busy]))
    return blocking


@dataclass(frozen=True)
class ErlangCResult:
    """Erlang C figures per interval; every field has the broadcast shape of the inputs."""

    agents: IntArray
    load_erlangs: FloatArray
    wait_probability: FloatArray
    service_level: FloatArray
    asa_seconds: FloatArray
    occupancy: FloatArray


def _stable_figures(
    load: FloatArray, agents: IntArray, log_r: FloatArray, aht: FloatArray, answer: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Wait probability, service level and ASA where agents > load > 0, given log(1 / ErlangB)."""
    n = agents.astype(np.float64)
    rho = load / n
    with np.errstate(over="ignore"):
        wait = 1.0 / (rho + (1.0 - rho) * np.exp(log_r))
    gap = n - load
    return wait, 1.0 - wait * np.exp(-gap * answer / aht), wait * aht / gap


def _erlang_c_flat(
    load: FloatArray, agents: IntArray, aht: FloatArray, answer: FloatArray
) -> dict[str, FloatArray]:
    """Erlang C on flat arrays. No calls: nobody waits. N <= a: the queue grows without bound."""
    idle = load == 0
    stable = (agents > load) & ~idle
    wait = np.where(idle, 0.0, 1.0)
    level = np.where(idle, 1.0, 0.0)
    asa = np.where(idle, 0.0, np.inf)
    occupancy = np.where(idle, 0.0, 1.0)
    n, a = agents[stable], load[stable]
    log_r = log_inverse_erlang_b(n, a)
    wait[stable], level[stable], asa[stable] = _stable_figures(
        a, n, log_r, aht[stable], answer[stable]
    )
    occupancy[stable] = a / n
    return {
        "wait_probability": wait,
        "service_level": level,
        "asa_seconds": asa,
        "occupancy": occupancy,
    }


def erlang_c(
    *,
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    answer_seconds: ArrayLike,
) -> ErlangCResult:
    """Erlang C figures for ``agents`` handling ``calls`` per interval; SL = answered within T."""
    load = offered_load(calls=calls, aht_seconds=aht_seconds, interval_seconds=interval_seconds)
    arrays = np.broadcast_arrays(
        load,
        agent_counts(agents),
        positive(aht_seconds, field="aht_seconds"),
        non_negative(answer_seconds, field="answer_seconds"),
    )
    load, count, aht, answer = (np.ravel(array) for array in arrays)
    return _result(load, count, aht, answer, arrays[0].shape)


def agents_for_occupancy(load: FloatArray, max_occupancy: float) -> IntArray:
    """Smallest N with load / N <= cap, exactly: a cap met exactly (8.5 / 10 = 0.85) is allowed."""
    return whole_agents(load / max_occupancy)


def _next_log_inverse_erlang_b(log_r: FloatArray, agents: IntArray, load: FloatArray) -> FloatArray:
    """log(1/B(N+1, a)) from log(1/B(N, a)): the recurrence 1/B(N+1) = 1 + (N+1)/a * 1/B(N)."""
    grown = np.log((agents + 1) / load) + log_r
    return grown + np.log1p(np.exp(-grown))


def _step_up(
    load: FloatArray, aht: FloatArray, answer: FloatArray, lower: IntArray, targets: StaffingTargets
) -> tuple[IntArray, dict[str, FloatArray]]:
    """Try lower, lower + 1, ... by the cheap Erlang B recurrence: the counts found (-1 where
    LINEAR_STEPS ran out) and the Erlang C figures at them."""
    agents, found = lower.copy(), np.full(lower.shape, -1, dtype=np.int64)
    figures = {name: np.full(lower.shape, np.nan) for name in FIGURES}
    index = np.arange(lower.size)
    log_r = log_inverse_erlang_b(agents, load)
    for _ in range(LINEAR_STEPS):
        a, n = load[index], agents[index]
        wait, level, asa = _stable_figures(a, n, log_r, aht[index], answer[index])
        step = {"wait_probability": wait, "service_level": level, "asa_seconds": asa}
        step["occupancy"] = a / n
        met = targets.met(step)
        found[index[met]] = n[met]
        for name, values in step.items():
            figures[name][index[met]] = values[met]
        index, log_r = index[~met], _next_log_inverse_erlang_b(log_r[~met], n[~met], a[~met])
        agents[index] += 1
        if index.size == 0:
            break
    return found, figures


def required_agents(
    *,
    calls: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    targets: StaffingTargets,
) -> ErlangCResult:
    """Fewest agents meeting every target, with the Erlang C figures at that staffing.

    The search starts at floor(load) + 1 (the fewest agents with a finite queue) or at the occupancy
    cap's exact minimum, whichever is higher, and steps up. An interval without calls needs none."""
    if targets.max_abandon_rate is not None:
        raise InvalidStaffingInput(
            "an abandonment target needs callers' patience (Erlang A)", field="max_abandon_rate"
        )
    arrays = np.broadcast_arrays(
        offered_load(calls=calls, aht_seconds=aht_seconds, interval_seconds=interval_seconds),
        positive(aht_seconds, field="aht_seconds"),
        non_negative(answer_seconds, field="answer_seconds"),
    )
    load, aht, answer = (np.ravel(array) for array in arrays)
    agents = np.zeros(load.shape, dtype=np.int64)
    figures = _erlang_c_flat(load, agents, aht, answer)  # filled in below where there are calls
    busy = np.flatnonzero(load > 0)
    stable = np.floor(load[busy]).astype(np.int64) + 1
    lower = np.maximum(stable, agents_for_occupancy(load[busy], targets.max_occupancy or 1.0))
    agents[busy], stepped = _step_up(load[busy], aht[busy], answer[busy], lower, targets)
    for name, values in stepped.items():
        figures[name][busy] = values
    slow = busy[agents[busy] < 0]
    if slow.size:

        def meets(index: IntArray, count: IntArray) -> BoolArray:
            at = slow[index]
            return targets.met(_erlang_c_flat(load[at], count, aht[at], answer[at]))

        agents[slow] = smallest_meeting(lower[agents[busy] < 0] + LINEAR_STEPS, meets)
        for name, values in _erlang_c_flat(
            load[slow], agents[slow], aht[slow], answer[slow]
        ).items():
            figures[name][slow] = values
    shape = arrays[0].shape
    return ErlangCResult(
        agents=agents.reshape(shape),
        load_erlangs=load.reshape(shape),
        **{name: values.reshape(shape) for name, values in figures.items()},
    )


def _result(
    load: FloatArray, agents: IntArray, aht: FloatArray, answer: FloatArray, shape: tuple[int, ...]
) -> ErlangCResult:
    figures = _erlang_c_flat(load, agents, aht, answer)
    return ErlangCResult(
        agents=agents.reshape(shape),
        load_erlangs=load.reshape(shape),
        **{name: values.reshape(shape) for name, values in figures.items()},
    )
