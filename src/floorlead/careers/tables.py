"""SQLAlchemy tables of the careers area: role definitions (job descriptions and career
paths), each person's job role, and hiring (requisitions, candidates, interview scorecards)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from floorlead.storage.base import Base, UTCDateTime


class RoleDefinition(Base):
    """A job role: what it is for, what it asks of a person, where it leads."""

    __tablename__ = "role_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    purpose: Mapped[str] = mapped_column(Text)
    responsibilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    education: Mapped[str] = mapped_column(String(300), default="")
    experience_years: Mapped[float] = mapped_column(Float, default=0.0)
    system_role: Mapped[str | None] = mapped_column(String(20))  # the permission role it gives
    reports_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    skills: Mapped[list[RoleSkill]] = relationship(cascade="all, delete-orphan")
    kpis: Mapped[list[RoleKpiTarget]] = relationship(
        cascade="all, delete-orphan", order_by="RoleKpiTarget.id"
    )
    certifications: Mapped[list[RoleCertification]] = relationship(cascade="all, delete-orphan")
    programs: Mapped[list[RoleProgram]] = relationship(
        cascade="all, delete-orphan", order_by="RoleProgram.position"
    )
    next_steps: Mapped[list[RoleStep]] = relationship(
        cascade="all, delete-orphan", foreign_keys="RoleStep.role_id"
    )

    __table_args__ = (CheckConstraint("experience_years >= 0", name="experience_not_negative"),)


class RoleSkill(Base):
    __tablename__ = "role_skills"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_1_to_5"),)


class RoleKpiTarget(Base):
    __tablename__ = "role_kpi_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role_definitions.id", ondelete="CASCADE"))
    kpi: Mapped[str] = mapped_column(String(60))  # the KPI's name in the metrics catalogue
    label: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(10), default="")
    target: Mapped[float] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(10))  # at_least or at_most

    __table_args__ = (UniqueConstraint("role_id", "kpi", name="uq_role_kpi_targets_role_kpi"),)


class RoleCertification(Base):
    __tablename__ = "role_certifications"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="CASCADE"), primary_key=True
    )
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("certifications.id", ondelete="CASCADE"), primary_key=True
    )


class RoleProgram(Base):
    """A programme someone taking the role must complete within ``due_days`` of starting."""

    __tablename__ = "role_programs"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[int] = mapped_column(
        ForeignKey("training_programs.id", ondelete="CASCADE"), primary_key=True
    )
    due_days: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("due_days >= 0", name="due_days_not_negative"),)


class RoleStep(Base):
    """A next role on the career path."""

    __tablename__ = "role_steps"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="CASCADE"), primary_key=True
    )
    next_role_id: Mapped[int] = mapped_column(
        ForeignKey("role_definitions.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (CheckConstraint("role_id <> next_role_id", name="not_self"),)


class PersonJobRole(Base):
    """The job role a person holds (``people.role`` stays their permission role)."""

    __tablename__ = "person_job_roles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[int] = mapped_column(ForeignKey("role_definitions.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Requisition(Base):
    """An open role to hire for: how many people, for which team, reporting to whom."""

    __tablename__ = "requisitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role_definitions.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    openings: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="requisition", cascade="all, delete-orphan", order_by="Candidate.id"
    )

    __table_args__ = (CheckConstraint("openings >= 1", name="openings_positive"),)


class Candidate(Base):
    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(
        ForeignKey("requisitions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    source: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="applied")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    requisition: Mapped[Requisition] = relationship(back_populates="candidates")
    scorecards: Mapped[list[InterviewScorecard]] = relationship(
        cascade="all, delete-orphan", order_by="InterviewScorecard.id"
    )

    __table_args__ = (
        UniqueConstraint("requisition_id", "email", name="uq_candidates_requisition_email"),
    )


class InterviewScorecard(Base):
    """One interviewer's scores (1-5 per item) and recommendation for a candidate."""

    __tablename__ = "interview_scorecards"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    recommendation: Mapped[str] = mapped_column(String(10))
    comments: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)

    scores: Mapped[list[InterviewScore]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint(
            "candidate_id", "interviewer_id", name="uq_interview_scorecards_candidate_interviewer"
        ),
        Index("ix_interview_scorecards_interviewer", "interviewer_id"),
    )


class InterviewScore(Base):
    __tablename__ = "interview_scores"

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("interview_scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score_1_to_5"),)
