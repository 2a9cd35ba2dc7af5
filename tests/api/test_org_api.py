"""The organisation API: people, teams, skills, approvals, limits, audit — on each backend."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from floorlead.app import create_app
from floorlead.clock import Clock
from floorlead.config import Settings
from floorlead.org.limits import seed_approval_limits

from factories import PASSWORD, T0, make_person, make_team, make_ticket


@dataclass
class World:
    client: TestClient
    ids: dict[str, int]
    tokens: dict[str, str] = field(default_factory=dict)

    def login(self, who: str) -> dict[str, str]:
        """Bearer headers for ``who``, signing in once per test."""
        if who not in self.tokens:
            response = self.client.post(
                "/api/auth/token", json={"email": f"{who}@example.com", "password": PASSWORD}
            )
            assert response.status_code == 200, response.text
            self.tokens[who] = response.json()["access_token"]
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, who: str, url: str, **params: Any) -> Any:
        return self.client.get(url, headers=self.login(who), params=params)


@pytest.fixture
def world(settings: Settings, clock: Clock) -> Iterator[World]:
    app = create_app(settings, clock=clock, migrate=False)
    with app.state.sessions() as session:
        billing = make_team(session, name="Billing")
        returns = make_team(session, name="Returns")
        people = {
            "ada": make_person(session, email="ada@example.com", name="Ada Admin", role="admin"),
            "max": make_person(
                session, email="max@example.com", name="Max Manager", role="manager"
            ),
        }
        people["sam"] = make_person(
            session,
            email="sam@example.com",
            name="Sam Supervisor",
            role="supervisor",
            team_id=billing.id,
            manager_id=people["max"].id,
        )
        people["lee"] = make_person(
            session,
            email="lee@example.com",
            name="Lee Lead",
            role="team_lead",
            team_id=billing.id,
            manager_id=people["sam"].id,
        )
        people["ava"] = make_person(
            session,
            email="ava@example.com",
            name="Ava Agent",
            team_id=billing.id,
            manager_id=people["lee"].id,
        )
        people["bo"] = make_person(
            session, email="bo@example.com", name="Bo Agent", team_id=returns.id
        )
        billing.supervisor_id = people["sam"].id
        make_ticket(session, team_id=billing.id, assignee_id=people["ava"].id, status="open")
        session.commit()
        seed_approval_limits(session, now=T0)
        ids = {name: person.id for name, person in people.items()}
        ids |= {"billing": billing.id, "returns": returns.id}
    with TestClient(app) as client:
        yield World(client, ids)
    app.state.engine.dispose()


NEW_PERSON = {
    "email": "Nia.New@Example.com",
    "name": "Nia New",
    "hire_date": "2026-03-02",
    "hourly_cost": "24.50",
    "time_zone": "Europe/London",
}


def test_me_shows_the_person_and_what_their_role_allows(world: World) -> None:
    body = world.get("lee", "/api/me").json()

    assert (body["name"], body["role"], body["team_name"]) == ("Lee Lead", "team_lead", "Billing")
    assert "manage_people" in body["actions"]
    assert "view_audit" not in body["actions"]


def test_a_supervisor_adds_reads_and_updates_a_person(world: World) -> None:
    headers = world.login("sam")
    new = {**NEW_PERSON, "team_id": world.ids["billing"], "manager_id": world.ids["lee"]}

    created = world.client.post("/api/people", json=new, headers=headers)
    person_id = created.json()["id"]
    read = world.client.get(f"/api/people/{person_id}", headers=headers)
    left = world.client.patch(
        f"/api/people/{person_id}", json={"leave_date": "2026-03-02"}, headers=headers
    )

    assert created.status_code == 201
    assert read.json()["email"] == "nia.new@example.com"
    assert read.json()["hourly_cost"] == "24.50"
    assert read.json()["manager_name"] == "Lee Lead"
    assert (left.status_code, left.json()["active"]) == (200, False)


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"email": "nia@nowhere"}, 422, "email"),
        ({"time_zone": "Mars/Olympus"}, 422, "time_zone"),
        ({"hire_date": None}, 422, "hire_date"),
        ({"hourly_cost": "-1"}, 422, "hourly_cost"),
        ({"role": "boss"}, 422, "role"),
        ({"email": "ava@example.com"}, 409, "email"),
    ],
)
def test_bad_person_input_is_refused_naming_the_field(
    world: World, change: dict[str, Any], status: int, field: str
) -> None:
    body = {**NEW_PERSON, "team_id": world.ids["billing"], **change}

    response = world.client.post("/api/people", json=body, headers=world.login("ada"))

    assert response.status_code == status
    found = response.json().get("field") or response.json()["errors"][0]["field"]
    assert found == field


def test_an_unknown_person_is_not_found(world: World) -> None:
    assert world.get("ada", "/api/people/999999").status_code == 404


def test_skills_are_set_on_a_person(world: World) -> None:
    manager = world.login("max")
    skill = world.client.post("/api/skills", json={"name": "French"}, headers=manager).json()

    response = world.client.put(
        f"/api/people/{world.ids['ava']}/skills",
        json={"skills": [{"skill_id": skill["id"], "level": 4}]},
        headers=world.login("lee"),
    )
    too_high = world.client.put(
        f"/api/people/{world.ids['ava']}/skills",
        json={"skills": [{"skill_id": skill["id"], "level": 9}]},
        headers=manager,
    )

    assert response.json()["skills"] == [{"skill_id": skill["id"], "name": "French", "level": 4}]
    assert (too_high.status_code, too_high.json()["errors"][0]["field"]) == (
        422,
        "skills.0.level",
    )
    assert [s["name"] for s in world.get("ava", "/api/skills").json()] == ["French"]


def test_the_people_page_filters_and_paginates(world: World) -> None:
    page = world.get("ada", "/api/people", per_page=2, page=1, sort="name").json()
    agents = world.get("ada", "/api/people", role="agent").json()
    found = world.get("ada", "/api/people", q="lead").json()

    assert (page["total"], page["per_page"], len(page["items"])) == (6, 2, 2)
    assert [p["name"] for p in page["items"]] == ["Ada Admin", "Ava Agent"]
    assert {p["name"] for p in agents["items"]} == {"Ava Agent", "Bo Agent"}
    assert [p["name"] for p in found["items"]] == ["Lee Lead"]


def test_the_org_tree_is_nested(world: World) -> None:
    tree = world.get("sam", "/api/people/tree").json()

    assert [node["name"] for node in tree] == ["Max Manager"]
    assert tree[0]["reports"][0]["reports"][0]["name"] == "Lee Lead"


def test_a_manager_creates_and_updates_a_team_and_members_show_their_load(world: World) -> None:
    headers = world.login("max")

    created = world.client.post(
        "/api/teams",
        json={"name": "Chat", "supervisor_id": world.ids["sam"], "time_zone": "Europe/Paris"},
        headers=headers,
    )
    patched = world.client.patch(
        f"/api/teams/{created.json()['id']}", json={"kind": "department"}, headers=headers
    )
    billing = world.get("ava", f"/api/teams/{world.ids['billing']}").json()
    listed = world.get("bo", "/api/teams").json()

    assert (created.status_code, created.json()["supervisor_name"]) == (201, "Sam Supervisor")
    assert patched.json()["kind"] == "department"
    assert {m["name"]: m["open_tickets"] for m in billing["members"]}["Ava Agent"] == 1
    assert [t["name"] for t in listed] == ["Billing", "Chat", "Returns"]


def test_an_approval_is_routed_decided_once_and_listed(world: World) -> None:
    ava, lee = world.login("ava"), world.login("lee")
    body = {"approval_type": "refund", "amount": "300", "reason": "Parcel lost"}

    created = world.client.post("/api/approvals", json=body, headers=ava).json()
    waiting = world.client.get("/api/approvals", params={"waiting_for": "me"}, headers=lee).json()
    decision = world.client.post(
        f"/api/approvals/{created['id']}/decision", json={"decision": "approve"}, headers=lee
    )
    again = world.client.post(
        f"/api/approvals/{created['id']}/decision",
        json={"decision": "reject", "comment": "no"},
        headers=lee,
    )

    assert (created["status"], created["approver_name"]) == ("pending", "Lee Lead")
    assert [item["id"] for item in waiting["items"]] == [created["id"]]
    assert (decision.status_code, decision.json()["status"]) == (200, "approved")
    assert again.status_code == 409


def test_an_approval_within_the_requesters_limit_is_approved_at_once(world: World) -> None:
    body = {"approval_type": "goodwill", "amount": "20", "reason": "Late delivery"}

    created = world.client.post("/api/approvals", json=body, headers=world.login("ava"))

    assert created.status_code == 201
    assert (created.json()["status"], created.json()["auto_approved"]) == ("approved", True)


def test_an_approval_above_everyone_names_the_amount_and_highest_limit(world: World) -> None:
    body = {"approval_type": "refund", "amount": "25000", "reason": "Big order"}

    response = world.client.post("/api/approvals", json=body, headers=world.login("ava"))

    assert (response.status_code, response.json()["field"]) == (422, "amount")
    assert "25,000.00" in response.json()["detail"]
    assert "10,000.00" in response.json()["detail"]


def test_limits_are_listed_for_all_and_changed_by_managers(world: World) -> None:
    manager = world.login("max")
    personal = {"approval_type": "refund", "person_id": world.ids["ava"], "max_amount": "150"}

    listed = world.get("ava", "/api/approval-limits", approval_type="refund").json()
    created = world.client.post("/api/approval-limits", json=personal, headers=manager)
    replaced = world.client.post(
        "/api/approval-limits", json={**personal, "max_amount": "175"}, headers=manager
    )
    removed = world.client.delete(f"/api/approval-limits/{created.json()['id']}", headers=manager)

    assert [(row["role"], row["max_amount"]) for row in listed][:2] == [
        ("agent", "100.00"),
        ("senior_agent", "250.00"),
    ]
    assert (created.status_code, created.json()["person_name"]) == (201, "Ava Agent")
    assert (replaced.status_code, replaced.json()["max_amount"]) == (200, "175.00")
    assert removed.status_code == 204


def test_the_audit_log_pages_changes_for_managers(world: World) -> None:
    world.client.patch(
        f"/api/people/{world.ids['ava']}", json={"name": "Ava A."}, headers=world.login("sam")
    )

    page = world.get(
        "max", "/api/audit", entity="person", **{"from": "2026-03-02T00:00:00+00:00"}
    ).json()

    assert page["total"] == 1
    assert page["items"][0]["actor_name"] == "Sam Supervisor"
    assert page["items"][0]["after"] == {"name": "Ava A."}
