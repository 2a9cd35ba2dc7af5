"""The coaching API end to end over HTTP (SQLite; the services run on both databases in
tests/service/coaching). KPI figures come from a source computed from the ticket events."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.api.coaching_deps import get_figures
from floorlead.api.deps import SessionDep
from floorlead.app import create_app
from floorlead.coaching import Figures, LinkKind
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
def ids(sqlite_session: Session) -> dict[str, int]:
    session = sqlite_session
    billing = make_team(session, name="Billing")
    sam = make_person(session, role="supervisor", team_id=billing.id, email="sam@example.com")
    lee = make_person(
        session, role="team_lead", team_id=billing.id, manager_id=sam.id, email="lee@example.com"
    )
    ana = make_person(session, team_id=billing.id, manager_id=lee.id, email="ana@example.com")
    ben = make_person(session, team_id=billing.id, manager_id=lee.id, email="ben@example.com")
    billing.supervisor_id = sam.id
    for day in range(1, 21):  # AHT 300 s the four weeks before the 1:1, 250 s after
        for offset, seconds in ((-day, 300 + day % 3 * 10), (day, 250 + day % 3 * 10)):
            handle(
                session, agent_id=ana.id, at=SESSION_AT + timedelta(days=offset), seconds=seconds
            )
        answer_csat(
            session, agent_id=ana.id, at=SESSION_AT - timedelta(days=day), rating=5 - day % 2 * 3
        )
        answer_csat(session, agent_id=ana.id, at=SESSION_AT + timedelta(days=day), rating=5)
    session.commit()
    return {"billing": billing.id, "sam": sam.id, "lee": lee.id, "ana": ana.id, "ben": ben.id}


@pytest.fixture
def login(sqlite_settings: Settings, ids: dict[str, int]) -> Iterator:
    app = create_app(sqlite_settings, clock=FixedClock())
    app.dependency_overrides[get_figures] = event_figures
    clients: list[TestClient] = []

    def as_person(name: str) -> TestClient:
        client = TestClient(app)
        token = client.post(
            "/api/auth/token", json={"email": f"{name}@example.com", "password": PASSWORD}
        )
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        clients.append(client)
        return client

    yield as_person
    for client in clients:
        client.close()


def test_a_1_1_from_plan_to_notes_actions_and_its_effect(login, ids: dict[str, int]) -> None:
    lee, ana, sam = login("lee"), login("ana"), login("sam")

    planned = lee.post(
        "/api/coaching/sessions",
        json={
            "agent_id": ids["ana"],
            "scheduled_at": SESSION_AT.isoformat(),
            "agenda": "Long refund calls",
            "links": [
                {"kind": "qa_review", "ref": "17", "text": "Refund policy check missed"},
                {"kind": "kpi", "ref": "average_handle_time"},
                {"kind": "kpi", "ref": "csat"},
            ],
        },
    )
    session_id = planned.json()["id"]
    lee.patch(f"/api/coaching/sessions/{session_id}", json={"notes": "Use the checklist"})
    before_sharing = ana.get(f"/api/coaching/sessions/{session_id}")
    lee.patch(f"/api/coaching/sessions/{session_id}", json={"notes_shared": True, "status": "held"})
    added = lee.post(
        f"/api/coaching/sessions/{session_id}/actions",
        json={"description": "Shadow Ben twice", "owner_id": ids["ana"], "due_on": "2026-03-20"},
    )
    overdue = sam.get("/api/coaching/overdue")
    action_id = added.json()["actions"][0]["id"]
    done = ana.post(f"/api/coaching/actions/{action_id}/done", json={"done": True})
    calendar = lee.get("/api/coaching/calendar", params={"week_of": "2026-03-04"})
    effects = ana.get(f"/api/coaching/sessions/{session_id}/effects")

    assert planned.status_code == 201
    assert before_sharing.json()["notes"] is None
    assert ana.get(f"/api/coaching/sessions/{session_id}").json()["notes"] == "Use the checklist"
    assert [i["description"] for i in overdue.json()] == ["Shadow Ben twice"]
    assert done.json()["done_at"] is not None and not done.json()["overdue"]
    assert [len(day["sessions"]) for day in calendar.json()["days"]] == [1, 0, 0, 0, 0, 0, 0]
    aht, csat = effects.json()
    assert aht["verdict"] == "improved" and aht["difference"] == pytest.approx(-50.0)
    assert aht["sentence"].startswith("Average handle time fell by 50 s (95% interval ")
    assert (csat["method"], csat["verdict"]) == ("bootstrap", "improved")


def test_goals_reviews_and_kudos_over_the_api(login, ids: dict[str, int]) -> None:
    lee, ana, ben, sam = login("lee"), login("ana"), login("ben"), login("sam")

    goal = lee.post(
        "/api/coaching/goals",
        json={
            "agent_id": ids["ana"],
            "kpi": "csat",
            "target": 90,
            "start_on": "2026-03-03",
            "due_on": "2026-03-27",
        },
    )
    goals = ana.get(f"/api/coaching/agents/{ids['ana']}/goals")
    hidden = ben.get(f"/api/coaching/agents/{ids['ana']}/goals")
    review = sam.post(
        "/api/coaching/reviews",
        json={
            "agent_id": ids["ana"],
            "period_start": "2026-03-01",
            "period_end": "2026-03-29",
            "rating": 4,
            "qa_score": 91.0,
            "comments": "Clear progress",
        },
    )
    acknowledged = ana.post(
        f"/api/coaching/reviews/{review.json()['id']}/acknowledge", json={"comment": "Thanks"}
    )
    thanked = ben.post(
        "/api/coaching/kudos", json={"recipient_id": ids["ana"], "message": "Great save"}
    )
    wall = ana.get(f"/api/coaching/teams/{ids['billing']}/kudos")

    assert goal.status_code == 201
    # Baseline: the 20 answers of the 28 days before 3 March; odd days rated 2, even days 5.
    assert goal.json()["baseline"] == pytest.approx(50.0)
    [shown] = goals.json()
    assert (shown["actual"], shown["progress"], shown["met"]) == (100.0, 1.0, True)
    assert hidden.status_code == 403
    assert review.status_code == 201
    assert (review.json()["goals_met"], review.json()["goals_total"]) == (1, 1)
    assert acknowledged.json()["agent_comment"] == "Thanks"
    assert thanked.status_code == 201
    assert [k["message"] for k in wall.json()] == ["Great save"]


def test_team_life_meetings_pulse_and_conflicts(login, ids: dict[str, int]) -> None:
    lee, sam, ana = login("lee"), login("sam"), login("ana")

    meeting = lee.post(
        "/api/coaching/meetings",
        json={"team_id": ids["billing"], "title": "Weekly", "held_at": NOW.isoformat()},
    )
    recorded = lee.put(
        f"/api/coaching/meetings/{meeting.json()['id']}/record",
        json={
            "notes": "Backlog down",
            "decisions": ["Keep Friday overtime"],
            "attendance": [{"person_id": ids["ana"], "present": True}],
        },
    )
    survey = sam.post(
        "/api/coaching/pulse-surveys",
        json={"team_id": ids["billing"], "closes_at": (NOW + timedelta(days=3)).isoformat()},
    )
    survey_id = survey.json()["survey_id"]
    for name, score in (("ana", 9), ("ben", 6), ("lee", 10)):
        answered = login(name).post(
            f"/api/coaching/pulse-surveys/{survey_id}/answers", json={"score": score}
        )
        assert answered.status_code == 204
    results = sam.get(f"/api/coaching/pulse-surveys/{survey_id}")
    refused = lee.post(
        "/api/coaching/conflicts",
        json={"party_ids": [ids["ana"]], "occurred_on": "2026-03-27", "summary": "Raised voices"},
    )
    noted = sam.post(
        "/api/coaching/conflicts",
        json={"party_ids": [ids["ana"]], "occurred_on": "2026-03-27", "summary": "Raised voices"},
    )

    assert recorded.json()["attendance"][0]["present"] is True
    assert ana.get(f"/api/coaching/teams/{ids['billing']}/meetings").json()[0]["title"] == "Weekly"
    assert (results.json()["shown"], results.json()["enps"]) == (True, pytest.approx(100 / 3))
    assert refused.status_code == 403
    assert noted.status_code == 201 and noted.json()["status"] == "open"
    assert ana.get("/api/coaching/conflicts").status_code == 403


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/coaching/goals", {"kpi": "speed", "target": 1, "due_on": "2026-04-30"}, "kpi"),
        (
            "/api/coaching/reviews",
            {"period_start": "2026-03-01", "period_end": "2026-03-29", "rating": 6},
            "rating",
        ),
        (
            "/api/coaching/sessions",
            {"scheduled_at": "2026-03-31T10:00:00", "links": []},
            "scheduled_at",
        ),
        (
            "/api/coaching/sessions",
            {"scheduled_at": "2026-03-31T10:00:00Z", "links": [{"kind": "hunch", "ref": "x"}]},
            "links.0.kind",
        ),
    ],
)
def test_bad_input_names_the_field(
    login, ids: dict[str, int], path: str, body: dict, field: str
) -> None:
    response = login("lee").post(path, json={"agent_id": ids["ana"], **body})

    assert response.status_code == 422
    assert (
        response.json().get("field", response.json().get("errors", [{}])[0].get("field")) == field
    )
