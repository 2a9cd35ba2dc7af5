"""Assignment strategies: pick the agent a new or unassigned ticket goes to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from floorlead.errors import RuleViolation

SKILL_LEVELS = range(1, 6)


@dataclass(frozen=True)
class Candidate:
    person_id: int
    open_tickets: int
    skill_levels: Mapping[int, int]  # skill id -> level 1-5
    on_shift: bool | None = None  # None = no shift data for this agent

    def __post_init__(self) -> None:
        if self.open_tickets < 0:
            raise RuleViolation("open_tickets must not be negative", field="open_tickets")


def round_robin(
    candidates: Sequence[Candidate], *, last_assigned_id: int | None
) -> Candidate | None:
    """The next agent by person id after ``last_assigned_id``, wrapping round.

    Agents known to be off shift (``on_shift is False``) are skipped; None when nobody is left.
    """
    eligible = sorted(
        (candidate for candidate in _distinct(candidates) if candidate.on_shift is not False),
        key=lambda candidate: candidate.person_id,
    )
    if not eligible:
        return None
    if last_assigned_id is None:
        return eligible[0]
    after = [candidate for candidate in eligible if candidate.person_id > last_assigned_id]
    return (after or eligible)[0]


def skill_based(
    candidates: Sequence[Candidate], *, required_skill_id: int | None, min_level: int = 1
) -> Candidate | None:
    """The least loaded qualified agent; ties go to the higher skill level, then the lowest id.

    Qualified: holds ``required_skill_id`` at ``min_level`` or above (anyone when no skill is
    required) and, when any candidate has shift data, is on shift. None when nobody qualifies.
    """
    if min_level not in SKILL_LEVELS:
        raise RuleViolation("min_level must be between 1 and 5", field="min_level")
    pool = _distinct(candidates)
    if any(candidate.on_shift is not None for candidate in pool):
        pool = [candidate for candidate in pool if candidate.on_shift]

    def level(candidate: Candidate) -> int:
        if required_skill_id is None:
            return 0
        return candidate.skill_levels.get(required_skill_id, 0)

    qualified = [c for c in pool if required_skill_id is None or level(c) >= min_level]
    return min(
        qualified,
        key=lambda candidate: (candidate.open_tickets, -level(candidate), candidate.person_id),
        default=None,
    )


def _distinct(candidates: Sequence[Candidate]) -> list[Candidate]:
    ids = [candidate.person_id for candidate in candidates]
    if len(set(ids)) != len(ids):
        raise RuleViolation("each person may appear once among the candidates", field="candidates")
    return list(candidates)
