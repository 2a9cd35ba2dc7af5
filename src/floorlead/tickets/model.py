"""Ticket values: channels, priorities, statuses, event kinds, escalation tiers."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CHAT = "chat"
    WEB_FORM = "web_form"
    SOCIAL = "social"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"

    @property
    def is_unresolved(self) -> bool:
        return self not in {Status.SOLVED, Status.CLOSED}


# Allowed moves of the status lifecycle; reopening a solved ticket goes back to open.
STATUS_MOVES: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.SOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.SOLVED}),
    Status.SOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


class CustomerTier(StrEnum):
    STANDARD = "standard"
    PREMIUM = "premium"
    ENTERPRISE = "enterprise"


class Tier(StrEnum):
    """Escalation tiers, lowest first."""

    FRONTLINE = "frontline"
    SENIOR = "senior"
    SUPERVISOR = "supervisor"
    DEPARTMENT = "department"

    @property
    def level(self) -> int:
        return list(Tier).index(self)


class EventKind(StrEnum):
    CREATED = "created"
    CUSTOMER_MESSAGE = "customer_message"
    PUBLIC_REPLY = "public_reply"
    INTERNAL_NOTE = "internal_note"
    ASSIGNED = "assigned"
    STATUS_CHANGE = "status_change"
    PRIORITY_CHANGE = "priority_change"
    ESCALATION = "escalation"
    TRANSFER = "transfer"
    HANDLE_SEGMENT = "handle_segment"
    SATISFACTION = "satisfaction"
    HELP_REQUESTED = "help_requested"
    HELP_RESOLVED = "help_resolved"


class Via(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"


class SegmentKind(StrEnum):
    TALK = "talk"
    HOLD = "hold"
    WRAP = "wrap"
    WORK = "work"


class Survey(StrEnum):
    CSAT = "csat"  # 1-5
    NPS = "nps"  # 0-10


class SlaMetric(StrEnum):
    FIRST_REPLY = "first_reply"
    NEXT_REPLY = "next_reply"
    RESOLUTION = "resolution"


class EscalationCondition(StrEnum):
    RESOLUTION_BREACH_WITHIN = "resolution_breach_within"  # threshold: minutes before breach
    URGENT_UNASSIGNED_FOR = "urgent_unassigned_for"  # threshold: minutes unassigned
    REOPENED_TIMES = "reopened_times"  # threshold: number of reopens
