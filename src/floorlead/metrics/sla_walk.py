"""SLA clocks for many tickets: the walk of ``floorlead.tickets.sla`` with fast business hours.

The ticket area's rule is the reference: it walks one ticket's events and measures each
counted stretch with ``business_seconds_between``, which steps through the calendar's
windows day by day. That is right for one ticket and too slow for a million. This module
walks the events the same way but reads business time off a prebuilt clock (integer
microseconds, binary search), so a ticket costs microseconds. Tests check that both give the
same clocks on hand-made and random histories.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from floorlead.metrics.business_clock import BusinessClock
from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.sla import RESOLVED_STATUSES, PolicyValue

US = 1_000_000
ORDER = ("first_reply", "next_reply", "resolution")


class FastHours:
    """Business time in integer microseconds over a date range (None: calendar time)."""

    def __init__(self, hours: BusinessHours | None, first: date, last: date) -> None:
        self.calendar = hours is None
        clock = BusinessClock(hours, first, last)
        self.opens = clock.opens.tolist()
        self.lengths = clock.lengths.tolist()
        self.before = clock.before.tolist()
        self.ends = [b + n for b, n in zip(self.before, self.lengths, strict=True)]

    def reading(self, at: int) -> int:
        if self.calendar:
            return at
        index = bisect_right(self.opens, at) - 1
        if index < 0:
            return 0
        return self.before[index] + min(max(at - self.opens[index], 0), self.lengths[index])

    def between(self, start: int, end: int) -> int:
        return self.reading(end) - self.reading(start) if end > start else 0

    def add(self, start: int, micros: int) -> int:
        """The instant when ``micros`` of business time have passed after ``start``."""
        if self.calendar or micros <= 0:
            return start + micros
        target = self.reading(start) + micros
        index = bisect_left(self.ends, target)
        if index >= len(self.opens):
            raise ValueError("an SLA due time lies beyond the range of the business clock")
        return self.opens[index] + (target - self.before[index])


def hours_for_range(hours: BusinessHours | None, first: date, last: date) -> FastHours:
    """A clock covering the events and, generously, the due times that follow them."""
    return FastHours(hours, first - timedelta(days=1), last + timedelta(days=400))


@dataclass
class _Walk:
    pause: frozenset[str]
    status: str
    since: int
    resolved_since: int
    spans: list[tuple[str, int, int | None]] = field(default_factory=list)
    counting: list[tuple[int, int]] = field(default_factory=list)
    first_reply: int | None = None
    first_over: bool = False
    next_reply: int | None = None

    def counts(self, status: str) -> bool:
        return status not in RESOLVED_STATUSES and status not in self.pause

    def close(self, at: int) -> None:
        if self.counts(self.status) and at > self.since:
            self.counting.append((self.since, at))

    def stop_replies(self) -> None:
        if self.first_reply is not None:
            self.first_reply, self.first_over = None, True
        self.next_reply = None

    def step(self, kind: str, at: int, to_value: str | None) -> None:
        if kind == "customer_message":
            if not self.first_over and self.first_reply is None:
                self.first_reply = at
            elif self.first_over and self.next_reply is None:
                self.next_reply = at
        elif kind == "public_reply":
            if self.first_reply is not None:
                self.spans.append(("first_reply", self.first_reply, at))
                self.first_reply, self.first_over = None, True
            elif self.next_reply is not None:
                self.spans.append(("next_reply", self.next_reply, at))
                self.next_reply = None
        elif kind == "status_change" and to_value:
            self.close(at)
            if to_value in RESOLVED_STATUSES and self.status not in RESOLVED_STATUSES:
                self.resolved_since = at
                self.stop_replies()
            self.status, self.since = to_value, at


Event = tuple[str, int, str, str | None]  # kind, occurred (µs), via, to_value
Clock = tuple[str, int, str, int, int | None, int | None, float, float]


def ticket_clocks(
    policy: PolicyValue, priority: str, events: list[Event], now: int, hours: FastHours
) -> list[Clock]:
    """(metric, target minutes, state, started, due, completed, elapsed s, breached by s)."""
    happened = sorted((e for e in events if e[1] <= now), key=lambda e: (e[1], e[0] != "created"))
    if not happened or happened[0][0] != "created":
        return []
    kind, created, via, first_status = happened[0]
    walk = _Walk(policy.pause_statuses, first_status or "new", created, created)
    walk.first_reply = created if via != "agent" else None
    for kind, at, _via, to_value in happened[1:]:
        walk.step(kind, at, to_value)
    walk.close(now)
    counts_now = walk.counts(walk.status)
    resolution_end = None
    if walk.status in RESOLVED_STATUSES:
        walk.stop_replies()
        resolution_end = walk.resolved_since
    spans = [("resolution", created, resolution_end), *walk.spans]
    for metric, start in (("first_reply", walk.first_reply), ("next_reply", walk.next_reply)):
        if start is not None:
            spans.append((metric, start, None))
    clocks = []
    for metric, start, completed in spans:
        minutes = policy.target_minutes(priority, metric)
        if minutes is not None:
            clocks.append(_clock(metric, minutes, start, completed, walk, counts_now, now, hours))
    return sorted(clocks, key=lambda clock: ORDER.index(clock[0]))


def _clock(
    metric: str,
    minutes: int,
    start: int,
    completed: int | None,
    walk: _Walk,
    counts_now: bool,
    now: int,
    hours: FastHours,
) -> Clock:
    target = minutes * 60 * US
    end = completed if completed is not None else now
    elapsed = sum(hours.between(max(o, start), min(c, end)) for o, c in walk.counting)
    if elapsed > target:
        state, due = "breached", _crossing(walk.counting, start, target, hours)
    elif completed is not None:
        state, due = "achieved", None
    elif counts_now:
        state, due = "running", hours.add(now, target - elapsed)
    else:
        state, due = "paused", None
    breached_by = max(elapsed - target, 0) / US
    return (metric, minutes, state, start, due, completed, elapsed / US, breached_by)


def _crossing(counting: list[tuple[int, int]], start: int, target: int, hours: FastHours) -> int:
    left = target
    for open_at, close_at in counting:
        begin = max(open_at, start)
        available = hours.between(begin, close_at)
        if available >= left:
            return hours.add(begin, left)
        left -= available
    return counting[-1][1]
