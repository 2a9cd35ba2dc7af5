from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session
from training_world import Floor, build_floor

from floorlead.errors import PermissionDenied
from floorlead.org import set_person_skills
from floorlead.org.tables import Skill
from floorlead.training import (
    assign_program,
    expiring_certifications,
    overdue_assignments,
    record_certification,
    skill_matrix,
)
from floorlead.training.model import ExpiryStatus

from factories import T0

TODAY = T0.date()


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def test_overdue_work_is_listed_for_those_who_may_see_it(floor: Floor) -> None:
    session = floor.session
    for person, lead, days in [
        (floor.ana, floor.lee, 2),
        (floor.ben, floor.lee, 20),
        (floor.bo, floor.sue, 1),
    ]:
        assign_program(
            session,
            actor=floor.actor(lead),
            person_id=person.id,
            program_id=floor.welcome.id,
            due_on=TODAY + timedelta(days=days),
            now=T0,
        )
    ten_days_on = TODAY + timedelta(days=10)

    everyone = overdue_assignments(session, actor=None, today=ten_days_on)
    for_lee = overdue_assignments(session, actor=floor.actor(floor.lee), today=ten_days_on)
    for_ana = overdue_assignments(session, actor=floor.actor(floor.ana), today=ten_days_on)

    assert [(r.person_name, r.days_overdue) for r in everyone] == [("Bo", 9), ("Ana", 8)]
    assert [r.person_name for r in for_lee] == ["Ana"]
    assert [r.person_name for r in for_ana] == ["Ana"]


def test_renewal_reminders_list_the_newest_record_expiring_within_the_window(floor: Floor) -> None:
    session = floor.session
    sam = floor.actor(floor.sam)
    cert = floor.data_protection.id
    # Ana's lapses on 2026-03-20; Ben's on 2026-06-01; Bo's lapsed, then was renewed.
    record_certification(
        session,
        actor=sam,
        person_id=floor.ana.id,
        certification_id=cert,
        earned_on=date(2025, 3, 20),
        now=T0,
    )
    record_certification(
        session,
        actor=sam,
        person_id=floor.ben.id,
        certification_id=cert,
        earned_on=date(2025, 6, 1),
        now=T0,
    )
    sue = floor.actor(floor.sue)
    record_certification(
        session,
        actor=sue,
        person_id=floor.bo.id,
        certification_id=cert,
        earned_on=date(2025, 1, 10),
        now=T0,
    )
    record_certification(
        session,
        actor=sue,
        person_id=floor.bo.id,
        certification_id=cert,
        earned_on=date(2026, 2, 1),
        now=T0,
    )

    within_30 = expiring_certifications(session, actor=None, today=TODAY, days=30)
    within_91 = expiring_certifications(session, actor=floor.actor(floor.lee), today=TODAY, days=91)

    assert [(h.person_name, h.expires_on, h.days_left, h.status) for h in within_30] == [
        ("Ana", date(2026, 3, 20), 18, ExpiryStatus.EXPIRING),
    ]
    assert [h.person_name for h in within_91] == ["Ana", "Ben"]


def test_certifications_are_recorded_only_by_those_who_manage_the_person(floor: Floor) -> None:
    with pytest.raises(PermissionDenied):
        record_certification(
            floor.session,
            actor=floor.actor(floor.ana),
            person_id=floor.ana.id,
            certification_id=floor.data_protection.id,
            earned_on=TODAY,
            now=T0,
        )


def test_the_skill_matrix_shows_each_member_and_skill(floor: Floor) -> None:
    session = floor.session
    skills = {name: Skill(name=name) for name in ("Billing", "Spanish")}
    session.add_all(skills.values())
    session.commit()
    set_person_skills(
        session,
        person_id=floor.ana.id,
        actor=None,
        now=T0,
        levels={skills["Billing"].id: 4, skills["Spanish"].id: 2},
    )
    set_person_skills(
        session, person_id=floor.ben.id, actor=None, now=T0, levels={skills["Billing"].id: 3}
    )

    matrix = skill_matrix(
        session, actor=floor.actor(floor.lee), team_id=floor.billing.id, today=TODAY
    )

    assert matrix.skills == ["Billing", "Spanish"]
    assert [(r.name, r.levels) for r in matrix.rows] == [
        ("Ana", {"Billing": 4, "Spanish": 2}),
        ("Ben", {"Billing": 3, "Spanish": None}),
        ("Lee", {"Billing": None, "Spanish": None}),
        ("Sam", {"Billing": None, "Spanish": None}),
    ]
    assert matrix.coverage == {"Billing": 2, "Spanish": 0}
    with pytest.raises(PermissionDenied):
        skill_matrix(session, actor=floor.actor(floor.sue), team_id=floor.billing.id, today=TODAY)
