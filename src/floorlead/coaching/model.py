"""Coaching values: enums, provider interfaces and small value objects. No SQLAlchemy here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class LinkKind(StrEnum):
    """What prompted a 1:1: a QA review, a KPI gap, a QA criterion, a ticket, or anything else."""

    QA_REVIEW = "qa_review"
    KPI = "kpi"
    QA_CRITERION = "qa_criterion"
    TICKET = "ticket"
    OTHER = "other"


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better


class GoalStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class MeetingKind(StrEnum):
    MEETING = "meeting"
    BRIEFING = "briefing"


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


KpiSource = Callable[[int, str, datetime, datetime], float | None]
"""``source(person_id, kpi, start, end)``: the person's value of KPI ``kpi`` over
``[start, end)``, or None when there is nothing to measure. KPI names are those of the
metrics catalogue (docs/metrics.md)."""


@dataclass(frozen=True)
class Sample:
    """Observations of one behaviour in a window: one value per ticket, survey, review or day.

    ``binary`` samples hold 0/1 outcomes (a CSAT response was good, a QA criterion passed).
    """

    values: tuple[float, ...]
    binary: bool = False


SampleSource = Callable[[int, str, datetime, datetime], Sample]
"""``source(person_id, ref, start, end)``: the observations behind a KPI or a QA criterion."""

QaSource = Callable[[int, datetime, datetime], float | None]
"""``source(person_id, start, end)``: the person's average QA score (0-100) in the window."""


@dataclass(frozen=True)
class AttendanceSummary:
    """Published shifts in a window and how the person turned up for them."""

    shifts: int
    absences: int
    late_starts: int
    early_leaves: int

    @property
    def rate(self) -> float | None:
        """Share of scheduled shifts attended (0-1), None without shifts."""
        if self.shifts == 0:
            return None
        return (self.shifts - self.absences) / self.shifts


AttendanceSource = Callable[[int, datetime, datetime], AttendanceSummary]
"""``source(person_id, start, end)``: attendance of the person's shifts starting in the window."""


@dataclass(frozen=True)
class KpiInfo:
    """How to show and judge a KPI: its label, unit and which way is better."""

    name: str
    label: str
    unit: str
    better: Direction | None
