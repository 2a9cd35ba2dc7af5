"""Who is calling is remembered for a short time per server process (floorlead.auth.cache):
changes made through the same process apply at once, others within the cache's lifetime,
and a token's expiry and its holder's leave date are checked on every request."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from floorlead.app import create_app
from floorlead.auth.cache import AuthCache
from floorlead.config import Settings
from floorlead.org.tables import Person

from factories import PASSWORD, make_person, make_team


class Ticking:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _client(settings: Settings, clock: Any, email: str) -> TestClient:
    client = TestClient(create_app(settings, clock=clock, migrate=False))
    answer = client.post("/api/auth/token", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client


def _other_process_session(settings: Settings, session: Session) -> Session:
    """A session that, like another server process or the CLI, does not tell this app."""
    return sessionmaker(session.get_bind())()


def test_a_role_changed_elsewhere_applies_once_the_cache_entry_is_older_than_its_lifetime(
    session: Session, settings: Settings, clock: Any
) -> None:
    team = make_team(session, name="Billing")
    boss = make_person(session, role="admin", email="boss@example.com")
    ava = make_person(session, role="agent", team_id=team.id, email="ava@example.com")
    session.commit()
    client = _client(settings, clock, "ava@example.com")
    ticking = Ticking()
    client.app.state.auth_cache = AuthCache(10.0, monotonic=ticking)
    assert client.get("/api/audit").status_code == 403  # an agent may not read the audit log

    with _other_process_session(settings, session) as other:
        other.get(Person, ava.id).role = "admin"
        other.commit()
    ticking.now += 9.0
    assert client.get("/api/audit").status_code == 403  # still remembered as an agent
    ticking.now += 2.0
    assert client.get("/api/audit").status_code == 200  # 11 s later: read again
    assert boss.id != ava.id


def test_a_change_made_through_the_same_process_applies_at_once(
    session: Session, settings: Settings, clock: Any
) -> None:
    team = make_team(session, name="Billing")
    make_person(session, role="admin", email="boss@example.com")
    ava = make_person(session, role="agent", team_id=team.id, email="ava@example.com")
    session.commit()
    agent = _client(settings, clock, "ava@example.com")
    admin = TestClient(agent.app)
    answer = admin.post("/api/auth/token", json={"email": "boss@example.com", "password": PASSWORD})
    admin.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    agent.app.state.auth_cache = AuthCache(3600.0)
    assert agent.get("/api/audit").status_code == 403

    changed = admin.patch(f"/api/people/{ava.id}", json={"role": "manager"})
    assert changed.status_code == 200, changed.text
    assert agent.get("/api/audit").status_code == 200


def test_a_token_stops_working_on_its_holders_leave_date_even_when_cached(
    session: Session, settings: Settings, clock: Any
) -> None:
    team = make_team(session, name="Billing")
    ava = make_person(session, role="agent", team_id=team.id, email="ava@example.com")
    session.commit()
    client = _client(settings, clock, "ava@example.com")
    client.app.state.auth_cache = AuthCache(3600.0)
    assert client.get("/api/tickets").status_code == 200
    with _other_process_session(settings, session) as other:
        other.get(Person, ava.id).leave_date = (clock.now() + timedelta(days=1)).date()
        other.commit()
    client.app.state.auth_cache = AuthCache(3600.0)  # read afresh: holder leaves tomorrow
    assert client.get("/api/tickets").status_code == 200
    clock.advance(days=1)
    refused = client.get("/api/tickets")
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]


def test_no_cache_when_its_lifetime_is_zero(
    session: Session, settings: Settings, clock: Any
) -> None:
    team = make_team(session, name="Billing")
    ava = make_person(session, role="agent", team_id=team.id, email="ava@example.com")
    session.commit()
    zero = settings.model_copy(update={"auth_cache_seconds": 0.0})
    client = _client(zero, clock, "ava@example.com")
    assert client.get("/api/audit").status_code == 403
    with _other_process_session(settings, session) as other:
        other.get(Person, ava.id).role = "admin"
        other.commit()
    assert client.get("/api/audit").status_code == 200
