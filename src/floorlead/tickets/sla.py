"""SLA clocks derived from a ticket's event history; the semantics are in docs/tickets/sla.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.tickets.business_hours import (
    BusinessHours,
    add_business_seconds,
    business_seconds_between,
)
from floorlead.tickets.model import EventKind, Priority, SlaMetric, Status, Via

RESOLVED_STATUSES = frozenset({Status.SOLVED.value, Status.CLOSED.value})
_PRIORITIES, _METRICS, _STATUSES = frozenset(Priority), frozenset(SlaMetric), frozenset(Status)


@dataclass(frozen=True)
class EventValue:
    """The part of a ``ticket_events`` row that the SLA rules read."""

    kind: str
    occurred_at: datetime
    via: str = Via.AGENT.value
    from_value: str | None = None
    to_value: str | None = None


@dataclass(frozen=True)
class PolicyValue:
    """An SLA policy: minutes per ``(priority, metric)``, in business or calendar time."""

    id: int
    name: str
    targets: Mapping[tuple[str, str], int]
    hours: BusinessHours | None = None
    pause_statuses: frozenset[str] = frozenset()
    customer_tier: str | None = None
    channel: str | None = None
    position: int = 0

    def __post_init__(self) -> None:
        for (priority, metric), minutes in self.targets.items():
            if priority not in _PRIORITIES or metric not in _METRICS:
                raise RuleViolation(f"unknown target {priority}/{metric}", field="targets")
            if not isinstance(minutes, int) or minutes <= 0:
                raise RuleViolation(f"target {priority}/{metric} must be > 0", field="targets")
        bad = set(self.pause_statuses) - (_STATUSES - RESOLVED_STATUSES)
        if bad:
            raise RuleViolation(f"cannot pause on {sorted(bad)}", field="pause_statuses")
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))
        object.__setattr__(self, "pause_statuses", frozenset(self.pause_statuses))

    def target_minutes(self, priority: str, metric: str) -> int | None:
        return self.targets.get((priority, metric))


def select_policy(
    policies: Sequence[PolicyValue], *, priority: str, customer_tier: str, channel: str
) -> PolicyValue | None:
    """The first policy by position (then id) that matches the ticket and targets its priority."""
    for policy in sorted(policies, key=lambda policy: (policy.position, policy.id)):
        if policy.customer_tier not in (None, customer_tier):
            continue
        if policy.channel not in (None, channel):
            continue
        if any(policy.target_minutes(priority, metric) for metric in SlaMetric):
            return policy
    return None


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    BREACHED = "breached"  # completed late, or past its target and not completed yet


@dataclass(frozen=True)
class SlaClock:
    metric: str
    target_minutes: int
    state: ClockState
    started_at: datetime
    due_at: datetime | None  # when the target falls (running) or fell (breached)
    completed_at: datetime | None
    elapsed_seconds: float  # counted time: business or calendar, pauses excluded
    remaining_seconds: float | None  # counted time left; None once completed
    breached_by_seconds: float  # counted time past the target; 0 unless breached


def is_at_risk(clock: SlaClock, *, within_seconds: float) -> bool:
    """True for a running clock whose counted time left is at most ``within_seconds``."""
    if clock.state is not ClockState.RUNNING or clock.remaining_seconds is None:
        return False
    return clock.remaining_seconds <= within_seconds


def sla_clocks(
    policy: PolicyValue, *, priority: str, events: Sequence[EventValue], now: datetime
) -> list[SlaClock]:
    """The ticket's clocks as of ``now``, in metric order: first reply, next reply, resolution.

    A metric without a target for ``priority`` (the ticket's current priority) is left out, as
    is a clock that has not started or was stopped without a result; for next reply only the
    most recent clock is returned (see ``next_reply_history``).
    """
    history = _history(events, pause_statuses=policy.pause_statuses, now=now)
    clocks: list[SlaClock] = []
    for span in history.spans:
        if span.metric == SlaMetric.NEXT_REPLY and span is not history.last_next_reply:
            continue
        clock = _clock(policy, priority, span, history, now)
        if clock is not None:
            clocks.append(clock)
    return sorted(clocks, key=lambda clock: list(SlaMetric).index(SlaMetric(clock.metric)))


def next_reply_history(
    policy: PolicyValue, *, priority: str, events: Sequence[EventValue], now: datetime
) -> list[SlaClock]:
    """Every next-reply clock of the ticket, oldest first, completed ones included."""
    history = _history(events, pause_statuses=policy.pause_statuses, now=now)
    clocks = (_clock(policy, priority, span, history, now) for span in history.spans)
    return [clock for clock in clocks if clock and clock.metric == SlaMetric.NEXT_REPLY]


@dataclass(frozen=True)
class _Span:
    metric: SlaMetric
    started_at: datetime
    completed_at: datetime | None = None


@dataclass
class _History:
    """What the event walk yields: clock spans and the stretches of time that count."""

    spans: list[_Span] = field(default_factory=list)
    counting: list[tuple[datetime, datetime]] = field(default_factory=list)
    counts_now: bool = False

    @property
    def last_next_reply(self) -> _Span | None:
        replies = [span for span in self.spans if span.metric == SlaMetric.NEXT_REPLY]
        return replies[-1] if replies else None

    def elapsed(self, hours: BusinessHours | None, start: datetime, end: datetime) -> float:
        return sum(
            business_seconds_between(hours, max(open_at, start), min(close_at, end))
            for open_at, close_at in self.counting
        )

    def crossing(self, hours: BusinessHours | None, start: datetime, seconds: float) -> datetime:
        """The instant when ``seconds`` of counted time had passed since ``start``.

        Only asked for a breached clock, so the counted stretches hold at least ``seconds``.
        """
        left = seconds
        for open_at, close_at in self.counting:
            begin = max(open_at, start)
            available = business_seconds_between(hours, begin, close_at)
            if available >= left:
                return add_business_seconds(hours, begin, left)
            left -= available
        return self.counting[-1][1]


def _clock(
    policy: PolicyValue, priority: str, span: _Span, history: _History, now: datetime
) -> SlaClock | None:
    minutes = policy.target_minutes(priority, span.metric)
    if minutes is None:
        return None
    target = minutes * 60.0
    hours, completed = policy.hours, span.completed_at is not None
    elapsed = history.elapsed(hours, span.started_at, span.completed_at or now)
    breached = elapsed > target
    running = not completed and history.counts_now
    if breached:
        state, due_at = ClockState.BREACHED, history.crossing(hours, span.started_at, target)
    elif completed:
        state, due_at = ClockState.ACHIEVED, None
    elif running:
        state, due_at = ClockState.RUNNING, add_business_seconds(hours, now, target - elapsed)
    else:
        state, due_at = ClockState.PAUSED, None
    return SlaClock(
        metric=span.metric.value,
        target_minutes=minutes,
        state=state,
        started_at=span.started_at,
        due_at=due_at,
        completed_at=span.completed_at,
        elapsed_seconds=elapsed,
        remaining_seconds=None if completed else max(target - elapsed, 0.0),
        breached_by_seconds=max(elapsed - target, 0.0),
    )


class _Walk:
    """One pass over the events, tracking the status and the live reply clocks."""

    def __init__(self, created: EventValue, at: datetime, pause_statuses: frozenset[str]) -> None:
        self.pause_statuses = pause_statuses
        self.status = created.to_value or Status.NEW.value
        self.status_since = self.resolved_since = at
        self.history = _History(spans=[_Span(SlaMetric.RESOLUTION, at)])
        self.first_reply: datetime | None = at if created.via != Via.AGENT else None
        self.first_reply_over = False
        self.next_reply: datetime | None = None

    def customer_message(self, at: datetime) -> None:
        if not self.first_reply_over and self.first_reply is None:
            self.first_reply = at
        elif self.first_reply_over and self.next_reply is None:
            self.next_reply = at

    def public_reply(self, at: datetime) -> None:
        if self.first_reply is not None:
            self.history.spans.append(_Span(SlaMetric.FIRST_REPLY, self.first_reply, at))
            self.first_reply, self.first_reply_over = None, True
        elif self.next_reply is not None:
            self.history.spans.append(_Span(SlaMetric.NEXT_REPLY, self.next_reply, at))
            self.next_reply = None

    def status_change(self, status: str, at: datetime) -> None:
        self._close_stretch(at)
        if status in RESOLVED_STATUSES and self.status not in RESOLVED_STATUSES:
            self.resolved_since = at
            self._stop_reply_clocks()
        self.status, self.status_since = status, at

    def finish(self, now: datetime) -> _History:
        self._close_stretch(now)
        history = self.history
        history.counts_now = self._counts(self.status)
        if self.status in RESOLVED_STATUSES:
            self._stop_reply_clocks()
            resolution = history.spans[0]
            history.spans[0] = _Span(resolution.metric, resolution.started_at, self.resolved_since)
        for metric, started_at in (
            (SlaMetric.FIRST_REPLY, self.first_reply),
            (SlaMetric.NEXT_REPLY, self.next_reply),
        ):
            if started_at is not None:
                history.spans.append(_Span(metric, started_at))
        return history

    def _stop_reply_clocks(self) -> None:
        """A resolved ticket stops the live reply clocks without a result."""
        if self.first_reply is not None:
            self.first_reply, self.first_reply_over = None, True
        self.next_reply = None

    def _counts(self, status: str) -> bool:
        return status not in RESOLVED_STATUSES and status not in self.pause_statuses

    def _close_stretch(self, at: datetime) -> None:
        if self._counts(self.status) and at > self.status_since:
            self.history.counting.append((self.status_since, at))


def _history(
    events: Sequence[EventValue], *, pause_statuses: frozenset[str], now: datetime
) -> _History:
    """Walk the events that happened by ``now`` (in order; ties keep their given order)."""
    now = ensure_utc(now, field="now")
    timed = [(ensure_utc(event.occurred_at, field="events.occurred_at"), event) for event in events]
    happened = sorted(
        ((at, event) for at, event in timed if at <= now),
        key=lambda pair: (pair[0], pair[1].kind != EventKind.CREATED),
    )
    if not happened or happened[0][1].kind != EventKind.CREATED:
        raise RuleViolation(
            "the history must begin with the created event, at or before now", field="events"
        )
    created_at, created = happened[0]
    walk = _Walk(created, created_at, pause_statuses)
    for at, event in happened[1:]:
        if event.kind == EventKind.CUSTOMER_MESSAGE:
            walk.customer_message(at)
        elif event.kind == EventKind.PUBLIC_REPLY:
            walk.public_reply(at)
        elif event.kind == EventKind.STATUS_CHANGE:
            if not event.to_value:
                raise RuleViolation("a status change needs to_value", field="events")
            walk.status_change(event.to_value, at)
    return walk.finish(now)
