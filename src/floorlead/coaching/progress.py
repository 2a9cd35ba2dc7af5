"""How far an agent is towards a KPI goal: a pure rule over target, baseline and actual value."""

from __future__ import annotations

from dataclasses import dataclass

from floorlead.coaching.model import Direction


@dataclass(frozen=True)
class GoalProgress:
    """``fraction`` is 0 at the baseline and 1 at the target (clamped to 0-1); None when
    either the actual value or the baseline is unknown. ``met`` is None without a value."""

    actual: float | None
    fraction: float | None
    met: bool | None


def is_met(*, target: float, direction: Direction, actual: float) -> bool:
    return actual >= target if direction is Direction.HIGHER else actual <= target


def goal_progress(
    *, target: float, direction: Direction, baseline: float | None, actual: float | None
) -> GoalProgress:
    """Progress from baseline to target in the goal's better direction.

    >>> goal_progress(target=90, direction=Direction.HIGHER, baseline=80, actual=85).fraction
    0.5
    """
    if actual is None:
        return GoalProgress(None, None, None)
    met = is_met(target=target, direction=direction, actual=actual)
    if met:
        return GoalProgress(actual, 1.0, True)
    if baseline is None or baseline == target:
        return GoalProgress(actual, None, False)
    fraction = (actual - baseline) / (target - baseline)
    return GoalProgress(actual, min(max(fraction, 0.0), 1.0), False)
