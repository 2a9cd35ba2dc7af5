"""Due dates, overdue assignments and certification expiry: pure date rules.

- An assignment is due *on* its due date: it becomes overdue the day after, unless completed.
- A certification expires *on* its expiry date: it is valid on the days before it, and expired
  from that day on. One earned on 2 March 2026 for 12 months expires on 2 March 2027.
- It is *expiring* when it is still valid and lapses within the warning window
  (``expires_on - today <= warn_days``).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from floorlead.errors import RuleViolation
from floorlead.training.model import AssignmentStatus, ExpiryStatus


def due_date(start: date, due_days: int) -> date:
    if due_days < 0:
        raise RuleViolation("due_days must not be negative", field="due_days")
    return start + timedelta(days=due_days)


def days_overdue(due_on: date, *, completed: bool, today: date) -> int:
    """Whole days past the due date (0 when completed or not yet late)."""
    if completed:
        return 0
    return max((today - due_on).days, 0)


def is_overdue(due_on: date, *, completed: bool, today: date) -> bool:
    return days_overdue(due_on, completed=completed, today=today) > 0


def assignment_status(
    due_on: date, *, completed: bool, started: bool, today: date
) -> AssignmentStatus:
    if completed:
        return AssignmentStatus.COMPLETED
    if is_overdue(due_on, completed=False, today=today):
        return AssignmentStatus.OVERDUE
    return AssignmentStatus.IN_PROGRESS if started else AssignmentStatus.NOT_STARTED


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def certification_expiry(earned_on: date, valid_months: int | None) -> date | None:
    """The day a certification earned on ``earned_on`` lapses (None: it never does)."""
    if valid_months is None:
        return None
    if valid_months <= 0:
        raise RuleViolation("valid_months must be positive", field="valid_months")
    return add_months(earned_on, valid_months)


def expiry_status(expires_on: date | None, *, today: date, warn_days: int) -> ExpiryStatus:
    if warn_days < 0:
        raise RuleViolation("the warning window must not be negative", field="days")
    if expires_on is None:
        return ExpiryStatus.PERMANENT
    left = (expires_on - today).days
    if left <= 0:
        return ExpiryStatus.EXPIRED
    return ExpiryStatus.EXPIRING if left <= warn_days else ExpiryStatus.VALID


def is_valid_on(expires_on: date | None, today: date) -> bool:
    return expires_on is None or today < expires_on
