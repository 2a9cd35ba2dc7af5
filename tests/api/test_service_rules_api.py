from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.tickets.tables import BusinessCalendar, EscalationRule, SlaPolicy

from factories import PASSWORD, make_person, make_team

WEEKDAYS = {str(day): [["09:00", "17:00"]] for day in range(5)}
POLICY = {
    "name": "Standard",
    "targets": [
        {"priority": "normal", "metric": "first_reply", "minutes": 60},
        {"priority": "normal", "metric": "resolution", "minutes": 480},
    ],
    "pause_statuses": ["pending"],
}


@pytest.fixture
def clients(session: Session, settings: Settings, clock: Any) -> dict[str, TestClient]:
    team = make_team(session, name="Billing")
    make_person(session, role="supervisor", team_id=team.id, email="sue@example.com")
    make_person(session, team_id=team.id, email="ava@example.com")
    session.commit()
    app = create_app(settings, clock=clock, migrate=False)
    signed_in = {}
    for name in ("sue", "ava"):
        client = TestClient(app)
        token = client.post(
            "/api/auth/token", json={"email": f"{name}@example.com", "password": PASSWORD}
        ).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        signed_in[name] = client
    return signed_in


def _rows(session: Session, table: Any) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_supervisor_keeps_calendars_policies_and_rules(clients: dict[str, TestClient]) -> None:
    sue = clients["sue"]

    calendar = sue.post(
        "/api/calendars",
        json={
            "name": "Office",
            "time_zone": "Europe/London",
            "weekly_hours": WEEKDAYS,
            "holidays": [{"day": "2026-12-25", "name": "Christmas"}],
        },
    )
    policy = sue.post("/api/sla-policies", json={**POLICY, "calendar_id": calendar.json()["id"]})
    changed = sue.patch(
        f"/api/sla-policies/{policy.json()['id']}",
        json={
            "targets": [{"priority": "urgent", "metric": "first_reply", "minutes": 15}],
            "calendar_id": None,
        },
    )
    rule = sue.post(
        "/api/escalation-rules",
        json={
            "name": "Urgent waits",
            "condition": "urgent_unassigned_for",
            "threshold": 30,
            "target_tier": "supervisor",
        },
    )
    paused = sue.patch(f"/api/escalation-rules/{rule.json()['id']}", json={"active": False})

    assert (calendar.status_code, policy.status_code, rule.status_code) == (201, 201, 201)
    assert calendar.json()["holidays"] == [{"day": "2026-12-25", "name": "Christmas"}]
    assert changed.json()["targets"] == [
        {"priority": "urgent", "metric": "first_reply", "minutes": 15}
    ]
    assert changed.json()["calendar_id"] is None
    assert paused.json()["active"] is False
    assert [p["name"] for p in clients["ava"].get("/api/sla-policies").json()] == ["Standard"]
    assert (
        clients["ava"].get(f"/api/calendars/{calendar.json()['id']}").json()["time_zone"]
        == "Europe/London"
    )
    assert clients["ava"].get("/api/escalation-rules").json()[0]["threshold"] == 30


def test_running_the_rules_reports_the_escalations_made(
    clients: dict[str, TestClient], clock: Any
) -> None:
    sue, ava = clients["sue"], clients["ava"]
    sue.post(
        "/api/escalation-rules",
        json={
            "name": "Urgent waits",
            "condition": "urgent_unassigned_for",
            "threshold": 30,
            "target_tier": "supervisor",
        },
    ).raise_for_status()
    ticket = ava.post(
        "/api/tickets",
        json={
            "subject": "Site down",
            "channel": "phone",
            "priority": "urgent",
            "requester_email": "it@example.org",
            "requester_name": "IT",
        },
    ).json()
    clock.advance(minutes=45)

    refused = ava.post("/api/escalation-rules/run")
    decisions = sue.post("/api/escalation-rules/run").json()

    assert refused.status_code == 403
    assert [(d["ticket_id"], d["from_tier"], d["to_tier"]) for d in decisions] == [
        (ticket["id"], "frontline", "supervisor")
    ]
    assert sue.post("/api/escalation-rules/run").json() == []


BAD_RULES: list[tuple[str, dict[str, Any], str]] = [
    (
        "/api/sla-policies",
        {**POLICY, "targets": [{"priority": "normal", "metric": "first_reply", "minutes": 0}]},
        "targets",
    ),
    (
        "/api/sla-policies",
        {**POLICY, "targets": [{"priority": "asap", "metric": "first_reply", "minutes": 5}]},
        "targets",
    ),
    ("/api/sla-policies", {**POLICY, "channel": "fax"}, "channel"),
    (
        "/api/calendars",
        {"name": "C", "time_zone": "UTC", "weekly_hours": {"0": [["9am", "5pm"]]}},
        "weekly_hours",
    ),
    (
        "/api/calendars",
        {"name": "C", "time_zone": "Nowhere/City", "weekly_hours": WEEKDAYS},
        "time_zone",
    ),
    (
        "/api/escalation-rules",
        {"name": "R", "condition": "full_moon", "threshold": 1, "target_tier": "senior"},
        "condition",
    ),
    (
        "/api/escalation-rules",
        {"name": "R", "condition": "reopened_times", "threshold": 0, "target_tier": "senior"},
        "threshold",
    ),
]


def test_bad_rules_get_a_422_naming_the_field_and_are_not_stored(
    clients: dict[str, TestClient], session: Session
) -> None:
    for path, body, field in BAD_RULES:
        response = clients["sue"].post(path, json=body)

        assert response.status_code == 422, response.text
        assert response.json()["field"] == field, body
    assert _rows(session, SlaPolicy) == _rows(session, BusinessCalendar) == 0
    assert _rows(session, EscalationRule) == 0


def test_agents_read_but_do_not_change_rules_and_a_used_calendar_stays(
    clients: dict[str, TestClient], session: Session
) -> None:
    sue, ava = clients["sue"], clients["ava"]
    calendar = sue.post(
        "/api/calendars", json={"name": "Office", "time_zone": "UTC", "weekly_hours": WEEKDAYS}
    ).json()
    policy = sue.post("/api/sla-policies", json={**POLICY, "calendar_id": calendar["id"]}).json()

    assert ava.post("/api/sla-policies", json={**POLICY, "name": "Mine"}).status_code == 403
    assert ava.delete(f"/api/sla-policies/{policy['id']}").status_code == 403
    in_use = sue.delete(f"/api/calendars/{calendar['id']}")
    assert (in_use.status_code, in_use.json()["field"]) == (409, "calendar_id")
    assert sue.delete(f"/api/sla-policies/{policy['id']}").status_code == 204
    assert sue.delete(f"/api/calendars/{calendar['id']}").status_code == 204
    assert sue.get(f"/api/calendars/{calendar['id']}").status_code == 404
    assert _rows(session, SlaPolicy) == _rows(session, BusinessCalendar) == 0
