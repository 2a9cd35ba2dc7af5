from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.quality import seed_default_scorecard
from floorlead.training import seed_training_catalogue
from floorlead.training.tables import QuizQuestion, TrainingModule, TrainingProgram

from factories import PASSWORD, make_person, make_team, make_ticket

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
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


class MovableClock:
    def __init__(self) -> None:
        self.current = NOW

    def now(self) -> datetime:
        return self.current


def _client(app: FastAPI, email: str) -> TestClient:
    client = TestClient(app)
    token = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.fixture
def floor(session: Session) -> dict[str, Any]:
    billing = make_team(session, name="Billing")
    lee = make_person(
        session, role="team_lead", name="Lee", email="lee@example.com", team_id=billing.id
    )
    ana = make_person(
        session, name="Ana", email="ana@example.com", team_id=billing.id, manager_id=lee.id
    )
    billing.supervisor_id = lee.id
    session.commit()
    seed_training_catalogue(session, NOW)
    systems = session.scalar(
        select(TrainingProgram.id).where(TrainingProgram.slug == "floorlead-for-agents")
    )
    correct = {
        q.id: q.correct_choice
        for q in session.scalars(
            select(QuizQuestion).join(TrainingModule).where(TrainingModule.program_id == systems)
        )
    }
    return {
        "billing": billing.id,
        "lee": lee.id,
        "ana": ana.id,
        "systems": systems,
        "answers": correct,
    }


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def app(settings: Settings, floor: dict[str, Any], clock: MovableClock) -> FastAPI:
    return create_app(settings, clock=clock)


def test_an_agent_works_through_an_assigned_programme(app: FastAPI, floor: dict[str, Any]) -> None:
    lead, agent = _client(app, "lee@example.com"), _client(app, "ana@example.com")

    assigned = lead.post(
        "/api/training/assignments",
        json={"person_id": floor["ana"], "program_id": floor["systems"], "due_on": "2026-03-09"},
    )
    assignment_id = assigned.json()["id"]
    reading, quiz = assigned.json()["modules"]
    done = agent.post(f"/api/training/assignments/{assignment_id}/modules/{reading['id']}/complete")
    wrong = agent.post(
        f"/api/training/assignments/{assignment_id}/modules/{quiz['id']}/quiz",
        json={"answers": {str(q["id"]): 0 for q in quiz["questions"]}},
    )
    right = agent.post(
        f"/api/training/assignments/{assignment_id}/modules/{quiz['id']}/quiz",
        json={"answers": {str(k): v for k, v in floor["answers"].items()}},
    )
    mine = agent.get("/api/training/me")

    assert assigned.status_code == 201
    assert all("correct" not in q for q in quiz["questions"])
    assert done.json()["modules_done"] == 1
    # Both seeded questions have the second choice right: answering 0 scores nothing.
    assert (wrong.json()["score"], wrong.json()["passed"], wrong.json()["program_complete"]) == (
        0.0,
        False,
        False,
    )
    assert (right.json()["score"], right.json()["passed"], right.json()["program_complete"]) == (
        100.0,
        True,
        True,
    )
    [row] = mine.json()
    assert (row["status"], row["percent"]) == ("completed", 100)


def test_only_the_learner_takes_a_quiz_and_only_leads_assign(
    app: FastAPI, floor: dict[str, Any]
) -> None:
    lead, agent = _client(app, "lee@example.com"), _client(app, "ana@example.com")

    refused = agent.post(
        "/api/training/assignments",
        json={"person_id": floor["ana"], "program_id": floor["systems"], "due_on": "2026-03-09"},
    )
    assigned = lead.post(
        "/api/training/assignments",
        json={"person_id": floor["ana"], "program_id": floor["systems"], "due_on": "2026-03-09"},
    ).json()
    quiz = assigned["modules"][1]
    by_lead = lead.post(
        f"/api/training/assignments/{assigned['id']}/modules/{quiz['id']}/quiz",
        json={"answers": {}},
    )
    bad_choice = agent.post(
        f"/api/training/assignments/{assigned['id']}/modules/{quiz['id']}/quiz",
        json={"answers": {str(quiz["questions"][0]["id"]): 7}},
    )
    matrix = lead.get("/api/training/skill-matrix", params={"team_id": floor["billing"]})
    agent_matrix = agent.get("/api/training/skill-matrix", params={"team_id": floor["billing"]})

    assert refused.status_code == 403
    assert by_lead.status_code == 403
    assert (bad_choice.status_code, bad_choice.json()["field"]) == (
        422,
        f"answers.{quiz['questions'][0]['id']}",
    )
    assert [r["name"] for r in matrix.json()["rows"]] == ["Ana", "Lee"]
    assert agent_matrix.status_code == 403


