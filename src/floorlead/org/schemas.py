"""Pydantic request and response models of the organisation area.

Amounts are decimals (JSON strings such as ``"250.00"``). Email addresses and time zone names
are checked by the services (:mod:`floorlead.org.profile`), so every entry point — API, command
line, demo — gets the same answer.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from floorlead.org.model import ApprovalStatus, Role, TeamKind
from floorlead.paging import Page

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Level = Annotated[int, Field(ge=1, le=5)]


class PersonCreate(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(min_length=1, max_length=200)
    role: Role = Role.AGENT
    team_id: int | None = None
    manager_id: int | None = None
    hire_date: date
    leave_date: date | None = None
    hourly_cost: Money = Decimal("0")
    time_zone: str = "UTC"
    password: str | None = Field(default=None, max_length=200)


class PersonUpdate(BaseModel):
    """Only the fields sent are changed; send ``leave_date`` to record that someone leaves."""

    email: str | None = Field(default=None, min_length=3, max_length=254)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    team_id: int | None = None
    manager_id: int | None = None
    hire_date: date | None = None
    leave_date: date | None = None
    hourly_cost: Money | None = None
    time_zone: str | None = None


class SkillLevel(BaseModel):
    skill_id: int
    level: Level


class SkillLevelsUpdate(BaseModel):
    """The person's complete set of skills (skills left out are removed)."""

    skills: list[SkillLevel]


class PersonSkillPublic(BaseModel):
    skill_id: int
    name: str
    level: int


class PersonPublic(BaseModel):
    """A person. ``hourly_cost`` is shown only to the person and to those who manage them."""

    id: int
    email: str
    name: str
    role: Role
    team_id: int | None
    team_name: str | None
    manager_id: int | None
    manager_name: str | None
    hire_date: date
    leave_date: date | None
    active: bool
    hourly_cost: Decimal | None
    time_zone: str
    skills: list[PersonSkillPublic]


class PersonPage(Page[PersonPublic]):
    pass


class MePublic(PersonPublic):
    actions: list[str]


class OrgNode(BaseModel):
    id: int
    name: str
    role: Role
    team_id: int | None
    reports: list[OrgNode] = Field(default_factory=list)


class TeamCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    kind: TeamKind = TeamKind.SUPPORT
    description: str = Field(default="", max_length=2000)
    supervisor_id: int | None = None
    time_zone: str = "UTC"


class TeamUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    kind: TeamKind | None = None
    description: str | None = Field(default=None, max_length=2000)
    supervisor_id: int | None = None
    time_zone: str | None = None


class TeamPublic(BaseModel):
    id: int
    name: str
    kind: TeamKind
    description: str
    supervisor_id: int | None
    supervisor_name: str | None
    time_zone: str
    member_count: int


class TeamMember(BaseModel):
    id: int
    name: str
    role: Role
    open_tickets: int


class TeamDetail(TeamPublic):
    members: list[TeamMember]
    open_tickets: int


class SkillCreate(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=2000)


class SkillUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=80)
    description: str | None = Field(default=None, max_length=2000)


class SkillPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str


class ApprovalLimitSet(BaseModel):
    """Set (create or replace) the limit of a role, or of one person overriding their role."""

    approval_type: str = Field(min_length=2, max_length=40)
    role: Role | None = None
    person_id: int | None = None
    max_amount: Money


class ApprovalLimitPublic(BaseModel):
    id: int
    approval_type: str
    role: Role | None
    person_id: int | None
    person_name: str | None
    max_amount: Decimal


class ApprovalCreate(BaseModel):
    approval_type: str = Field(min_length=2, max_length=40)
    amount: Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
    ticket_id: int | None = None
    reason: str = Field(min_length=1, max_length=4000)


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class ApprovalDecision(BaseModel):
    decision: Decision
    comment: str = Field(default="", max_length=4000)


class ApprovalPublic(BaseModel):
    id: int
    approval_type: str
    amount: Decimal
    ticket_id: int | None
    reason: str
    requester_id: int
    requester_name: str
    approver_id: int | None
    approver_name: str | None
    status: ApprovalStatus
    auto_approved: bool
    decided_by_id: int | None
    decided_at: datetime | None
    decision_comment: str
    created_at: datetime


class ApprovalPage(Page[ApprovalPublic]):
    pass


class AuditEntryPublic(BaseModel):
    id: int
    actor_id: int | None
    actor_name: str | None
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    at: datetime


class AuditPage(Page[AuditEntryPublic]):
    pass
