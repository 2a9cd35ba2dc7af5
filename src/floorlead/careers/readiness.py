"""Career readiness: how a person measures up to a role's requirements, and the gaps.

Compared: skill levels (a missing skill is level 0), tenure (whole months since the hire date,
against the role's years of experience), certifications (held and still valid today), and KPI
targets. KPI values are an input (the person's values over a recent period); a KPI target
without a value is listed as unchecked, not as a gap, and the person is not called ready until
it is checked. A KPI gap carries the value, the target and which way is better.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from floorlead.careers.model import Direction, RoleSpec

VALID_CERTIFICATE = "a valid certificate"


class GapArea(StrEnum):
    SKILL = "skill"
    TENURE = "tenure"
    CERTIFICATION = "certification"
    KPI = "kpi"


@dataclass(frozen=True)
class PersonRecord:
    hire_date: date
    skills: Mapping[str, int]  # skill name → level 1-5
    certifications: Mapping[str, date | None]  # name → expiry day (None: never expires)


@dataclass(frozen=True)
class KpiShortfall:
    value: float
    target: float
    direction: Direction


@dataclass(frozen=True)
class Gap:
    area: GapArea
    item: str
    required: str
    actual: str
    kpi: KpiShortfall | None = None  # KPI gaps: the numbers behind them

    def describe(self) -> str:
        return f"{self.item}: needs {self.required}, has {self.actual}"


@dataclass(frozen=True)
class Readiness:
    role: str
    met: tuple[str, ...]
    gaps: tuple[Gap, ...]
    unchecked: tuple[str, ...]  # KPI targets without data

    @property
    def ready(self) -> bool:
        return not self.gaps and not self.unchecked

    @property
    def percent_met(self) -> int:
        checked = len(self.met) + len(self.gaps)
        return (100 * len(self.met)) // checked if checked else 100


def tenure_months(hire_date: date, today: date) -> int:
    """Whole months from ``hire_date`` to ``today`` (0 before the hire date)."""
    months = (today.year - hire_date.year) * 12 + today.month - hire_date.month
    if today.day < hire_date.day:
        months -= 1
    return max(months, 0)


def months_in_words(months: int) -> str:
    """18 -> "1 year 6 months"; 0 -> "0 months"."""
    years, rest = divmod(months, 12)
    parts = [f"{years} year" + ("" if years == 1 else "s")] if years else []
    if rest or not years:
        parts.append(f"{rest} month" + ("" if rest == 1 else "s"))
    return " ".join(parts)


def _skill_checks(role: RoleSpec, person: PersonRecord) -> tuple[list[str], list[Gap]]:
    met, gaps = [], []
    for need in role.skills:
        have = person.skills.get(need.skill, 0)
        if have >= need.level:
            met.append(f"{need.skill} level {need.level}")
        else:
            gaps.append(Gap(GapArea.SKILL, need.skill, f"level {need.level}", f"level {have}"))
    return met, gaps


def _tenure_check(role: RoleSpec, person: PersonRecord, today: date) -> tuple[list[str], list[Gap]]:
    if role.experience_years <= 0:
        return [], []
    needed = round(role.experience_years * 12)
    have = tenure_months(person.hire_date, today)
    if have >= needed:
        return [f"tenure of {months_in_words(needed)}"], []
    return [], [Gap(GapArea.TENURE, "Tenure", months_in_words(needed), months_in_words(have))]


def _certification_checks(
    role: RoleSpec, person: PersonRecord, today: date
) -> tuple[list[str], list[Gap]]:
    met, gaps = [], []
    for name in role.certifications:
        if name not in person.certifications:
            gaps.append(Gap(GapArea.CERTIFICATION, name, VALID_CERTIFICATE, "none"))
            continue
        expires_on = person.certifications[name]
        if expires_on is not None and expires_on <= today:
            gaps.append(
                Gap(
                    GapArea.CERTIFICATION,
                    name,
                    VALID_CERTIFICATE,
                    f"one that expired on {expires_on}",
                )
            )
        else:
            met.append(name)
    return met, gaps


def _kpi_checks(
    role: RoleSpec, kpi_values: Mapping[str, float] | None
) -> tuple[list[str], list[Gap], list[str]]:
    met, gaps, unchecked = [], [], []
    for target in role.kpis:
        value = None if kpi_values is None else kpi_values.get(target.kpi)
        if value is None:
            unchecked.append(target.describe())
        elif target.met_by(value):
            met.append(f"{target.describe()} ({target.amount(value)})")
        else:
            shortfall = KpiShortfall(value, target.target, target.direction)
            gaps.append(
                Gap(
                    GapArea.KPI,
                    target.name,
                    target.requirement(),
                    target.amount(value),
                    shortfall,
                )
            )
    return met, gaps, unchecked


def assess_readiness(
    role: RoleSpec,
    person: PersonRecord,
    *,
    today: date,
    kpi_values: Mapping[str, float] | None = None,
) -> Readiness:
    """What ``person`` meets of ``role``, and the gaps, in the order skills, tenure,
    certifications, KPIs."""
    skill_met, skill_gaps = _skill_checks(role, person)
    tenure_met, tenure_gaps = _tenure_check(role, person, today)
    cert_met, cert_gaps = _certification_checks(role, person, today)
    kpi_met, kpi_gaps, unchecked = _kpi_checks(role, kpi_values)
    return Readiness(
        role=role.title,
        met=tuple(skill_met + tenure_met + cert_met + kpi_met),
        gaps=tuple(skill_gaps + tenure_gaps + cert_gaps + kpi_gaps),
        unchecked=tuple(unchecked),
    )
