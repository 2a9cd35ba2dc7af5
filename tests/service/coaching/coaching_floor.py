"""A small floor for coaching tests.

Billing: Sam (supervisor, supervises the team) ← Lee (team lead) ← Ana, Ben (agents).
Returns: Sue (supervisor) ← Bo (agent). Max (manager) above Sam and Sue. Ada: admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor

from factories import make_person, make_team

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@dataclass
class Floor:
    session: Session
    ids: dict[str, int]

    def actor(self, name: str) -> Actor:
        return load_actor(self.session, self.ids[name])


def build_floor(session: Session) -> Floor:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    max_ = make_person(session, role="manager", name="Max Manager", email="max@example.com")
    sam = make_person(
        session,
        role="supervisor",
        name="Sam Supervisor",
        email="sam@example.com",
        team_id=billing.id,
        manager_id=max_.id,
    )
    lee = make_person(
        session,
        role="team_lead",
        name="Lee Lead",
        email="lee@example.com",
        team_id=billing.id,
        manager_id=sam.id,
    )
    ana = make_person(
        session, name="Ana Agent", email="ana@example.com", team_id=billing.id, manager_id=lee.id
    )
    ben = make_person(
        session, name="Ben Agent", email="ben@example.com", team_id=billing.id, manager_id=lee.id
    )
    sue = make_person(
        session,
        role="supervisor",
        name="Sue Supervisor",
        email="sue@example.com",
        team_id=returns.id,
        manager_id=max_.id,
    )
    bo = make_person(
        session, name="Bo Agent", email="bo@example.com", team_id=returns.id, manager_id=sue.id
    )
    ada = make_person(session, role="admin", name="Ada Admin", email="ada@example.com")
    billing.supervisor_id = sam.id
    returns.supervisor_id = sue.id
    session.commit()
    people = {"max": max_, "sam": sam, "lee": lee, "ana": ana, "ben": ben, "sue": sue, "bo": bo}
    ids = {name: p.id for name, p in people.items()}
    ids |= {"ada": ada.id, "billing": billing.id, "returns": returns.id}
    return Floor(session, ids)
