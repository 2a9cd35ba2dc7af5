"""Schedule adherence, conformance, attendance and actual shrinkage (pure rules).

A schedule says what an agent should be doing (an :class:`Activity`) at each moment of their
shift; agent states say what they were doing. Both are lists of :class:`Span`.

- adherence = seconds in adherence ÷ scheduled seconds (the shift, breaks included); a moment
  is in adherence when the actual state belongs to the scheduled activity. Deviations
  shorter than the tolerance count as in adherence.
- conformance = seconds in work states (available, on contact, after-contact work) ÷ seconds
  of planned work, over the whole period (work outside the shift counts too, so conformance
  may pass 100%).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Generic, TypeVar

from floorlead.errors import RuleViolation

V = TypeVar("V")


class AgentState(StrEnum):
    AVAILABLE = "available"
    ON_CONTACT = "on_contact"
    AFTER_CONTACT_WORK = "after_contact_work"
    BREAK = "break"
    LUNCH = "lunch"
    TRAINING = "training"
    MEETING = "meeting"
    OFFLINE = "offline"


class Activity(StrEnum):
    """What the schedule expects. ``OFF`` is time outside the shift."""

    WORK = "work"
    BREAK = "break"
    LUNCH = "lunch"
    TRAINING = "training"
    MEETING = "meeting"
    OFF = "off"


STATE_ACTIVITY: dict[AgentState, Activity] = {
    AgentState.AVAILABLE: Activity.WORK,
    AgentState.ON_CONTACT: Activity.WORK,
    AgentState.AFTER_CONTACT_WORK: Activity.WORK,
    AgentState.BREAK: Activity.BREAK,
    AgentState.LUNCH: Activity.LUNCH,
    AgentState.TRAINING: Activity.TRAINING,
    AgentState.MEETING: Activity.MEETING,
    AgentState.OFFLINE: Activity.OFF,
}


@dataclass(frozen=True)
class Span(Generic[V]):
    start: datetime
    end: datetime
    value: V

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise RuleViolation("a span must end after it starts", field="end")

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True)
class ScheduledShift:
    """A shift with its planned activities (breaks, lunch, training…); the rest is work."""

    start: datetime
    end: datetime
    activities: tuple[Span[Activity], ...] = ()
    unpaid: frozenset[Activity] = frozenset({Activity.LUNCH})

    def timeline(self) -> list[Span[Activity]]:
        """The shift as consecutive spans, work filling the gaps between activities."""
        spans: list[Span[Activity]] = []
        cursor = self.start
        for activity in sorted(self.activities, key=lambda s: s.start):
            if activity.start < cursor or activity.end > self.end:
                raise RuleViolation(
                    "activities must lie inside the shift without overlapping", field="activities"
                )
            if activity.start > cursor:
                spans.append(Span(cursor, activity.start, Activity.WORK))
            spans.append(activity)
            cursor = activity.end
        if cursor < self.end:
            spans.append(Span(cursor, self.end, Activity.WORK))
        return spans

    @property
    def paid_seconds(self) -> float:
        return sum(s.seconds for s in self.timeline() if s.value not in self.unpaid)


@dataclass(frozen=True)
class Deviation:
    start: datetime
    end: datetime
    scheduled: Activity
    actual: AgentState

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True)
class AdherenceResult:
    scheduled_seconds: float
    in_adherence_seconds: float
    worked_seconds: float
    scheduled_work_seconds: float
    deviations: tuple[Deviation, ...]

    @property
    def adherence(self) -> float | None:
        if self.scheduled_seconds == 0:
            return None
        return self.in_adherence_seconds / self.scheduled_seconds

    @property
    def conformance(self) -> float | None:
        if self.scheduled_work_seconds == 0:
            return None
        return self.worked_seconds / self.scheduled_work_seconds


def _state_at(states: Sequence[Span[AgentState]], start: datetime, end: datetime) -> AgentState:
    for span in states:
        if span.start <= start and end <= span.end:
            return span.value
    return AgentState.OFFLINE


def _boundaries(*groups: Iterable[Span[object]]) -> list[datetime]:
    points = {p for group in groups for span in group for p in (span.start, span.end)}
    return sorted(points)


def _pieces(
    plan: Span[Activity], states: Sequence[Span[AgentState]]
) -> Iterator[tuple[datetime, datetime, AgentState]]:
    """Cut a planned span where the actual state changes: (start, end, actual state)."""
    points = [p for p in _boundaries([plan], states) if plan.start <= p <= plan.end]
    for start, end in pairwise(points):
        yield start, end, _state_at(states, start, end)


def check_states(states: Sequence[Span[AgentState]]) -> list[Span[AgentState]]:
    """States sorted by start; overlapping states are refused."""
    ordered = sorted(states, key=lambda s: s.start)
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise RuleViolation(
                f"agent states overlap at {after.start.isoformat()}", field="states"
            )
    return ordered


def measure_adherence(
    shifts: Sequence[ScheduledShift],
    states: Sequence[Span[AgentState]],
    *,
    tolerance: timedelta = timedelta(0),
) -> AdherenceResult:
    """Adherence and conformance of one agent over the given shifts (typically one day)."""
    states = check_states(states)
    planned = [span for shift in shifts for span in shift.timeline()]
    scheduled = sum(s.seconds for s in planned)
    deviations: list[Deviation] = []
    for plan in planned:
        for start, end, actual in _pieces(plan, states):
            if STATE_ACTIVITY[actual] is not plan.value:
                deviations.append(Deviation(start, end, plan.value, actual))
    merged = _merge(deviations)
    significant = tuple(d for d in merged if d.seconds >= tolerance.total_seconds())
    out = sum(d.seconds for d in significant)
    worked = sum(s.seconds for s in states if STATE_ACTIVITY[s.value] is Activity.WORK)
    work_planned = sum(s.seconds for s in planned if s.value is Activity.WORK)
    return AdherenceResult(scheduled, scheduled - out, worked, work_planned, significant)


def _merge(deviations: list[Deviation]) -> list[Deviation]:
    merged: list[Deviation] = []
    for d in deviations:
        last = merged[-1] if merged else None
        if (
            last
            and last.end == d.start
            and (last.scheduled, last.actual) == (d.scheduled, d.actual)
        ):
            merged[-1] = Deviation(last.start, d.end, d.scheduled, d.actual)
        else:
            merged.append(d)
    return merged


@dataclass(frozen=True)
class Attendance:
    shift_start: datetime
    shift_end: datetime
    absent: bool
    first_sign_in: datetime | None
    last_sign_out: datetime | None
    late_seconds: float
    early_leave_seconds: float


def attendance(
    shift: ScheduledShift,
    states: Sequence[Span[AgentState]],
    *,
    grace: timedelta = timedelta(minutes=2),
) -> Attendance:
    """Late start, early leave or absence for one shift.

    Signed-in states from two hours before the shift to its end count. Lateness and early
    leaving within ``grace`` are not counted.
    """
    window_start = shift.start - timedelta(hours=2)
    signed_in = [
        s
        for s in check_states(states)
        if s.value is not AgentState.OFFLINE and s.end > window_start and s.start < shift.end
    ]
    if not signed_in:
        return Attendance(shift.start, shift.end, True, None, None, 0.0, 0.0)
    first = signed_in[0].start
    last = max(s.end for s in signed_in)
    late = (first - shift.start).total_seconds()
    early = (shift.end - last).total_seconds()
    grace_s = grace.total_seconds()
    return Attendance(
        shift.start,
        shift.end,
        False,
        first,
        last,
        late if late > grace_s else 0.0,
        early if early > grace_s else 0.0,
    )


@dataclass(frozen=True)
class Shrinkage:
    paid_seconds: float
    lost_seconds: dict[str, float]

    @property
    def total(self) -> float | None:
        if self.paid_seconds == 0:
            return None
        return sum(self.lost_seconds.values()) / self.paid_seconds


def actual_shrinkage(
    shifts: Sequence[ScheduledShift], states: Sequence[Span[AgentState]]
) -> Shrinkage:
    """Share of paid shift time not available for contacts, by reason.

    Reasons are the state the agent was in (break, training, meeting…); paid time with no
    signed-in state counts as ``absence``. Unpaid activities (lunch) are not paid time.
    """
    states = check_states(states)
    lost: dict[str, float] = {}
    paid = 0.0
    for shift in shifts:
        for plan in shift.timeline():
            if plan.value in shift.unpaid:
                continue
            paid += plan.seconds
            for start, end, actual in _pieces(plan, states):
                if STATE_ACTIVITY[actual] is Activity.WORK:
                    continue
                reason = "absence" if actual is AgentState.OFFLINE else actual.value
                lost[reason] = lost.get(reason, 0.0) + (end - start).total_seconds()
    return Shrinkage(paid, lost)


def worked_seconds(states: Sequence[Span[AgentState]], *, start: datetime, end: datetime) -> float:
    """Paid signed-in time inside [start, end): every state but offline and (unpaid) lunch."""
    total = 0.0
    for span in check_states(states):
        if span.value in {AgentState.OFFLINE, AgentState.LUNCH}:
            continue
        overlap = (min(span.end, end) - max(span.start, start)).total_seconds()
        total += max(overlap, 0.0)
    return total
