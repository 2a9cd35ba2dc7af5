"""Escalation rules: which single escalation is due for a ticket, if any."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from floorlead.errors import RuleViolation
from floorlead.tickets.escalation import (
    EscalationDecision,
    RuleValue,
    TicketState,
    escalations_due,
    next_tier,
    validate_rule,
)
from floorlead.tickets.sla import ClockState, SlaClock

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NEAR_BREACH = RuleValue(1, "Resolution due within 30 min", "resolution_breach_within", 30, "senior")
URGENT_WAITING = RuleValue(2, "Urgent unassigned 15 min", "urgent_unassigned_for", 15, "supervisor")
REOPENED_TWICE = RuleValue(3, "Reopened twice", "reopened_times", 2, "senior")
TICKET = TicketState(
    id=7,
    status="open",
    priority="normal",
    tier="frontline",
    assignee_id=21,
    reopen_count=0,
    created_at=NOW - timedelta(hours=3),
    unassigned_since=None,
)


def resolution(state: ClockState, *, remaining_minutes: float, late_minutes: float = 0) -> SlaClock:
    return SlaClock(
        metric="resolution",
        target_minutes=240,
        state=state,
        started_at=NOW - timedelta(hours=3),
        due_at=None
        if state is ClockState.PAUSED
        else NOW + timedelta(minutes=remaining_minutes - late_minutes),
        completed_at=None,
        elapsed_seconds=(240 - remaining_minutes + late_minutes) * 60,
        remaining_seconds=remaining_minutes * 60,
        breached_by_seconds=late_minutes * 60,
    )


@pytest.mark.parametrize(
    ("current", "expected"),
    [("frontline", "senior"), ("senior", "supervisor"), ("supervisor", "department")],
)
def test_next_tier_climbs_one_step(current: str, expected: str) -> None:
    assert next_tier(current) == expected


@pytest.mark.parametrize("current", ["department", "manager"])
def test_next_tier_refuses_the_top_and_unknown_tiers(current: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        next_tier(current)

    assert refused.value.field == "tier"


@pytest.mark.parametrize(
    ("clock", "fires"),
    [
        (resolution(ClockState.RUNNING, remaining_minutes=20), True),  # 20 <= 30
        (resolution(ClockState.RUNNING, remaining_minutes=30), True),  # boundary: 30 <= 30
        (resolution(ClockState.RUNNING, remaining_minutes=31), False),
        (resolution(ClockState.PAUSED, remaining_minutes=5), False),  # the clock is not moving
        (resolution(ClockState.BREACHED, remaining_minutes=0, late_minutes=10), True),
    ],
)
def test_resolution_breach_within_fires_near_or_past_the_target(
    clock: SlaClock, fires: bool
) -> None:
    decisions = escalations_due([NEAR_BREACH], TICKET, [clock], NOW)

    assert bool(decisions) is fires


@pytest.mark.parametrize(
    ("priority", "assignee_id", "unassigned_minutes_ago", "fires"),
    [
        ("urgent", None, 15, True),  # 15 >= 15
        ("urgent", None, 14, False),
        ("urgent", 21, 60, False),  # assigned
        ("high", None, 60, False),  # not urgent
    ],
)
def test_urgent_unassigned_for_counts_minutes_without_an_assignee(
    priority: str, assignee_id: int | None, unassigned_minutes_ago: int, fires: bool
) -> None:
    ticket = replace(
        TICKET,
        priority=priority,
        assignee_id=assignee_id,
        unassigned_since=NOW - timedelta(minutes=unassigned_minutes_ago),
    )

    assert bool(escalations_due([URGENT_WAITING], ticket, [], NOW)) is fires


def test_never_assigned_ticket_counts_unassigned_time_from_creation() -> None:
    # Created 3 h ago, never assigned: 180 min >= 15.
    ticket = replace(TICKET, priority="urgent", assignee_id=None, unassigned_since=None)

    [decision] = escalations_due([URGENT_WAITING], ticket, [], NOW)

    assert "180 min" in decision.reason


@pytest.mark.parametrize(("reopen_count", "fires"), [(1, False), (2, True), (5, True)])
def test_reopened_times_fires_at_the_threshold(reopen_count: int, fires: bool) -> None:
    ticket = replace(TICKET, reopen_count=reopen_count)

    assert bool(escalations_due([REOPENED_TWICE], ticket, [], NOW)) is fires


def test_highest_target_tier_wins_and_the_reason_names_the_rule() -> None:
    ticket = replace(TICKET, priority="urgent", assignee_id=None, reopen_count=3)
    clocks = [resolution(ClockState.RUNNING, remaining_minutes=10)]

    decisions = escalations_due([NEAR_BREACH, REOPENED_TWICE, URGENT_WAITING], ticket, clocks, NOW)

    assert decisions == [
        EscalationDecision(
            ticket_id=7,
            rule_id=2,
            from_tier="frontline",
            to_tier="supervisor",
            reason="rule 'Urgent unassigned 15 min': urgent and unassigned for 180 min (threshold 15 min)",
        )
    ]


def test_rules_reaching_the_same_tier_keep_the_first_given() -> None:
    ticket = replace(TICKET, reopen_count=3)
    clocks = [resolution(ClockState.RUNNING, remaining_minutes=10)]

    [decision] = escalations_due([REOPENED_TWICE, NEAR_BREACH], ticket, clocks, NOW)

    assert decision.rule_id == REOPENED_TWICE.id


@pytest.mark.parametrize(
    ("status", "tier"),
    [
        ("solved", "frontline"),  # only unresolved tickets escalate
        ("closed", "frontline"),
        ("open", "senior"),  # already at the rule's tier
        ("open", "supervisor"),  # never down
    ],
)
def test_no_escalation_for_resolved_tickets_or_downwards(status: str, tier: str) -> None:
    ticket = replace(TICKET, status=status, tier=tier, reopen_count=4)

    assert escalations_due([REOPENED_TWICE], ticket, [], NOW) == []


@pytest.mark.parametrize(
    ("condition", "threshold", "target_tier", "field"),
    [
        ("breach_soon", 30, "senior", "condition"),
        ("reopened_times", 2, "frontline", "target_tier"),  # escalating to the bottom tier
        ("reopened_times", 2, "director", "target_tier"),
        ("reopened_times", 0, "senior", "threshold"),  # would escalate every ticket
        ("urgent_unassigned_for", -1, "senior", "threshold"),
    ],
)
def test_validate_rule_names_the_bad_field(
    condition: str, threshold: int, target_tier: str, field: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        validate_rule(condition=condition, threshold=threshold, target_tier=target_tier)

    assert refused.value.field == field


def test_unknown_ticket_tier_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        escalations_due([REOPENED_TWICE], replace(TICKET, tier="boss"), [], NOW)

    assert refused.value.field == "tier"
