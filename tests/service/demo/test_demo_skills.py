"""Skill levels of the demo staff: the floor's own skills and the skills job roles require."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.passwords import hash_password
from floorlead.careers import career_readiness, team_training_gaps
from floorlead.config import Settings
from floorlead.demo import DemoConfig, DemoPasswords, Simulation, simulate, write_simulation
from floorlead.demo.extras import EXTRA_STEPS, run_step
from floorlead.demo.organisation import Member
from floorlead.demo.role_skills import COMMUNICATION, ROLE_SKILLS, expected_level
from floorlead.demo.rota_plan import local_date
from floorlead.org.model import Role
from floorlead.org.tables import Person, PersonSkill, Skill
from floorlead.storage import make_engine, make_session_factory
from floorlead.tickets import assign_ticket
from floorlead.tickets.tables import Ticket
from floorlead.training import skill_matrix

END = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
TODAY = local_date(END)
CONTACT = (Role.AGENT, Role.SENIOR_AGENT)
ROUTING = {"billing", "technical", "returns", "spanish", "french"}
SMALL = DemoConfig(end=END, weeks=1, agents=6, seed=11)


@cache
def simulation() -> Simulation:
    return simulate(DemoConfig(end=END, weeks=2, agents=12, seed=11))


@cache
def small() -> Simulation:
    """A smaller demo, written once per test and backend."""
    return simulate(SMALL)


@cache
def passwords() -> DemoPasswords:
    return DemoPasswords(hash_password("admin demo password"), hash_password("staff demo password"))


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A small demo with its reviews and job roles (the quality and training steps)."""
    folder = tmp_path_factory.mktemp("demo-skills")
    shutil.copy(sqlite_template, folder / "floorlead.db")
    engine = make_engine(Settings(data_dir=folder))
    write_simulation(engine, simulation(), passwords())
    for step in EXTRA_STEPS:
        if step.name in ("quality", "training"):
            run_step(engine, simulation(), step)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_session(demo: Engine) -> Iterator[Session]:
    with make_session_factory(demo)() as session:
        yield session


def stored_levels(session: Session) -> dict[int, dict[str, int]]:
    levels: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(PersonSkill.person_id, Skill.name, PersonSkill.level).join(
            Skill, Skill.id == PersonSkill.skill_id
        )
    )
    for person_id, name, level in rows:
        levels.setdefault(person_id, {})[name] = level
    return levels


def active_agents(org_people: tuple[Member, ...]) -> list[Member]:
    return [p for p in org_people if p.role in CONTACT and p.is_active_on(TODAY)]


def test_expected_levels_rise_with_the_team_skill_tenure_and_seniority() -> None:
    # base 2.7, 0.35 per team-skill level above 3, 0.15 per year (counted up to 4 years)
    assert expected_level(Role.AGENT, COMMUNICATION, team_level=2, years=1) == pytest.approx(2.5)
    assert expected_level(Role.AGENT, COMMUNICATION, team_level=4, years=9) == pytest.approx(3.65)
    # senior agents: base 3.2, 0.8 per team-skill level, 0.1 per year
    assert expected_level(
        Role.SENIOR_AGENT, "Product knowledge", team_level=5, years=2
    ) == pytest.approx(5.0)
    # leaders: their role's base and 0.05 per year, whatever their team skill
    assert expected_level(Role.MANAGER, "Team leadership", team_level=0, years=6) == (
        pytest.approx(4.7)
    )
    assert expected_level(Role.AGENT, "Operations management", team_level=3, years=1) == 0.0


def test_every_active_agent_holds_their_teams_skill_at_levels_one_to_five(
    engine: Engine,
) -> None:
    org = small().organisation

    write_simulation(engine, small(), passwords())

    with make_session_factory(engine)() as session:
        levels = stored_levels(session)
    team_skill = {team.id: team.skill for team in org.support_teams}
    for agent in active_agents(org.people):
        held = levels.get(agent.id, {})
        assert held and all(1 <= level <= 5 for level in held.values())
        if agent.team_id in team_skill:
            assert held[team_skill[agent.team_id] or ""] >= 1
            assert held[COMMUNICATION] >= 1
    billing = org.team_by_name["Billing"].id
    first_day = small().timeline.days[0]
    experienced = [
        a for a in active_agents(org.people) if a.team_id == billing and a.hire_date < first_day
    ]
    assert experienced and all(2 <= levels[a.id]["billing"] <= 5 for a in experienced)
    assert all(1 <= level <= 5 for held in levels.values() for level in held.values())


