"""The demo organisation: teams, roles, reporting lines, tenure and skills."""

from __future__ import annotations

from collections import Counter

import pytest
from demo_samples import END, small

from floorlead.demo import DemoConfig, DemoConfigError, simulate
from floorlead.org.model import Role, TeamKind


def test_thirty_agents_make_three_teams_with_leaders_and_two_departments() -> None:
    org = simulate(DemoConfig(end=END, weeks=2, agents=30)).organisation

    roles = Counter(p.role for p in org.people)
    kinds = Counter(t.kind for t in org.teams)

    assert (
        roles[Role.AGENT] + roles[Role.SENIOR_AGENT] == 30 + 4
    )  # and two specialists per department
    assert roles[Role.SUPERVISOR] == 3
    assert roles[Role.TEAM_LEAD] == 1
    assert roles[Role.MANAGER] == 1
    assert roles[Role.ADMIN] == 1
    assert kinds == {TeamKind.SUPPORT: 3, TeamKind.DEPARTMENT: 2}
    assert [t.name for t in org.support_teams] == ["Billing", "Technical", "Orders & Returns"]


def test_every_reporting_line_ends_at_the_manager() -> None:
    org = small().simulation.organisation
    manager = next(p for p in org.people if p.role == Role.MANAGER)

    for person in org.people:
        if person.role in (Role.ADMIN, Role.MANAGER):
            continue
        chain = [person]
        while chain[-1].manager_id is not None:
            chain.append(org.by_id[chain[-1].manager_id])
        assert chain[-1] == manager
        assert [p.role.rank for p in chain] == sorted(p.role.rank for p in chain)


def test_agents_report_to_their_own_teams_supervisor_or_team_lead() -> None:
    org = small().simulation.organisation

    for team in org.support_teams:
        leaders = {org.supervisor_ids[team.id]} | {
            m.id for m in org.members(team.id, frozenset({Role.TEAM_LEAD}))
        }
        assert all(agent.manager_id in leaders for agent in org.members(team.id))


def test_emails_are_unique_and_skills_are_levels_one_to_five() -> None:
    org = small().simulation.organisation

    assert len({p.email for p in org.people}) == len(org.people)
    assert all(1 <= level <= 5 for p in org.people for _, level in p.skills)


def test_some_agents_join_and_some_leave_during_the_window() -> None:
    simulation = simulate(DemoConfig(end=END, weeks=8, agents=30))
    first, last = simulation.timeline.days[0], END.date()
    agents = [p for p in simulation.organisation.people if p.role == Role.AGENT]

    assert 2 <= sum(first < p.hire_date <= last for p in agents) <= 5
    assert 1 <= sum(p.leave_date is not None and first < p.leave_date <= last for p in agents) <= 3


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"weeks": 0}, "weeks"),
        ({"agents": 2}, "agents"),
        ({"seed": -1}, "seed"),
        ({"admin_email": "nobody"}, "admin_email"),
    ],
)
def test_out_of_range_settings_are_refused_naming_the_field(
    settings: dict[str, object], field: str
) -> None:
    with pytest.raises(DemoConfigError) as refused:
        DemoConfig(end=END, **settings)  # type: ignore[arg-type]

    assert refused.value.field == field


def test_an_end_without_a_time_zone_is_refused() -> None:
    with pytest.raises(DemoConfigError) as refused:
        DemoConfig(end=END.replace(tzinfo=None))

    assert refused.value.field == "end"
