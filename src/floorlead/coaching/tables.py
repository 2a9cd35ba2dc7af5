"""SQLAlchemy tables of the coaching area: 1:1s, goals, kudos, reviews and team life.

References to other areas' records that coaching does not own (a QA review, a KPI, a ticket)
are kept as generic links (kind + reference + text), never as foreign keys.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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


class CoachingSession(Base):
    """A 1:1 between a coach and an agent; ``team_id`` is the agent's team when planned."""

    __tablename__ = "coaching_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    coach_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    links: Mapped[list[CoachingLink]] = relationship(
        cascade="all, delete-orphan", order_by="CoachingLink.id"
    )
    actions: Mapped[list[CoachingAction]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CoachingAction.id"
    )

    __table_args__ = (
        Index("ix_coaching_sessions_coach_scheduled", "coach_id", "scheduled_at"),
        Index("ix_coaching_sessions_agent_scheduled", "agent_id", "scheduled_at"),
        Index("ix_coaching_sessions_team_scheduled", "team_id", "scheduled_at"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
    )


class CoachingLink(Base):
    """Why a 1:1 was held: kind ``qa_review`` + review id, ``kpi`` + KPI name, and so on."""

    __tablename__ = "coaching_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(String(300), default="")


class CoachingAction(Base):
    """An action item agreed in a 1:1, with an owner and a due date; open until done."""

    __tablename__ = "coaching_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    session: Mapped[CoachingSession] = relationship(back_populates="actions")


class Goal(Base):
    """A KPI goal for one agent: reach ``target`` (from ``baseline``) by ``due_on``."""

    __tablename__ = "coaching_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    kpi: Mapped[str] = mapped_column(String(60))
    target: Mapped[float] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(10))
    baseline: Mapped[float | None] = mapped_column(Float)
    start_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_coaching_goals_agent_due", "agent_id", "due_on"),
        CheckConstraint("start_on <= due_on", name="starts_before_due"),
    )


class Kudos(Base):
    __tablename__ = "kudos"

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_kudos_team_created", "team_id", "created_at"),)


class PerformanceReview(Base):
    """A period's review: KPIs against targets, QA, attendance and goals, with the rating."""

    __tablename__ = "performance_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    rating: Mapped[int] = mapped_column(Integer)
    comments: Mapped[str] = mapped_column(Text, default="")
    # [{"kpi", "target", "direction", "actual", "met"}]
    kpi_results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    goals_met: Mapped[int] = mapped_column(Integer, default=0)
    goals_total: Mapped[int] = mapped_column(Integer, default=0)
    qa_score: Mapped[float | None] = mapped_column(Float)
    # {"shifts", "absences", "late_starts", "early_leaves"}
    attendance: Mapped[dict[str, int] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agent_comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("agent_id", "period_start", "period_end", name="uq_performance_period"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        CheckConstraint("period_start <= period_end", name="period_in_order"),
    )


class TeamMeeting(Base):
    """A team meeting or a shift briefing, with who attended and what was decided."""

    __tablename__ = "team_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="meeting")
    title: Mapped[str] = mapped_column(String(200))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    attendance: Mapped[list[MeetingAttendance]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingAttendance.person_id"
    )

    __table_args__ = (Index("ix_team_meetings_team_held", "team_id", "held_at"),)


class MeetingAttendance(Base):
    __tablename__ = "team_meeting_attendance"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("team_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class PulseSurvey(Base):
    __tablename__ = "pulse_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(300))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("closes_at > opens_at", name="closes_after_opening"),)


class PulseResponse(Base):
    """One anonymous answer: no person and no time, so it cannot be traced to its author."""

    __tablename__ = "pulse_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_surveys.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 10", name="score_0_to_10"),)


class PulseRespondent(Base):
    """Who has answered a survey (so nobody answers twice), kept apart from the answers."""

    __tablename__ = "pulse_respondents"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_surveys.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)


class ConflictNote(Base):
    """A conflict between people and how it ended; supervisors and above only."""

    __tablename__ = "conflict_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    party_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    occurred_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
