"""Pydantic request and response models of the training area."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from floorlead.training.model import AssignmentStatus, ExpiryStatus, GapKind, ProgramKind

Slug = Annotated[str, Field(min_length=2, max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Level = Annotated[int, Field(ge=1, le=5)]


class QuestionIn(BaseModel):
    prompt: str = Field(min_length=1, max_length=2000)
    choices: list[str] = Field(min_length=2, max_length=8)
    correct: int = Field(ge=0, description="index of the correct choice (0 = the first)")


class ModuleIn(BaseModel):
    title: str = Field(min_length=1, max_length=160)
    content_url: str = Field(default="", max_length=500)
    content_text: str = Field(default="", max_length=20000)
    duration_minutes: int = Field(ge=1, le=2400)
    pass_mark: float | None = Field(default=None, description="percent; set it for a quiz")
    questions: list[QuestionIn] = Field(default_factory=list)


class ProgramCreate(BaseModel):
    slug: Slug
    title: str = Field(min_length=1, max_length=160)
    kind: ProgramKind
    description: str = Field(default="", max_length=4000)
    modules: list[ModuleIn] = Field(default_factory=list)
    skills: dict[str, Level] = Field(
        default_factory=dict, description="skill name → the level the programme brings people to"
    )
    criteria: list[str] = Field(
        default_factory=list, description="keys of the quality criteria the programme teaches"
    )


class CertificationCreate(BaseModel):
    slug: Slug
    name: str = Field(min_length=1, max_length=160)
    description: str = Field(default="", max_length=4000)
    valid_months: int | None = Field(default=None, ge=1, le=240)
    program: Slug | None = Field(default=None, description="slug of the programme that earns it")


class AssignmentCreate(BaseModel):
    person_id: int
    program_id: int
    due_on: date


class QuizAnswers(BaseModel):
    answers: dict[int, int] = Field(description="question id → index of the chosen answer")


class CertificationRecord(BaseModel):
    certification_id: int
    earned_on: date


class ModulePublic(BaseModel):
    id: int
    position: int
    title: str
    content_url: str
    content_text: str
    duration_minutes: int
    pass_mark: float | None
    question_count: int


class ProgramSummary(BaseModel):
    id: int
    slug: str
    title: str
    kind: ProgramKind
    description: str
    module_count: int
    total_minutes: int


class ProgramPublic(ProgramSummary):
    active: bool
    modules: list[ModulePublic]
    skills: dict[str, int]
    criteria: list[str]


class AssignmentPublic(BaseModel):
    id: int
    person_id: int
    person_name: str
    program_id: int
    program_title: str
    program_kind: ProgramKind
    due_on: date
    reason: str
    assigned_at: datetime
    completed_at: datetime | None
    status: AssignmentStatus
    days_overdue: int
    modules_done: int
    modules_total: int
    percent: int


class QuestionPublic(BaseModel):
    """A quiz question as the learner sees it (the correct choice stays on the server)."""

    id: int
    prompt: str
    choices: list[str]


class ModuleProgressPublic(ModulePublic):
    done: bool
    completed_at: datetime | None
    passed: bool | None
    best_score: float | None
    attempts: int
    questions: list[QuestionPublic]


class AssignmentDetail(AssignmentPublic):
    modules: list[ModuleProgressPublic]


class QuizResultPublic(BaseModel):
    correct: int
    total: int
    score: float
    pass_mark: float
    passed: bool
    wrong: list[int]
    program_complete: bool


class CertificationPublic(BaseModel):
    id: int
    slug: str
    name: str
    description: str
    valid_months: int | None
    program_id: int | None


class HeldCertification(BaseModel):
    id: int
    person_id: int
    person_name: str
    certification_id: int
    name: str
    earned_on: date
    expires_on: date | None
    status: ExpiryStatus
    days_left: int | None


class MatrixRow(BaseModel):
    person_id: int
    name: str
    role: str
    levels: dict[str, int | None]


class SkillMatrix(BaseModel):
    team_id: int
    skills: list[str]
    rows: list[MatrixRow]
    coverage: dict[str, int] = Field(description="skill → people at level 3 or above")


class RecommendationPublic(BaseModel):
    program_id: int
    title: str
    refresher: bool = Field(
        default=False, description="completed before the latest failure, recommended again"
    )


class GapPublic(BaseModel):
    kind: GapKind
    key: str = Field(description="the skill name, or the quality criterion's key")
    label: str = Field(description="the skill name, or the quality criterion's label")
    reason: str = Field(
        description="why it is a gap, e.g. 'QA: Tone and empathy failed 3 of last 5 reviews'"
    )
    required: int | None = Field(description="skill gaps: the level the job role requires")
    actual: int | None = Field(description="skill gaps: the person's level (0: none)")
    failures: int | None = Field(description="quality gaps: times the criterion failed …")
    reviews: int | None = Field(description="quality gaps: … of this many recent reviews")
    programs: list[RecommendationPublic]


class PersonGaps(BaseModel):
    person_id: int
    name: str
    job_role: str | None = Field(description="the title of the person's job role")
    gaps: list[GapPublic]


class PlanStepPublic(BaseModel):
    day: date
    program_id: int
    program_title: str
    module_id: int
    module_title: str
    minutes: int


class PlanProgramPublic(BaseModel):
    program_id: int
    title: str
    due_on: date
    finishes_on: date | None
    late: bool


class OnboardingPlanPublic(BaseModel):
    person_id: int
    start: date | None
    finishes_on: date | None
    steps: list[PlanStepPublic]
    programs: list[PlanProgramPublic]
