"""SQLAlchemy tables of the tickets area."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from floorlead.storage.base import Base, UTCDateTime

BigId = BigInteger().with_variant(Integer, "sqlite")


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    tier: Mapped[str] = mapped_column(String(20), default="standard")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(20), default="normal")
    category: Mapped[str] = mapped_column(String(80), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="new")
    requester_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    escalation_tier: Mapped[str] = mapped_column(String(20), default="frontline")
    required_skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"))
    needs_help: Mapped[bool] = mapped_column(Boolean, default=False)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    requester: Mapped[Customer] = relationship()
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.occurred_at, TicketEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_tickets_status_team", "status", "team_id"),
        Index("ix_tickets_status_created", "status", "created_at"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
    )


class TicketEvent(Base):
    """Append-only history of a ticket; every ticket metric is derived from these rows."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    via: Mapped[str] = mapped_column(String(20), default="agent")
    body: Mapped[str] = mapped_column(Text, default="")
    from_value: Mapped[str | None] = mapped_column(String(80))
    to_value: Mapped[str | None] = mapped_column(String(80))
    segment_kind: Mapped[str | None] = mapped_column(String(20))
    segment_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    segment_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    survey: Mapped[str | None] = mapped_column(String(10))
    rating: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    ticket: Mapped[Ticket] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_ticket_events_ticket_occurred", "ticket_id", "occurred_at"),
        Index("ix_ticket_events_recorded", "recorded_at"),
        Index("ix_ticket_events_kind_occurred", "kind", "occurred_at"),
    )


class BusinessCalendar(Base):
    __tablename__ = "business_calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    # {"0": [["09:00", "17:00"]], ...}: Monday = "0"; several windows a day allowed.
    weekly_hours: Mapped[dict[str, list[list[str]]]] = mapped_column(JSON)

    holidays: Mapped[list[Holiday]] = relationship(
        cascade="all, delete-orphan", order_by="Holiday.day"
    )


class Holiday(Base):
    __tablename__ = "holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("business_calendars.id", ondelete="CASCADE")
    )
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (UniqueConstraint("calendar_id", "day", name="uq_holidays_calendar_day"),)


class SlaPolicy(Base):
    """Targets for a slice of tickets; the first active policy (by position) that matches wins."""

    __tablename__ = "sla_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    customer_tier: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(String(20))
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("business_calendars.id"))
    pause_statuses: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    targets: Mapped[list[SlaTarget]] = relationship(cascade="all, delete-orphan")
    calendar: Mapped[BusinessCalendar | None] = relationship()


class SlaTarget(Base):
    __tablename__ = "sla_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("sla_policies.id", ondelete="CASCADE"))
    priority: Mapped[str] = mapped_column(String(20))
    metric: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("policy_id", "priority", "metric", name="uq_sla_targets_scope"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
    )


class EscalationRule(Base):
    __tablename__ = "escalation_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    condition: Mapped[str] = mapped_column(String(40))
    threshold: Mapped[int] = mapped_column(Integer)
    target_tier: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("threshold >= 0", name="threshold_not_negative"),)
