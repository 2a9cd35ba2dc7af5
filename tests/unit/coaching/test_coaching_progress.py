"""Goal progress: 0 at the baseline, 1 at the target, in the goal's better direction."""

import pytest

from floorlead.coaching.model import AttendanceSummary, Direction
from floorlead.coaching.progress import goal_progress


@pytest.mark.parametrize(
    ("target", "direction", "baseline", "actual", "fraction", "met"),
    [
        (90, Direction.HIGHER, 80, 85, 0.5, False),
        (90, Direction.HIGHER, 80, 92, 1.0, True),
        (90, Direction.HIGHER, 80, 75, 0.0, False),  # worse than the start: no progress
        (240, Direction.LOWER, 300, 270, 0.5, False),  # AHT: 300 s -> 240 s, now 270 s
        (240, Direction.LOWER, 300, 240, 1.0, True),
        (240, Direction.LOWER, None, 250, None, False),  # no baseline: no bar, not met
    ],
)
def test_progress_runs_from_baseline_to_target(
    target: float,
    direction: Direction,
    baseline: float | None,
    actual: float,
    fraction: float | None,
    met: bool,
) -> None:
    progress = goal_progress(target=target, direction=direction, baseline=baseline, actual=actual)

    assert progress.fraction == (None if fraction is None else pytest.approx(fraction))
    assert progress.met is met


def test_without_a_value_nothing_is_known() -> None:
    progress = goal_progress(target=90, direction=Direction.HIGHER, baseline=80, actual=None)

    assert (progress.actual, progress.fraction, progress.met) == (None, None, None)


def test_attendance_rate_is_the_share_of_shifts_attended() -> None:
    assert AttendanceSummary(shifts=20, absences=1, late_starts=3, early_leaves=0).rate == 0.95
    assert AttendanceSummary(0, 0, 0, 0).rate is None
