from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.tickets.tables import Customer, Ticket, TicketEvent

from factories import PASSWORD, make_person, make_team

MINUTE = timedelta(minutes=1)


@dataclass
class Desk:
    settings: Settings
    clock: Any
    billing: int
    returns: int
    legal: int
    ava: int
    ben: int

    def client(self, email: str | None = None) -> TestClient:
        client = TestClient(create_app(self.settings, clock=self.clock, migrate=False))
        if email is not None:
            login = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
            assert login.status_code == 200, login.text
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        return client


@pytest.fixture
def desk(session: Session, settings: Settings, clock: Any) -> Desk:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    legal = make_team(session, name="Legal", kind="department")
    sam = make_person(session, role="supervisor", team_id=billing.id, email="sam@example.com")
    billing.supervisor_id = sam.id
    ava = make_person(session, team_id=billing.id, email="ava@example.com", manager_id=sam.id)
    ben = make_person(session, team_id=billing.id, email="ben@example.com", manager_id=sam.id)
    make_person(session, team_id=returns.id, email="bo@example.com")
    session.commit()
    return Desk(settings, clock, billing.id, returns.id, legal.id, ava.id, ben.id)


def _count(session: Session, table: Any) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(table)) or 0


def _field(answer: dict[str, Any]) -> str:
    """The field an error names: domain errors say ``field``, shape errors list ``errors``."""
    return answer.get("field") or answer["errors"][0]["field"]


NEW_TICKET = {
    "subject": "Refund not received",
    "channel": "email",
    "requester_email": "casey@example.org",
    "requester_name": "Casey Customer",
    "description": "I returned the parcel two weeks ago.",
    "via": "customer",
}


def test_an_agent_opens_works_and_reads_a_ticket(desk: Desk) -> None:
    sam = desk.client("sam@example.com")
    sam.post(
        "/api/sla-policies",
        json={
            "name": "Default",
            "targets": [{"priority": "normal", "metric": "first_reply", "minutes": 60}],
        },
    ).raise_for_status()
    ava = desk.client("ava@example.com")

    created = ava.post("/api/tickets", json=NEW_TICKET)
    ticket_id = created.json()["id"]
    desk.clock.advance(minutes=20)
    reply = ava.post(
        f"/api/tickets/{ticket_id}/events", json={"kind": "public_reply", "body": "On it"}
    )
    note = ava.post(
        f"/api/tickets/{ticket_id}/events", json={"kind": "internal_note", "body": "VIP"}
    )
    pending = ava.post(
        f"/api/tickets/{ticket_id}/events",
        json={
            "kind": "status_change",
            "status": "pending",
            "version": note.json()["ticket"]["version"],
        },
    )
    detail = ava.get(f"/api/tickets/{ticket_id}").json()

    assert created.status_code == 201 and created.json()["team_id"] == desk.billing
    assert reply.status_code == 201 and reply.json()["ticket"]["status"] == "open"
    assert note.json()["event"]["kind"] == "internal_note"
    assert pending.status_code == 201 and pending.json()["ticket"]["version"] == 4
    assert [e["kind"] for e in detail["events"]] == [
        "created",
        "public_reply",
        "status_change",
        "internal_note",
        "status_change",
    ]
    assert detail["sla_policy"] == "Default"
    assert [(c["metric"], c["state"], c["elapsed_seconds"]) for c in detail["clocks"]] == [
        ("first_reply", "achieved", 1200.0)
    ]
    assert detail["requester"]["email"] == "casey@example.org"
    listed = ava.get("/api/tickets", params={"status": ["pending", "open"], "q": "refund"}).json()
    assert (listed["total"], listed["items"][0]["id"]) == (1, ticket_id)
    assert len(ava.get(f"/api/tickets/{ticket_id}/events").json()) == 5


