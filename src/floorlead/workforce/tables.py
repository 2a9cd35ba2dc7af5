"""SQLAlchemy tables of the workforce area: schedules, time off, agent states, attendance."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from floorlead.storage.base import Base, UTCDateTime

BigId = BigInteger().with_variant(Integer, "sqlite")


class Schedule(Base):
    """One optimised week of shifts for a team, with how well it covers the requirement."""

    __tablename__ = "schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    week_start: Mapped[datetime] = mapped_column(UTCDateTime)
    interval_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    objective: Mapped[float] = mapped_column(Float, default=0.0)
    lower_bound: Mapped[float] = mapped_column(Float, default=0.0)
    gap: Mapped[float] = mapped_column(Float, default=0.0)
    under_coverage: Mapped[float] = mapped_column(Float, default=0.0)
    over_coverage: Mapped[float] = mapped_column(Float, default=0.0)
    cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    shifts: Mapped[list[ScheduledShiftRow]] = relationship(
        back_populates="schedule", cascade="all, delete-orphan", order_by="ScheduledShiftRow.start"
    )
    requirements: Mapped[list[StaffingRequirement]] = relationship(
        cascade="all, delete-orphan", order_by="StaffingRequirement.interval_start"
    )

    __table_args__ = (Index("ix_schedules_team_week", "team_id", "week_start"),)


class StaffingRequirement(Base):
    """Agents required in one interval of a schedule's week (after shrinkage)."""

    __tablename__ = "staffing_requirements"

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"))
    interval_start: Mapped[datetime] = mapped_column(UTCDateTime)
    required: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint("schedule_id", "interval_start", name="uq_staffing_requirements_slot"),
        CheckConstraint("required >= 0", name="required_not_negative"),
    )


class ScheduledShiftRow(Base):
    __tablename__ = "scheduled_shifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)

    schedule: Mapped[Schedule] = relationship(back_populates="shifts")
    activities: Mapped[list[ScheduledActivityRow]] = relationship(
        cascade="all, delete-orphan", order_by="ScheduledActivityRow.start"
    )

    __table_args__ = (
        Index("ix_scheduled_shifts_person_start", "person_id", "start"),
        Index("ix_scheduled_shifts_schedule", "schedule_id"),
        CheckConstraint('"end" > start', name="ends_after_start"),
    )


class ScheduledActivityRow(Base):
    """A break, lunch, training or meeting inside a shift."""

    __tablename__ = "scheduled_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(
        ForeignKey("scheduled_shifts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)


class TimeOff(Base):
    __tablename__ = "time_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AgentStateRecord(Base):
    """What an agent was doing from ``started_at`` until ``ended_at`` (open while current)."""

    __tablename__ = "agent_states"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    state: Mapped[str] = mapped_column(String(30))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_agent_states_person_started", "person_id", "started_at"),)


class AttendanceNote(Base):
    """A supervisor's record of an absence, late start or early leave, with its reason."""

    __tablename__ = "attendance_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("person_id", "day", "kind", name="uq_attendance_notes_person_day_kind"),
    )
