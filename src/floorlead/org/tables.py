"""SQLAlchemy tables of the organisation area."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
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


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="support")
    description: Mapped[str] = mapped_column(Text, default="")
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", use_alter=True, ondelete="SET NULL"), index=True
    )
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    members: Mapped[list[Person]] = relationship(
        back_populates="team", foreign_keys="Person.team_id"
    )


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), index=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    hire_date: Mapped[date] = mapped_column(Date)
    leave_date: Mapped[date | None] = mapped_column(Date)
    hourly_cost: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    team: Mapped[Team | None] = relationship(back_populates="members", foreign_keys=[team_id])
    skills: Mapped[list[PersonSkill]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("hourly_cost >= 0", name="hourly_cost_not_negative"),)

    def is_active_on(self, day: date) -> bool:
        return self.hire_date <= day and (self.leave_date is None or day < self.leave_date)


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class PersonSkill(Base):
    __tablename__ = "person_skills"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(Integer)

    person: Mapped[Person] = relationship(back_populates="skills")
    skill: Mapped[Skill] = relationship()

    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_1_to_5"),)


class ApprovalLimit(Base):
    """How much a role (or one person, overriding the role) may approve of one type."""

    __tablename__ = "approval_limits"

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_type: Mapped[str] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    max_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    __table_args__ = (
        CheckConstraint("(role IS NULL) <> (person_id IS NULL)", name="role_xor_person"),
        CheckConstraint("max_amount >= 0", name="max_amount_not_negative"),
        UniqueConstraint("approval_type", "role", "person_id", name="uq_approval_limits_scope"),
    )


class ApprovalRequest(Base):
    __tablename__ = "approval_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_type: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    requester_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_approval_requests_approver_status", "approver_id", "status"),
    )
