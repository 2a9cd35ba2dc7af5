"""SLA clocks: hand-worked examples.

Unless a test says otherwise the policy counts business hours Mon-Fri 09:00-17:00 in
Europe/London (UTC+0 until Sunday 29 March 2026, UTC+1 after), pauses while ``pending``, and
sets for priority ``normal``: first reply 4 h, next reply 2 h, resolution 16 h.
March 2026: Mon 2, Fri 6, Mon 9, Fri 27, Mon 30. April: Thu 2, Fri 3 (holiday), Mon 6 (holiday).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from floorlead.errors import RuleViolation
from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.sla import (
    ClockState,
    EventValue,
    PolicyValue,
    SlaClock,
    is_at_risk,
    next_reply_history,
    select_policy,
    sla_clocks,
)

WEEKDAYS_9_TO_5 = {str(day): [["09:00", "17:00"]] for day in range(5)}
LONDON = BusinessHours.from_json(
    "Europe/London", WEEKDAYS_9_TO_5, [date(2026, 4, 3), date(2026, 4, 6)]
)
NEW_YORK = BusinessHours.from_json("America/New_York", WEEKDAYS_9_TO_5, [])
TARGETS = {
    ("normal", "first_reply"): 240,
    ("normal", "next_reply"): 120,
    ("normal", "resolution"): 960,
}
POLICY = PolicyValue(1, "Standard", TARGETS, hours=LONDON, pause_statuses=frozenset({"pending"}))
HOUR = 3600.0


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def created(at: datetime, *, via: str = "customer", status: str = "new") -> EventValue:
    return EventValue("created", at, via=via, to_value=status)


def message(at: datetime) -> EventValue:
    return EventValue("customer_message", at, via="customer")


def reply(at: datetime) -> EventValue:
    return EventValue("public_reply", at)


def status(at: datetime, old: str, new: str) -> EventValue:
    return EventValue("status_change", at, from_value=old, to_value=new)


def clock_for(
    metric: str, events: list[EventValue], now: datetime, policy: PolicyValue = POLICY
) -> SlaClock | None:
    clocks = sla_clocks(policy, priority="normal", events=events, now=now)
    return next((clock for clock in clocks if clock.metric == metric), None)


@pytest.mark.parametrize(
    ("events", "now", "state", "elapsed_hours", "breached_by_minutes"),
    [
        # Fri 6 Mar 16:00 -> Mon 9 Mar 11:00: Fri 16-17 (1 h) + Mon 9-11 (2 h) = 3 h <= 4 h.
        ([created(utc(3, 6, 16)), reply(utc(3, 9, 11))], utc(3, 10, 9), ClockState.ACHIEVED, 3, 0),
        # Reply Mon 12:00: 1 h + 3 h = 4 h, exactly the target: achieved, not breached.
        ([created(utc(3, 6, 16)), reply(utc(3, 9, 12))], utc(3, 10, 9), ClockState.ACHIEVED, 4, 0),
        # Reply Mon 12:20: 1 h + 3 h 20 = 4 h 20 -> breached by 20 min.
        (
            [created(utc(3, 6, 16)), reply(utc(3, 9, 12, 20))],
            utc(3, 10, 9),
            ClockState.BREACHED,
            4 + 1 / 3,
            20,
        ),
        # Holidays: Thu 2 Apr 16:00 BST (15:00Z) -> Tue 7 Apr 12:00 BST (11:00Z):
        # Thu 16-17 (1 h), Fri and Mon are holidays, Tue 9-12 (3 h) = 4 h: met exactly.
        ([created(utc(4, 2, 15)), reply(utc(4, 7, 11))], utc(4, 8, 9), ClockState.ACHIEVED, 4, 0),
        # Agent-created Mon 2 Mar 09:00; the clock starts at the customer's 10:00 message and
        # stops at the 11:30 reply: 1.5 h.
        (
            [
                created(utc(3, 2, 9), via="agent", status="open"),
                message(utc(3, 2, 10)),
                reply(utc(3, 2, 11, 30)),
            ],
            utc(3, 2, 12),
            ClockState.ACHIEVED,
            1.5,
            0,
        ),
    ],
)
def test_first_reply_clock(
    events: list[EventValue],
    now: datetime,
    state: ClockState,
    elapsed_hours: float,
    breached_by_minutes: float,
) -> None:
    clock = clock_for("first_reply", events, now)

    assert clock is not None
    assert clock.state is state
    assert clock.elapsed_seconds == pytest.approx(elapsed_hours * HOUR)
    assert clock.breached_by_seconds == pytest.approx(breached_by_minutes * 60)
    assert clock.remaining_seconds is None


def test_breached_first_reply_is_due_when_the_target_fell() -> None:
    # Fri 16:00 + 4 business hours = Fri 16-17 (1 h) + Mon 9-12 (3 h) -> Mon 9 Mar 12:00.
    events = [created(utc(3, 6, 16)), reply(utc(3, 9, 12, 20))]

    clock = clock_for("first_reply", events, utc(3, 10, 9))

    assert clock is not None
    assert clock.due_at == utc(3, 9, 12)
    assert clock.completed_at == utc(3, 9, 12, 20)


@pytest.mark.parametrize(
    ("policy", "created_at", "now", "elapsed_hours", "due_at"),
    [
        # DST: Fri 27 Mar 15:00 GMT -> Mon 30 Mar 10:00 BST (09:00Z): Fri 15-17 (2 h) +
        # Mon 9-10 BST (1 h) = 3 h; 1 h left -> 11:00 BST = 10:00Z.
        (POLICY, utc(3, 27, 15), utc(3, 30, 9), 3, utc(3, 30, 10)),
        # New York: Fri 6 Mar 16:00 EST (21:00Z) -> Mon 9 Mar 11:00 EDT (15:00Z): 1 h + 2 h;
        # 1 h left -> 12:00 EDT = 16:00Z.
        (
            PolicyValue(2, "New York", TARGETS, hours=NEW_YORK),
            utc(3, 6, 21),
            utc(3, 9, 15),
            3,
            utc(3, 9, 16),
        ),
        # Calendar time: created Mon 2 Mar 09:00, now 11:30 -> 2.5 h; 1.5 h left -> 13:00.
        (PolicyValue(3, "Calendar", TARGETS), utc(3, 2, 9), utc(3, 2, 11, 30), 2.5, utc(3, 2, 13)),
        # Outside business hours the clock runs but does not tick: Fri 6 Mar 15:00 -> Sat 12:00
        # counts Fri 15-17 (2 h); the 2 h left run Mon 9-11.
        (POLICY, utc(3, 6, 15), utc(3, 7, 12), 2, utc(3, 9, 11)),
    ],
)
def test_running_first_reply_clock_is_due_after_the_remaining_counted_time(
    policy: PolicyValue, created_at: datetime, now: datetime, elapsed_hours: float, due_at: datetime
) -> None:
    clock = clock_for("first_reply", [created(created_at)], now, policy)

    assert clock is not None
    assert clock.state is ClockState.RUNNING
    assert clock.elapsed_seconds == elapsed_hours * HOUR
    assert clock.remaining_seconds == (4 - elapsed_hours) * HOUR
    assert clock.due_at == due_at


def test_running_clock_past_its_target_is_breached_with_the_instant_it_fell() -> None:
    # Calendar policy; created Mon 2 Mar 09:00, no reply by 13:45: 4 h 45 against 4 h.
    calendar = PolicyValue(3, "Calendar", TARGETS)

    clock = clock_for("first_reply", [created(utc(3, 2, 9))], utc(3, 2, 13, 45), calendar)

    assert clock is not None
    assert clock.state is ClockState.BREACHED
    assert clock.remaining_seconds == 0
    assert clock.breached_by_seconds == 45 * 60
    assert clock.due_at == utc(3, 2, 13)


@pytest.mark.parametrize(
    ("events", "now"),
    [
        # Solved without any public reply: stopped without a result, so no clock.
        ([created(utc(3, 2, 9)), status(utc(3, 2, 10), "new", "solved")], utc(3, 2, 11)),
        # Created already solved (a logged phone call).
        ([created(utc(3, 2, 9), status="solved")], utc(3, 2, 11)),
        # Agent-created and the customer has not written yet: not started.
        ([created(utc(3, 2, 9), via="agent"), reply(utc(3, 2, 10))], utc(3, 2, 11)),
        # Agent-created; the customer's first message comes after `now`: not started yet.
        ([created(utc(3, 2, 9), via="agent"), message(utc(3, 2, 12))], utc(3, 2, 11)),
    ],
)
def test_first_reply_clock_is_absent(events: list[EventValue], now: datetime) -> None:
    assert clock_for("first_reply", events, now) is None


def test_resolution_clock_does_not_count_pending_time_and_completes_at_the_solve() -> None:
    # Mon 2 Mar 09:00 created; pending 11:00 -> Tue 14:00; solved Wed 10:00.
    # Counted: Mon 9-11 (2 h) + Tue 14-17 (3 h) + Wed 9-10 (1 h) = 6 h against 16 h.
    events = [
        created(utc(3, 2, 9)),
        status(utc(3, 2, 11), "new", "pending"),
        status(utc(3, 3, 14), "pending", "open"),
        status(utc(3, 4, 10), "open", "solved"),
    ]

    clock = clock_for("resolution", events, utc(3, 5, 9))

    assert clock is not None
    assert (clock.state, clock.elapsed_seconds) == (ClockState.ACHIEVED, 6 * HOUR)
    assert (clock.completed_at, clock.remaining_seconds, clock.due_at) == (
        utc(3, 4, 10),
        None,
        None,
    )


def test_clock_is_paused_while_pending_with_no_due_time() -> None:
    # As above, seen on Tue 3 Mar 12:00 while pending: 2 h counted, 14 h left.
    events = [created(utc(3, 2, 9)), status(utc(3, 2, 11), "new", "pending")]

    clock = clock_for("resolution", events, utc(3, 3, 12))

    assert clock is not None
    assert (clock.state, clock.elapsed_seconds, clock.remaining_seconds) == (
        ClockState.PAUSED,
        2 * HOUR,
        14 * HOUR,
    )
    assert clock.due_at is None


def test_pause_statuses_also_hold_the_reply_clocks() -> None:
    # Created Mon 09:00, pending 10:00 -> 15:00, reply 16:00: 1 h + 1 h = 2 h.
    events = [
        created(utc(3, 2, 9)),
        status(utc(3, 2, 10), "new", "pending"),
        status(utc(3, 2, 15), "pending", "open"),
        reply(utc(3, 2, 16)),
    ]

    clock = clock_for("first_reply", events, utc(3, 2, 17))

    assert clock is not None
    assert clock.elapsed_seconds == 2 * HOUR


REOPENED = [
    created(utc(3, 2, 9)),
    status(utc(3, 2, 13), "new", "solved"),  # Mon 9-13: 4 h
    status(utc(3, 3, 10), "solved", "open"),  # the solved night does not count
    status(utc(3, 3, 15), "open", "solved"),  # Tue 10-15: 5 h
]


@pytest.mark.parametrize(
    ("now", "state", "elapsed_hours", "completed_at"),
    [
        (utc(3, 2, 14), ClockState.ACHIEVED, 4, utc(3, 2, 13)),  # solved the first time
        (utc(3, 3, 12), ClockState.RUNNING, 4 + 2, None),  # reopened: resumes from 4 h
        (utc(3, 4, 9), ClockState.ACHIEVED, 4 + 5, utc(3, 3, 15)),  # completes at the last solve
    ],
)
def test_reopen_resumes_the_resolution_clock(
    now: datetime, state: ClockState, elapsed_hours: float, completed_at: datetime | None
) -> None:
    clock = clock_for("resolution", REOPENED, now)

    assert clock is not None
    assert (clock.state, clock.elapsed_seconds, clock.completed_at) == (
        state,
        elapsed_hours * HOUR,
        completed_at,
    )


def test_resolution_breach_counts_the_reopened_time() -> None:
    # Calendar policy, 8 h target: Mon 09-13 (4 h) solved, reopened 14:00, solved 19:30 (5.5 h):
    # 9.5 h, breached by 90 min; 4 h were left at the reopen, so it fell at 14:00 + 4 h = 18:00.
    policy = PolicyValue(4, "Calendar", {("normal", "resolution"): 480})
    events = [
        created(utc(3, 2, 9)),
        status(utc(3, 2, 13), "new", "solved"),
        status(utc(3, 2, 14), "solved", "open"),
        status(utc(3, 2, 19, 30), "open", "solved"),
        status(utc(3, 3, 19, 30), "solved", "closed"),
    ]

    clock = clock_for("resolution", events, utc(3, 4, 9), policy)

    assert clock is not None
    assert (clock.state, clock.breached_by_seconds) == (ClockState.BREACHED, 90 * 60)
    assert (clock.due_at, clock.completed_at) == (utc(3, 2, 18), utc(3, 2, 19, 30))


CONVERSATION = [
    created(utc(3, 2, 9)),
    reply(utc(3, 2, 10)),  # first reply: 1 h
    message(utc(3, 2, 11)),  # next reply clock #1 starts
    message(utc(3, 2, 11, 30)),  # still unanswered: no second clock
    reply(utc(3, 2, 12, 30)),  # #1 achieved in 1.5 h
    message(utc(3, 2, 14)),  # next reply clock #2 starts
]


def test_next_reply_history_lists_every_clock_and_sla_clocks_shows_the_latest() -> None:
    # Seen at 16:30: clock #2 has run 2.5 h against 2 h -> breached by 30 min, fell at 16:00.
    now = utc(3, 2, 16, 30)

    history = next_reply_history(POLICY, priority="normal", events=CONVERSATION, now=now)
    current = clock_for("next_reply", CONVERSATION, now)

    assert [(c.state, c.started_at, c.elapsed_seconds) for c in history] == [
        (ClockState.ACHIEVED, utc(3, 2, 11), 1.5 * HOUR),
        (ClockState.BREACHED, utc(3, 2, 14), 2.5 * HOUR),
    ]
    assert current == history[-1]
    assert (current.breached_by_seconds, current.due_at) == (30 * 60, utc(3, 2, 16))


def test_messages_before_the_first_reply_start_no_next_reply_clock() -> None:
    events = [created(utc(3, 2, 9)), message(utc(3, 2, 9, 30))]

    assert next_reply_history(POLICY, priority="normal", events=events, now=utc(3, 2, 12)) == []


def test_solve_stops_the_next_reply_clock_and_a_later_message_starts_a_new_one() -> None:
    events = [
        *CONVERSATION[:3],  # clock #1 from Mon 11:00
        status(utc(3, 2, 11, 15), "new", "solved"),  # stopped without a result
        message(utc(3, 3, 9)),  # Tue 09:00, the customer writes again...
        status(utc(3, 3, 9), "solved", "open"),  # ... which reopens the ticket
    ]

    history = next_reply_history(POLICY, priority="normal", events=events, now=utc(3, 3, 10))

    assert [(c.state, c.started_at, c.elapsed_seconds) for c in history] == [
        (ClockState.RUNNING, utc(3, 3, 9), 1 * HOUR)
    ]


def test_ticket_seen_before_later_events_ignores_them() -> None:
    events = [created(utc(3, 2, 9)), reply(utc(3, 2, 12))]

    clock = clock_for("first_reply", events, utc(3, 2, 11))

    assert clock is not None
    assert (clock.state, clock.elapsed_seconds) == (ClockState.RUNNING, 2 * HOUR)


def test_only_metrics_with_a_target_for_the_current_priority_get_clocks() -> None:
    policy = PolicyValue(
        5, "Urgent only", {("urgent", "first_reply"): 30, ("normal", "resolution"): 60}
    )

    normal = sla_clocks(
        policy, priority="normal", events=[created(utc(3, 2, 9))], now=utc(3, 2, 9, 10)
    )
    urgent = sla_clocks(
        policy, priority="urgent", events=[created(utc(3, 2, 9))], now=utc(3, 2, 9, 10)
    )

    assert [clock.metric for clock in normal] == ["resolution"]
    assert [(clock.metric, clock.remaining_seconds) for clock in urgent] == [
        ("first_reply", 20 * 60)
    ]


@pytest.mark.parametrize(
    ("now", "within_minutes", "expected"),
    [
        (utc(3, 2, 12, 30), 30, True),  # 30 min left of 4 h: at risk within 30 min
        (utc(3, 2, 12, 29), 30, False),  # 31 min left
        (utc(3, 2, 13, 30), 30, False),  # breached: no longer "at risk"
    ],
)
def test_is_at_risk(now: datetime, within_minutes: int, expected: bool) -> None:
    clock = clock_for("first_reply", [created(utc(3, 2, 9))], now)

    assert clock is not None
    assert is_at_risk(clock, within_seconds=within_minutes * 60) is expected


def test_paused_clock_is_not_at_risk() -> None:
    events = [created(utc(3, 2, 9)), status(utc(3, 2, 12, 50), "new", "pending")]

    clock = clock_for("first_reply", events, utc(3, 2, 13, 30))

    assert clock is not None
    assert clock.state is ClockState.PAUSED
    assert not is_at_risk(clock, within_seconds=3600)


@pytest.mark.parametrize(
    ("events", "now", "field"),
    [
        ([], utc(3, 2, 9), "events"),
        ([reply(utc(3, 2, 9))], utc(3, 2, 10), "events"),
        (
            [created(utc(3, 2, 9)), EventValue("status_change", utc(3, 2, 10))],
            utc(3, 2, 11),
            "events",
        ),
        ([created(utc(3, 2, 9))], datetime(2026, 3, 2, 10), "now"),  # noqa: DTZ001
    ],
)
def test_bad_histories_are_refused(events: list[EventValue], now: datetime, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        sla_clocks(POLICY, priority="normal", events=events, now=now)

    assert refused.value.field == field


@pytest.mark.parametrize(
    ("targets", "pause_statuses", "field"),
    [
        ({("normal", "first_response"): 60}, frozenset(), "targets"),
        ({("whenever", "first_reply"): 60}, frozenset(), "targets"),
        ({("normal", "first_reply"): 0}, frozenset(), "targets"),
        ({("normal", "first_reply"): 60}, frozenset({"solved"}), "pause_statuses"),
        ({("normal", "first_reply"): 60}, frozenset({"waiting"}), "pause_statuses"),
    ],
)
def test_bad_policies_are_refused(
    targets: dict[tuple[str, str], int], pause_statuses: frozenset[str], field: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        PolicyValue(9, "Bad", targets, pause_statuses=pause_statuses)

    assert refused.value.field == field


ENTERPRISE = PolicyValue(
    10, "Enterprise", {("normal", "first_reply"): 60}, customer_tier="enterprise", position=0
)
PHONE = PolicyValue(11, "Phone", {("normal", "first_reply"): 30}, channel="phone", position=1)
URGENT_ONLY = PolicyValue(12, "Urgent", {("urgent", "first_reply"): 15}, position=2)
DEFAULT = PolicyValue(
    13, "Default", {("normal", "resolution"): 960, ("low", "resolution"): 2880}, position=3
)
POLICIES = [DEFAULT, URGENT_ONLY, PHONE, ENTERPRISE]  # given out of order on purpose


@pytest.mark.parametrize(
    ("priority", "customer_tier", "channel", "expected"),
    [
        ("normal", "enterprise", "phone", ENTERPRISE),  # position 0 matches first
        ("normal", "standard", "phone", PHONE),  # tier does not match; channel does
        ("normal", "standard", "email", DEFAULT),  # Urgent has no target for normal
        ("urgent", "standard", "email", URGENT_ONLY),
        ("high", "standard", "email", None),  # nobody targets high
    ],
)
def test_select_policy_takes_the_first_matching_policy_by_position(
    priority: str, customer_tier: str, channel: str, expected: PolicyValue | None
) -> None:
    assert (
        select_policy(POLICIES, priority=priority, customer_tier=customer_tier, channel=channel)
        == expected
    )
