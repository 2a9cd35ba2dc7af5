"""A small floor for the coaching and calibration page tests, Ana's week of 2 March 2026
(shifts, a CSAT goal and answers), and signed-in HTTP clients.

Billing: Sam (supervisor, supervises the team) ← Lee (team lead) ← Ana, Ben (agents);
Tess, a second team lead in Billing. Returns: Sue (supervisor) ← Bo (agent).
Max (manager) above Sam and Sue. Today is Monday 30 March 2026, 09:00 UTC.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.api.coaching_deps import get_figures
from floorlead.api.deps import SessionDep
from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.coaching import Figures, LinkKind, set_goal
from floorlead.config import Settings
from floorlead.workforce.schedules import (
    PlannedShift,
    ScheduleQuality,
    publish_schedule,
    save_schedule,
)
from floorlead.workforce.states import record_agent_state
from service.coaching.event_kpis import EventKpis, answer_csat

from factories import PASSWORD, make_person, make_team

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)  # the week the review examples are about


class FixedClock:
    def now(self) -> datetime:
        return NOW


def event_figures(db: SessionDep) -> Figures:
    """KPI figures computed from the ticket events the tests write."""
    events = EventKpis(db)
    return Figures(kpis=events, samples={LinkKind.KPI: events.sample})


def build_floor(session: Session) -> dict[str, int]:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    people = {
        "max": make_person(session, role="manager", name="Max Manager", email="max@example.com")
    }
    people["sam"] = make_person(
        session,
        role="supervisor",
        name="Sam Supervisor",
        email="sam@example.com",
        team_id=billing.id,
        manager_id=people["max"].id,
    )
    people["sue"] = make_person(
        session,
        role="supervisor",
        name="Sue Supervisor",
        email="sue@example.com",
        team_id=returns.id,
        manager_id=people["max"].id,
    )
    for key, role, name, team, manager in [
        ("lee", "team_lead", "Lee Lead", billing, "sam"),
        ("tess", "team_lead", "Tess Lead", billing, "sam"),
        ("ana", "agent", "Ana Agent", billing, "lee"),
        ("ben", "agent", "Ben Agent", billing, "lee"),
        ("bo", "agent", "Bo Agent", returns, "sue"),
    ]:
        people[key] = make_person(
            session,
            role=role,
            name=name,
            email=f"{key}@example.com",
            team_id=team.id,
            manager_id=people[manager].id,
        )
    billing.supervisor_id, returns.supervisor_id = people["sam"].id, people["sue"].id
    session.commit()
    return {key: p.id for key, p in people.items()} | {
        "billing": billing.id,
        "returns": returns.id,
    }


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """``day`` days after MONDAY, at ``hour``:``minute`` UTC."""
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def ana_week_of_shifts(session: Session, floor: dict[str, int]) -> None:
    """Ana's week: Monday on time, Tuesday absent, Wednesday 20 minutes late."""
    sam = load_actor(session, floor["sam"])
    schedule = save_schedule(
        session,
        actor=sam,
        team_id=floor["billing"],
        week_start=MONDAY,
        interval_minutes=60,
        shifts=[PlannedShift(floor["ana"], at(day, 9), at(day, 13)) for day in range(3)],
        requirements=[],
        quality=ScheduleQuality(),
        now=MONDAY,
    )
    publish_schedule(session, actor=sam, schedule_id=schedule.id, now=MONDAY)
    ana = load_actor(session, floor["ana"])
    for when, state in [
        (at(0, 9), "available"),
        (at(0, 13), "offline"),
        (at(2, 9, 20), "available"),
        (at(2, 13), "offline"),
    ]:
        record_agent_state(
            session, actor=ana, person_id=ana.person_id, state=state, at=when, now=when
        )


def ana_csat_goal(session: Session, floor: dict[str, int]) -> None:
    set_goal(
        session,
        actor=load_actor(session, floor["lee"]),
        agent_id=floor["ana"],
        kpi="csat",
        target=75,
        baseline=60,
        start_on=date(2026, 3, 2),
        due_on=date(2026, 3, 6),
        now=MONDAY,
    )
    for day, rating in enumerate([5, 4, 5, 1]):  # 3 of 4 good: 75%, the goal is met
        answer_csat(session, agent_id=floor["ana"], at=at(day, 11), rating=rating)
    session.commit()


def make_app(settings: Settings) -> FastAPI:
    app = create_app(settings, clock=FixedClock())
    app.dependency_overrides[get_figures] = event_figures
    return app


class Visitor:
    """A signed-in browser: an HTTP client with the session cookie and the CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        page = client.get("/coaching")
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]

    def get(self, path: str, **params: str):
        return self.client.get(path, params=params) if params else self.client.get(path)

    def post(self, path: str, data: dict[str, str | list[str]]):
        """Send a form (a list for ticked boxes) with the CSRF token; no redirect followed."""
        form = {"csrf_token": self.token, **data}
        return self.client.post(path, data=form, follow_redirects=False)


@contextmanager
def visitors(app: FastAPI) -> Iterator:
    """``sign_in(name)`` gives a signed-in :class:`Visitor` for the person's e-mail name."""
    clients: list[TestClient] = []

    def sign_in(name: str) -> Visitor:
        client = TestClient(app)
        clients.append(client)
        client.post("/login", data={"email": f"{name}@example.com", "password": PASSWORD})
        return Visitor(client)

    try:
        yield sign_in
    finally:
        for client in clients:
            client.close()


def count_rows(session: Session, table: type) -> int:
    """Rows in ``table`` as the database has them now."""
    session.expire_all()
    return session.scalar(select(func.count()).select_from(table)) or 0


def shown_text(page_html: str) -> str:
    """The page with its HTML entities decoded, to compare messages as a person reads them."""
    return html.unescape(page_html)


def form_in(page_html: str, testid: str) -> str:
    """The HTML of the form marked ``data-testid=testid``, entities decoded."""
    found = re.search(rf'<form [^>]*data-testid="{testid}".*?</form>', page_html, re.S)
    assert found is not None, f"no form {testid} on the page"
    return html.unescape(found.group(0))


def marked_invalid(form_html: str, name: str) -> bool:
    """True when the form's field called ``name`` is marked invalid (aria-invalid)."""
    tag = rf'<(?:input|select|textarea)\b[^>]*\bname="{re.escape(name)}"[^>]*>'
    return any('aria-invalid="true"' in found for found in re.findall(tag, form_html))
