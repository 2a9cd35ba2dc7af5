"""Every role × every action, written out by hand so that a change to ROLE_ACTIONS is seen.

Adding an action? Add its row here too, with the roles that may perform it.
"""

import pytest

from floorlead.auth.permissions import Action, Actor, may, require
from floorlead.errors import PermissionDenied
from floorlead.org.model import Role

ROLES = [Role.AGENT, Role.SENIOR_AGENT, Role.TEAM_LEAD, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN]

# Columns: agent, senior agent, team lead, supervisor, manager, admin.
MATRIX: dict[Action, str] = {
    Action.VIEW_TICKET: "yyyyyy",
    Action.CREATE_TICKET: "yyyyyy",
    Action.WORK_TICKET: "yyyyyy",
    Action.ESCALATE_TICKET: "yyyyyy",
    Action.VIEW_PEOPLE: "yyyyyy",
    Action.MANAGE_CUSTOMERS: "yyyyyy",
    Action.REQUEST_APPROVAL: "yyyyyy",
    Action.DECIDE_APPROVAL: "yyyyyy",
    Action.RECORD_AGENT_STATE: "yyyyyy",
    Action.VIEW_SCHEDULE: "yyyyyy",
    Action.VIEW_OWN_REVIEWS: "yyyyyy",
    Action.VIEW_TRAINING: "yyyyyy",
    Action.VIEW_OWN_COACHING: "yyyyyy",
    Action.ASSIGN_TICKET: "-yyyyy",
    Action.MANAGE_PEOPLE: "--yyyy",
    Action.VIEW_TEAM_DASHBOARD: "--yyyy",
    Action.MANAGE_SCHEDULES: "--yyyy",
    Action.REVIEW_QUALITY: "--yyyy",
    Action.MANAGE_TRAINING: "--yyyy",
    Action.COACH: "--yyyy",
    Action.MANAGE_SERVICE_RULES: "---yyy",
    Action.MANAGE_SCORECARDS: "---yyy",
    Action.MANAGE_HIRING: "---yyy",
    Action.VIEW_CONFLICT_NOTES: "---yyy",
    Action.MANAGE_TEAMS: "----yy",
    Action.VIEW_AUDIT: "----yy",
    Action.MANAGE_APPROVAL_LIMITS: "----yy",
    Action.MANAGE_ROLES: "----yy",
    Action.MANAGE_USERS: "-----y",
    Action.VIEW_OUTBOX: "-----y",
}


def test_the_matrix_lists_every_action() -> None:
    assert set(MATRIX) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_perform_action_unscoped(role: Role, action: Action) -> None:
    actor = Actor(person_id=1, role=role, team_id=10, team_ids=frozenset({10}))
    expected = MATRIX[action][ROLES.index(role)] == "y"

    assert may(actor, action, scoped=False) is expected


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ROLES)
def test_inside_their_own_team_the_role_decides(role: Role, action: Action) -> None:
    actor = Actor(person_id=1, role=role, team_id=10, team_ids=frozenset({10}))
    if role is Role.ADMIN:
        actor = Actor(person_id=1, role=role, team_ids=None, person_ids=None)
    expected = MATRIX[action][ROLES.index(role)] == "y"

    assert may(actor, action, team_id=10) is expected


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ROLES[:-1])
def test_outside_their_scope_no_one_but_an_admin_may_act(role: Role, action: Action) -> None:
    actor = Actor(
        person_id=1,
        role=role,
        team_id=10,
        team_ids=frozenset({10}),
        person_ids=frozenset({5}),
    )

    assert may(actor, action, team_id=20, person_id=6) is False


@pytest.mark.parametrize("action", list(Action))
def test_an_admin_may_act_on_any_team(action: Action) -> None:
    admin = Actor(person_id=1, role=Role.ADMIN, team_ids=None, person_ids=None)

    assert may(admin, action, team_id=20, person_id=6) is True


def test_an_agent_covers_their_own_work_in_another_team_but_not_a_colleagues() -> None:
    agent = Actor(person_id=1, role=Role.AGENT, team_id=10, team_ids=frozenset({10}))

    assert may(agent, Action.WORK_TICKET, team_id=20, person_id=1) is True
    assert may(agent, Action.WORK_TICKET, team_id=20, person_id=2) is False
    assert may(agent, Action.WORK_TICKET, team_id=None, person_id=None) is False


def test_a_lead_covers_the_people_they_manage_wherever_their_team() -> None:
    lead = Actor(
        person_id=1,
        role=Role.TEAM_LEAD,
        team_id=10,
        team_ids=frozenset({10}),
        person_ids=frozenset({5}),
    )

    assert may(lead, Action.MANAGE_PEOPLE, team_id=20, person_id=5) is True
    assert may(lead, Action.MANAGE_PEOPLE, team_id=20, person_id=6) is False


def test_require_names_the_role_and_the_action_it_refuses() -> None:
    agent = Actor(person_id=1, role=Role.AGENT, team_id=10, team_ids=frozenset({10}))

    with pytest.raises(PermissionDenied, match="agent may not view audit"):
        require(agent, Action.VIEW_AUDIT, scoped=False)
