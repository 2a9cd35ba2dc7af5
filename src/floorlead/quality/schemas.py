"""Pydantic request and response models of quality assurance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from floorlead.quality.model import (
    AnswerType,
    DisputeOutcome,
    ReportGroup,
    SampleMethod,
    Target,
)

Weight = Annotated[float, Field(gt=0, le=1000)]


class CriterionIn(BaseModel):
    key: str = Field(min_length=1, max_length=60, description="stable id, e.g. greeting")
    label: str = Field(min_length=1, max_length=200)
    answer_type: AnswerType
    weight: Weight = 1.0
    auto_fail: bool = Field(default=False, description="answered no, the review scores 0")
    allow_na: bool = False
    guidance: str = Field(default="", max_length=2000)


class SectionIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    weight: Weight = 1.0
    criteria: list[CriterionIn] = Field(min_length=1, max_length=60)


class ScorecardCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=4000)
    sections: list[SectionIn] = Field(min_length=1, max_length=20)


class ScorecardUpdate(BaseModel):
    """Only the fields sent change. New ``sections`` make a new version once reviews use the
    current one (earlier reviews keep theirs); otherwise they replace the current version."""

    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=4000)
    active: bool | None = None
    sections: list[SectionIn] | None = Field(default=None, min_length=1, max_length=20)


class CriterionPublic(CriterionIn):
    id: int


class SectionPublic(BaseModel):
    name: str
    weight: float
    criteria: list[CriterionPublic]


class ScorecardVersionPublic(BaseModel):
    id: int
    number: int
    created_at: datetime
    sections: list[SectionPublic]


class ScorecardPublic(BaseModel):
    id: int
    name: str
    description: str
    active: bool
    version: ScorecardVersionPublic  # the current one
    version_numbers: list[int]


class ScorecardSummary(BaseModel):
    id: int
    name: str
    active: bool
    current_version: int
    reviews: int


class SampleCreate(BaseModel):
    team_id: int
    week: date = Field(description="any day of the week; weeks start on Monday (team time)")
    scorecard_id: int
    per_agent: int = Field(default=3, ge=0, le=50)
    method: SampleMethod = SampleMethod.RANDOM
    targets: list[Target] = Field(default_factory=list)
    targeted_per_agent: int = Field(default=2, ge=0, le=50)
    long_handle_seconds: float | None = Field(
        default=None, gt=0, description="default: above the agent's own 90th percentile"
    )
    seed: int | None = Field(default=None, ge=0, le=2**62)
    reviewer_ids: list[int] = Field(
        default_factory=list, max_length=50, description="round-robin; default: you"
    )


class AssignmentPublic(BaseModel):
    id: int
    ticket_id: int
    ticket_subject: str
    channel: str
    agent_id: int
    agent_name: str
    reviewer_id: int
    reviewer_name: str
    reasons: list[str]
    status: str
    week_start: date
    scorecard_id: int
    review_id: int | None


class SamplePublic(BaseModel):
    id: int
    team_id: int
    scorecard_id: int
    week_start: date
    method: SampleMethod
    per_agent: int
    targets: list[str]
    seed: int
    created_at: datetime
    assignments: list[AssignmentPublic]


class AnswerIn(BaseModel):
    value: str = Field(min_length=1, max_length=4, description="yes, no, 1–5 or na")
    comment: str = Field(default="", max_length=2000)


class ReviewCreate(BaseModel):
    scorecard_id: int
    ticket_id: int
    answers: dict[str, AnswerIn]
    strengths: str = Field(default="", max_length=4000)
    improvements: str = Field(default="", max_length=4000)


class DisputeCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class DisputeResolution(BaseModel):
    outcome: DisputeOutcome
    comment: str = Field(min_length=1, max_length=2000)
    answers: dict[str, AnswerIn] | None = Field(
        default=None, description="required to amend: the corrected answers"
    )


class AnswerPublic(BaseModel):
    criterion_key: str
    label: str
    section: str
    answer_type: AnswerType
    value: str
    points: float | None
    comment: str


class SectionScorePublic(BaseModel):
    name: str
    score: float | None


class ReviewSummary(BaseModel):
    id: int
    ticket_id: int
    ticket_subject: str
    agent_id: int
    agent_name: str
    reviewer_name: str
    score: float
    auto_failed: bool
    status: str
    week_start: date
    created_at: datetime


class ReviewPublic(ReviewSummary):
    scorecard_id: int
    scorecard_name: str
    version: int
    reviewer_id: int
    team_id: int | None
    sections: list[SectionScorePublic]
    answers: list[AnswerPublic]
    strengths: str
    improvements: str
    acknowledged_at: datetime | None
    dispute_reason: str
    disputed_at: datetime | None
    resolver_id: int | None
    resolver_name: str | None
    resolution: str | None
    resolution_comment: str
    resolved_at: datetime | None
    original_score: float | None


class ScorePreviewRequest(BaseModel):
    answers: dict[str, str]


class ScorePreview(BaseModel):
    score: float
    auto_failed: bool
    sections: list[SectionScorePublic]
    failed_criteria: list[str]


class CalibrationCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scorecard_id: int
    ticket_ids: list[int] = Field(min_length=1, max_length=50)
    panel_ids: list[int] = Field(min_length=2, max_length=30)


class CalibrationScores(BaseModel):
    ticket_id: int
    answers: dict[str, str]


class PanelistPublic(BaseModel):
    person_id: int
    name: str
    submitted: int


class CalibrationTicketPublic(BaseModel):
    ticket_id: int
    subject: str


class CalibrationPublic(BaseModel):
    """While open, each panelist sees only their own answers (``my_answers``)."""

    id: int
    name: str
    scorecard_id: int
    version: int
    status: str
    facilitator_id: int
    facilitator_name: str
    created_at: datetime
    closed_at: datetime | None
    tickets: list[CalibrationTicketPublic]
    panel: list[PanelistPublic]
    my_answers: dict[int, dict[str, str]]


class CalibrationSummary(BaseModel):
    id: int
    name: str
    status: str
    facilitator_name: str
    created_at: datetime
    closed_at: datetime | None
    tickets: int
    panel: int


class CriterionAgreement(BaseModel):
    key: str
    label: str
    level: str
    alpha: float | None
    pairable_values: int


class InteractionSpread(BaseModel):
    ticket_id: int
    subject: str
    mean: float
    std_dev: float
    low: float
    high: float
    range: float
    scores: int


class ReviewerDeviationPublic(BaseModel):
    reviewer_id: int
    name: str
    mean_deviation: float
    mean_absolute_deviation: float
    interactions: int
    outlier: bool


class CalibrationEntryPublic(BaseModel):
    ticket_id: int
    reviewer_id: int
    reviewer_name: str
    score: float
    auto_failed: bool
    answers: dict[str, str]


class CalibrationResults(BaseModel):
    calibration: CalibrationPublic
    overall_alpha: float | None
    overall_level: str
    criteria: list[CriterionAgreement]
    interactions: list[InteractionSpread]
    reviewers: list[ReviewerDeviationPublic]
    entries: list[CalibrationEntryPublic]


class TrendPoint(BaseModel):
    week_start: date
    key: str
    label: str
    score: float
    reviews: int


class FailingCriterion(BaseModel):
    key: str
    label: str
    answered: int
    failed: int
    fail_rate: float


class QualityReport(BaseModel):
    first_week: date
    last_week: date
    group: ReportGroup
    team_id: int | None
    reviews: int
    average: float | None
    trend: list[TrendPoint]
    failing: list[FailingCriterion]


class TimelineEntryPublic(BaseModel):
    occurred_at: datetime
    kind: str
    via: str
    actor_name: str | None
    body: str
    detail: str


class NotificationPublic(BaseModel):
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None
