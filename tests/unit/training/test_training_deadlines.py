from datetime import date

import pytest

from floorlead.errors import RuleViolation
from floorlead.training.deadlines import (
    add_months,
    assignment_status,
    certification_expiry,
    days_overdue,
    due_date,
    expiry_status,
    is_valid_on,
)
from floorlead.training.model import AssignmentStatus, ExpiryStatus

DUE = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("today", "completed", "late"),
    [
        (date(2026, 3, 15), False, 0),
        (date(2026, 3, 16), False, 0),  # due on the day: not late yet
        (date(2026, 3, 17), False, 1),
        (date(2026, 4, 1), False, 16),
        (date(2026, 4, 1), True, 0),
    ],
)
def test_an_assignment_is_overdue_from_the_day_after_its_due_date(
    today: date, completed: bool, late: int
) -> None:
    assert days_overdue(DUE, completed=completed, today=today) == late


@pytest.mark.parametrize(
    ("completed", "started", "today", "status"),
    [
        (False, False, date(2026, 3, 10), AssignmentStatus.NOT_STARTED),
        (False, True, date(2026, 3, 10), AssignmentStatus.IN_PROGRESS),
        (False, True, date(2026, 3, 17), AssignmentStatus.OVERDUE),
        (True, True, date(2026, 3, 17), AssignmentStatus.COMPLETED),
    ],
)
def test_assignment_status(
    completed: bool, started: bool, today: date, status: AssignmentStatus
) -> None:
    assert assignment_status(DUE, completed=completed, started=started, today=today) is status


def test_due_dates_count_calendar_days_from_the_start() -> None:
    assert due_date(date(2026, 3, 2), 14) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("day", "months", "moved"),
    [
        (date(2026, 3, 2), 12, date(2027, 3, 2)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 31), 24, date(2028, 8, 31)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_month_end(
    day: date, months: int, moved: date
) -> None:
    assert add_months(day, months) == moved


def test_a_certification_without_a_validity_never_expires() -> None:
    assert certification_expiry(date(2026, 3, 2), None) is None
    assert certification_expiry(date(2026, 3, 2), 12) == date(2027, 3, 2)


@pytest.mark.parametrize(
    ("expires_on", "today", "status"),
    [
        (None, date(2030, 1, 1), ExpiryStatus.PERMANENT),
        (date(2026, 6, 1), date(2026, 3, 2), ExpiryStatus.VALID),  # 91 days left
        (date(2026, 4, 1), date(2026, 3, 2), ExpiryStatus.VALID),  # 30 days left, window 29
        (date(2026, 3, 31), date(2026, 3, 2), ExpiryStatus.EXPIRING),  # 29 days left
        (date(2026, 3, 3), date(2026, 3, 2), ExpiryStatus.EXPIRING),
        (date(2026, 3, 2), date(2026, 3, 2), ExpiryStatus.EXPIRED),  # lapses on the day
        (date(2026, 1, 1), date(2026, 3, 2), ExpiryStatus.EXPIRED),
    ],
)
def test_expiry_status_with_a_29_day_window(
    expires_on: date | None, today: date, status: ExpiryStatus
) -> None:
    assert expiry_status(expires_on, today=today, warn_days=29) is status


def test_a_certification_is_valid_on_the_days_before_it_expires() -> None:
    assert is_valid_on(date(2026, 3, 2), date(2026, 3, 1)) is True
    assert is_valid_on(date(2026, 3, 2), date(2026, 3, 2)) is False
    assert is_valid_on(None, date(2099, 1, 1)) is True


def test_negative_windows_and_validities_are_refused() -> None:
    with pytest.raises(RuleViolation):
        expiry_status(date(2026, 3, 2), today=date(2026, 3, 1), warn_days=-1)
    with pytest.raises(RuleViolation):
        certification_expiry(date(2026, 3, 2), 0)
    with pytest.raises(RuleViolation):
        due_date(date(2026, 3, 2), -1)
