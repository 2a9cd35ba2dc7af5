"""Automatic escalation: which rule, if any, lifts a ticket to a higher tier now."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.tickets.model import EscalationCondition, Priority, SlaMetric, Status, Tier
from floorlead.tickets.sla import ClockState, SlaClock

_CONDITIONS, _TIERS = frozenset(EscalationCondition), frozenset(Tier)


@dataclass(frozen=True)
class RuleValue:
    id: int
    name: str
    condition: str  # an EscalationCondition value
    threshold: int  # minutes, or a number of reopens for reopened_times
    target_tier: str  # a Tier value

    def __post_init__(self) -> None:
        validate_rule(
            condition=self.condition, threshold=self.threshold, target_tier=self.target_tier
        )


@dataclass(frozen=True)
class TicketState:
    id: int
    status: str
    priority: str
    tier: str
    assignee_id: int | None
    reopen_count: int
    created_at: datetime
    unassigned_since: datetime | None  # None while assigned, or never assigned (then created_at)


@dataclass(frozen=True)
class EscalationDecision:
    ticket_id: int
    rule_id: int
    from_tier: str
    to_tier: str
    reason: str


def validate_rule(*, condition: str, threshold: int, target_tier: str) -> None:
    """Refuse a rule that could never fire sensibly, naming the offending field."""
    if condition not in _CONDITIONS:
        allowed = ", ".join(EscalationCondition)
        raise RuleViolation(f"condition must be one of: {allowed}", field="condition")
    if target_tier not in _TIERS or Tier(target_tier) is Tier.FRONTLINE:
        raise RuleViolation(
            "target_tier must be senior, supervisor or department", field="target_tier"
        )
    minimum = 1 if condition == EscalationCondition.REOPENED_TIMES else 0
    if not isinstance(threshold, int) or threshold < minimum:
        raise RuleViolation(f"threshold must be an integer >= {minimum}", field="threshold")


def next_tier(current: str) -> str:
    """The tier above ``current``; there is none above ``department``."""
    tiers = list(Tier)
    level = _tier(current).level
    if level == len(tiers) - 1:
        raise RuleViolation(f"{current} is already the top escalation tier", field="tier")
    return tiers[level + 1].value


def escalations_due(
    rules: Sequence[RuleValue], ticket: TicketState, clocks: Sequence[SlaClock], now: datetime
) -> list[EscalationDecision]:
    """The one escalation due now (the highest target tier among the firing rules), or none.

    Only unresolved tickets escalate, and only upwards; among rules reaching the same tier the
    first given wins.
    """
    now = ensure_utc(now, field="now")
    current = _tier(ticket.tier)
    if ticket.status in (Status.SOLVED, Status.CLOSED):
        return []
    best: tuple[RuleValue, str] | None = None
    for rule in rules:
        target = Tier(rule.target_tier)
        if target.level <= current.level:
            continue
        if best is not None and target.level <= Tier(best[0].target_tier).level:
            continue
        why = _CHECKS[EscalationCondition(rule.condition)](rule, ticket, clocks, now)
        if why is not None:
            best = (rule, why)
    if best is None:
        return []
    rule, why = best
    reason = f"rule '{rule.name}': {why}"
    return [EscalationDecision(ticket.id, rule.id, current.value, rule.target_tier, reason)]


def _resolution_breach_within(
    rule: RuleValue, ticket: TicketState, clocks: Sequence[SlaClock], now: datetime
) -> str | None:
    for clock in clocks:
        if clock.metric != SlaMetric.RESOLUTION or clock.completed_at is not None:
            continue
        if clock.state is ClockState.BREACHED:
            return f"resolution target breached by {_minutes(clock.breached_by_seconds)}"
        left = clock.remaining_seconds
        if clock.state is ClockState.RUNNING and left is not None and left <= rule.threshold * 60:
            return f"resolution due in {_minutes(left)} (threshold {rule.threshold} min)"
    return None


def _urgent_unassigned_for(
    rule: RuleValue, ticket: TicketState, clocks: Sequence[SlaClock], now: datetime
) -> str | None:
    if ticket.priority != Priority.URGENT or ticket.assignee_id is not None:
        return None
    since = ensure_utc(ticket.unassigned_since or ticket.created_at, field="unassigned_since")
    waited = (now - since).total_seconds()
    if waited < rule.threshold * 60:
        return None
    return f"urgent and unassigned for {_minutes(waited)} (threshold {rule.threshold} min)"


def _reopened_times(
    rule: RuleValue, ticket: TicketState, clocks: Sequence[SlaClock], now: datetime
) -> str | None:
    if ticket.reopen_count < rule.threshold:
        return None
    return f"reopened {ticket.reopen_count} times (threshold {rule.threshold})"


_Check = Callable[[RuleValue, TicketState, Sequence[SlaClock], datetime], str | None]
_CHECKS: dict[EscalationCondition, _Check] = {
    EscalationCondition.RESOLUTION_BREACH_WITHIN: _resolution_breach_within,
    EscalationCondition.URGENT_UNASSIGNED_FOR: _urgent_unassigned_for,
    EscalationCondition.REOPENED_TIMES: _reopened_times,
}


def _tier(value: str) -> Tier:
    if value not in _TIERS:
        raise RuleViolation(f"unknown escalation tier {value!r}", field="tier")
    return Tier(value)


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min"
