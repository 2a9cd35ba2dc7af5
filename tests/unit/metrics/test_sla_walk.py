"""The bulk SLA walk gives the same clocks as the ticket area's rule, history by history."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from floorlead.metrics.sla_walk import US, hours_for_range, ticket_clocks
from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.sla import EventValue, PolicyValue, next_reply_history, sla_clocks

OFFICE = {str(day): [["09:00", "12:30"], ["13:30", "18:00"]] for day in range(5)}
TARGETS = {
    ("normal", "first_reply"): 90,
    ("normal", "next_reply"): 240,
    ("normal", "resolution"): 960,
}
STATUSES = ["open", "pending", "on_hold", "solved", "open", "solved", "closed"]


def _policy(hours: BusinessHours | None) -> PolicyValue:
    return PolicyValue(
        id=1, name="Standard", targets=TARGETS, hours=hours, pause_statuses=frozenset({"pending"})
    )


def _history(rng: random.Random) -> list[EventValue]:
    at = datetime(2026, 3, 20, 8, 0, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 60 * 24 * 20))
    events = [
        EventValue(
            "created",
            at,
            via=rng.choice(["customer", "agent"]),
            to_value=rng.choice(["new", "open"]),
        )
    ]
    status = events[0].to_value
    for _ in range(rng.randrange(0, 12)):
        at += timedelta(minutes=rng.choice([0, 5, 45, 200, 900, 3000]))
        kind = rng.choice(["customer_message", "public_reply", "status_change", "internal_note"])
        if kind == "status_change":
            if status == "closed":
                continue
            new = rng.choice(STATUSES)
            events.append(EventValue(kind, at, from_value=status, to_value=new))
            status = new
        else:
            events.append(
                EventValue(kind, at, via="customer" if kind == "customer_message" else "agent")
            )
    return events


def _reference(policy: PolicyValue, events: list[EventValue], now: datetime) -> list[tuple]:
    clocks = [
        c
        for c in sla_clocks(policy, priority="normal", events=events, now=now)
        if c.metric != "next_reply"
    ]
    clocks += next_reply_history(policy, priority="normal", events=events, now=now)
    return sorted(
        (
            c.metric,
            c.state.value,
            c.started_at,
            c.due_at,
            c.completed_at,
            round(c.elapsed_seconds, 3),
        )
        for c in clocks
    )


def _walked(policy: PolicyValue, events: list[EventValue], now: datetime) -> list[tuple]:
    def instant(micros: int | None) -> datetime | None:
        return (
            None
            if micros is None
            else datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
        )

    def micros(value: datetime) -> int:
        return round(value.timestamp() * US)

    hours = hours_for_range(policy.hours, date(2026, 3, 18), date(2026, 5, 1))
    rows = [(e.kind, micros(e.occurred_at), e.via, e.to_value) for e in events]
    clocks = ticket_clocks(policy, "normal", rows, micros(now), hours)
    return sorted(
        (metric, state, instant(start), instant(due), instant(done), round(elapsed, 3))
        for metric, _minutes, state, start, due, done, elapsed, _by in clocks
    )


@pytest.mark.parametrize(
    "hours",
    [None, BusinessHours.from_json("Europe/Paris", OFFICE, [date(2026, 4, 6)])],
    ids=["calendar", "paris-office"],
)
def test_random_histories_give_the_clocks_of_the_rule(hours: BusinessHours | None) -> None:
    rng = random.Random(11)
    policy = _policy(hours)
    for _ in range(400):
        events = _history(rng)
        now = events[0].occurred_at + timedelta(minutes=rng.randrange(0, 60 * 24 * 12))

        assert _walked(policy, events, now) == _reference(policy, events, now), events
