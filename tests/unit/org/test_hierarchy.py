import pytest

from floorlead.errors import RuleViolation
from floorlead.org.hierarchy import (
    check_reporting_line,
    managers_above,
    may_grant_role,
    may_manage_rank,
)
from floorlead.org.model import Role

# 1 Max (manager) <- 2 Sam (supervisor) <- 3 Lee (team lead) <- 4 Ava (agent); 5 Bo has nobody.
MANAGERS: dict[int, int | None] = {1: None, 2: 1, 3: 2, 4: 3, 5: None}


def test_a_person_cannot_manage_themself() -> None:
    with pytest.raises(RuleViolation, match="own manager") as refused:
        check_reporting_line(person_id=3, manager_id=3, managers=MANAGERS)

    assert refused.value.field == "manager_id"


@pytest.mark.parametrize(("person_id", "manager_id"), [(3, 4), (1, 4), (1, 2)])
def test_a_manager_who_reports_to_the_person_would_make_a_loop(
    person_id: int, manager_id: int
) -> None:
    with pytest.raises(RuleViolation, match="loop"):
        check_reporting_line(person_id=person_id, manager_id=manager_id, managers=MANAGERS)


@pytest.mark.parametrize(
    ("person_id", "manager_id"), [(4, 2), (5, 4), (4, 5), (4, None), (None, 4), (2, 1)]
)
def test_reporting_lines_without_loops_are_accepted(
    person_id: int | None, manager_id: int | None
) -> None:
    check_reporting_line(person_id=person_id, manager_id=manager_id, managers=MANAGERS)


def test_an_existing_loop_elsewhere_does_not_hang_the_check() -> None:
    looped: dict[int, int | None] = {1: 2, 2: 1, 3: None}

    check_reporting_line(person_id=3, manager_id=1, managers=looped)

    assert list(managers_above(1, looped)) == [2]


def test_managers_above_climbs_to_the_top() -> None:
    assert list(managers_above(4, MANAGERS)) == [3, 2, 1]


# Rows: the granter's role. Columns: roles they may give (A S L V M D = agent, senior agent,
# team lead, supervisor, manager, admin).
GRANTS = {
    Role.AGENT: "------",
    Role.SENIOR_AGENT: "A-----",
    Role.TEAM_LEAD: "AS----",
    Role.SUPERVISOR: "ASL---",
    Role.MANAGER: "ASLV--",
    Role.ADMIN: "ASLVMD",
}
ORDER = [Role.AGENT, Role.SENIOR_AGENT, Role.TEAM_LEAD, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN]


@pytest.mark.parametrize("granter", list(Role))
@pytest.mark.parametrize("role", list(Role))
def test_only_admins_give_manager_and_admin_and_nobody_gives_their_own_rank(
    granter: Role, role: Role
) -> None:
    expected = GRANTS[granter][ORDER.index(role)] != "-"

    assert may_grant_role(granter, role) is expected


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        (Role.SUPERVISOR, Role.TEAM_LEAD, True),
        (Role.SUPERVISOR, Role.SUPERVISOR, False),
        (Role.TEAM_LEAD, Role.MANAGER, False),
        (Role.MANAGER, Role.SUPERVISOR, True),
        (Role.ADMIN, Role.ADMIN, True),
    ],
)
def test_non_admins_manage_only_people_ranked_below_them(
    actor: Role, target: Role, allowed: bool
) -> None:
    assert may_manage_rank(actor, target) is allowed
