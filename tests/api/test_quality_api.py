from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.quality.service import seed_default_scorecard

from factories import PASSWORD, make_person, make_team, make_ticket

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
NOW = MONDAY + timedelta(days=7, hours=9)
ANSWERS = {
    "verified_identity": "na",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "empathy": "5",
    "clarity": "4",
    "greeting": "yes",
}


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings, clock=FixedClock(NOW))


def _client(app: FastAPI, email: str) -> TestClient:
    client = TestClient(app)
    token = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    team = make_team(session, name="Billing")
    sam = make_person(session, role="supervisor", email="sam@example.com", team_id=team.id)
    tess = make_person(session, role="team_lead", email="tess@example.com", team_id=team.id)
    team.supervisor_id = sam.id
    ana = make_person(session, email="ana@example.com", team_id=team.id, manager_id=sam.id)
    tickets = [
        make_ticket(
            session,
            assignee_id=ana.id,
            team_id=team.id,
            status="solved",
            created_at=MONDAY + timedelta(days=d, hours=10),
        )
        for d in range(3)
    ]
    session.commit()
    card = seed_default_scorecard(session, MONDAY)
    return {"team": team.id, "ana": ana.id, "tess": tess.id, "sam": sam.id, "card": card.id} | {
        f"ticket{i}": t.id for i, t in enumerate(tickets)
    }


def test_sample_review_dispute_and_resolution_over_the_api(app: FastAPI, floor) -> None:
    sam = _client(app, "sam@example.com")
    tess = _client(app, "tess@example.com")
    ana = _client(app, "ana@example.com")

    sample = sam.post(
        "/api/quality/samples",
        json={
            "team_id": floor["team"],
            "week": "2026-03-04",
            "scorecard_id": floor["card"],
            "per_agent": 2,
        },
    )
    queue = sam.get("/api/quality/queue").json()
    ticket_id = queue[0]["ticket_id"]
    preview = sam.post(f"/api/quality/scorecards/{floor['card']}/score", json={"answers": ANSWERS})
    review = sam.post(
        "/api/quality/reviews",
        json={
            "scorecard_id": floor["card"],
            "ticket_id": ticket_id,
            "answers": {k: {"value": v, "comment": "ok"} for k, v in ANSWERS.items()},
            "strengths": "Friendly",
        },
    )
    review_id = review.json()["id"]
    mine = ana.get("/api/quality/reviews").json()
    notes = ana.get("/api/notifications", params={"unread": True}).json()
    disputed = ana.post(
        f"/api/quality/reviews/{review_id}/dispute", json={"reason": "Next steps were set."}
    )
    resolved = tess.post(
        f"/api/quality/reviews/{review_id}/resolve",
        json={
            "outcome": "amended",
            "comment": "Agreed",
            "answers": {k: {"value": v} for k, v in (ANSWERS | {"next_steps": "yes"}).items()},
        },
    )
    acknowledged = ana.post(f"/api/quality/reviews/{review_id}/acknowledge")
    read = ana.post(f"/api/notifications/{notes[0]['id']}/read")
    someone_elses = sam.post(f"/api/notifications/{notes[0]['id']}/read")
    still_unread = ana.get("/api/notifications", params={"unread": True}).json()
    timeline = ana.get(f"/api/quality/reviews/{review_id}/timeline")

    assert sample.status_code == 201
    assert [a["reasons"] for a in sample.json()["assignments"]] == [["random"], ["random"]]
    assert len(queue) == 2
    assert preview.json()["score"] == 77.5
    assert review.status_code == 201
    assert review.json()["score"] == 77.5
    assert [r["id"] for r in mine["items"]] == [review_id] and mine["total"] == 1
    assert notes[0]["link"] == f"/quality/reviews/{review_id}"
    assert disputed.json()["status"] == "disputed"
    assert resolved.json()["score"] == pytest.approx(84.1667, abs=1e-3)
    assert resolved.json()["original_score"] == 77.5
    assert acknowledged.json()["status"] == "acknowledged"
    assert (read.status_code, someone_elses.status_code) == (204, 404)
    assert [n["title"] for n in still_unread] == [
        f"Your dispute of ticket #{ticket_id} was amended"
    ]
    assert [e["kind"] for e in timeline.json()] == ["created"]
    assert len(sam.get("/api/quality/queue").json()) == 1


