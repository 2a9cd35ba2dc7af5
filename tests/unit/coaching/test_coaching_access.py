"""Coaching permissions as rules: who coaches whom, who reads conflict notes, who thanks whom."""

import pytest

from floorlead.auth.permissions import Actor
from floorlead.coaching.access import (
    may_coach,
    may_read_record,
    may_thank,
    require_conflict_access,
)
from floorlead.errors import PermissionDenied
from floorlead.org.model import Role

TEAM = 10


def actor(role: Role, person_id: int = 1, people: frozenset[int] = frozenset()) -> Actor:
    if role is Role.ADMIN:
        return Actor(person_id, role, team_ids=None, person_ids=None)
    return Actor(person_id, role, team_id=TEAM, team_ids=frozenset({TEAM}), person_ids=people)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AGENT, False),
        (Role.SENIOR_AGENT, False),
        (Role.TEAM_LEAD, True),
        (Role.SUPERVISOR, True),
        (Role.MANAGER, True),
        (Role.ADMIN, True),
    ],
)
def test_team_leads_and_above_coach_the_agents_of_their_team(role: Role, expected: bool) -> None:
    assert may_coach(actor(role), person_id=7, team_id=TEAM, role="agent") is expected


def test_nobody_coaches_a_peer_or_themselves_or_outside_their_scope() -> None:
    lead = actor(Role.TEAM_LEAD)

    assert not may_coach(lead, person_id=8, team_id=TEAM, role="team_lead")
    assert not may_coach(lead, person_id=1, team_id=TEAM, role="team_lead")
    assert not may_coach(lead, person_id=7, team_id=99, role="agent")
    assert not may_coach(actor(Role.ADMIN), person_id=1, team_id=TEAM, role="admin")


def test_an_agent_reads_their_own_record_but_not_a_teammates() -> None:
    agent = actor(Role.AGENT, person_id=7)

    assert may_read_record(agent, person_id=7, team_id=TEAM, role="agent")
    assert not may_read_record(agent, person_id=8, team_id=TEAM, role="agent")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.AGENT, False),
        (Role.SENIOR_AGENT, False),
        (Role.TEAM_LEAD, False),
        (Role.SUPERVISOR, True),
        (Role.MANAGER, True),
        (Role.ADMIN, True),
    ],
)
def test_conflict_notes_are_for_supervisors_and_above(role: Role, allowed: bool) -> None:
    if allowed:
        require_conflict_access(actor(role), TEAM)
    else:
        with pytest.raises(PermissionDenied):
            require_conflict_access(actor(role), TEAM)


def test_kudos_go_to_teammates_and_led_people_but_not_to_oneself() -> None:
    agent = actor(Role.AGENT, person_id=7)
    lead = actor(Role.TEAM_LEAD, people=frozenset({30}))

    assert may_thank(agent, person_id=8, team_id=TEAM)
    assert not may_thank(agent, person_id=9, team_id=99)
    assert not may_thank(agent, person_id=7, team_id=TEAM)
    assert may_thank(lead, person_id=30, team_id=99)
