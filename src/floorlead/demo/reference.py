"""Reference data of the demo: business calendar, SLA policies, escalation rules, approval limits.

Phone and chat are measured in calendar time, written channels in business hours; enterprise
customers get targets half as long. Every policy pauses its clocks while a ticket is pending
(awaiting the customer) or on hold. Approval limits are the organisation's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from floorlead.demo.timeline import LOCAL_ZONE_NAME
from floorlead.org import Limit, default_approval_limits
from floorlead.tickets.model import (
    Channel,
    CustomerTier,
    EscalationCondition,
    Priority,
    SlaMetric,
    Status,
    Tier,
)

OFFICE_HOURS = {str(day): [["08:00", "18:00"]] for day in range(5)}
PAUSE_STATUSES = (Status.PENDING.value, Status.ON_HOLD.value)

# Minutes per metric and priority (urgent, high, normal, low).
LIVE_TARGETS = {
    SlaMetric.FIRST_REPLY: (2, 2, 3, 5),
    SlaMetric.NEXT_REPLY: (60, 120, 240, 480),
    SlaMetric.RESOLUTION: (240, 720, 1440, 2880),
}
WRITTEN_TARGETS = {
    SlaMetric.FIRST_REPLY: (30, 60, 120, 240),
    SlaMetric.NEXT_REPLY: (120, 300, 600, 1200),
    SlaMetric.RESOLUTION: (240, 600, 1440, 2880),
}
PRIORITY_ORDER = (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)


@dataclass(frozen=True)
class CalendarSpec:
    id: int
    name: str
    time_zone: str
    weekly_hours: dict[str, list[list[str]]]
    holidays: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class SlaPolicySpec:
    id: int
    name: str
    position: int
    customer_tier: str | None
    channel: str | None
    calendar_id: int | None
    targets: dict[tuple[str, str], int]
    pause_statuses: tuple[str, ...] = PAUSE_STATUSES

    def matches(self, tier: str, channel: str) -> bool:
        return self.customer_tier in (None, tier) and self.channel in (None, channel)

    def minutes(self, priority: str, metric: str) -> int:
        return self.targets[(priority, metric)]


@dataclass(frozen=True)
class EscalationRuleSpec:
    id: int
    name: str
    condition: EscalationCondition
    threshold: int
    target_tier: Tier


@dataclass(frozen=True)
class ReferenceData:
    calendars: tuple[CalendarSpec, ...]
    policies: tuple[SlaPolicySpec, ...]
    rules: tuple[EscalationRuleSpec, ...]
    approval_limits: tuple[Limit, ...]

    def policy_for(self, tier: str, channel: str) -> SlaPolicySpec:
        """The first policy, by position, that matches the ticket (the last one matches all)."""
        return next(p for p in self.policies if p.matches(tier, channel))

    def rule(self, condition: EscalationCondition) -> EscalationRuleSpec:
        return next(r for r in self.rules if r.condition == condition)

    @cached_property
    def business_calendar(self) -> CalendarSpec:
        return self.calendars[0]


def _targets(table: dict[SlaMetric, tuple[int, ...]], scale: float) -> dict[tuple[str, str], int]:
    return {
        (priority.value, metric.value): max(1, round(minutes * scale))
        for metric, row in table.items()
        for priority, minutes in zip(PRIORITY_ORDER, row, strict=True)
    }


def _policies(calendar_id: int) -> tuple[SlaPolicySpec, ...]:
    enterprise = CustomerTier.ENTERPRISE.value
    rows = (
        ("Enterprise phone", enterprise, Channel.PHONE, None, LIVE_TARGETS, 0.5),
        ("Enterprise chat", enterprise, Channel.CHAT, None, LIVE_TARGETS, 0.5),
        ("Enterprise written", enterprise, None, calendar_id, WRITTEN_TARGETS, 0.5),
        ("Phone", None, Channel.PHONE, None, LIVE_TARGETS, 1.0),
        ("Chat", None, Channel.CHAT, None, LIVE_TARGETS, 1.0),
        ("Written channels", None, None, calendar_id, WRITTEN_TARGETS, 1.0),
    )
    return tuple(
        SlaPolicySpec(
            id=n,
            name=name,
            position=n * 10,
            customer_tier=tier,
            channel=channel.value if channel else None,
            calendar_id=calendar,
            targets=_targets(table, scale),
        )
        for n, (name, tier, channel, calendar, table, scale) in enumerate(rows, start=1)
    )


def _rules() -> tuple[EscalationRuleSpec, ...]:
    return (
        EscalationRuleSpec(
            1, "Resolution due within 60 minutes", EscalationCondition.RESOLUTION_BREACH_WITHIN,
            60, Tier.SENIOR,
        ),
        EscalationRuleSpec(
            2, "Urgent ticket unassigned for 15 minutes", EscalationCondition.URGENT_UNASSIGNED_FOR,
            15, Tier.SUPERVISOR,
        ),
        EscalationRuleSpec(
            3, "Reopened twice", EscalationCondition.REOPENED_TIMES, 2, Tier.SUPERVISOR,
        ),
    )  # fmt: skip


def build_reference(holidays: tuple[tuple[date, str], ...]) -> ReferenceData:
    calendar = CalendarSpec(1, "UK office hours", LOCAL_ZONE_NAME, OFFICE_HOURS, holidays)
    return ReferenceData(
        calendars=(calendar,),
        policies=_policies(calendar.id),
        rules=_rules(),
        approval_limits=tuple(default_approval_limits()),
    )
