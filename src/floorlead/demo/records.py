"""Rows the demo writes, as plain values (dates aware UTC), one class per table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(slots=True)
class TicketRecord:
    id: int
    subject: str
    description: str
    channel: str
    priority: str
    category: str
    tags: list[str]
    status: str
    requester_id: int
    assignee_id: int | None
    team_id: int
    escalation_tier: str
    required_skill_id: int | None
    needs_help: bool
    reopen_count: int
    created_at: datetime
    updated_at: datetime
    version: int = 1


@dataclass(slots=True)
class EventRecord:
    id: int
    ticket_id: int
    kind: str
    occurred_at: datetime
    recorded_at: datetime
    actor_id: int | None
    via: str
    body: str
    from_value: str | None
    to_value: str | None
    segment_kind: str | None
    segment_start: datetime | None
    segment_end: datetime | None
    survey: str | None
    rating: int | None
    data: dict[str, Any]


@dataclass(slots=True)
class ApprovalRecord:
    id: int
    approval_type: str
    amount: Decimal
    ticket_id: int
    reason: str
    requester_id: int
    approver_id: int
    status: str
    decided_by_id: int | None
    decided_at: datetime | None
    decision_comment: str
    created_at: datetime


@dataclass(frozen=True)
class TicketBatch:
    tickets: list[TicketRecord]
    events: list[EventRecord]
    approvals: list[ApprovalRecord]


def column_values(record: Any) -> dict[str, Any]:
    """The record as a column -> value mapping for an insert."""
    return {name: getattr(record, name) for name in record.__slots__}
