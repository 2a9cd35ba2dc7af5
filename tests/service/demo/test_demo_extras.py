"""The demo beyond tickets: schedules and agent states, quality, coaching, training."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.passwords import hash_password
from floorlead.careers import team_training_gaps
from floorlead.config import Settings
from floorlead.demo import DemoConfig, DemoPasswords, Simulation, simulate, write_simulation
from floorlead.demo.demand import week_start
from floorlead.demo.extras import ExtrasSummary, write_extras
from floorlead.demo.rota_plan import local_date, monday_of
from floorlead.storage import make_engine, make_session_factory
from floorlead.storage.models import metadata
from floorlead.workforce.adherence import AgentState, check_states
from floorlead.workforce.reports import team_adherence
from floorlead.workforce.schedules import on_shift
from floorlead.workforce.states import state_spans

END = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # a Wednesday afternoon
ZONE = "Europe/London"
EXTRA_TABLES = (
    "schedules", "scheduled_shifts", "scheduled_activities", "staffing_requirements",
    "agent_states", "qa_scorecards", "qa_samples", "qa_assignments", "qa_reviews",
    "qa_review_answers", "qa_calibrations", "qa_calibration_entries", "coaching_sessions",
    "coaching_actions", "coaching_goals", "kudos", "performance_reviews", "team_meetings",
    "pulse_surveys", "pulse_responses", "role_definitions", "person_job_roles",
    "training_assignments", "training_module_progress", "training_quiz_attempts",
    "person_certifications", "coaching_links", "team_meeting_attendance",
)  # fmt: skip
COMPARED_TABLES = (*EXTRA_TABLES, "time_off", "attendance_notes", "notifications", "audit_log")


@cache
def simulation() -> Simulation:
    return simulate(DemoConfig(end=END, weeks=2, agents=9, seed=5))


@cache
def passwords() -> DemoPasswords:
    return DemoPasswords(hash_password("admin demo password"), hash_password("staff demo password"))


def build(engine: Engine) -> ExtrasSummary:
    write_simulation(engine, simulation(), passwords())
    return write_extras(engine, simulation())


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One small demo with every extra, shared by the read-only tests below."""
    folder = tmp_path_factory.mktemp("demo-extras")
    shutil.copy(sqlite_template, folder / "floorlead.db")
    engine = make_engine(Settings(data_dir=folder))
    build(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(demo: Engine) -> Iterator[Session]:
    with make_session_factory(demo)() as session:
        yield session


def count(engine: Engine, name: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one()


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            name: [tuple(row) for row in conn.execute(text(f"SELECT * FROM {name} ORDER BY 1, 2"))]
            for name in COMPARED_TABLES
        }


def agent_ids() -> list[int]:
    return [p.id for p in simulation().organisation.people if p.role in ("agent", "senior_agent")]


@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)
def test_every_module_gets_demo_rows_on_postgresql(engine: Engine) -> None:
    summary = build(engine)

    empty = [name for name in EXTRA_TABLES if count(engine, name) == 0]
    assert empty == []
    assert summary.workforce and summary.workforce.agent_states == count(engine, "agent_states")
    assert summary.quality and summary.quality.reviews == count(engine, "qa_reviews")


def test_the_current_week_is_published_and_agents_are_on_shift_at_the_end(
    session: Session,
) -> None:
    this_week = week_start(monday_of(local_date(END)))
    schedules = metadata.tables["schedules"]

    published = session.execute(
        select(schedules.c.team_id).where(
            schedules.c.week_start == this_week, schedules.c.status == "published"
        )
    ).scalars()
    working = on_shift(session, agent_ids(), END)

    assert sorted(published) == [team.id for team in simulation().organisation.support_teams]
    assert working


