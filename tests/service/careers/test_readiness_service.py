from datetime import date

import pytest
from careers_world import Floor, build_floor
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.careers import assign_role, career_readiness, role_readiness, training_gaps
from floorlead.errors import PermissionDenied
from floorlead.org import set_person_skills
from floorlead.org.tables import Skill
from floorlead.training import record_certification
from floorlead.training.model import GapKind
from floorlead.training.tables import Certification

from factories import T0

TODAY = T0.date()


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def _skills(floor: Floor, person_id: int, levels: dict[str, int]) -> None:
    ids = dict(floor.session.execute(select(Skill.name, Skill.id)).all())
    set_person_skills(
        floor.session,
        person_id=person_id,
        actor=None,
        now=T0,
        levels={ids[name]: level for name, level in levels.items()},
    )


def test_an_agent_sees_their_readiness_for_the_next_roles_of_their_inferred_role(
    floor: Floor,
) -> None:
    # Ana: hired 2025-01-06, so 13 whole months by 2026-03-02.
    _skills(
        floor,
        floor.ana.id,
        {"Customer communication": 4, "Product knowledge": 3, "Problem solving": 3, "Coaching": 2},
    )

    career = career_readiness(
        floor.session, actor=floor.actor(floor.ana), person_id=floor.ana.id, today=TODAY
    )

    assert (career.current_role.slug, career.job_role_assigned, career.tenure_months) == (
        "frontline-agent",
        False,
        13,
    )
    senior = {r.role.slug: r for r in career.next_roles}["senior-agent"]
    assert [(g.area, g.item, g.required, g.actual) for g in senior.gaps] == [
        ("skill", "Product knowledge", "level 4", "level 3"),
        ("certification", "Data protection essentials", "a valid certificate", "none"),
    ]
    assert senior.met == [
        "Customer communication level 4",
        "Problem solving level 3",
        "Coaching level 2",
        "tenure of 1 year",
    ]
    assert senior.kpi_data is False
    assert senior.unchecked[0] == "Customer satisfaction at least 88%"
    assert senior.percent_met == 66


def test_given_kpi_values_the_targets_are_checked(floor: Floor) -> None:
    _skills(
        floor,
        floor.ana.id,
        {"Customer communication": 4, "Product knowledge": 4, "Problem solving": 3, "Coaching": 2},
    )
    cert = floor.session.scalar(
        select(Certification.id).where(Certification.slug == "data-protection")
    )
    record_certification(
        floor.session,
        actor=None,
        person_id=floor.ana.id,
        certification_id=cert,
        earned_on=date(2026, 1, 5),
        now=T0,
    )

    ready = role_readiness(
        floor.session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        role_slug="senior-agent",
        today=TODAY,
        kpi_values={"csat": 91.0, "first_contact_resolution": 77.0, "reopen_rate": 6.0},
    )
    short = role_readiness(
        floor.session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        role_slug="senior-agent",
        today=TODAY,
        kpi_values={"csat": 91.0, "first_contact_resolution": 77.0, "reopen_rate": 6.5},
    )

    assert (ready.ready, ready.gaps, ready.unchecked) == (True, [], [])
    assert [(g.item, g.required, g.actual) for g in short.gaps] == [
        ("Reopen rate", "Reopen rate at most 6%", "6.5%"),
    ]


def test_readiness_is_private_to_the_person_and_those_above_them(floor: Floor) -> None:
    with pytest.raises(PermissionDenied):
        career_readiness(
            floor.session, actor=floor.actor(floor.ben), person_id=floor.ana.id, today=TODAY
        )
    with pytest.raises(PermissionDenied):
        career_readiness(
            floor.session, actor=floor.actor(floor.sue), person_id=floor.ana.id, today=TODAY
        )

    seen_by_manager = career_readiness(
        floor.session, actor=floor.actor(floor.max), person_id=floor.ana.id, today=TODAY
    )
    assert seen_by_manager.name == "Ana"


def test_gaps_against_the_job_role_and_failed_criteria_recommend_programmes(floor: Floor) -> None:
    assign_role(
        floor.session, actor=None, person_id=floor.ana.id, role_slug="frontline-agent", now=T0
    )
    _skills(
        floor,
        floor.ana.id,
        {"Customer communication": 3, "Product knowledge": 1, "Problem solving": 2},
    )

    gaps = training_gaps(
        floor.session,
        actor=floor.actor(floor.ana),
        person_id=floor.ana.id,
        failed_criteria={"empathy": 4, "greeting": 1},
    )

    assert [(g.kind, g.key, g.required, g.actual, g.failures) for g in gaps] == [
        (GapKind.SKILL, "Product knowledge", 2, 1, None),
        (GapKind.QUALITY, "empathy", None, None, 4),
    ]
    assert [p.title for p in gaps[0].programs] == ["Right first time", "Product update briefing"]
    assert [p.title for p in gaps[1].programs] == ["Handling difficult conversations"]