def test_bad_quality_input_names_the_field_and_agents_are_kept_out(app: FastAPI, floor) -> None:
    sam = _client(app, "sam@example.com")
    ana = _client(app, "ana@example.com")
    bad_answer = {k: {"value": v} for k, v in (ANSWERS | {"empathy": "7"}).items()}

    wrong_answer = sam.post(
        "/api/quality/reviews",
        json={"scorecard_id": floor["card"], "ticket_id": floor["ticket0"], "answers": bad_answer},
    )
    bad_week = sam.post(
        "/api/quality/samples",
        json={"team_id": floor["team"], "week": "someday", "scorecard_id": floor["card"]},
    )
    bad_target = sam.post(
        "/api/quality/samples",
        json={
            "team_id": floor["team"],
            "week": "2026-03-02",
            "scorecard_id": floor["card"],
            "targets": ["vip"],
        },
    )
    agent_report = ana.get("/api/quality/reports")
    agent_sample = ana.post(
        "/api/quality/samples",
        json={"team_id": floor["team"], "week": "2026-03-02", "scorecard_id": floor["card"]},
    )

    assert (wrong_answer.status_code, wrong_answer.json()["field"]) == (422, "answers.empathy")
    assert (bad_week.status_code, bad_week.json()["errors"][0]["field"]) == (422, "week")
    assert bad_target.json()["errors"][0]["field"] == "targets.0"
    assert agent_report.status_code == 403
    assert agent_sample.status_code == 403


def test_scorecards_are_created_versioned_and_retired(app: FastAPI, floor) -> None:
    sam = _client(app, "sam@example.com")
    card = {
        "name": "Chat basics",
        "sections": [
            {
                "name": "Manner",
                "weight": 1,
                "criteria": [{"key": "greeting", "label": "Greets", "answer_type": "yes_no"}],
            }
        ],
    }

    created = sam.post("/api/quality/scorecards", json=card)
    card_id = created.json()["id"]
    edited = sam.patch(f"/api/quality/scorecards/{card_id}", json={"description": "For chat"})
    retired = sam.delete(f"/api/quality/scorecards/{card_id}")
    listed = sam.get("/api/quality/scorecards").json()
    duplicate = sam.post("/api/quality/scorecards", json=card)

    assert created.status_code == 201
    assert created.json()["version"]["number"] == 1
    assert edited.json()["description"] == "For chat"
    assert retired.status_code == 204
    assert {c["name"]: c["active"] for c in listed} == {
        "Chat basics": False,
        "Customer service standard": True,
    }
    assert (duplicate.status_code, duplicate.json()["field"]) == (409, "name")


def test_a_calibration_over_the_api_reveals_results_only_when_closed(app: FastAPI, floor) -> None:
    sam = _client(app, "sam@example.com")
    tess = _client(app, "tess@example.com")
    tickets = [floor["ticket0"], floor["ticket1"]]

    opened = sam.post(
        "/api/quality/calibrations",
        json={
            "name": "March",
            "scorecard_id": floor["card"],
            "ticket_ids": tickets,
            "panel_ids": [floor["sam"], floor["tess"]],
        },
    )
    calibration_id = opened.json()["id"]
    for client, empathy in ((sam, "5"), (tess, "3")):
        for ticket_id in tickets:
            client.post(
                f"/api/quality/calibrations/{calibration_id}/scores",
                json={"ticket_id": ticket_id, "answers": ANSWERS | {"empathy": empathy}},
            )
    early = tess.get(f"/api/quality/calibrations/{calibration_id}/results")
    seen_by_tess = tess.get(f"/api/quality/calibrations/{calibration_id}").json()
    closed = sam.post(f"/api/quality/calibrations/{calibration_id}/close")
    results = tess.get(f"/api/quality/calibrations/{calibration_id}/results").json()
    report = sam.get("/api/quality/reports", params={"group": "criterion"})

    assert opened.status_code == 201
    assert early.status_code == 409
    assert {a["empathy"] for a in seen_by_tess["my_answers"].values()} == {"3"}
    assert closed.json()["status"] == "closed"
    criteria = {c["key"]: c["alpha"] for c in results["criteria"]}
    assert criteria["empathy"] < 0  # they always disagree on empathy
    assert [s["range"] for s in results["interactions"]] == [5.0, 5.0]  # 30 × 0.5 / 3 points
    assert report.status_code == 200 and report.json()["reviews"] == 0