def test_the_same_seed_gives_the_same_levels_and_another_seed_other_ones(engine: Engine) -> None:
    write_simulation(engine, simulate(SMALL), passwords())

    with make_session_factory(engine)() as session:
        stored = stored_levels(session)
    again = {p.id: dict(p.skills) for p in simulate(SMALL).organisation.people if p.skills}
    other = simulate(DemoConfig(end=END, weeks=1, agents=6, seed=12)).organisation
    assert stored == again
    assert {p.id: dict(p.skills) for p in other.people if p.skills} != again


def test_the_training_matrix_shows_every_members_levels(demo_session: Session) -> None:
    org = simulation().organisation

    for team in org.support_teams:
        matrix = skill_matrix(demo_session, actor=None, team_id=team.id, today=TODAY)

        assert {team.skill, COMMUNICATION, "Coaching"} <= set(matrix.skills)
        assert all(any(row.levels.values()) for row in matrix.rows)
        assert matrix.coverage[team.skill or ""] >= 1
        assert matrix.coverage[COMMUNICATION] >= 1


def test_seeding_the_roles_adds_no_skill_the_demo_catalogue_lacks(demo_session: Session) -> None:
    names = demo_session.scalars(select(Skill.name).order_by(Skill.id)).all()

    assert names == [name for _, name, _ in simulation().organisation.skills]
    assert set(names) == ROUTING | {name for name, _ in ROLE_SKILLS}


def test_role_requirements_are_met_by_most_and_missed_by_some(demo_session: Session) -> None:
    org = simulation().organisation
    teams = [team.id for team in org.teams]

    people = [
        person
        for team_id in teams
        for person in team_training_gaps(demo_session, actor=None, team_id=team_id, now=END)
    ]

    skill_gaps = [g for p in people for g in p.gaps if g.kind == "skill"]
    without = [p for p in people if not any(g.kind == "skill" for g in p.gaps)]
    assert skill_gaps and len(without) > len(people) / 2
    assert all(g.actual is not None and g.required is not None for g in skill_gaps)
    assert any(g.actual for g in skill_gaps), "every gap is a skill not held at all"
    assert len({g.label for g in skill_gaps}) >= 2


def test_the_agent_with_a_quality_habit_is_weak_at_customer_communication(
    demo_session: Session,
) -> None:
    org = simulation().organisation
    levels = stored_levels(demo_session)

    for team in org.support_teams:
        weakest = org.weakest_agent(team.id, TODAY)
        assert weakest is not None
        gaps = {
            g.label: g
            for p in team_training_gaps(demo_session, actor=None, team_id=team.id, now=END)
            if p.person_id == weakest.id
            for g in p.gaps
        }

        assert levels[weakest.id][COMMUNICATION] <= 2
        if weakest.role == Role.AGENT:
            assert gaps[COMMUNICATION].required == 3 and gaps[COMMUNICATION].programs
        assert any(g.kind == "quality" for g in gaps.values())


def test_career_readiness_meets_some_skills_of_the_next_role(demo_session: Session) -> None:
    agents = active_agents(simulation().organisation.people)
    met = gaps = 0

    for person in agents:
        career = career_readiness(demo_session, actor=None, person_id=person.id, today=TODAY)
        for role in career.next_roles:
            met += sum(" level " in item for item in role.met)
            gaps += sum(gap.area == "skill" for gap in role.gaps)

    assert met > 0 and gaps > 0


def test_skill_based_assignment_picks_an_agent_holding_the_required_skill(
    engine: Engine,
) -> None:
    org = small().organisation
    write_simulation(engine, small(), passwords())
    billing = org.team_by_name["Billing"]

    with make_session_factory(engine)() as session:
        ticket = session.scalars(
            select(Ticket)
            .where(
                Ticket.team_id == billing.id,
                Ticket.required_skill_id == org.skill_ids["billing"],
                Ticket.status.not_in(["solved", "closed"]),
            )
            .order_by(Ticket.id)
        ).first()
        assert ticket is not None
        supervisor = load_actor(session, org.supervisor(billing.id).id)
        if ticket.assignee_id is not None:
            assign_ticket(session, ticket_id=ticket.id, actor=supervisor, now=END)
        ticket_id = ticket.id

        assign_ticket(
            session, ticket_id=ticket_id, actor=supervisor, now=END, strategy="skill_based"
        )

        chosen = session.get(Person, session.get(Ticket, ticket_id).assignee_id)
        levels = stored_levels(session)
    assert chosen is not None and chosen.team_id == billing.id
    assert chosen.role in CONTACT and levels[chosen.id]["billing"] >= 1
