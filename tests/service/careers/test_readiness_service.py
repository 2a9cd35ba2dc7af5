"""Career readiness and training gaps on each database: KPI values from the KPI engine
(DuckDB, synced from the test database) and criteria failed repeatedly in quality reviews."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from careers_world import Floor, build_floor
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from floorlead.careers import (
    assign_role,
    career_readiness,
    role_readiness,
    team_training_gaps,
    training_gaps,
)
from floorlead.coaching import MetricsKpis
from floorlead.errors import PermissionDenied
from floorlead.metrics import KpiEngine
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse
from floorlead.org import set_person_skills
from floorlead.org.tables import Person, Skill
from floorlead.quality import AnswerIn, ReviewCreate, record_review, seed_default_scorecard
from floorlead.training.model import GapKind
from floorlead.training.tables import TrainingAssignment, TrainingProgram
from service.coaching.event_kpis import answer_csat, handle

from factories import T0, make_ticket

TODAY = T0.date()  # Monday 2 March 2026: KPIs cover 2 December 2025 to 1 March 2026
PASSING = {
    "verified_identity": "yes",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "4",
    "next_steps": "yes",
    "empathy": "4",
    "clarity": "4",
    "greeting": "yes",
}


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[DuckDBWarehouse]:
    store = DuckDBWarehouse(tmp_path / "analytics.duckdb")
    yield store
    store.close()


def _kpis(engine: Engine, warehouse: DuckDBWarehouse) -> MetricsKpis:
    sync_analytics(warehouse, engine, now=T0)
    return MetricsKpis(lambda: KpiEngine(warehouse), as_of=T0)


def _at(day: date, hour: int = 14) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _ana_worked(floor: Floor) -> None:
    """Ana's CSAT answers and handle time, in and around the 90 days before today.

    In the window: ratings 5, 4, 2, 5, 3 — three good (4 or 5) of five, CSAT 60% — and three
    tickets worked 600, 700 and 800 s, an average handle time of 700 s. Outside it (ignored): a
    rating of 1 and a ticket worked 3,000 s on 1 December 2025, and a rating of 1 this morning
    (today is not over).
    """
    session, ana = floor.session, floor.ana.id
    for day, rating in [(3, 5), (20, 4), (41, 2), (60, 5), (89, 3)]:
        answer_csat(session, agent_id=ana, at=_at(TODAY - timedelta(days=day)), rating=rating)
    for day, seconds in [(5, 600), (30, 700), (75, 800)]:
        handle(session, agent_id=ana, at=_at(TODAY - timedelta(days=day)), seconds=seconds)
    answer_csat(session, agent_id=ana, at=_at(date(2025, 12, 1)), rating=1)
    handle(session, agent_id=ana, at=_at(date(2025, 12, 1)), seconds=3000)
    answer_csat(session, agent_id=ana, at=T0 - timedelta(hours=1), rating=1)
    session.commit()


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


def test_kpi_targets_are_checked_against_the_persons_kpis_of_the_last_90_days(
    floor: Floor, engine: Engine, warehouse: DuckDBWarehouse
) -> None:
    _ana_worked(floor)
    kpis = _kpis(engine, warehouse)

    frontline = role_readiness(
        floor.session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        role_slug="frontline-agent",
        today=TODAY,
        kpis=kpis,
    )
    career = career_readiness(
        floor.session, actor=floor.actor(floor.ana), person_id=floor.ana.id, today=TODAY, kpis=kpis
    )

    kpi_gaps = {g.item: g for g in frontline.gaps if g.area == "kpi"}
    assert [
        (g.required, g.actual, g.value, g.target, g.direction, g.better)
        for g in (kpi_gaps["Customer satisfaction"], kpi_gaps["Average handle time"])
    ] == [
        ("at least 85%", "60%", 60.0, 85.0, "at_least", "higher"),
        ("at most 600 s", "700 s", 700.0, 600.0, "at_most", "lower"),
    ]
    # The rated tickets count as solved too, so first contact resolution and the reopen
    # rate have values as well: every KPI target of the role is checked.
    assert frontline.unchecked == []
    assert frontline.kpi_data is True
    assert frontline.kpi_period is not None
    assert (frontline.kpi_period.first_day, frontline.kpi_period.last_day) == (
        date(2025, 12, 2),
        date(2026, 3, 1),
    )
    senior = {r.role.slug: r for r in career.next_roles}["senior-agent"]
    assert ("kpi", "Customer satisfaction", "at least 88%", "60%") in [
        (g.area, g.item, g.required, g.actual) for g in senior.gaps
    ]
    assert career.kpi_period == frontline.kpi_period


def test_a_kpi_target_met_is_listed_with_the_persons_value_and_one_without_data_unchecked(
    floor: Floor, engine: Engine, warehouse: DuckDBWarehouse
) -> None:
    for day in (2, 9, 16):  # three ratings of 5: CSAT 100%
        answer_csat(
            floor.session, agent_id=floor.ana.id, at=_at(TODAY - timedelta(days=day)), rating=5
        )
    floor.session.commit()
    kpis = _kpis(engine, warehouse)

    ana = role_readiness(
        floor.session,
        actor=floor.actor(floor.lee),
        person_id=floor.ana.id,
        role_slug="senior-agent",
        today=TODAY,
        kpis=kpis,
    )
    ben = role_readiness(
        floor.session,
        actor=floor.actor(floor.lee),
        person_id=floor.ben.id,
        role_slug="senior-agent",
        today=TODAY,
        kpis=kpis,
    )

    assert "Customer satisfaction at least 88% (100%)" in ana.met
    assert "Customer satisfaction" not in [g.item for g in ana.gaps]
    # Ben worked no tickets: every KPI target is unchecked, none is a gap, he is not ready.
    assert (ben.kpi_data, [g.area for g in ben.gaps if g.area == "kpi"]) == (True, [])
    assert ben.unchecked == [
        "Customer satisfaction at least 88%",
        "First contact resolution at least 75%",
        "Reopen rate at most 6%",
    ]
    assert ben.ready is False


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


def _reviewed(floor: Floor, person: Person, days_ago: int, **changes: str) -> None:
    """A review by Lee, ``days_ago`` days before today, passing but for ``changes``."""
    scorecard = seed_default_scorecard(floor.session, T0 - timedelta(days=200))
    ticket = make_ticket(
        floor.session,
        assignee_id=person.id,
        team_id=floor.billing.id,
        created_at=T0 - timedelta(days=days_ago + 1),
    )
    record_review(
        floor.session,
        actor=floor.actor(floor.lee),
        data=ReviewCreate(
            scorecard_id=scorecard.id,
            ticket_id=ticket.id,
            answers={k: AnswerIn(value=v) for k, v in {**PASSING, **changes}.items()},
        ),
        now=T0 - timedelta(days=days_ago),
    )


def test_gaps_against_the_job_role_and_criteria_failed_repeatedly_recommend_programmes(
    floor: Floor,
) -> None:
    assign_role(
        floor.session, actor=None, person_id=floor.ana.id, role_slug="frontline-agent", now=T0
    )
    _skills(
        floor,
        floor.ana.id,
        {"Customer communication": 3, "Product knowledge": 1, "Problem solving": 2},
    )
    _reviewed(floor, floor.ana, 30, empathy="2")
    _reviewed(floor, floor.ana, 20, greeting="no")
    _reviewed(floor, floor.ana, 10, empathy="1")

    gaps = training_gaps(
        floor.session, actor=floor.actor(floor.ana), person_id=floor.ana.id, now=T0
    )

    assert [(g.kind, g.key, g.required, g.actual, g.failures, g.reviews) for g in gaps] == [
        (GapKind.SKILL, "Product knowledge", 2, 1, None, None),
        (GapKind.QUALITY, "empathy", None, None, 2, 3),
    ]
    assert [g.reason for g in gaps] == [
        "Role Frontline agent: needs level 2, has level 1",
        "QA: Tone and empathy failed 2 of last 3 reviews",
    ]
    assert [p.title for p in gaps[0].programs] == ["Right first time", "Product update briefing"]
    assert [p.title for p in gaps[1].programs] == ["Handling difficult conversations"]


def test_the_team_gaps_list_everyone_working_there_for_those_who_manage_its_training(
    floor: Floor,
) -> None:
    for days in (40, 30, 20):
        _reviewed(floor, floor.ben, days, greeting="no" if days != 30 else "yes")
    # Ben took Welcome to the floor (which teaches the greeting) before those reviews.
    welcome = floor.session.scalar(
        select(TrainingProgram.id).where(TrainingProgram.slug == "welcome-to-the-floor")
    )
    floor.session.add(
        TrainingAssignment(
            person_id=floor.ben.id,
            program_id=welcome,
            due_on=TODAY - timedelta(days=50),
            assigned_at=T0 - timedelta(days=60),
            completed_at=T0 - timedelta(days=50),
        )
    )
    floor.session.commit()

    team = team_training_gaps(
        floor.session, actor=floor.actor(floor.sam), team_id=floor.billing.id, now=T0
    )

    assert [(p.name, p.job_role) for p in team] == [
        ("Ana", "Frontline agent"),
        ("Ben", "Frontline agent"),
        ("Lee", "Team lead"),
        ("Sam", "Customer-service supervisor"),
    ]
    ben = {p.name: p for p in team}["Ben"]
    assert [g.reason for g in ben.gaps if g.kind is GapKind.QUALITY] == [
        "QA: Personal greeting and close failed 2 of last 3 reviews"
    ]
    assert [(p.title, p.refresher) for p in ben.gaps[-1].programs] == [
        ("Welcome to the floor", True)
    ]
    with pytest.raises(PermissionDenied):
        team_training_gaps(
            floor.session, actor=floor.actor(floor.ana), team_id=floor.billing.id, now=T0
        )
