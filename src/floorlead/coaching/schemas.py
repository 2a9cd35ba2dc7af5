"""Pydantic models of the coaching API: requests (``…Create``/``…Update``) and answers."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from floorlead.coaching.model import (
    ConflictStatus,
    Direction,
    GoalStatus,
    LinkKind,
    MeetingKind,
    SessionStatus,
)


class LinkIn(BaseModel):
    kind: LinkKind
    ref: str = Field(min_length=1, max_length=80, description="review id, KPI name, …")
    text: str = Field(default="", max_length=300)


class LinkPublic(LinkIn):
    id: int


class ActionItemCreate(BaseModel):
    description: str = Field(min_length=1, max_length=2000)
    owner_id: int
    due_on: date


class ActionItemPublic(BaseModel):
    id: int
    session_id: int
    agent_id: int
    agent_name: str
    description: str
    owner_id: int
    owner_name: str
    due_on: date
    done_at: datetime | None
    overdue: bool


class ActionItemDone(BaseModel):
    done: bool = True


class SessionCreate(BaseModel):
    agent_id: int
    scheduled_at: datetime
    duration_minutes: int = Field(default=30, ge=5, le=480)
    agenda: str = Field(default="", max_length=10000)
    links: list[LinkIn] = Field(default_factory=list)


class SessionUpdate(BaseModel):
    scheduled_at: datetime | None = None
    duration_minutes: int | None = Field(default=None, ge=5, le=480)
    agenda: str | None = Field(default=None, max_length=10000)
    notes: str | None = Field(default=None, max_length=20000)
    notes_shared: bool | None = None
    status: SessionStatus | None = None


class SessionSummary(BaseModel):
    id: int
    agent_id: int
    agent_name: str
    coach_id: int
    coach_name: str
    team_id: int | None
    scheduled_at: datetime
    duration_minutes: int
    status: SessionStatus
    open_actions: int


class SessionDetail(SessionSummary):
    agenda: str
    notes: str | None = Field(description="None when the notes are not shared with the reader")
    notes_shared: bool
    links: list[LinkPublic]
    actions: list[ActionItemPublic]
    may_edit: bool


class CalendarDay(BaseModel):
    day: date
    sessions: list[SessionSummary]


class CoachingCalendar(BaseModel):
    week_start: date
    days: list[CalendarDay]
    overdue: list[ActionItemPublic]


class GoalCreate(BaseModel):
    agent_id: int
    kpi: str = Field(description="a KPI name of docs/metrics.md, e.g. csat")
    target: float
    direction: Direction | None = Field(default=None, description="default: the KPI's own")
    baseline: float | None = Field(default=None, description="default: the last 28 days")
    start_on: date | None = Field(default=None, description="default: today")
    due_on: date
    note: str = Field(default="", max_length=2000)


class GoalUpdate(BaseModel):
    target: float | None = None
    due_on: date | None = None
    note: str | None = Field(default=None, max_length=2000)
    status: GoalStatus | None = None


class GoalPublic(BaseModel):
    id: int
    agent_id: int
    agent_name: str
    kpi: str
    kpi_label: str
    unit: str
    target: float
    direction: Direction
    baseline: float | None
    start_on: date
    due_on: date
    status: GoalStatus
    note: str
    actual: float | None
    progress: float | None = Field(description="0 at the baseline, 1 at the target")
    met: bool | None


class KudosCreate(BaseModel):
    recipient_id: int
    message: str = Field(min_length=1, max_length=1000)


class KudosPublic(BaseModel):
    id: int
    giver_id: int
    giver_name: str
    recipient_id: int
    recipient_name: str
    team_id: int | None
    message: str
    created_at: datetime


class KpiTargetIn(BaseModel):
    kpi: str
    target: float
    direction: Direction | None = None


class KpiResult(BaseModel):
    kpi: str
    label: str
    unit: str
    target: float
    direction: Direction
    actual: float | None
    met: bool | None


class ReviewCreate(BaseModel):
    agent_id: int
    period_start: date
    period_end: date
    rating: int = Field(ge=1, le=5)
    comments: str = Field(default="", max_length=20000)
    qa_score: float | None = Field(default=None, ge=0, le=100)
    kpi_targets: list[KpiTargetIn] = Field(default_factory=list)


class AttendancePublic(BaseModel):
    shifts: int
    absences: int
    late_starts: int
    early_leaves: int
    rate: float | None


class ReviewPublic(BaseModel):
    id: int
    agent_id: int
    agent_name: str
    reviewer_id: int
    reviewer_name: str
    period_start: date
    period_end: date
    rating: int
    comments: str
    kpi_results: list[KpiResult]
    goals_met: int
    goals_total: int
    qa_score: float | None
    attendance: AttendancePublic | None
    created_at: datetime
    acknowledged_at: datetime | None
    agent_comment: str


class Acknowledgement(BaseModel):
    comment: str = Field(default="", max_length=5000)


class MeetingCreate(BaseModel):
    team_id: int
    kind: MeetingKind = MeetingKind.MEETING
    title: str = Field(min_length=1, max_length=200)
    held_at: datetime
    agenda: str = Field(default="", max_length=10000)


class Presence(BaseModel):
    person_id: int
    present: bool = True


class MeetingRecord(BaseModel):
    notes: str = Field(default="", max_length=20000)
    decisions: list[str] = Field(default_factory=list)
    attendance: list[Presence] = Field(default_factory=list)


class PresencePublic(Presence):
    name: str


class MeetingPublic(BaseModel):
    id: int
    team_id: int
    kind: MeetingKind
    title: str
    held_at: datetime
    agenda: str
    notes: str
    decisions: list[str]
    attendance: list[PresencePublic]


class PulseCreate(BaseModel):
    team_id: int
    question: str = Field(
        default="How likely are you to recommend this team as a place to work?", max_length=300
    )
    opens_at: datetime | None = Field(default=None, description="default: now")
    closes_at: datetime


class PulseAnswer(BaseModel):
    score: int = Field(ge=0, le=10)
    comment: str = Field(default="", max_length=2000)


class PulseResults(BaseModel):
    """Counts, eNPS and comments appear only when at least three people answered."""

    survey_id: int
    team_id: int
    question: str
    opens_at: datetime
    closes_at: datetime
    responses: int
    shown: bool
    enps: float | None
    promoters: int | None
    passives: int | None
    detractors: int | None
    comments: list[str]


class ConflictCreate(BaseModel):
    team_id: int | None = None
    party_ids: list[int] = Field(min_length=1)
    occurred_on: date
    summary: str = Field(min_length=1, max_length=10000)
    outcome: str = Field(default="", max_length=10000)


class ConflictResolve(BaseModel):
    outcome: str = Field(min_length=1, max_length=10000)


class Party(BaseModel):
    id: int
    name: str


class ConflictPublic(BaseModel):
    id: int
    team_id: int | None
    parties: list[Party]
    occurred_on: date
    summary: str
    outcome: str
    status: ConflictStatus
    recorded_by_name: str
    created_at: datetime


class EffectPublic(BaseModel):
    """Before and after one 1:1, for one behaviour it was about."""

    link_id: int
    kind: LinkKind
    ref: str
    label: str
    unit: str
    window_days: int
    method: str
    n_before: int
    n_after: int
    mean_before: float | None
    mean_after: float | None
    difference: float | None
    low: float | None
    high: float | None
    confidence: float
    verdict: str
    sentence: str