def test_overdue_training_and_certifications_to_renew(
    app: FastAPI, floor: dict[str, Any], clock: MovableClock
) -> None:
    lead = _client(app, "lee@example.com")
    certs = {c["slug"]: c["id"] for c in lead.get("/api/training/certifications").json()}
    lead.post(
        "/api/training/assignments",
        json={"person_id": floor["ana"], "program_id": floor["systems"], "due_on": "2026-03-04"},
    )
    recorded = lead.post(
        f"/api/training/people/{floor['ana']}/certifications",
        json={"certification_id": certs["data-protection"], "earned_on": "2025-03-20"},
    )
    clock.current = datetime(2026, 3, 10, 9, tzinfo=UTC)

    overdue = lead.get("/api/training/overdue").json()
    expiring = lead.get("/api/training/certifications/expiring", params={"days": 14}).json()
    none_soon = lead.get("/api/training/certifications/expiring", params={"days": 5}).json()

    assert recorded.status_code == 201
    assert recorded.json()["expires_on"] == "2026-03-20"
    assert [(a["person_name"], a["days_overdue"]) for a in overdue] == [("Ana", 6)]
    assert [(c["name"], c["days_left"], c["status"]) for c in expiring] == [
        ("Data protection essentials", 10, "expiring"),
    ]
    assert none_soon == []
    assert date.fromisoformat(expiring[0]["earned_on"]) == date(2025, 3, 20)


def test_programmes_are_authored_by_leads_with_checked_quizzes(app: FastAPI) -> None:
    lead, agent = _client(app, "lee@example.com"), _client(app, "ana@example.com")
    module: dict[str, Any] = {
        "title": "What changed",
        "duration_minutes": 20,
        "content_text": "Read it.",
        "pass_mark": 80,
        "questions": [],
    }
    program = {
        "slug": "refunds-2026",
        "title": "Refunds in 2026",
        "kind": "product_update",
        "modules": [module],
    }

    bad = lead.post("/api/training/programs", json=program)
    module["questions"] = [{"prompt": "Days to refund?", "choices": ["14", "30"], "correct": 0}]
    refused = agent.post("/api/training/programs", json=program)
    created = lead.post("/api/training/programs", json=program)

    assert (bad.status_code, bad.json()["field"]) == (422, "modules[0].pass_mark")
    assert refused.status_code == 403
    assert created.status_code == 201
    assert created.json()["modules"][0]["question_count"] == 1
    assert "refunds-2026" in [p["slug"] for p in agent.get("/api/training/programs").json()]


def test_the_gaps_list_recommends_the_programme_teaching_a_criterion_failed_repeatedly(
    app: FastAPI, floor: dict[str, Any], session: Session
) -> None:
    scorecard = seed_default_scorecard(session, NOW)
    tickets = [make_ticket(session, assignee_id=floor["ana"], team_id=floor["billing"]).id]
    tickets += [make_ticket(session, assignee_id=floor["ana"], team_id=floor["billing"]).id]
    tickets += [make_ticket(session, assignee_id=floor["ana"], team_id=floor["billing"]).id]
    session.commit()
    lead, agent = _client(app, "lee@example.com"), _client(app, "ana@example.com")
    for ticket_id, greeting in zip(tickets, ["no", "yes", "no"], strict=True):
        answers = {**PASSING, "greeting": greeting}
        recorded = lead.post(
            "/api/quality/reviews",
            json={
                "scorecard_id": scorecard.id,
                "ticket_id": ticket_id,
                "answers": {key: {"value": value} for key, value in answers.items()},
            },
        )
        assert recorded.status_code == 201, recorded.json()

    mine = agent.get(f"/api/training/people/{floor['ana']}/gaps")
    team = lead.get("/api/training/gaps", params={"team_id": floor["billing"]})
    refused = agent.get("/api/training/gaps", params={"team_id": floor["billing"]})

    welcome = session.scalar(
        select(TrainingProgram.id).where(TrainingProgram.slug == "welcome-to-the-floor")
    )
    expected = {
        "kind": "quality",
        "key": "greeting",
        "label": "Personal greeting and close",
        "reason": "QA: Personal greeting and close failed 2 of last 3 reviews",
        "required": None,
        "actual": None,
        "failures": 2,
        "reviews": 3,
        "programs": [{"program_id": welcome, "title": "Welcome to the floor", "refresher": False}],
    }
    assert mine.json() == [expected]
    assert [(p["name"], p["gaps"]) for p in team.json()] == [("Ana", [expected]), ("Lee", [])]
    assert refused.status_code == 403
