from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from service.workforce.wfm_floor import (
    CALLS_PER_HALF_HOUR,
    WEEK,
    Floor,
    add_phone_history,
    build_floor,
)

from factories import PASSWORD

FRIDAY_NOON = WEEK - timedelta(days=3, hours=-12)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def client_for(settings: Settings, email: str, now: datetime = FRIDAY_NOON) -> TestClient:
    client = TestClient(create_app(settings, clock=FixedClock(now)))
    token = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


@pytest.fixture
def floor(session: Session) -> Floor:
    floor = build_floor(session, agents=2)
    add_phone_history(session, floor.team)
    return floor


def test_forecast_and_staffing_of_a_week_as_json(settings: Settings, floor: Floor) -> None:
    api = client_for(settings, "sam@example.com")
    week = {"team_id": floor.team.id, "week": "2026-03-04", "model": "seasonal_naive"}

    forecast = api.get("/api/workforce/forecast", params=week | {"channel": "phone"})
    staffing = api.get("/api/workforce/staffing", params=week | {"shrinkage": 0.5})

    assert forecast.status_code == 200
    body = forecast.json()
    assert (body["queue"], body["model"], len(body["intervals"])) == (
        "Billing/phone",
        "seasonal_naive",
        336,
    )
    assert body["intervals"][18]["volume"] == CALLS_PER_HALF_HOUR
    assert body["intervals"][18]["actual"] is None  # the week has not begun
    nine = staffing.json()[18]
    assert nine["scheduled"] == 2 * nine["required"]  # half the paid time is shrinkage


def test_building_a_schedule_returns_it_with_its_coverage(settings: Settings, floor: Floor) -> None:
    api = client_for(settings, "sam@example.com")

    built = api.post(
        "/api/workforce/schedules",
        json={
            "team_id": floor.team.id,
            "week": "2026-03-02",
            "time_limit_seconds": 5,
            "min_hours": 0,
            "model": "seasonal_naive",
        },
    )
    refused = api.post(
        "/api/workforce/schedules",
        json={"team_id": floor.team.id, "week": "2026-03-02", "shrinkage": 1.5},
    )

    assert built.status_code == 201
    assert built.json()["status"] == "draft"
    assert len(built.json()["coverage"]) == 336
    assert {s["person_id"] for s in built.json()["shifts"]} == {a.id for a in floor.agents}
    assert refused.status_code == 422
    assert refused.json()["field"] == "shrinkage"


def test_the_understaffed_outlook_lists_the_supervisors_teams(
    settings: Settings, floor: Floor
) -> None:
    api = client_for(settings, "sam@example.com", now=WEEK + timedelta(hours=9, minutes=10))
    agent = client_for(settings, floor.agents[0].email, now=WEEK + timedelta(hours=9))

    outlook = api.get("/api/workforce/understaffed").json()

    assert [o["team_name"] for o in outlook] == ["Billing"]
    assert outlook[0]["understaffed"] is True
    assert outlook[0]["intervals"][0]["working"] == 0
    assert agent.get("/api/workforce/understaffed").json() == []
