"""Request and response models of the service rules: SLA policies, calendars, escalation rules.

Values are checked by the rule modules (so the error names the field the same way from the
API, the CLI and the services); these models check shapes only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SlaTargetIn(BaseModel):
    priority: str
    metric: str
    minutes: int


class SlaTargetPublic(Public):
    priority: str
    metric: str
    minutes: int


class SlaPolicyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    targets: list[SlaTargetIn]
    position: int = 0
    customer_tier: str | None = None
    channel: str | None = None
    calendar_id: int | None = None
    pause_statuses: list[str] = Field(default_factory=list)
    active: bool = True


class SlaPolicyUpdate(BaseModel):
    """Fields to change; ``null`` clears customer_tier, channel or calendar_id."""

    name: str | None = Field(default=None, min_length=1, max_length=120)
    targets: list[SlaTargetIn] | None = None
    position: int | None = None
    customer_tier: str | None = None
    channel: str | None = None
    calendar_id: int | None = None
    pause_statuses: list[str] | None = None
    active: bool | None = None


class SlaPolicyPublic(Public):
    id: int
    name: str
    position: int
    customer_tier: str | None
    channel: str | None
    calendar_id: int | None
    pause_statuses: list[str]
    active: bool
    created_at: datetime
    targets: list[SlaTargetPublic]


class HolidayIn(BaseModel):
    day: date
    name: str = Field(default="", max_length=120)


class HolidayPublic(Public):
    day: date
    name: str


class CalendarCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    time_zone: str = Field(min_length=1, max_length=64)
    weekly_hours: dict[str, Any]
    holidays: list[HolidayIn] = Field(default_factory=list)


class CalendarUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    time_zone: str | None = Field(default=None, min_length=1, max_length=64)
    weekly_hours: dict[str, Any] | None = None
    holidays: list[HolidayIn] | None = None


class CalendarPublic(Public):
    id: int
    name: str
    time_zone: str
    weekly_hours: dict[str, list[list[str]]]
    holidays: list[HolidayPublic]


class EscalationRuleCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    condition: str
    threshold: int
    target_tier: str
    active: bool = True


class EscalationRuleUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    condition: str | None = None
    threshold: int | None = None
    target_tier: str | None = None
    active: bool | None = None


class EscalationRulePublic(Public):
    id: int
    name: str
    condition: str
    threshold: int
    target_tier: str
    active: bool
    created_at: datetime


class EscalationDecisionPublic(Public):
    ticket_id: int
    rule_id: int
    from_tier: str
    to_tier: str
    reason: str
