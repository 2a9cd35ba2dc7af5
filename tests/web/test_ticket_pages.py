from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.tickets import open_ticket, request_help

from factories import PASSWORD, make_person, make_team

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _signed_in(settings: Settings, email: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(settings, clock=FixedClock()))
    client.post("/login", data={"email": email, "password": PASSWORD})
    home = client.get("/")
    token = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    return client, token


@pytest.fixture
def floor(sqlite_session: Session):
    session = sqlite_session
    team = make_team(session, name="Billing")
    lead = make_person(session, role="supervisor", team_id=team.id, email="lead@example.com")
    team.supervisor_id = lead.id
    ana = make_person(session, team_id=team.id, name="Ana Agent", email="ana@example.com")
    session.commit()
    agent = load_actor(session, ana.id)
    ticket = open_ticket(
        session,
        subject="Refund not received",
        channel="email",
        actor=agent,
        now=NOW,
        requester_email="casey@example.org",
        requester_name="Casey",
        team_id=team.id,
        priority="urgent",
    )
    request_help(
        session, ticket_id=ticket.id, note="Customer threatens to leave", actor=agent, now=NOW
    )
    return team, ana, ticket


def test_home_lists_help_requests_and_unassigned_work(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, _ = _signed_in(sqlite_settings, "lead@example.com")

    page = client.get("/")

    assert page.status_code == 200
    assert "Agents asking for help" in page.text
    assert "#1 Refund not received" in page.text


def test_ticket_list_filters_and_the_detail_shows_timeline_and_actions(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, _ = _signed_in(sqlite_settings, "lead@example.com")

    listed = client.get("/tickets", params={"priority": "urgent"})
    none = client.get("/tickets", params={"priority": "low"})
    detail = client.get("/tickets/1")

    assert "Refund not received" in listed.text
    assert "No tickets match." in none.text
    assert "Help requested" in detail.text and "Customer threatens to leave" in detail.text
    assert "Send reply" in detail.text


def test_a_reply_from_the_ticket_page_lands_on_the_timeline(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, csrf = _signed_in(sqlite_settings, "ana@example.com")

    sent = client.post(
        "/tickets/1/message",
        data={"csrf_token": csrf, "kind": "public_reply", "body": "Your refund is on its way."},
        follow_redirects=False,
    )
    page = client.get("/tickets/1")

    assert sent.status_code == 303
    assert "Your refund is on its way." in page.text


def test_a_stale_form_is_refused_with_the_reason(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, csrf = _signed_in(sqlite_settings, "ana@example.com")

    stale = client.post(
        "/tickets/1/status", data={"csrf_token": csrf, "status": "pending", "version": "1"}
    )

    assert stale.status_code == 409
    assert 'role="alert"' in stale.text


def test_an_unknown_ticket_shows_a_not_found_page(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, _ = _signed_in(sqlite_settings, "lead@example.com")

    page = client.get("/tickets/999")

    assert page.status_code == 404 and "Not found" in page.text


def test_team_page_shows_each_agents_load(
    sqlite_settings: Settings, sqlite_session: Session, floor
) -> None:
    client, _ = _signed_in(sqlite_settings, "lead@example.com")

    teams = client.get("/teams")
    team = client.get("/teams/1")

    assert "Billing" in teams.text
    assert "Ana Agent" in team.text
