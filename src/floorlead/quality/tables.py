"""SQLAlchemy tables of quality assurance, and the generic in-app ``notifications``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
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

BigId = BigInteger().with_variant(Integer, "sqlite")


class QaScorecard(Base):
    """A named scorecard; its content lives in numbered versions (reviews keep theirs)."""

    __tablename__ = "qa_scorecards"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    versions: Mapped[list[QaScorecardVersion]] = relationship(
        back_populates="scorecard",
        cascade="all, delete-orphan",
        order_by="QaScorecardVersion.number",
    )


class QaScorecardVersion(Base):
    __tablename__ = "qa_scorecard_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    scorecard: Mapped[QaScorecard] = relationship(back_populates="versions")
    sections: Mapped[list[QaSection]] = relationship(
        cascade="all, delete-orphan", order_by="QaSection.position"
    )

    __table_args__ = (
        UniqueConstraint("scorecard_id", "number", name="uq_qa_scorecard_versions_number"),
    )


class QaSection(Base):
    __tablename__ = "qa_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("qa_scorecard_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[float] = mapped_column(Float)

    criteria: Mapped[list[QaCriterion]] = relationship(
        cascade="all, delete-orphan", order_by="QaCriterion.position"
    )

    __table_args__ = (CheckConstraint("weight > 0", name="weight_positive"),)


class QaCriterion(Base):
    __tablename__ = "qa_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("qa_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))  # stable across versions, for trends
    label: Mapped[str] = mapped_column(String(200))
    guidance: Mapped[str] = mapped_column(Text, default="")
    answer_type: Mapped[str] = mapped_column(String(20))
    weight: Mapped[float] = mapped_column(Float)
    auto_fail: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_na: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (CheckConstraint("weight > 0", name="weight_positive"),)


class QaSample(Base):
    """One draw of interactions to review for a team's week."""

    __tablename__ = "qa_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id"))
    week_start: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    per_agent: Mapped[int] = mapped_column(Integer)
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    targeted_per_agent: Mapped[int] = mapped_column(Integer, default=0)
    seed: Mapped[int] = mapped_column(BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assignments: Mapped[list[QaAssignment]] = relationship(
        cascade="all, delete-orphan", order_by="QaAssignment.id"
    )


class QaAssignment(Base):
    """A sampled interaction waiting for (or done by) its reviewer."""

    __tablename__ = "qa_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("qa_samples.id", ondelete="CASCADE"))
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("scorecard_id", "ticket_id", name="uq_qa_assignments_scorecard_ticket"),
        Index("ix_qa_assignments_reviewer_status", "reviewer_id", "status"),
    )


class QaReview(Base):
    __tablename__ = "qa_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecard_versions.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("qa_assignments.id", ondelete="SET NULL"), unique=True
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    week_start: Mapped[date] = mapped_column(Date)  # the Monday of the interaction's week
    score: Mapped[float] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    section_scores: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    strengths: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dispute_reason: Mapped[str] = mapped_column(Text, default="")
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolver_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolution_comment: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    original_score: Mapped[float | None] = mapped_column(Float)  # before an amendment

    answers: Mapped[list[QaAnswer]] = relationship(
        cascade="all, delete-orphan", order_by="QaAnswer.id"
    )

    __table_args__ = (
        UniqueConstraint("scorecard_id", "ticket_id", name="uq_qa_reviews_scorecard_ticket"),
        Index("ix_qa_reviews_agent_created", "agent_id", "created_at"),
        Index("ix_qa_reviews_team_week", "team_id", "week_start"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_0_to_100"),
    )


class QaAnswer(Base):
    __tablename__ = "qa_review_answers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("qa_reviews.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("qa_criteria.id"))
    criterion_key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(4))  # yes, no, 1–5 or na
    points: Mapped[float | None] = mapped_column(Float)  # share of the points; None for N/A
    comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("review_id", "criterion_id", name="uq_qa_review_answers_criterion"),
        Index("ix_qa_review_answers_key", "criterion_key"),
    )


class QaCalibration(Base):
    """Several reviewers score the same interactions blind; results show once closed."""

    __tablename__ = "qa_calibrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecard_versions.id"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tickets: Mapped[list[QaCalibrationTicket]] = relationship(
        cascade="all, delete-orphan", order_by="QaCalibrationTicket.position"
    )
    panelists: Mapped[list[QaCalibrationPanelist]] = relationship(cascade="all, delete-orphan")


class QaCalibrationTicket(Base):
    __tablename__ = "qa_calibration_tickets"

    calibration_id: Mapped[int] = mapped_column(
        ForeignKey("qa_calibrations.id", ondelete="CASCADE"), primary_key=True
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class QaCalibrationPanelist(Base):
    __tablename__ = "qa_calibration_panelists"

    calibration_id: Mapped[int] = mapped_column(
        ForeignKey("qa_calibrations.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)


class QaCalibrationEntry(Base):
    """One panelist's blind scoring of one interaction."""

    __tablename__ = "qa_calibration_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    calibration_id: Mapped[int] = mapped_column(
        ForeignKey("qa_calibrations.id", ondelete="CASCADE")
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    score: Mapped[float] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint(
            "calibration_id", "ticket_id", "reviewer_id", name="uq_qa_calibration_entries_scorer"
        ),
    )


class Notification(Base):
    """An in-app message to one person (any area may add them: quality reviews, disputes…)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_notifications_person_read", "person_id", "read_at"),)
