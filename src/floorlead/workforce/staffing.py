"""Staffing inputs and conversions: validated targets, the search for the fewest agents,
shrinkage (planned or measured) and deferred work such as an email backlog with a deadline.

The queue models live beside this module: Erlang C in ``erlang`` and Erlang A (with chat
concurrency) in ``erlang_a``. Everything here is pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from floorlead.errors import RuleViolation

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Targets are compared with this slack so that a target met exactly is never refused because of
# floating-point round-off (for example 8.5 Erlangs / 0.85 = 10.000000000000002 agents).
TOLERANCE = 1e-12
MAX_DOUBLINGS = 48
SECONDS_PER_HOUR = 3600.0


class InvalidStaffingInput(RuleViolation):
    """A staffing input is out of range; ``field`` names it."""


def float_input(value: ArrayLike, *, field: str) -> FloatArray:
    """``value`` as a float array, refusing text, NaN and infinity."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidStaffingInput(f"{field} must be a number", field=field) from None
    if not np.all(np.isfinite(array)):
        raise InvalidStaffingInput(f"{field} must be a finite number", field=field)
    return array


def checked(
    value: ArrayLike, *, field: str, rule: str, test: Callable[[FloatArray], BoolArray]
) -> FloatArray:
    """``value`` as floats that all pass ``test``; otherwise an error naming ``field``."""
    array = float_input(value, field=field)
    passed = np.asarray(test(array), dtype=bool)
    if not np.all(passed):
        offending = array[~passed].flat[0] if array.ndim else array.item()
        raise InvalidStaffingInput(f"{field} must be {rule}, got {offending:g}", field=field)
    return array


def positive(value: ArrayLike, *, field: str) -> FloatArray:
    return checked(value, field=field, rule="greater than 0", test=lambda a: a > 0)


def non_negative(value: ArrayLike, *, field: str) -> FloatArray:
    return checked(value, field=field, rule="0 or more", test=lambda a: a >= 0)


def fraction(value: ArrayLike, *, field: str) -> FloatArray:
    """A fraction in (0, 1]: a service-level target, an occupancy cap, an abandonment cap."""
    return checked(
        value, field=field, rule="above 0 and at most 1", test=lambda a: (a > 0) & (a <= 1)
    )


def agent_counts(value: ArrayLike, *, field: str = "agents") -> IntArray:
    whole = checked(
        value,
        field=field,
        rule="a whole number, 0 or more",
        test=lambda a: (a >= 0) & (a == np.floor(a)),
    )
    return whole.astype(np.int64)


@dataclass(frozen=True)
class StaffingTargets:
    """What a staffing must achieve; every target given must hold, and at least one is needed.

    ``service_level`` is the fraction answered within the interval's answer time; the ASA bound is
    on answered calls; ``max_abandon_rate`` needs callers' patience (Erlang A)."""

    service_level: float | None = None
    max_asa_seconds: float | None = None
    max_occupancy: float | None = None
    max_abandon_rate: float | None = None

    def __post_init__(self) -> None:
        if all(value is None for value in vars(self).values()):
            raise InvalidStaffingInput(
                "give a service level, an ASA, an occupancy or an abandonment target",
                field="targets",
            )
        for name in ("service_level", "max_occupancy", "max_abandon_rate"):
            if getattr(self, name) is not None:
                fraction(getattr(self, name), field=name)
        if self.max_asa_seconds is not None:
            positive(self.max_asa_seconds, field="max_asa_seconds")

    def met(self, figures: dict[str, FloatArray]) -> BoolArray:
        """Which intervals meet every target; a target met exactly (to round-off) counts as met."""
        met = np.ones(figures["service_level"].shape, dtype=bool)
        if self.service_level is not None:
            met &= figures["service_level"] >= self.service_level - TOLERANCE
        if self.max_asa_seconds is not None:
            met &= figures["asa_seconds"] <= self.max_asa_seconds * (1 + TOLERANCE)
        if self.max_occupancy is not None:
            met &= figures["occupancy"] <= self.max_occupancy * (1 + TOLERANCE)
        if self.max_abandon_rate is not None:
            met &= figures["abandon_rate"] <= self.max_abandon_rate + TOLERANCE
        return met


