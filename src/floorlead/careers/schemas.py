"""Pydantic request and response models of the careers area (roles, readiness, hiring)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from floorlead.careers.model import (
    CandidateStatus,
    Direction,
    Recommendation,
    RequisitionStatus,
)
from floorlead.org.model import Role

Slug = Annotated[str, Field(min_length=2, max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Level = Annotated[int, Field(ge=1, le=5)]
Score = Annotated[int, Field(ge=1, le=5)]


class KpiTargetIn(BaseModel):
    kpi: str = Field(min_length=1, max_length=60, description="KPI name, e.g. csat")
    label: str = Field(default="", max_length=120)
    unit: str = Field(default="", max_length=10)
    target: float
    direction: Direction


class TrainingRequirementIn(BaseModel):
    program: Slug
    due_days: int = Field(ge=0, le=730, description="days after starting the role")


class RoleFields(BaseModel):
    """A role definition's content; every field is replaced on update."""

    title: str = Field(min_length=1, max_length=120)
    purpose: str = Field(min_length=1, max_length=4000)
    responsibilities: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list
    )
    education: str = Field(default="", max_length=300)
    experience_years: float = Field(default=0, ge=0, le=50)
    system_role: Role | None = Field(
        default=None, description="the permission role a hire into this role gets"
    )
    reports_to: Slug | None = None
    skills: dict[str, Level] = Field(default_factory=dict, description="skill name → level")
    kpis: list[KpiTargetIn] = Field(default_factory=list)
    certifications: list[Slug] = Field(default_factory=list)
    training: list[TrainingRequirementIn] = Field(default_factory=list)
    next_roles: list[Slug] = Field(default_factory=list)
    active: bool = True


class RoleCreate(RoleFields):
    slug: Slug


class RoleLinkPublic(BaseModel):
    slug: str
    title: str


class SkillLevelPublic(BaseModel):
    skill: str
    level: int


class CertificationLinkPublic(BaseModel):
    slug: str
    name: str


class TrainingRequirementPublic(BaseModel):
    program_id: int
    slug: str
    title: str
    due_days: int


class RoleSummary(BaseModel):
    slug: str
    title: str
    purpose: str
    system_role: Role | None
    reports_to: RoleLinkPublic | None
    active: bool


class RolePublic(RoleSummary):
    responsibilities: list[str]
    education: str
    experience_years: float
    skills: list[SkillLevelPublic]
    kpis: list[KpiTargetIn]
    certifications: list[CertificationLinkPublic]
    training: list[TrainingRequirementPublic]
    next_roles: list[RoleLinkPublic]


class JobRoleAssign(BaseModel):
    role: Slug


class JobRolePublic(BaseModel):
    person_id: int
    role: RoleLinkPublic
    started_on: date
    assignments_created: list[int]


class ReadinessGap(BaseModel):
    area: str
    item: str
    required: str
    actual: str
    value: float | None = Field(default=None, description="KPI gaps: the person's value")
    target: float | None = Field(default=None, description="KPI gaps: the role's target")
    direction: Direction | None = Field(default=None, description="KPI gaps")
    better: Literal["higher", "lower"] | None = Field(
        default=None, description="KPI gaps: which way is better"
    )


class KpiPeriodPublic(BaseModel):
    """The whole UTC days the person's KPI values cover."""

    first_day: date
    last_day: date
    days: int


class ReadinessPublic(BaseModel):
    person_id: int
    role: RoleLinkPublic
    ready: bool
    percent_met: int
    met: list[str]
    gaps: list[ReadinessGap]
    unchecked: list[str] = Field(description="KPI targets without a value for the person")
    kpi_data: bool = Field(description="whether KPI values were read from the KPI engine")
    kpi_period: KpiPeriodPublic | None


class CareerPublic(BaseModel):
    person_id: int
    name: str
    tenure_months: int
    current_role: RoleLinkPublic | None
    job_role_assigned: bool = Field(
        description="false when the role is inferred from the permission role"
    )
    next_roles: list[ReadinessPublic]
    kpi_period: KpiPeriodPublic | None


class RequisitionCreate(BaseModel):
    role: Slug
    team_id: int | None = None
    manager_id: int | None = Field(default=None, description="whom the hire will report to")
    openings: int = Field(default=1, ge=1, le=100)
    note: str = Field(default="", max_length=4000)


class RequisitionPublic(BaseModel):
    id: int
    role: RoleLinkPublic
    team_id: int | None
    team_name: str | None
    manager_id: int | None
    openings: int
    hired: int
    status: RequisitionStatus
    note: str
    created_at: datetime
    closed_at: datetime | None
    candidate_count: int


class CandidateCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    source: str = Field(default="", max_length=80)
    note: str = Field(default="", max_length=4000)


class ScorecardIn(BaseModel):
    scores: dict[str, Score] = Field(description="item key → score 1-5")
    recommendation: Recommendation
    comments: str = Field(default="", max_length=4000)


class InterviewItemPublic(BaseModel):
    key: str
    label: str
    weight: int


class ScorecardPublic(BaseModel):
    id: int
    interviewer_id: int
    interviewer_name: str
    recommendation: Recommendation
    comments: str
    scores: dict[str, int]
    submitted_at: datetime


class InterviewSummaryPublic(BaseModel):
    interviews: int
    score: float | None
    item_means: dict[str, float]
    recommendations: dict[str, int]
    consensus: str | None


class CandidatePublic(BaseModel):
    id: int
    requisition_id: int
    name: str
    email: str
    source: str
    note: str
    status: CandidateStatus
    person_id: int | None
    created_at: datetime
    summary: InterviewSummaryPublic


class CandidateDetail(CandidatePublic):
    role: RoleLinkPublic
    items: list[InterviewItemPublic]
    scorecards: list[ScorecardPublic]


class RequisitionDetail(RequisitionPublic):
    candidates: list[CandidatePublic]


class HireIn(BaseModel):
    hire_date: date
    email: str | None = Field(
        default=None, min_length=3, max_length=254, description="work email (default: theirs)"
    )
    hourly_cost: Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)] = Decimal("0")
    time_zone: str = "UTC"


class HirePublic(BaseModel):
    candidate_id: int
    person_id: int
    role: RoleLinkPublic
    assignments_created: list[int]
