"""SQLAlchemy tables of the training area: programmes, modules, quizzes, assignments,
progress, certifications, and what each programme teaches."""

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


class TrainingProgram(Base):
    __tablename__ = "training_programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    modules: Mapped[list[TrainingModule]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="TrainingModule.position"
    )
    skills: Mapped[list[ProgramSkill]] = relationship(cascade="all, delete-orphan")
    criteria: Mapped[list[ProgramCriterion]] = relationship(cascade="all, delete-orphan")


class TrainingModule(Base):
    """One unit of a programme: a link or text to study, its length, and an optional quiz."""

    __tablename__ = "training_modules"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("training_programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(160))
    content_url: Mapped[str] = mapped_column(String(500), default="")
    content_text: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[float | None] = mapped_column(Float)  # percent; None: no quiz

    program: Mapped[TrainingProgram] = relationship(back_populates="modules")
    questions: Mapped[list[QuizQuestion]] = relationship(
        cascade="all, delete-orphan", order_by="QuizQuestion.position"
    )

    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint(
            "pass_mark IS NULL OR (pass_mark > 0 AND pass_mark <= 100)", name="pass_mark_percent"
        ),
    )


class QuizQuestion(Base):
    __tablename__ = "training_quiz_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        ForeignKey("training_modules.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON)
    correct_choice: Mapped[int] = mapped_column(Integer)


class ProgramSkill(Base):
    """A skill the programme teaches, and the level it brings people to."""

    __tablename__ = "training_program_skills"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("training_programs.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_1_to_5"),)


class ProgramCriterion(Base):
    """A quality-review criterion (by its stable key) the programme teaches."""

    __tablename__ = "training_program_criteria"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("training_programs.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_key: Mapped[str] = mapped_column(String(60), primary_key=True)


class TrainingAssignment(Base):
    """A programme someone must complete by a date (one per person and programme)."""

    __tablename__ = "training_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    program_id: Mapped[int] = mapped_column(
        ForeignKey("training_programs.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(80), default="manual")
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    progress: Mapped[list[ModuleProgress]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("person_id", "program_id", name="uq_training_assignments_person_program"),
    )


class ModuleProgress(Base):
    __tablename__ = "training_module_progress"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("training_assignments.id", ondelete="CASCADE"), primary_key=True
    )
    module_id: Mapped[int] = mapped_column(
        ForeignKey("training_modules.id", ondelete="CASCADE"), primary_key=True
    )
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    best_score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuizAttempt(Base):
    """Every quiz submission, with the answers given and the score earned."""

    __tablename__ = "training_quiz_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("training_assignments.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[int] = mapped_column(ForeignKey("training_modules.id", ondelete="CASCADE"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Certification(Base):
    """A certification, how long it stays valid, and the programme that earns it."""

    __tablename__ = "certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    valid_months: Mapped[int | None] = mapped_column(Integer)  # None: never expires
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_programs.id", ondelete="SET NULL"), index=True
    )

    __table_args__ = (
        CheckConstraint("valid_months IS NULL OR valid_months > 0", name="valid_months_positive"),
    )


class PersonCertification(Base):
    """A certification someone earned (a renewal adds a row; the newest one counts)."""

    __tablename__ = "person_certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("certifications.id", ondelete="CASCADE")
    )
    earned_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_person_certifications_person_cert", "person_id", "certification_id"),
    )