def test_adherence_computes_for_every_agent_scheduled_on_a_past_day(session: Session) -> None:
    day = date(2026, 3, 2)
    org = simulation().organisation
    scheduled = {
        s.person_id
        for s in simulation().shifts
        if local_date(s.start) == day and org.by_id[s.person_id].role in ("agent", "senior_agent")
    }

    found = {}
    for team in org.support_teams:
        supervisor = load_actor(session, org.supervisor(team.id).id)
        for row in team_adherence(
            session, actor=supervisor, team_id=team.id, day=day, zone=ZONE, now=END
        ):
            found[row.person_id] = row.adherence.adherence

    assert scheduled <= set(found)
    assert all(value is not None and 0 <= value <= 1 for value in found.values())
    assert sorted(found.values())[len(found) // 2] > 0.9


def test_agent_states_never_overlap_and_cover_the_handled_contacts(session: Session) -> None:
    events = metadata.tables["ticket_events"]
    start = END - timedelta(days=7)
    spans = state_spans(session, person_ids=agent_ids(), start=start, end=END, now=END)
    segments = session.execute(
        select(events.c.actor_id, events.c.segment_start, events.c.segment_end).where(
            events.c.kind == "handle_segment",
            events.c.segment_start >= start,
            events.c.actor_id.in_(agent_ids()),
        )
    ).all()

    covered = 0
    for actor, began, ended in segments:
        middle = began + (ended - began) / 2
        states = [s.value for s in spans[actor] if s.start <= middle < s.end]
        covered += states in ([AgentState.ON_CONTACT], [AgentState.AFTER_CONTACT_WORK])

    for person_spans in spans.values():
        check_states(person_spans)
    assert segments and covered / len(segments) > 0.97


def test_quality_scores_rise_with_the_agents_skill(session: Session) -> None:
    org = simulation().organisation
    skill = {
        p.id: dict(p.skills)[team.skill or ""]
        for team in org.support_teams
        for p in org.members(team.id)
    }
    reviews = metadata.tables["qa_reviews"]
    scores: dict[str, list[float]] = defaultdict(list)

    for agent_id, score in session.execute(select(reviews.c.agent_id, reviews.c.score)):
        scores["high" if skill[agent_id] >= 4 else "low"].append(score)

    mean = {group: sum(values) / len(values) for group, values in scores.items()}
    assert mean["high"] > mean["low"] + 5


def test_reviews_are_answered_disputed_and_calibrated(demo: Engine, session: Session) -> None:
    reviews = metadata.tables["qa_reviews"]
    calibrations = metadata.tables["qa_calibrations"]

    statuses = dict(
        session.execute(select(reviews.c.status, func.count()).group_by(reviews.c.status)).all()
    )
    resolved = session.execute(
        select(reviews.c.resolver_id, reviews.c.reviewer_id).where(reviews.c.status == "resolved")
    ).one()
    closed = session.execute(select(calibrations.c.status)).scalars().all()

    assert statuses["acknowledged"] > 0 and statuses["disputed"] == 1
    assert resolved.resolver_id != resolved.reviewer_id
    assert closed == ["closed"]
    assert count(demo, "qa_calibration_entries") == 3 * 5


def test_some_agents_fail_a_criterion_repeatedly_and_a_programme_is_recommended(
    session: Session,
) -> None:
    gaps = [
        gap
        for team in simulation().organisation.support_teams
        for person in team_training_gaps(session, actor=None, team_id=team.id, now=END)
        for gap in person.gaps
        if gap.kind == "quality"
    ]

    assert gaps, "the demo shows no criterion failed repeatedly"
    assert all(gap.reason.startswith("QA: ") and gap.programs for gap in gaps)


def test_coaching_and_training_leave_work_overdue_and_certificates_lapsing(
    session: Session,
) -> None:
    today = local_date(END)
    actions = metadata.tables["coaching_actions"]
    assignments = metadata.tables["training_assignments"]
    held = metadata.tables["person_certifications"]

    overdue_actions = session.execute(
        select(func.count()).where(actions.c.done_at.is_(None), actions.c.due_on < today)
    ).scalar_one()
    overdue_training = session.execute(
        select(func.count()).where(
            assignments.c.completed_at.is_(None), assignments.c.due_on < today
        )
    ).scalar_one()
    expiries = session.execute(select(held.c.expires_on).where(held.c.expires_on.is_not(None)))
    lapse = sorted((expires - today).days for expires in expiries.scalars())
    responses, surveys = metadata.tables["pulse_responses"], metadata.tables["pulse_surveys"]
    answers = session.execute(
        select(surveys.c.team_id, func.count())
        .join(responses, responses.c.survey_id == surveys.c.id)
        .group_by(surveys.c.team_id)
    ).all()
    org = simulation().organisation
    team_size = {
        team.id: sum(m.is_active_on(today) for m in org.members(team.id))
        for team in org.support_teams
    }

    assert overdue_actions > 0
    assert all(count >= min(3, team_size[team_id]) for team_id, count in answers)
    assert overdue_training == 1
    assert lapse[0] < 0 < lapse[1] <= 30


def test_the_same_configuration_gives_identical_extra_rows(
    demo: Engine, sqlite_template: Path, tmp_path: Path
) -> None:
    shutil.copy(sqlite_template, tmp_path / "floorlead.db")
    engine = make_engine(Settings(data_dir=tmp_path))

    build(engine)

    assert dump(engine) == dump(demo)
    engine.dispose()
