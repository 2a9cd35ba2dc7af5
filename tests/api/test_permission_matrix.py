"""Role × action over the API: every role is allowed (2xx) or refused (403) as the table says.

One floor is built per module (SQLite; permissions do not depend on the backend). Cases that
change data arrange their own fresh targets, so the cases do not depend on each other.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.org.approvals import request_approval
from floorlead.org.limits import seed_approval_limits
from floorlead.org.model import Role
from floorlead.org.schemas import ApprovalCreate
from floorlead.org.tables import ApprovalLimit

from factories import PASSWORD, T0, make_person, make_team, make_ticket

ROLES = [Role.AGENT, Role.SENIOR_AGENT, Role.TEAM_LEAD, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN]
_names = itertools.count(1)


class FixedClock:
    def now(self) -> datetime:
        return T0


@dataclass
class Floor:
    """Billing: Sam (supervisor) ← Lee (team lead) ← Ava (agent), Sia (senior agent); Max
    (manager) above Sam. Returns: Mo (manager) ← Sue (supervisor) ← Bo (agent). Ada: admin."""

    client: TestClient
    sessions: sessionmaker[Session]
    ids: dict[str, int]
    headers: dict[Role, dict[str, str]]

    def fresh_agent(self, team: str = "billing", manager: str = "lee") -> int:
        with self.sessions() as session:
            person = make_person(
                session, team_id=self.ids[team], manager_id=self.ids[manager], name="Tia Target"
            )
            session.commit()
            return person.id

    def pending_request(self, requester: str, amount: int) -> int:
        with self.sessions() as session:
            data = ApprovalCreate(approval_type="refund", amount=Decimal(amount), reason="Lost")
            actor = load_actor(session, self.ids[requester])
            return request_approval(session, data=data, actor=actor, now=T0).id

    def fresh_ticket(self, team: str = "billing") -> int:
        with self.sessions() as session:
            ticket = make_ticket(session, team_id=self.ids[team])
            session.commit()
            return ticket.id

    def personal_limit(self) -> int:
        with self.sessions() as session:
            row = ApprovalLimit(
                approval_type="credit", person_id=self.fresh_agent(), max_amount=Decimal(10)
            )
            session.add(row)
            session.commit()
            return row.id


def _people(session: Session) -> dict[str, int]:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")

    def add(key: str, role: str, team: Any = None, manager: str | None = None) -> None:
        ids[key] = make_person(
            session,
            email=f"{key}@example.com",
            name=key.title(),
            role=role,
            team_id=team.id if team else None,
            manager_id=ids[manager] if manager else None,
        ).id

    ids = {"billing": billing.id, "returns": returns.id}
    add("ada", "admin")
    add("max", "manager")
    add("mo", "manager")
    add("sam", "supervisor", billing, "max")
    add("lee", "team_lead", billing, "sam")
    add("ava", "agent", billing, "lee")
    add("sia", "senior_agent", billing, "lee")
    add("sue", "supervisor", returns, "mo")
    add("bo", "agent", returns, "sue")
    billing.supervisor_id, returns.supervisor_id = ids["sam"], ids["sue"]
    session.commit()
    return ids


ACTING = {
    Role.AGENT: "ava",
    Role.SENIOR_AGENT: "sia",
    Role.TEAM_LEAD: "lee",
    Role.SUPERVISOR: "sam",
    Role.MANAGER: "max",
    Role.ADMIN: "ada",
}


@pytest.fixture(scope="module")
def floor(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Floor]:
    folder = tmp_path_factory.mktemp("permission-matrix")
    shutil.copy(sqlite_template, folder / "floorlead.db")
    app = create_app(
        Settings(data_dir=folder, secret_key="test-secret"), clock=FixedClock(), migrate=False
    )
    with app.state.sessions() as session:
        ids = _people(session)
        seed_approval_limits(session, now=T0)
    with TestClient(app) as client:
        headers = {}
        for role, key in ACTING.items():
            login = {"email": f"{key}@example.com", "password": PASSWORD}
            token = client.post("/api/auth/token", json=login).json()["access_token"]
            headers[role] = {"Authorization": f"Bearer {token}"}
        yield Floor(client, app.state.sessions, ids, headers)
    app.state.engine.dispose()


Call = Callable[[Floor, dict[str, str]], httpx.Response]


def new_person(f: Floor, team: str, manager: str | None, role: str = "agent") -> dict[str, Any]:
    return {
        "email": f"new{next(_names)}@example.com",
        "name": "Nia New",
        "role": role,
        "team_id": f.ids[team] if team else None,
        "manager_id": f.ids[manager] if manager else None,
        "hire_date": "2026-03-02",
    }


# Columns: agent, senior agent, team lead, supervisor, manager, admin.
CASES: dict[str, tuple[str, Call]] = {
    "see /api/me": ("yyyyyy", lambda f, h: f.client.get("/api/me", headers=h)),
    "list people": ("yyyyyy", lambda f, h: f.client.get("/api/people", headers=h)),
    "see the org tree": ("yyyyyy", lambda f, h: f.client.get("/api/people/tree", headers=h)),
    "view a teammate": (
        "yyyyyy",
        lambda f, h: f.client.get(f"/api/people/{f.ids['ava']}", headers=h),
    ),
    "view someone in another team": (
        "-----y",
        lambda f, h: f.client.get(f"/api/people/{f.ids['bo']}", headers=h),
    ),
    "add an agent to the team": (
        "--yyyy",
        lambda f, h: f.client.post("/api/people", json=new_person(f, "billing", "lee"), headers=h),
    ),
    "add an agent to another team": (
        "-----y",
        lambda f, h: f.client.post("/api/people", json=new_person(f, "returns", "sue"), headers=h),
    ),
    "add a manager": (
        "-----y",
        lambda f, h: f.client.post(
            "/api/people", json=new_person(f, "", "max", role="manager"), headers=h
        ),
    ),
    "update a teammate": (
        "--yyyy",
        lambda f, h: f.client.patch(
            f"/api/people/{f.fresh_agent()}", json={"time_zone": "Europe/Dublin"}, headers=h
        ),
    ),
    "update someone in another team": (
        "-----y",
        lambda f, h: f.client.patch(
            f"/api/people/{f.fresh_agent('returns', 'sue')}", json={"name": "X"}, headers=h
        ),
    ),
    "promote a teammate to manager": (
        "-----y",
        lambda f, h: f.client.patch(
            f"/api/people/{f.fresh_agent()}", json={"role": "manager"}, headers=h
        ),
    ),
    "set a teammate's skills": (
        "--yyyy",
        lambda f, h: f.client.put(
            f"/api/people/{f.fresh_agent()}/skills", json={"skills": []}, headers=h
        ),
    ),
    "list teams": ("yyyyyy", lambda f, h: f.client.get("/api/teams", headers=h)),
    "view their team with its load": (
        "yyyyyy",
        lambda f, h: f.client.get(f"/api/teams/{f.ids['billing']}", headers=h),
    ),
    "view another team": (
        "-----y",
        lambda f, h: f.client.get(f"/api/teams/{f.ids['returns']}", headers=h),
    ),
    "create a team": (
        "----yy",
        lambda f, h: f.client.post("/api/teams", json={"name": f"T{next(_names)}"}, headers=h),
    ),
    "update their team": (
        "----yy",
        lambda f, h: f.client.patch(
            f"/api/teams/{f.ids['billing']}", json={"description": "Invoices"}, headers=h
        ),
    ),
    "list skills": ("yyyyyy", lambda f, h: f.client.get("/api/skills", headers=h)),
    "create a skill": (
        "----yy",
        lambda f, h: f.client.post("/api/skills", json={"name": f"S{next(_names)}"}, headers=h),
    ),
    "list approval limits": (
        "yyyyyy",
        lambda f, h: f.client.get("/api/approval-limits", headers=h),
    ),
    "set an agent limit": (
        "----yy",
        lambda f, h: f.client.post(
            "/api/approval-limits",
            json={"approval_type": "credit", "role": "agent", "max_amount": "50"},
            headers=h,
        ),
    ),
    "remove a teammate's limit": (
        "----yy",
        lambda f, h: f.client.delete(f"/api/approval-limits/{f.personal_limit()}", headers=h),
    ),
    "request an approval": (
        "yyyyyy",
        lambda f, h: f.client.post(
            "/api/approvals",
            json={"approval_type": "goodwill", "amount": "10", "reason": "Late"},
            headers=h,
        ),
    ),
    "list approvals waiting for them": (
        "yyyyyy",
        lambda f, h: f.client.get("/api/approvals", params={"waiting_for": "me"}, headers=h),
    ),
    "decide an agent's request routed to their lead": (
        "--yyyy",
        lambda f, h: f.client.post(
            f"/api/approvals/{f.pending_request('ava', 300)}/decision",
            json={"decision": "approve"},
            headers=h,
        ),
    ),
    "decide a request in another team": (
        "-----y",
        lambda f, h: f.client.post(
            f"/api/approvals/{f.pending_request('bo', 300)}/decision",
            json={"decision": "approve"},
            headers=h,
        ),
    ),
    "read the audit log": ("----yy", lambda f, h: f.client.get("/api/audit", headers=h)),
    "read the mail outbox": (
        "-----y",
        lambda f, h: f.client.get("/api/notifications/outbox", headers=h),
    ),
    "view a team ticket": (
        "yyyyyy",
        lambda f, h: f.client.get(f"/api/tickets/{f.fresh_ticket()}", headers=h),
    ),
    "view another team's ticket": (
        "-----y",
        lambda f, h: f.client.get(f"/api/tickets/{f.fresh_ticket('returns')}", headers=h),
    ),
    "assign a team ticket to a teammate": (
        "-yyyyy",
        lambda f, h: f.client.post(
            f"/api/tickets/{f.fresh_ticket()}/assign",
            json={"assignee_id": f.ids["ava"]},
            headers=h,
        ),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_role_is_allowed_or_refused_as_the_matrix_says(floor: Floor, role: Role, case: str) -> None:
    expected, call = CASES[case]

    response = call(floor, floor.headers[role])

    if expected[ROLES.index(role)] == "y":
        assert 200 <= response.status_code < 300, response.text
    else:
        assert response.status_code == 403, response.text


class SteerableClock(Protocol):
    def now(self) -> datetime: ...
    def advance(self, **kwargs: float) -> datetime: ...


@pytest.fixture
def client(settings: Settings, clock: SteerableClock) -> Iterator[TestClient]:
    """An app whose only user is Ava, an agent."""
    app = create_app(settings, clock=clock, migrate=False)
    with app.state.sessions() as session:
        make_person(session, email="ava@example.com")
        session.commit()
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def test_the_sixth_failed_login_within_the_window_is_refused_with_429(
    client: TestClient, settings: Settings, clock: SteerableClock
) -> None:
    wrong = {"email": "ava@example.com", "password": "not the password"}
    right = {"email": "ava@example.com", "password": PASSWORD}

    first_five = [client.post("/api/auth/token", json=wrong).status_code for _ in range(5)]
    sixth = client.post("/api/auth/token", json=wrong)
    even_right = client.post("/api/auth/token", json=right)
    clock.advance(minutes=settings.login_window_minutes + 1)
    later = client.post("/api/auth/token", json=right)

    assert first_five == [401] * 5
    assert sixth.status_code == 429
    assert even_right.status_code == 429
    assert later.status_code == 200


def test_an_expired_token_is_refused_with_401(
    client: TestClient, settings: Settings, clock: SteerableClock
) -> None:
    login = {"email": "ava@example.com", "password": PASSWORD}
    token = client.post("/api/auth/token", json=login).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}

    fresh = client.get("/api/me", headers=headers)
    clock.advance(days=settings.token_days, seconds=-1)
    last_second = client.get("/api/me", headers=headers)
    clock.advance(seconds=1)
    expired = client.get("/api/me", headers=headers)

    assert (fresh.status_code, last_second.status_code) == (200, 200)
    assert expired.status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    assert client.get("/api/me").status_code == 401
