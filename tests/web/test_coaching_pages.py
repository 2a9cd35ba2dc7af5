"""Coaching pages through the browser's eyes (TestClient): the 1:1 page and the goals page,
plus the calendar, kudos wall, review and pulse pages."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.api.coaching_deps import get_figures
from floorlead.api.deps import SessionDep
from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.coaching import (
    Evidence,
    Figures,
    LinkKind,
    Reason,
    add_action_item,
    open_pulse_survey,
    plan_session,
    set_goal,
    write_review,
)
from floorlead.config import Settings
from service.coaching.event_kpis import EventKpis, answer_csat, handle

from factories import PASSWORD, make_person, make_team

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)  # a Monday
SESSION_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def event_figures(db: SessionDep) -> Figures:
    events = EventKpis(db)
    return Figures(kpis=events, samples={LinkKind.KPI: events.sample})


@pytest.fixture
def floor(sqlite_session: Session) -> dict[str, int]:
    session = sqlite_session
    team = make_team(session, name="Billing")
    lee = make_person(session, role="team_lead", team_id=team.id, email="lee@example.com")
    ana = make_person(
        session, name="Ana Agent", team_id=team.id, manager_id=lee.id, email="ana@example.com"
    )
    make_person(session, name="Ben Agent", team_id=team.id, email="ben@example.com")
    for day in range(1, 15):  # AHT 300 s before the 1:1, 240 s after; CSAT 2 before, 5 after
        handle(
            session,
            agent_id=ana.id,
            at=SESSION_AT - timedelta(days=day),
            seconds=290 + day % 3 * 10,
        )
        handle(
            session,
            agent_id=ana.id,
            at=SESSION_AT + timedelta(days=day),
            seconds=230 + day % 3 * 10,
        )
        answer_csat(session, agent_id=ana.id, at=SESSION_AT + timedelta(days=day), rating=5)
    session.commit()
    coach = load_actor(session, lee.id)
    row = plan_session(
        session,
        actor=coach,
        agent_id=ana.id,
        scheduled_at=SESSION_AT,
        agenda="Long refund calls",
        reasons=[Reason("kpi", "average_handle_time", "AHT well above the team")],
        now=SESSION_AT - timedelta(days=1),
    )
    add_action_item(
        session,
        actor=coach,
        session_id=row.id,
        description="Shadow Ben on two refund calls",
        owner_id=ana.id,
        due_on=date(2026, 3, 20),
        now=SESSION_AT,
    )
    set_goal(
        session,
        actor=coach,
        agent_id=ana.id,
        kpi="csat",
        target=90,
        baseline=60,
        start_on=date(2026, 3, 2),
        due_on=date(2026, 4, 30),
        now=SESSION_AT,
    )
    return {"team": team.id, "ana": ana.id, "lee": lee.id, "session": row.id}


@pytest.fixture
def app(sqlite_settings: Settings, floor: dict[str, int]) -> FastAPI:
    app = create_app(sqlite_settings, clock=FixedClock())
    app.dependency_overrides[get_figures] = event_figures
    return app


@pytest.fixture
def sign_in(app: FastAPI) -> Iterator:
    clients: list[TestClient] = []

    def as_person(name: str) -> tuple[TestClient, str]:
        client = TestClient(app)
        client.post("/login", data={"email": f"{name}@example.com", "password": PASSWORD})
        page = client.get("/coaching")
        clients.append(client)
        return client, page.text.split('name="csrf_token" value="')[1].split('"')[0]

    yield as_person
    for client in clients:
        client.close()


def test_the_1_1_page_shows_agenda_reasons_actions_and_the_before_after_panel(
    sign_in, floor: dict[str, int]
) -> None:
    lee, token = sign_in("lee")

    saved = lee.post(
        f"/coaching/sessions/{floor['session']}/notes",
        data={"csrf_token": token, "notes": "Use the refund checklist", "status": "held"},
        follow_redirects=False,
    )
    page = lee.get(f"/coaching/sessions/{floor['session']}")

    assert saved.status_code == 303
    assert page.status_code == 200
    assert "Long refund calls" in page.text
    assert "AHT well above the team" in page.text
    assert "Shadow Ben on two refund calls" in page.text and "Overdue" in page.text
    assert "Use the refund checklist" in page.text
    assert "Average handle time fell by 60 s (95% interval" in page.text
    assert "likely a real improvement" in page.text


def test_the_agent_sees_their_1_1_without_unshared_notes(sign_in, floor: dict[str, int]) -> None:
    lee, token = sign_in("lee")
    lee.post(
        f"/coaching/sessions/{floor['session']}/notes",
        data={"csrf_token": token, "notes": "Private: coach Ana on tone"},
    )
    ana, _ = sign_in("ana")

    page = ana.get(f"/coaching/sessions/{floor['session']}")

    assert page.status_code == 200
    assert "Private: coach Ana on tone" not in page.text
    assert "has not shared the notes" in page.text
    assert "Save notes" not in page.text


def test_the_goals_page_shows_progress_bars_from_the_kpi_source(
    sign_in, floor: dict[str, int]
) -> None:
    ana, _ = sign_in("ana")
    ben, _ = sign_in("ben")

    page = ana.get(f"/coaching/agents/{floor['ana']}")
    refused = ben.get(f"/coaching/agents/{floor['ana']}")

    assert page.status_code == 200
    assert "Customer satisfaction (CSAT)" in page.text
    assert "60.0%" in page.text and "100.0%" in page.text and "90.0%" in page.text
    assert 'role="progressbar" aria-valuenow="100"' in page.text
    assert "Met" in page.text
    assert refused.status_code == 403


def test_the_calendar_lists_the_week_and_the_overdue_items(sign_in, floor: dict[str, int]) -> None:
    lee, token = sign_in("lee")

    week = lee.get("/coaching", params={"week_of": "2026-03-02"})
    planned = lee.post(
        "/coaching/sessions",
        data={
            "csrf_token": token,
            "agent_id": str(floor["ana"]),
            "scheduled_at": "2026-04-01T14:30",
            "agenda": "Follow-up on refunds",
        },
    )
    now = lee.get("/coaching")

    assert "Ana Agent" in week.text and "Mon 02" in week.text
    assert "1:1 with Ana Agent" in planned.text and "Wed 01 Apr 14:30" in planned.text
    assert "Shadow Ben on two refund calls" in now.text
    assert "Wed 01" in now.text and "14:30 · 30 min" in now.text


def test_kudos_review_and_pulse_pages(
    sign_in, floor: dict[str, int], sqlite_session: Session
) -> None:
    coach = load_actor(sqlite_session, floor["lee"])
    review = write_review(
        sqlite_session,
        actor=coach,
        agent_id=floor["ana"],
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 29),
        rating=4,
        comments="Good month",
        qa_score=88.0,
        evidence=Evidence(kpis=EventKpis(sqlite_session)),
        now=NOW,
    )
    open_pulse_survey(
        sqlite_session,
        actor=coach,
        team_id=floor["team"],
        question="Would you recommend Billing?",
        closes_at=NOW + timedelta(days=2),
        now=NOW,
    )
    ana, token = sign_in("ana")

    thanked = ana.post(
        f"/coaching/teams/{floor['team']}/kudos",
        data={"csrf_token": token, "recipient_id": str(floor["lee"]), "message": "Great coaching"},
    )
    review_page = ana.get(f"/coaching/reviews/{review.id}")
    acknowledged = ana.post(
        f"/coaching/reviews/{review.id}/acknowledge",
        data={"csrf_token": token, "comment": "Thanks"},
    )
    to_answer = ana.get(f"/coaching/teams/{floor['team']}/pulse")
    lee, _ = sign_in("lee")
    results = lee.get(f"/coaching/teams/{floor['team']}/pulse")

    assert "Great coaching" in thanked.text
    assert "4/5" in review_page.text and "I have read my review" in review_page.text
    assert "Acknowledged" in acknowledged.text and "Thanks" in acknowledged.text
    assert "Would you recommend Billing?" in to_answer.text and "Anonymous" in to_answer.text
    assert "Shown from 3 answers" in results.text


def test_a_coach_sets_a_goal_from_the_agents_page_and_bad_input_is_explained(
    sign_in, floor: dict[str, int]
) -> None:
    lee, token = sign_in("lee")
    ana, _ = sign_in("ana")

    form = lee.get(f"/coaching/agents/{floor['ana']}")
    added = lee.post(
        f"/coaching/agents/{floor['ana']}/goals",
        data={
            "csrf_token": token,
            "kpi": "average_handle_time",
            "target": "240",
            "due_on": "2026-04-30",
        },
    )
    refused = lee.post(
        f"/coaching/agents/{floor['ana']}/goals",
        data={"csrf_token": token, "kpi": "csat", "target": "95", "due_on": "2026-01-31"},
    )

    assert (
        "Set a goal" in form.text
        and "Set a goal" not in ana.get(f"/coaching/agents/{floor['ana']}").text
    )
    # Baseline over the 28 days before today: the 14 handle times after the 1:1 (mean 240.7 s).
    assert "Average handle time" in added.text and "241 s" in added.text
    assert refused.status_code == 422 and "due before it starts" in refused.text
