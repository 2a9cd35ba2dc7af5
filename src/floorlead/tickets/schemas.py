"""Request and response models of tickets and customers (service rules: ``rule_schemas``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from floorlead.paging import Page
from floorlead.tickets.assignment import AssignStrategy
from floorlead.tickets.model import (
    Channel,
    CustomerTier,
    Priority,
    SegmentKind,
    Status,
    Survey,
    Tier,
)


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CustomerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    organisation: str = Field(default="", max_length=200)
    tier: CustomerTier = CustomerTier.STANDARD


class CustomerUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, min_length=3, max_length=254)
    organisation: str | None = Field(default=None, max_length=200)
    tier: CustomerTier | None = None


class CustomerPublic(Public):
    id: int
    name: str
    email: str
    organisation: str
    tier: str
    created_at: datetime


class CustomerPage(Page[CustomerPublic]):
    pass


class TicketCreate(BaseModel):
    subject: str = Field(min_length=1, max_length=300)
    channel: Channel
    requester_id: int | None = None
    requester_email: str | None = Field(default=None, max_length=254)
    requester_name: str | None = Field(default=None, max_length=200)
    description: str = Field(default="", max_length=20_000)
    priority: Priority = Priority.NORMAL
    category: str = Field(default="", max_length=80)
    tags: list[str] = Field(default_factory=list)
    team_id: int | None = None
    required_skill_id: int | None = None
    via: Literal["agent", "customer"] = "agent"
    status: Literal["new", "open"] = "new"
    wait_seconds: float | None = Field(default=None, ge=0)
    abandoned: bool | None = None
    occurred_at: datetime | None = None


class TicketUpdate(BaseModel):
    """Changes to a ticket; ``version`` is the one the client last saw."""

    version: int
    subject: str | None = Field(default=None, min_length=1, max_length=300)
    category: str | None = Field(default=None, max_length=80)
    tags: list[str] | None = None
    priority: Priority | None = None
    status: Status | None = None
    required_skill_id: int | None = None
    occurred_at: datetime | None = None


class TicketPublic(Public):
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
    team_id: int | None
    escalation_tier: str
    required_skill_id: int | None
    needs_help: bool
    reopen_count: int
    created_at: datetime
    updated_at: datetime
    version: int


class TicketPage(Page[TicketPublic]):
    pass


class TicketEventPublic(Public):
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


class SlaClockPublic(Public):
    metric: str
    target_minutes: int
    state: str
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    elapsed_seconds: float
    remaining_seconds: float | None
    breached_by_seconds: float


class TicketDetail(BaseModel):
    """A ticket with its requester, its timeline and its live SLA clocks."""

    ticket: TicketPublic
    requester: CustomerPublic
    sla_policy: str | None
    clocks: list[SlaClockPublic]
    events: list[TicketEventPublic]


EventKindInput = Literal[
    "public_reply",
    "customer_message",
    "internal_note",
    "status_change",
    "priority_change",
    "handle_segment",
    "satisfaction",
    "help_requested",
    "help_resolved",
]


class EventCreate(BaseModel):
    """One event of a given kind; each kind reads its own fields (others must be left out)."""

    kind: EventKindInput
    body: str = Field(default="", max_length=20_000)
    status: Status | None = None
    priority: Priority | None = None
    segment_kind: SegmentKind | None = None
    segment_start: datetime | None = None
    segment_end: datetime | None = None
    survey: Survey | None = None
    rating: int | None = None
    version: int | None = None
    occurred_at: datetime | None = None


class EventRecorded(BaseModel):
    event: TicketEventPublic
    ticket: TicketPublic


class AssignRequest(BaseModel):
    strategy: AssignStrategy = AssignStrategy.MANUAL
    assignee_id: int | None = None
    min_level: int = Field(default=1, ge=1, le=5)
    version: int | None = None
    occurred_at: datetime | None = None


class EscalateRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)
    to_tier: Tier | None = None
    department_team_id: int | None = None
    version: int | None = None
    occurred_at: datetime | None = None


class TransferRequest(BaseModel):
    team_id: int
    note: str = Field(default="", max_length=20_000)
    version: int | None = None
    occurred_at: datetime | None = None


class HelpRequest(BaseModel):
    """``needed=true`` flags the ticket "need help"; ``false`` clears the flag."""

    needed: bool = True
    note: str = Field(default="", max_length=20_000)
    version: int | None = None
    occurred_at: datetime | None = None


class AttentionItem(BaseModel):
    ticket: TicketPublic
    clock: SlaClockPublic | None = None


class AttentionList(BaseModel):
    count: int
    items: list[AttentionItem]


class AttentionBoard(BaseModel):
    """What needs a supervisor now; each list counts all matches and shows the first few."""

    generated_at: datetime
    at_risk_minutes: int
    escalated: AttentionList
    help_requests: AttentionList
    sla_at_risk: AttentionList
    sla_breached: AttentionList
    unassigned: AttentionList
