"""Quality-assurance values: scorecards, answers, scores, review states. No SQLAlchemy here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    SCALE = "scale"  # 1 (poor) to 5 (excellent)


class ReviewStatus(StrEnum):
    SUBMITTED = "submitted"  # the agent has been told and has not answered yet
    ACKNOWLEDGED = "acknowledged"
    DISPUTED = "disputed"
    RESOLVED = "resolved"  # another reviewer upheld or amended the disputed score


class DisputeOutcome(StrEnum):
    UPHELD = "upheld"
    AMENDED = "amended"


class SampleMethod(StrEnum):
    RANDOM = "random"
    STRATIFIED = "stratified"  # by channel, in proportion to the agent's contacts


class Target(StrEnum):
    """Why an interaction was picked on purpose rather than at random."""

    LOW_CSAT = "low_csat"
    ESCALATED = "escalated"
    REOPENED = "reopened"
    LONG_HANDLE = "long_handle"
    NEGATIVE_SENTIMENT = "negative_sentiment"


REASON_LABELS = {
    "random": "Random",
    "stratified": "Stratified",
    Target.LOW_CSAT.value: "Low CSAT (≤ 2)",
    Target.ESCALATED.value: "Escalated",
    Target.REOPENED.value: "Reopened",
    Target.LONG_HANDLE.value: "Long handle time",
    Target.NEGATIVE_SENTIMENT.value: "Negative sentiment",
}


class AssignmentStatus(StrEnum):
    OPEN = "open"
    REVIEWED = "reviewed"


class CalibrationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReportGroup(StrEnum):
    AGENT = "agent"
    TEAM = "team"
    CRITERION = "criterion"


NOT_APPLICABLE = "na"
YES, NO = "yes", "no"
SCALE_VALUES = ("1", "2", "3", "4", "5")
# A criterion counts as failed when it earns less than half its points: "no", or 1–2 of 5.
FAILED_BELOW = 0.5


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    answer_type: AnswerType
    weight: float = 1.0
    auto_fail: bool = False  # answered "no", the whole review scores 0
    allow_na: bool = False
    guidance: str = ""


@dataclass(frozen=True)
class Section:
    name: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Scorecard:
    name: str
    sections: tuple[Section, ...]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for s in self.sections for c in s.criteria)


@dataclass(frozen=True)
class SectionScore:
    name: str
    score: float | None  # percent; None when every criterion of the section was N/A
    earned: float
    possible: float


@dataclass(frozen=True)
class ReviewScore:
    score: float  # percent, 0–100
    auto_failed: bool
    sections: tuple[SectionScore, ...]
    points: dict[str, float | None]  # each criterion's share of its points (None: N/A)

    @property
    def failed_criteria(self) -> tuple[str, ...]:
        return tuple(k for k, p in self.points.items() if p is not None and p < FAILED_BELOW)
