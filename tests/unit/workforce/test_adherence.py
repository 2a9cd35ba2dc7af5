"""Adherence, conformance, attendance and shrinkage on one hand-worked agent day.

Shift 09:00–17:00 with a paid break 11:00–11:15 and an unpaid lunch 13:00–13:30.
The agent signs in at 09:05, takes a 20-minute break 11:00–11:20, lunches on time and
signs out at 16:50.
"""

from datetime import UTC, datetime, timedelta

import pytest

from floorlead.errors import RuleViolation
from floorlead.workforce.adherence import (
    Activity,
    AgentState,
    ScheduledShift,
    Span,
    actual_shrinkage,
    attendance,
    measure_adherence,
    worked_seconds,
)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


SHIFT = ScheduledShift(
    start=at(9),
    end=at(17),
    activities=(
        Span(at(11), at(11, 15), Activity.BREAK),
        Span(at(13), at(13, 30), Activity.LUNCH),
    ),
)
DAY = [
    Span(at(9, 5), at(11), AgentState.AVAILABLE),
    Span(at(11), at(11, 20), AgentState.BREAK),
    Span(at(11, 20), at(13), AgentState.ON_CONTACT),
    Span(at(13), at(13, 30), AgentState.LUNCH),
    Span(at(13, 30), at(16, 50), AgentState.AVAILABLE),
]


def test_adherence_counts_late_start_long_break_and_early_leave() -> None:
    result = measure_adherence([SHIFT], DAY)

    # Out of adherence: 09:00–09:05 (300 s), 11:15–11:20 (300 s), 16:50–17:00 (600 s).
    assert [(d.start, d.end, d.scheduled, d.actual) for d in result.deviations] == [
        (at(9), at(9, 5), Activity.WORK, AgentState.OFFLINE),
        (at(11, 15), at(11, 20), Activity.WORK, AgentState.BREAK),
        (at(16, 50), at(17), Activity.WORK, AgentState.OFFLINE),
    ]
    # (28,800 − 1,200) / 28,800
    assert result.adherence == pytest.approx(27_600 / 28_800)


def test_conformance_compares_work_done_with_work_planned() -> None:
    result = measure_adherence([SHIFT], DAY)

    # Worked 6,900 + 6,000 + 12,000 = 24,900 s of 8 h − 45 min = 26,100 s planned.
    assert result.conformance == pytest.approx(24_900 / 26_100)


def test_deviations_shorter_than_the_tolerance_are_forgiven() -> None:
    result = measure_adherence([SHIFT], DAY, tolerance=timedelta(minutes=6))

    assert [d.seconds for d in result.deviations] == [600]
    assert result.adherence == pytest.approx(28_200 / 28_800)


def test_attendance_reports_late_start_and_early_leave() -> None:
    result = attendance(SHIFT, DAY)

    assert not result.absent
    assert (result.late_seconds, result.early_leave_seconds) == (300, 600)


def test_lateness_within_grace_is_not_counted() -> None:
    result = attendance(SHIFT, DAY, grace=timedelta(minutes=5))

    assert (result.late_seconds, result.early_leave_seconds) == (0, 600)


def test_no_sign_in_during_the_shift_is_an_absence() -> None:
    result = attendance(SHIFT, [Span(at(18), at(19), AgentState.AVAILABLE)])

    assert result.absent and result.first_sign_in is None


def test_actual_shrinkage_splits_lost_paid_time_by_reason() -> None:
    result = actual_shrinkage([SHIFT], DAY)

    # Paid: 8 h − 30 min unpaid lunch = 27,000 s. Lost: break 900 + 300, absence 300 + 600.
    assert result.paid_seconds == 27_000
    assert result.lost_seconds == {"absence": 900, "break": 1_200}
    assert result.total == pytest.approx(2_100 / 27_000)


def test_payroll_hours_leave_out_offline_and_unpaid_lunch() -> None:
    # Signed in 09:05–16:50 = 27,900 s, less the 1,800 s lunch.
    assert worked_seconds(DAY, start=at(0), end=at(23, 59)) == 26_100
    assert worked_seconds(DAY, start=at(16), end=at(23)) == 3_000


def test_overlapping_states_are_refused() -> None:
    overlapping = [*DAY, Span(at(10), at(10, 30), AgentState.MEETING)]

    with pytest.raises(RuleViolation, match="overlap"):
        measure_adherence([SHIFT], overlapping)


def test_an_activity_outside_its_shift_is_refused() -> None:
    shift = ScheduledShift(at(9), at(17), (Span(at(16, 45), at(17, 15), Activity.BREAK),))

    with pytest.raises(RuleViolation, match="inside the shift"):
        shift.timeline()
