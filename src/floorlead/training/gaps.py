"""Skill gaps and the programmes that close them.

A *skill gap* is a skill the person's role requires at a level they have not reached (a skill
they do not have counts as level 0). A *quality gap* is a quality-review criterion the person
failed repeatedly — the quality area decides what "repeatedly" means and says how often
(:mod:`floorlead.quality.failing_criteria`). Programmes say what they teach: skills up to a
level, and quality criteria (by the criterion's key). For a skill gap the programmes
recommended are those teaching the skill above the person's level — the ones reaching the
required level first, then the higher level, then by title; for a quality gap, those teaching
the criterion — those not yet taken first, then by title. A programme the person completed is
not recommended again for a skill; for a quality criterion it is, as a *refresher*, when it was
completed before the latest failure (the failures came after it), and not when completed since.

Every gap says why it is one: "Role Frontline agent: needs level 2, has level 1" or
"QA: Tone and empathy failed 3 of last 5 reviews".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from floorlead.training.model import GapKind


@dataclass(frozen=True)
class ProgramTeaching:
    program_id: int
    title: str
    skills: Mapping[str, int] = field(default_factory=dict)  # skill name → level it reaches
    criteria: frozenset[str] = frozenset()  # quality criterion keys


@dataclass(frozen=True)
class FailedCriterion:
    """A quality criterion failed repeatedly: ``failures`` of the last ``reviews`` reviews."""

    key: str
    label: str
    failures: int
    reviews: int
    last_failed_at: datetime | None = None  # None: unknown, so completed programmes are left out


@dataclass(frozen=True)
class Recommendation:
    program_id: int
    title: str
    refresher: bool = False  # completed before, recommended again


@dataclass(frozen=True)
class SkillGap:
    kind: GapKind
    key: str  # the skill name, or the criterion key
    label: str  # the skill name, or the criterion's label
    reason: str
    required: int | None  # skill gaps: the level required
    actual: int | None  # skill gaps: the person's level (0: none)
    failures: int | None  # quality gaps: times failed …
    reviews: int | None  # … of this many recent reviews
    programs: tuple[Recommendation, ...]


def _for_skill(
    skill: str, actual: int, required: int, teaching: Sequence[ProgramTeaching]
) -> tuple[Recommendation, ...]:
    useful = [p for p in teaching if p.skills.get(skill, 0) > actual]
    useful.sort(key=lambda p: (p.skills[skill] < required, -p.skills[skill], p.title.casefold()))
    return tuple(Recommendation(p.program_id, p.title) for p in useful)


def _for_criterion(
    failed: FailedCriterion,
    teaching: Sequence[ProgramTeaching],
    completed: Mapping[int, datetime],
) -> tuple[Recommendation, ...]:
    def worth_taking(program_id: int) -> bool:
        done = completed.get(program_id)
        if done is None:
            return True
        return failed.last_failed_at is not None and done < failed.last_failed_at

    useful = [
        Recommendation(p.program_id, p.title, refresher=p.program_id in completed)
        for p in teaching
        if failed.key in p.criteria and worth_taking(p.program_id)
    ]
    return tuple(sorted(useful, key=lambda r: (r.refresher, r.title.casefold())))


def skill_reason(role: str, required: int, actual: int) -> str:
    who = f"Role {role}" if role else "Role"
    return f"{who}: needs level {required}, has level {actual}"


def quality_reason(failed: FailedCriterion) -> str:
    return f"QA: {failed.label} failed {failed.failures} of last {failed.reviews} reviews"


def skill_gaps(
    *,
    required: Mapping[str, int],
    levels: Mapping[str, int],
    teaching: Sequence[ProgramTeaching],
    failed_criteria: Sequence[FailedCriterion] = (),
    completed: Mapping[int, datetime] | None = None,
    role: str = "",
) -> list[SkillGap]:
    """Skill gaps against ``role`` (by skill name), then quality gaps (most failures first,
    then the higher failure rate, then by label). ``completed``: the programmes the person
    completed, with when."""
    completed = completed or {}
    open_programs = [p for p in teaching if p.program_id not in completed]
    gaps = []
    for skill, level in sorted(required.items()):
        have = levels.get(skill, 0)
        if have < level:
            programs = _for_skill(skill, have, level, open_programs)
            reason = skill_reason(role, level, have)
            gaps.append(
                SkillGap(GapKind.SKILL, skill, skill, reason, level, have, None, None, programs)
            )
    for failed in sorted(failed_criteria, key=lambda f: (-f.failures, f.reviews, f.label)):
        gaps.append(
            SkillGap(
                GapKind.QUALITY,
                failed.key,
                failed.label,
                quality_reason(failed),
                None,
                None,
                failed.failures,
                failed.reviews,
                _for_criterion(failed, teaching, completed),
            )
        )
    return gaps