def test_a_stale_version_gets_409_and_changes_nothing(desk: Desk, session: Session) -> None:
    ava = desk.client("ava@example.com")
    ticket_id = ava.post("/api/tickets", json=NEW_TICKET).json()["id"]

    first = ava.patch(f"/api/tickets/{ticket_id}", json={"version": 1, "priority": "high"})
    second = ava.patch(f"/api/tickets/{ticket_id}", json={"version": 1, "subject": "Other"})

    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409 and second.json()["field"] == "version"
    session.expire_all()
    assert session.get(Ticket, ticket_id).subject == "Refund not received"  # type: ignore[union-attr]


BAD_REQUESTS: list[tuple[str, dict[str, Any], str]] = [
    ("/api/tickets", {**NEW_TICKET, "subject": ""}, "subject"),
    ("/api/tickets", {**NEW_TICKET, "channel": "fax"}, "channel"),
    ("/api/tickets", {**NEW_TICKET, "requester_email": None}, "requester_id"),
    ("/api/tickets", {**NEW_TICKET, "occurred_at": "2026-03-01T09:00:00"}, "occurred_at"),
    ("/api/tickets", {**NEW_TICKET, "team_id": 999}, "team_id"),
    ("/api/tickets/{id}/events", {"kind": "public_reply", "body": "x", "rating": 5}, "rating"),
    ("/api/tickets/{id}/events", {"kind": "status_change"}, "status"),
    ("/api/tickets/{id}/events", {"kind": "status_change", "status": "closed"}, "status"),
    ("/api/tickets/{id}/events", {"kind": "public_reply", "body": " "}, "body"),
    ("/api/tickets/{id}/events", {"kind": "assigned"}, "kind"),
    (
        "/api/tickets/{id}/events",
        {"kind": "internal_note", "body": "x", "occurred_at": "2026-03-03T09:00:00Z"},
        "occurred_at",
    ),
    (
        "/api/tickets/{id}/events",
        {
            "kind": "handle_segment",
            "segment_kind": "talk",
            "segment_start": "2026-03-02T09:00:00Z",
            "segment_end": "2026-03-02T09:05:00Z",
        },
        "segment_kind",
    ),
    (
        "/api/tickets/{id}/escalate",
        {"reason": "x", "to_tier": "department"},
        "department_team_id",
    ),
    ("/api/tickets/{id}/transfer", {"team_id": 999}, "team_id"),
]


def test_bad_input_gets_a_422_naming_the_field_and_writes_nothing(
    desk: Desk, session: Session
) -> None:
    sam = desk.client("sam@example.com")
    ticket_id = sam.post("/api/tickets", json=NEW_TICKET).json()["id"]
    before = (_count(session, Ticket), _count(session, TicketEvent), _count(session, Customer))

    for path, body, field in BAD_REQUESTS:
        response = sam.post(path.format(id=ticket_id), json=body)

        assert response.status_code == 422, (body, response.text)
        assert _field(response.json()) == field, body
    assert (
        _count(session, Ticket),
        _count(session, TicketEvent),
        _count(session, Customer),
    ) == before


def test_a_supervisor_assigns_escalates_transfers_and_sees_what_needs_attention(desk: Desk) -> None:
    ava, sam = desk.client("ava@example.com"), desk.client("sam@example.com")
    first = ava.post("/api/tickets", json=NEW_TICKET).json()["id"]
    second = ava.post("/api/tickets", json={**NEW_TICKET, "priority": "urgent"}).json()["id"]

    robin = sam.post(f"/api/tickets/{first}/assign", json={"strategy": "round_robin"})
    manual = sam.post(f"/api/tickets/{second}/assign", json={"assignee_id": desk.ben})
    helped = ava.post(f"/api/tickets/{first}/help", json={"note": "Over my limit"})
    raised = ava.post(f"/api/tickets/{second}/escalate", json={"reason": "VIP customer"})
    board = sam.get("/api/attention").json()
    cleared = sam.post(f"/api/tickets/{first}/help", json={"needed": False})
    moved = sam.post(
        f"/api/tickets/{second}/escalate",
        json={"reason": "Chargeback", "to_tier": "department", "department_team_id": desk.legal},
    )

    assert robin.json()["ticket"]["assignee_id"] == min(desk.ava, desk.ben)
    assert robin.json()["event"]["data"] == {"strategy": "round_robin"}
    assert manual.json()["ticket"]["assignee_id"] == desk.ben
    assert helped.json()["ticket"]["needs_help"] is True
    assert raised.json()["ticket"]["escalation_tier"] == "senior"
    assert [board[k]["count"] for k in ("escalated", "help_requests", "unassigned")] == [1, 1, 0]
    assert cleared.json()["event"]["kind"] == "help_resolved"
    assert moved.json()["ticket"]["team_id"] == desk.legal
    assert sam.get(f"/api/tickets/{second}").status_code == 403