def smallest_meeting(lower: IntArray, meets: Callable[[IntArray, IntArray], BoolArray]) -> IntArray:
    """Per element, the smallest count n >= ``lower`` with ``meets(index, n)``.

    ``meets`` must be monotone in n (once met, met for every larger n). The search probes
    ``lower`` first, then gallops upward with doubling steps and bisects the last gap, so it never
    returns more than the smallest count and needs only a logarithmic number of evaluations."""
    failing = lower - 1
    passing = np.full(lower.shape, -1, dtype=np.int64)
    index, probe, step = np.arange(lower.size), lower.copy(), 1
    for _ in range(MAX_DOUBLINGS):
        met = meets(index, probe)
        passing[index[met]], failing[index[~met]] = probe[met], probe[~met]
        index = index[~met]
        if index.size == 0:
            break
        probe, step = failing[index] + step, step * 2
    else:
        raise InvalidStaffingInput(
            "the target cannot be met by any number of agents", field="targets"
        )
    index = np.flatnonzero(passing - failing > 1)
    while index.size:
        middle = (passing[index] + failing[index]) // 2
        met = meets(index, middle)
        passing[index[met]], failing[index[~met]] = middle[met], middle[~met]
        index = index[passing[index] - failing[index] > 1]
    return passing


def whole_agents(value: FloatArray) -> IntArray:
    """ceil(value), ignoring round-off above a whole number: 14 / 0.7 = 20.000000000000004 is 20."""
    return np.asarray(np.ceil(value * (1 - TOLERANCE)), dtype=np.int64)


def scheduled_agents(required: ArrayLike, shrinkage: ArrayLike) -> IntArray:
    """Agents to schedule so that ``required`` remain after shrinkage: ceil(r / (1 - s))."""
    need = non_negative(required, field="required_agents")
    lost = checked(
        shrinkage,
        field="shrinkage",
        rule="at least 0 and below 1",
        test=lambda s: (s >= 0) & (s < 1),
    )
    return whole_agents(need / (1.0 - lost))


@dataclass(frozen=True)
class MeasuredShrinkage:
    """Shrinkage from actuals: the share of paid hours lost, in total and per reason."""

    paid_hours: float
    lost_hours: float
    shrinkage: float
    by_reason: dict[str, float]


def measured_shrinkage(*, paid_hours: float, lost_hours: Mapping[str, float]) -> MeasuredShrinkage:
    """Shrinkage = hours lost (breaks, training, absence, ...) / paid hours."""
    paid = positive(paid_hours, field="paid_hours").item()
    lost = {
        reason: non_negative(hours, field=f"lost_hours[{reason}]").item()
        for reason, hours in lost_hours.items()
    }
    total = sum(lost.values())
    if total > paid:
        raise InvalidStaffingInput(
            f"hours lost ({total:g}) exceed paid hours ({paid:g})", field="lost_hours"
        )
    by_reason = {reason: hours / paid for reason, hours in lost.items()}
    return MeasuredShrinkage(
        paid_hours=paid, lost_hours=total, shrinkage=total / paid, by_reason=by_reason
    )


@dataclass(frozen=True)
class DeferredWorkStaffing:
    """Agents for deferred work, and why: the work rate the deadline and the arrivals demand."""

    agents: IntArray
    backlog_hours: FloatArray
    required_items_per_hour: FloatArray


def deferred_work_agents(
    *,
    backlog_items: ArrayLike,
    arrivals_per_hour: ArrayLike,
    aht_seconds: ArrayLike,
    deadline_hours: ArrayLike,
    max_occupancy: float = 1.0,
) -> DeferredWorkStaffing:
    """Agents so that, worked first in first out, every item is answered within the deadline.

    With c items per hour of capacity, the backlog B is cleared by B / c and an item arriving at t
    is answered by (B + r t) / c; both stay within the deadline D exactly when c >= max(B / D, r).
    So agents = ceil(max(B / D, r) x AHT / 3600 / occupancy): hours of work over hours available.
    """
    backlog = non_negative(backlog_items, field="backlog_items")
    rate = non_negative(arrivals_per_hour, field="arrivals_per_hour")
    aht = positive(aht_seconds, field="aht_seconds")
    deadline = positive(deadline_hours, field="deadline_hours")
    occupancy = fraction(max_occupancy, field="max_occupancy")
    needed = np.maximum(backlog / deadline, rate)
    agents = whole_agents(needed * aht / SECONDS_PER_HOUR / occupancy)
    return DeferredWorkStaffing(
        agents=agents,
        backlog_hours=np.asarray(backlog * aht / SECONDS_PER_HOUR),
        required_items_per_hour=np.asarray(needed),
    )
