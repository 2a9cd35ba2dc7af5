"""Skill gaps and the programmes that close them.

A *skill gap* is a skill the person's role requires at a level they have not reached (a skill
they do not have counts as level 0). A *quality gap* is a quality-review criterion the person
failed at least ``repeat_threshold`` times. Programmes say what they teach: skills up to a level,
and quality criteria (by the criterion's key). For a skill gap the programmes recommended are
those teaching the skill above the person's level — the ones reaching the required level first,
then the higher level, then by title; for a quality gap, those teaching the criterion, by title.
Programmes the person already completed are not recommended again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from floorlead.training.model import GapKind


@dataclass(frozen=True)
class ProgramTeaching:
    program_id: int
    title: str
    skills: Mapping[str, int] = field(default_factory=dict)  # skill name → level it reaches
    criteria: frozenset[str] = frozenset()  # quality criterion keys


@dataclass(frozen=True)
class Recommendation:
    program_id: int
    title: str


@dataclass(frozen=True)
class SkillGap:
    kind: GapKind
    key: str  # the skill name, or the criterion key
    required: int | None  # skill gaps: the level required
    actual: int | None  # skill gaps: the person's level (0: none)
    failures: int | None  # quality gaps: times failed
    programs: tuple[Recommendation, ...]


def _for_skill(
    skill: str, actual: int, required: int, teaching: Sequence[ProgramTeaching]
) -> tuple[Recommendation, ...]:
    useful = [p for p in teaching if p.skills.get(skill, 0) > actual]
    useful.sort(key=lambda p: (p.skills[skill] < required, -p.skills[skill], p.title))
    return tuple(Recommendation(p.program_id, p.title) for p in useful)


def _for_criterion(key: str, teaching: Sequence[ProgramTeaching]) -> tuple[Recommendation, ...]:
    useful = sorted((p for p in teaching if key in p.criteria), key=lambda p: p.title)
    return tuple(Recommendation(p.program_id, p.title) for p in useful)


def skill_gaps(
    *,
    required: Mapping[str, int],
    levels: Mapping[str, int],
    teaching: Sequence[ProgramTeaching],
    failed_criteria: Mapping[str, int] | None = None,
    completed: frozenset[int] = frozenset(),
    repeat_threshold: int = 2,
) -> list[SkillGap]:
    """Skill gaps (by skill name), then quality gaps (most failures first)."""
    open_programs = [p for p in teaching if p.program_id not in completed]
    gaps = [
        SkillGap(
            GapKind.SKILL,
            skill,
            level,
            levels.get(skill, 0),
            None,
            _for_skill(skill, levels.get(skill, 0), level, open_programs),
        )
        for skill, level in sorted(required.items())
        if levels.get(skill, 0) < level
    ]
    repeated = [
        (key, count) for key, count in (failed_criteria or {}).items() if count >= repeat_threshold
    ]
    repeated.sort(key=lambda pair: (-pair[1], pair[0]))
    gaps += [
        SkillGap(GapKind.QUALITY, key, None, None, count, _for_criterion(key, open_programs))
        for key, count in repeated
    ]
    return gaps