def test_callers_are_authenticated_and_kept_to_their_scope(desk: Desk) -> None:
    ava, bo = desk.client("ava@example.com"), desk.client("bo@example.com")
    ticket_id = ava.post("/api/tickets", json=NEW_TICKET).json()["id"]

    assert desk.client().get("/api/tickets").status_code == 401
    assert bo.get(f"/api/tickets/{ticket_id}").status_code == 403
    assert bo.get("/api/tickets").json()["total"] == 0
    assert (
        ava.post(f"/api/tickets/{ticket_id}/assign", json={"assignee_id": desk.ava}).status_code
        == 403
    )
    assert ava.get("/api/tickets/999").status_code == 404
    assert ava.get("/api/tickets", params={"sort": "secret"}).json()["field"] == "sort"
    naive = ava.get("/api/tickets", params={"created_from": "2026-03-01T00:00:00"})
    assert (naive.status_code, naive.json()["field"]) == (422, "created_from")


def test_customers_are_added_found_and_changed(desk: Desk) -> None:
    ava = desk.client("ava@example.com")

    added = ava.post("/api/customers", json={"name": "Dana", "email": "dana@example.org"})
    again = ava.post("/api/customers", json={"name": "Dana", "email": "DANA@example.org"})
    changed = ava.patch(f"/api/customers/{added.json()['id']}", json={"tier": "premium"})
    found = ava.get("/api/customers", params={"q": "dana"}).json()

    assert added.status_code == 201
    assert (again.status_code, again.json()["field"]) == (409, "email")
    assert changed.json()["tier"] == "premium"
    assert [c["email"] for c in found["items"]] == ["dana@example.org"]
    assert ava.get("/api/customers/999").status_code == 404


def test_the_ticket_list_checks_its_query_and_documents_it(desk: Desk) -> None:
    ava = desk.client("ava@example.com")
    ava.post("/api/tickets", json=NEW_TICKET)
    ava.post("/api/tickets", json={**NEW_TICKET, "priority": "urgent"})

    listed = ava.get("/api/tickets", params=[("priority", "urgent"), ("priority", "low")])
    too_many = ava.get("/api/tickets", params={"per_page": 201})
    bad_status = ava.get("/api/tickets", params=[("status", "new"), ("status", "lost")])
    not_a_number = ava.get("/api/tickets", params={"team_id": "billing"})
    schema = desk.client().get("/api/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/tickets"]["get"]["parameters"]}

    assert (listed.json()["total"], listed.json()["items"][0]["priority"]) == (1, "urgent")
    assert (too_many.status_code, _field(too_many.json())) == (422, "per_page")
    assert (bad_status.status_code, _field(bad_status.json())) == (422, "status.1")
    assert (not_a_number.status_code, _field(not_a_number.json())) == (422, "team_id")
    assert parameters["per_page"]["schema"]["maximum"] == 200
    assert parameters["status"]["schema"]["items"]["enum"][0] == "new"
    assert parameters["q"]["description"] == "text in the subject"
    assert all(p["in"] == "query" and not p["required"] for p in parameters.values())
