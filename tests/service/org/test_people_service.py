from datetime import date
from decimal import Decimal

import pytest
from org_world import Org, build_org
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.passwords import verify_password
from floorlead.auth.tables import AuditEntry
from floorlead.clock import Clock
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.org.model import Role
from floorlead.org.schemas import PersonCreate, PersonUpdate
from floorlead.org.service import add_person, set_person_password, set_person_skills, update_person
from floorlead.org.tables import Person, Skill

from factories import PASSWORD


@pytest.fixture
def org(session: Session) -> Org:
    return build_org(session)


def new_agent(org: Org, **overrides: object) -> PersonCreate:
    values: dict[str, object] = {
        "email": "Nia.New@Example.com",
        "name": "Nia New",
        "team_id": org.billing.id,
        "manager_id": org.lee.id,
        "hire_date": date(2026, 3, 2),
        "hourly_cost": Decimal("24.50"),
        "time_zone": "Europe/London",
        "password": "a long enough password",
    }
    values.update(overrides)
    return PersonCreate.model_validate(values)


def audit_entries(org: Org, action: str) -> list[AuditEntry]:
    return list(org.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_supervisor_adds_an_agent_to_their_team_with_an_audit_entry(
    org: Org, clock: Clock
) -> None:
    person = add_person(org.session, data=new_agent(org), actor=org.actor(org.sam), now=clock.now())

    assert person.email == "nia.new@example.com"
    assert person.role == "agent"
    assert verify_password(person.password_hash, "a long enough password")
    [entry] = audit_entries(org, "person.add")
    assert entry.actor_id == org.sam.id
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["email"] == "nia.new@example.com"
    assert "password_hash" not in entry.after


def test_an_email_already_in_use_is_a_conflict_whatever_its_case(org: Org, clock: Clock) -> None:
    with pytest.raises(Conflict) as refused:
        add_person(
            org.session, data=new_agent(org, email="AVA@example.com"), actor=None, now=clock.now()
        )

    assert refused.value.field == "email"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "nia@nowhere"}, "email"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"leave_date": date(2026, 1, 1)}, "leave_date"),
        ({"password": "short"}, "password"),
        ({"team_id": 9999}, "team_id"),
        ({"manager_id": 9999}, "manager_id"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    org: Org, clock: Clock, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises((RuleViolation, NotFound)) as refused:
        add_person(org.session, data=new_agent(org, **overrides), actor=None, now=clock.now())

    assert refused.value.field == field


def test_a_supervisor_may_not_add_people_to_another_team(org: Org, clock: Clock) -> None:
    data = new_agent(org, team_id=org.returns.id, manager_id=org.sue.id)

    with pytest.raises(PermissionDenied):
        add_person(org.session, data=data, actor=org.actor(org.sam), now=clock.now())


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_only_an_admin_creates_managers_and_admins(org: Org, clock: Clock, role: Role) -> None:
    data = new_agent(org, role=role, team_id=None, manager_id=org.max.id)

    with pytest.raises(PermissionDenied, match="only an admin"):
        add_person(org.session, data=data, actor=org.actor(org.max), now=clock.now())
    person = add_person(org.session, data=data, actor=org.actor(org.ada), now=clock.now())

    assert person.role == role.value


def test_a_team_lead_may_not_create_a_team_lead(org: Org, clock: Clock) -> None:
    with pytest.raises(PermissionDenied, match="team_lead may not give the role team_lead"):
        add_person(
            org.session,
            data=new_agent(org, role=Role.TEAM_LEAD),
            actor=org.actor(org.lee),
            now=clock.now(),
        )


def test_leaving_sets_the_leave_date_and_audits_only_what_changed(org: Org, clock: Clock) -> None:
    changes = PersonUpdate(leave_date=date(2026, 3, 31))

    person = update_person(
        org.session,
        person_id=org.ava.id,
        changes=changes,
        actor=org.actor(org.sam),
        now=clock.now(),
    )

    assert person.is_active_on(date(2026, 3, 30))
    assert not person.is_active_on(date(2026, 3, 31))
    [entry] = audit_entries(org, "person.update")
    assert entry.before is not None and entry.after is not None
    assert entry.before["leave_date"] is None
    assert entry.after["leave_date"] == "2026-03-31"
    assert "name" not in entry.after


def test_making_someone_report_to_their_own_report_is_refused(org: Org, clock: Clock) -> None:
    loop = PersonUpdate(manager_id=org.ava.id)

    with pytest.raises(RuleViolation, match="loop") as refused:
        update_person(org.session, person_id=org.sam.id, changes=loop, actor=None, now=clock.now())

    assert refused.value.field == "manager_id"
    with pytest.raises(RuleViolation, match="own manager"):
        update_person(
            org.session,
            person_id=org.ava.id,
            changes=PersonUpdate(manager_id=org.ava.id),
            actor=None,
            now=clock.now(),
        )


def test_a_manager_who_has_left_cannot_take_reports(org: Org, clock: Clock) -> None:
    org.lee.leave_date = date(2026, 3, 1)
    org.session.commit()

    with pytest.raises(RuleViolation, match="not an active member") as refused:
        add_person(org.session, data=new_agent(org), actor=None, now=clock.now())

    assert refused.value.field == "manager_id"


def test_a_supervisor_edits_neither_other_teams_nor_people_of_their_rank(
    org: Org, clock: Clock
) -> None:
    sam = org.actor(org.sam)
    rename = PersonUpdate(name="Renamed")

    with pytest.raises(PermissionDenied):
        update_person(org.session, person_id=org.bo.id, changes=rename, actor=sam, now=clock.now())
    with pytest.raises(PermissionDenied, match="ranked below"):
        update_person(org.session, person_id=org.sam.id, changes=rename, actor=sam, now=clock.now())


def test_a_manager_may_not_promote_to_manager_but_an_admin_may(org: Org, clock: Clock) -> None:
    promote = PersonUpdate(role=Role.MANAGER)

    with pytest.raises(PermissionDenied, match="only an admin"):
        update_person(
            org.session,
            person_id=org.sam.id,
            changes=promote,
            actor=org.actor(org.max),
            now=clock.now(),
        )
    person = update_person(
        org.session,
        person_id=org.sam.id,
        changes=promote,
        actor=org.actor(org.ada),
        now=clock.now(),
    )

    assert person.role == "manager"


def test_the_last_active_admin_can_neither_be_demoted_nor_leave(org: Org, clock: Clock) -> None:
    for changes, field in [
        (PersonUpdate(role=Role.MANAGER), "role"),
        (PersonUpdate(leave_date=date(2026, 4, 1)), "leave_date"),
    ]:
        with pytest.raises(RuleViolation, match="at least one active admin") as refused:
            update_person(
                org.session, person_id=org.ada.id, changes=changes, actor=None, now=clock.now()
            )
        assert refused.value.field == field


def test_required_fields_cannot_be_emptied(org: Org, clock: Clock) -> None:
    with pytest.raises(RuleViolation, match="name cannot be empty"):
        update_person(
            org.session,
            person_id=org.ava.id,
            changes=PersonUpdate.model_validate({"name": None}),
            actor=None,
            now=clock.now(),
        )


def test_skills_are_replaced_as_a_whole_and_audited(org: Org, clock: Clock) -> None:
    billing = Skill(name="billing")
    french = Skill(name="french")
    org.session.add_all([billing, french])
    org.session.commit()
    lee = org.actor(org.lee)
    set_person_skills(
        org.session, person_id=org.ava.id, levels={billing.id: 2}, actor=lee, now=clock.now()
    )

    person = set_person_skills(
        org.session,
        person_id=org.ava.id,
        levels={billing.id: 4, french.id: 3},
        actor=lee,
        now=clock.now(),
    )

    assert {(link.skill.name, link.level) for link in person.skills} == {
        ("billing", 4),
        ("french", 3),
    }
    last = audit_entries(org, "person.skills")[-1]
    assert last.before == {"skills": {"billing": 2}}
    assert last.after == {"skills": {"billing": 4, "french": 3}}


def test_unknown_skills_and_levels_out_of_range_are_refused(org: Org, clock: Clock) -> None:
    skill = Skill(name="returns")
    org.session.add(skill)
    org.session.commit()

    with pytest.raises(NotFound) as missing:
        set_person_skills(
            org.session, person_id=org.ava.id, levels={9999: 3}, actor=None, now=clock.now()
        )
    with pytest.raises(RuleViolation) as too_high:
        set_person_skills(
            org.session, person_id=org.ava.id, levels={skill.id: 6}, actor=None, now=clock.now()
        )

    assert missing.value.field == "skill_id"
    assert too_high.value.field == "level"


def test_people_change_their_own_password_and_only_admins_change_others(
    org: Org, clock: Clock
) -> None:
    set_person_password(
        org.session,
        person_id=org.ava.id,
        password="a brand new secret",
        actor=org.actor(org.ava),
        now=clock.now(),
    )
    with pytest.raises(PermissionDenied):
        set_person_password(
            org.session,
            person_id=org.ava.id,
            password="another new secret",
            actor=org.actor(org.sam),
            now=clock.now(),
        )

    person = org.session.get(Person, org.ava.id)
    assert person is not None
    assert verify_password(person.password_hash, "a brand new secret")
    assert not verify_password(person.password_hash, PASSWORD)
    assert audit_entries(org, "person.password")[0].after == {"password": "changed"}


def test_the_command_line_operator_is_recorded_as_no_actor(org: Org, clock: Clock) -> None:
    add_person(org.session, data=new_agent(org), actor=None, now=clock.now())

    [entry] = audit_entries(org, "person.add")
    assert entry.actor_id is None
