import re
import zlib
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.careers import seed_role_definitions
from floorlead.config import Settings

from factories import PASSWORD, make_person, make_team

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _client(app: FastAPI, email: str) -> TestClient:
    client = TestClient(app)
    token = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    billing = make_team(session, name="Billing")
    max_ = make_person(session, role="manager", name="Max", email="max@example.com")
    sam = make_person(
        session,
        role="supervisor",
        name="Sam",
        email="sam@example.com",
        team_id=billing.id,
        manager_id=max_.id,
    )
    ana = make_person(
        session, name="Ana", email="ana@example.com", team_id=billing.id, manager_id=sam.id
    )
    ben = make_person(
        session, name="Ben", email="ben@example.com", team_id=billing.id, manager_id=sam.id
    )
    billing.supervisor_id = sam.id
    session.commit()
    seed_role_definitions(session, NOW)
    return {"billing": billing.id, "sam": sam.id, "ana": ana.id, "ben": ben.id}


@pytest.fixture
def app(settings: Settings, floor: dict[str, int]) -> FastAPI:
    return create_app(settings, clock=FixedClock())


def _page_text(pdf: bytes) -> str:
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            content = stream
        shown += re.findall(rb"\((.*?)\) Tj", content)
    return "\n".join(s.decode("latin-1") for s in shown)


def test_everyone_reads_roles_and_job_descriptions_and_managers_edit_them(app: FastAPI) -> None:
    agent, manager = _client(app, "ana@example.com"), _client(app, "max@example.com")

    listed = agent.get("/api/roles")
    lead = agent.get("/api/roles/team-lead")
    markdown = agent.get("/api/roles/team-lead/job-description.md")
    pdf = agent.get("/api/roles/team-lead/job-description.pdf")
    body = {**lead.json(), "title": "Shift lead", "reports_to": "customer-service-supervisor"}
    body["certifications"] = [c["slug"] for c in lead.json()["certifications"]]
    body["training"] = [
        {"program": t["slug"], "due_days": t["due_days"]} for t in lead.json()["training"]
    ]
    body["next_roles"] = [r["slug"] for r in lead.json()["next_roles"]]
    body["skills"] = {s["skill"]: s["level"] for s in lead.json()["skills"]}
    refused = agent.put("/api/roles/team-lead", json=body)
    edited = manager.put("/api/roles/team-lead", json=body)

    assert len(listed.json()) == 8
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Team lead\n")
    assert "## Responsibilities" in markdown.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "Team lead" in _page_text(pdf.content).splitlines()
    assert refused.status_code == 403
    assert edited.status_code == 200
    assert edited.json()["title"] == "Shift lead"
    assert agent.get("/api/roles/astronaut").status_code == 404


def test_an_agent_sees_their_own_career_readiness_only(app: FastAPI, floor: dict[str, int]) -> None:
    agent = _client(app, "ana@example.com")

    mine = agent.get(f"/api/roles/people/{floor['ana']}")
    readiness = agent.get("/api/roles/senior-agent/readiness", params={"person_id": floor["ana"]})
    theirs = agent.get(f"/api/roles/people/{floor['ben']}")

    assert mine.status_code == 200
    assert mine.json()["current_role"]["slug"] == "frontline-agent"
    assert sorted(r["role"]["slug"] for r in mine.json()["next_roles"]) == [
        "qa-analyst",
        "senior-agent",
    ]
    # KPIs are read from the KPI engine over the 90 days before today; Ana has no tickets.
    assert readiness.json()["kpi_data"] is True
    assert readiness.json()["kpi_period"] == {
        "first_day": "2025-12-02",
        "last_day": "2026-03-01",
        "days": 90,
    }
    assert readiness.json()["unchecked"] == [
        "Customer satisfaction at least 88%",
        "First contact resolution at least 75%",
        "Reopen rate at most 6%",
    ]
    assert {
        "area": "skill",
        "item": "Product knowledge",
        "required": "level 4",
        "actual": "level 0",
        "value": None,
        "target": None,
        "direction": None,
        "better": None,
    } in readiness.json()["gaps"]
    assert theirs.status_code == 403


def test_a_supervisor_hires_through_the_api(app: FastAPI, floor: dict[str, int]) -> None:
    supervisor, agent = _client(app, "sam@example.com"), _client(app, "ana@example.com")

    refused = agent.post(
        "/api/hiring/requisitions", json={"role": "frontline-agent", "team_id": floor["billing"]}
    )
    opened = supervisor.post(
        "/api/hiring/requisitions",
        json={"role": "frontline-agent", "team_id": floor["billing"], "manager_id": floor["sam"]},
    )
    candidate = supervisor.post(
        f"/api/hiring/requisitions/{opened.json()['id']}/candidates",
        json={"name": "Casey", "email": "casey@example.org", "source": "referral"},
    ).json()
    scores = {item["key"]: 4 for item in candidate["items"]}
    bad = supervisor.post(
        f"/api/hiring/candidates/{candidate['id']}/scorecards",
        json={"scores": {**scores, "charm": 5}, "recommendation": "hire"},
    )
    scored = supervisor.post(
        f"/api/hiring/candidates/{candidate['id']}/scorecards",
        json={"scores": scores, "recommendation": "hire"},
    )
    hired = supervisor.post(
        f"/api/hiring/candidates/{candidate['id']}/hire", json={"hire_date": "2026-03-09"}
    )
    plan = supervisor.get(f"/api/training/people/{hired.json()['person_id']}/onboarding-plan")

    assert refused.status_code == 403
    assert opened.status_code == 201
    assert [i["key"] for i in candidate["items"]][:3] == [
        "skill:customer_communication",
        "skill:problem_solving",
        "skill:product_knowledge",
    ]
    assert (bad.status_code, bad.json()["field"]) == (422, "scores")
    assert scored.json()["summary"] == {
        "interviews": 1,
        "score": 4.0,
        "item_means": dict.fromkeys(scores, 4.0),
        "recommendations": {"hire": 1, "no_hire": 0, "maybe": 0},
        "consensus": "hire",
    }
    assert hired.status_code == 201
    assert hired.json()["role"]["slug"] == "frontline-agent"
    assert len(hired.json()["assignments_created"]) == 2
    assert plan.json()["start"] == "2026-03-09"
    assert plan.json()["steps"][0]["program_title"] == "floorlead for agents"
