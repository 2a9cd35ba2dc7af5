"""Career values: a role as data, KPI targets, hiring states. No SQLAlchemy here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Direction(StrEnum):
    AT_LEAST = "at_least"  # higher is better: the value must reach the target
    AT_MOST = "at_most"  # lower is better: the value must not exceed the target

    @property
    def better(self) -> Literal["higher", "lower"]:
        """Which way is better: ``higher`` or ``lower``."""
        return "higher" if self is Direction.AT_LEAST else "lower"


class Recommendation(StrEnum):
    HIRE = "hire"
    NO_HIRE = "no_hire"
    MAYBE = "maybe"


class RequisitionStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class CandidateStatus(StrEnum):
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class KpiTarget:
    """A KPI target: ``kpi`` is the KPI's name in the metrics catalogue (e.g. ``csat``)."""

    kpi: str
    target: float
    direction: Direction
    label: str = ""
    unit: str = ""  # shown after numbers: "%", "s", …

    def met_by(self, value: float) -> bool:
        if self.direction is Direction.AT_LEAST:
            return value >= self.target
        return value <= self.target

    @property
    def name(self) -> str:
        return self.label or self.kpi.replace("_", " ")

    def requirement(self) -> str:
        """The target in words, e.g. ``at least 85%``."""
        word = "at least" if self.direction is Direction.AT_LEAST else "at most"
        return f"{word} {self.amount(self.target)}"

    def describe(self) -> str:
        return f"{self.name} {self.requirement()}"

    def amount(self, value: float) -> str:
        """The value with its unit, to one decimal at most: 81.4815 → "81.5%"."""
        return f"{round(value, 1):g}{self.unit}"


@dataclass(frozen=True)
class SkillRequirement:
    skill: str
    level: int


@dataclass(frozen=True)
class TrainingRequirement:
    program_id: int
    program: str
    due_days: int


@dataclass(frozen=True)
class RoleLink:
    slug: str
    title: str


@dataclass(frozen=True)
class RoleSpec:
    """Everything a role definition says, as plain values for the rules and exports."""

    slug: str
    title: str
    purpose: str
    responsibilities: tuple[str, ...] = ()
    education: str = ""
    experience_years: float = 0.0
    certifications: tuple[str, ...] = ()
    skills: tuple[SkillRequirement, ...] = ()
    kpis: tuple[KpiTarget, ...] = ()
    training: tuple[TrainingRequirement, ...] = ()
    reports_to: RoleLink | None = None
    next_roles: tuple[RoleLink, ...] = ()
    system_role: str | None = None
