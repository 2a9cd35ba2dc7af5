from datetime import date

import pytest
from careers_world import Floor, build_floor
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.careers import (
    assign_role,
    create_role,
    list_roles,
    role_detail,
    seed_role_definitions,
    update_role,
)
from floorlead.careers.schemas import RoleCreate, RoleFields
from floorlead.careers.tables import RoleDefinition
from floorlead.errors import NotFound, PermissionDenied, RuleViolation
from floorlead.training import onboarding_plan, person_assignments

from factories import T0

TODAY = T0.date()


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def test_the_seed_defines_eight_roles_once_with_their_paths(floor: Floor) -> None:
    session = floor.session

    again = seed_role_definitions(session, T0)
    roles = {r.slug: r for r in list_roles(session)}
    lead = role_detail(session, slug="team-lead")

    assert again == []
    assert session.scalar(select(func.count()).select_from(RoleDefinition)) == 8
    assert {slug: r.system_role for slug, r in roles.items() if r.system_role} == {
        "frontline-agent": "agent",
        "senior-agent": "senior_agent",
        "team-lead": "team_lead",
        "customer-service-supervisor": "supervisor",
        "operations-manager": "manager",
    }
    assert lead.reports_to is not None and lead.reports_to.slug == "customer-service-supervisor"
    assert [r.slug for r in lead.next_roles] == ["customer-service-supervisor"]
    assert [(t.slug, t.due_days) for t in lead.training] == [
        ("leading-a-shift", 30),
        ("coaching-for-performance", 60),
    ]
    assert {(s.skill, s.level) for s in lead.skills} >= {("Coaching", 3), ("Team leadership", 3)}
    assert [c.slug for c in lead.certifications] == ["data-protection"]


def _trainer_copy(**changes: object) -> dict[str, object]:
    fields = {
        "title": "Senior trainer",
        "purpose": "Trains the trainers.",
        "skills": {"Facilitation": 5},
        "certifications": ["accredited-trainer"],
        "training": [{"program": "train-the-trainer", "due_days": 30}],
        "reports_to": "customer-service-supervisor",
    }
    return {**fields, **changes}


def test_managers_define_roles_and_supervisors_may_not(floor: Floor) -> None:
    data = RoleCreate.model_validate({"slug": "senior-trainer", **_trainer_copy()})

    with pytest.raises(PermissionDenied):
        create_role(floor.session, actor=floor.actor(floor.sam), data=data, now=T0)
    create_role(floor.session, actor=floor.actor(floor.max), data=data, now=T0)

    detail = role_detail(floor.session, slug="senior-trainer")
    assert (detail.title, detail.skills[0].skill, detail.training[0].title) == (
        "Senior trainer",
        "Facilitation",
        "Train the trainer",
    )


def test_a_role_must_refer_to_skills_and_roles_that_exist(floor: Floor) -> None:
    max_ = floor.actor(floor.max)
    bad_skill = RoleCreate.model_validate(
        {"slug": "x-role", **_trainer_copy(skills={"Juggling": 3})}
    )
    bad_next = RoleCreate.model_validate(
        {"slug": "y-role", **_trainer_copy(next_roles=["astronaut"])}
    )

    with pytest.raises(NotFound) as skill:
        create_role(floor.session, actor=max_, data=bad_skill, now=T0)
    floor.session.rollback()
    with pytest.raises(NotFound) as role:
        create_role(floor.session, actor=max_, data=bad_next, now=T0)

    assert (skill.value.field, role.value.field) == ("skills", "next_roles")


def test_a_kpi_target_must_name_a_kpi_of_the_catalogue(floor: Floor) -> None:
    target = {"kpi": "csat", "target": 85, "direction": "at_least"}
    unknown = {"kpi": "smiles_per_hour", "target": 3, "direction": "at_least"}
    data = RoleCreate.model_validate({"slug": "z-role", **_trainer_copy(kpis=[target, unknown])})

    with pytest.raises(RuleViolation) as refused:
        create_role(floor.session, actor=floor.actor(floor.max), data=data, now=T0)
    floor.session.rollback()

    assert refused.value.field == "kpis[1].kpi"
    assert "smiles_per_hour" in refused.value.message
    with pytest.raises(NotFound):
        role_detail(floor.session, slug="z-role")


def test_a_reporting_line_may_not_loop(floor: Floor) -> None:
    supervisor = role_detail(floor.session, slug="customer-service-supervisor")
    fields = RoleFields.model_validate(
        {**supervisor.model_dump(include={"title", "purpose"}), "reports_to": "team-lead"}
    )

    with pytest.raises(RuleViolation) as refused:
        update_role(
            floor.session,
            actor=floor.actor(floor.ada),
            slug="customer-service-supervisor",
            data=fields,
            now=T0,
        )

    assert refused.value.field == "reports_to"


def test_taking_a_role_assigns_its_training_once_with_due_dates(floor: Floor) -> None:
    session = floor.session
    lee = floor.actor(floor.lee)

    link, created = assign_role(
        session, actor=lee, person_id=floor.ana.id, role_slug="frontline-agent", now=T0
    )
    _, again = assign_role(
        session, actor=lee, person_id=floor.ana.id, role_slug="frontline-agent", now=T0
    )

    rows = person_assignments(session, actor=lee, person_id=floor.ana.id, today=TODAY)
    assert (link.started_on, len(created), again) == (TODAY, 2, [])
    assert [(r.program_title, r.due_on, r.reason) for r in rows] == [
        ("floorlead for agents", date(2026, 3, 9), "role:frontline-agent"),
        ("Welcome to the floor", date(2026, 3, 16), "role:frontline-agent"),
    ]
    plan = onboarding_plan(session, actor=floor.actor(floor.ana), person_id=floor.ana.id)
    assert plan.start == TODAY
    assert [p.title for p in plan.programs] == ["floorlead for agents", "Welcome to the floor"]
    assert not any(p.late for p in plan.programs)
    with pytest.raises(PermissionDenied):
        assign_role(
            session,
            actor=floor.actor(floor.sue),
            person_id=floor.ben.id,
            role_slug="frontline-agent",
            now=T0,
        )
