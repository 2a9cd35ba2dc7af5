"""Assignment strategies: round robin and skill-based routing."""

from __future__ import annotations

import pytest

from floorlead.errors import RuleViolation
from floorlead.tickets.routing import Candidate, round_robin, skill_based

BILLING, TECHNICAL = 1, 2


def agent(
    person_id: int, open_tickets: int = 0, on_shift: bool | None = None, **skills: int
) -> Candidate:
    levels = {BILLING: skills.get("billing", 0), TECHNICAL: skills.get("technical", 0)}
    return Candidate(
        person_id,
        open_tickets,
        {skill: level for skill, level in levels.items() if level},
        on_shift,
    )


TEAM = [agent(30), agent(10), agent(20)]


@pytest.mark.parametrize(
    ("candidates", "last_assigned_id", "expected_id"),
    [
        (TEAM, None, 10),  # nobody yet: the lowest id
        (TEAM, 10, 20),
        (TEAM, 20, 30),
        (TEAM, 30, 10),  # wraps round
        (TEAM, 15, 20),  # the last one has left the team: next id above it
        (TEAM, 99, 10),
        ([agent(10), agent(20, on_shift=False), agent(30)], 10, 30),  # off shift: skipped
        ([agent(10, on_shift=True), agent(20)], 10, 20),  # no shift data is not "off shift"
        ([agent(10, on_shift=False)], None, None),
        ([], 10, None),
    ],
)
def test_round_robin_takes_the_next_agent_by_id(
    candidates: list[Candidate], last_assigned_id: int | None, expected_id: int | None
) -> None:
    chosen = round_robin(candidates, last_assigned_id=last_assigned_id)

    assert (chosen.person_id if chosen else None) == expected_id


@pytest.mark.parametrize(
    ("candidates", "skill", "min_level", "expected_id"),
    [
        # Least loaded wins, whatever the level.
        ([agent(10, 3, billing=5), agent(20, 1, billing=2)], BILLING, 1, 20),
        # Same load: the higher level wins.
        ([agent(10, 2, billing=2), agent(20, 2, billing=4)], BILLING, 1, 20),
        # Same load and level: the lowest id wins.
        ([agent(20, 2, billing=3), agent(10, 2, billing=3)], BILLING, 1, 10),
        # Below the minimum level, or without the skill: not qualified.
        ([agent(10, 0, billing=2), agent(20, 5, billing=3), agent(30, 0)], BILLING, 3, 20),
        ([agent(10, 0, technical=5)], BILLING, 1, None),
        # No skill required: anyone, least loaded first.
        ([agent(10, 4), agent(20, 1, technical=1)], None, 1, 20),
        # Shift data known for someone: only agents on shift (unknown counts as off).
        (
            [
                agent(10, 0, None, billing=5),
                agent(20, 6, True, billing=1),
                agent(30, 0, False, billing=5),
            ],
            BILLING,
            1,
            20,
        ),
        # No shift data at all: everyone qualifies.
        ([agent(10, 1, billing=1), agent(20, 0, billing=1)], BILLING, 1, 20),
        ([], None, 1, None),
    ],
)
def test_skill_based_picks_the_least_loaded_qualified_agent(
    candidates: list[Candidate], skill: int | None, min_level: int, expected_id: int | None
) -> None:
    chosen = skill_based(candidates, required_skill_id=skill, min_level=min_level)

    assert (chosen.person_id if chosen else None) == expected_id


@pytest.mark.parametrize("min_level", [0, 6])
def test_skill_based_refuses_a_level_outside_1_to_5(min_level: int) -> None:
    with pytest.raises(RuleViolation) as refused:
        skill_based([agent(10)], required_skill_id=BILLING, min_level=min_level)

    assert refused.value.field == "min_level"


@pytest.mark.parametrize(
    ("strategy", "field"),
    [
        (lambda: round_robin([agent(10), agent(10)], last_assigned_id=None), "candidates"),
        (lambda: skill_based([agent(10), agent(10)], required_skill_id=None), "candidates"),
        (lambda: Candidate(10, -1, {}), "open_tickets"),
    ],
)
def test_bad_candidates_are_refused(strategy: object, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        strategy()  # type: ignore[operator]

    assert refused.value.field == field
