from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.workforce.schedules import PlannedShift, ScheduleQuality, save_schedule

from factories import PASSWORD, make_person, make_team

T9 = datetime(2026, 3, 2, 9, tzinfo=UTC)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def _client(settings: Settings, email: str, now: datetime) -> TestClient:
    client = TestClient(create_app(settings, clock=FixedClock(now)))
    token = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.fixture
def floor(session: Session):
    team = make_team(session, name="Billing")
    lead = make_person(session, role="supervisor", team_id=team.id, email="lead@example.com")
    team.supervisor_id = lead.id
    ana = make_person(session, team_id=team.id, name="Ana", email="ana@example.com")
    session.commit()
    schedule = save_schedule(
        session,
        actor=load_actor(session, lead.id),
        team_id=team.id,
        week_start=T9.replace(hour=0),
        interval_minutes=60,
        shifts=[PlannedShift(ana.id, T9, T9.replace(hour=13))],
        requirements=[(T9.replace(hour=h), 1.0) for h in range(9, 13)],
        quality=ScheduleQuality(),
        now=T9,
    )
    return team, ana, schedule


def test_an_agent_records_states_and_the_supervisor_reads_adherence_and_hours(
    settings: Settings, floor
) -> None:
    team, ana, schedule = floor
    lead = _client(settings, "lead@example.com", T9.replace(hour=17))
    agent = _client(settings, "ana@example.com", T9.replace(hour=17))

    published = lead.post(f"/api/schedules/{schedule.id}/publish")
    for hour, state in [(9, "available"), (12, "offline")]:
        response = agent.post(
            "/api/agent-states",
            json={"person_id": ana.id, "state": state, "at": T9.replace(hour=hour).isoformat()},
        )
        assert response.status_code == 201
    adherence = lead.get("/api/adherence", params={"team_id": team.id, "day": "2026-03-02"})
    hours = lead.get(
        "/api/payroll-hours.csv",
        params={"team_id": team.id, "first_day": "2026-03-02", "last_day": "2026-03-02"},
    )

    assert published.json()["status"] == "published"
    assert [c["scheduled"] for c in published.json()["coverage"]] == [1, 1, 1, 1]
    [row] = adherence.json()
    # Scheduled 09:00–13:00, signed out at 12:00: three of four hours in adherence.
    assert row["adherence"] == pytest.approx(0.75)
    assert hours.text.splitlines() == [
        "email,name,date,hours",
        "ana@example.com,Ana,2026-03-02,3.00",
    ]


def test_bad_workforce_input_names_the_field(settings: Settings, floor) -> None:
    team, ana, _schedule = floor
    lead = _client(settings, "lead@example.com", T9)
    agent = _client(settings, "ana@example.com", T9)

    bad_zone = lead.get(
        "/api/adherence", params={"team_id": team.id, "day": "2026-03-02", "zone": "Mars/Base"}
    )
    bad_state = agent.post("/api/agent-states", json={"person_id": ana.id, "state": "napping"})
    agent_reads_adherence = agent.get(
        "/api/adherence", params={"team_id": team.id, "day": "2026-03-02"}
    )

    assert (bad_zone.status_code, bad_zone.json()["field"]) == (422, "zone")
    assert (bad_state.status_code, bad_state.json()["field"]) == (422, "state")
    assert agent_reads_adherence.status_code == 403
