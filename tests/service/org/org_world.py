"""A small organisation for the org service tests.

Billing (supervised by Sam): Sam (supervisor) ← Lee (team lead) ← Ava (agent), with Max
(manager, no team) above Sam. Returns (supervised by Sue): Sue (supervisor) ← Bo (agent).
Ada is the admin. Default approval limits are in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.org.limits import seed_approval_limits
from floorlead.org.tables import Person, Team

from factories import T0, make_person, make_team


@dataclass
class Org:
    session: Session
    billing: Team
    returns: Team
    ada: Person
    max: Person
    sam: Person
    lee: Person
    ava: Person
    sue: Person
    bo: Person

    def actor(self, person: Person) -> Actor:
        return load_actor(self.session, person.id)


def build_org(session: Session) -> Org:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    ada = make_person(session, name="Ada Admin", email="ada@example.com", role="admin")
    max_ = make_person(session, name="Max Manager", email="max@example.com", role="manager")
    sam = make_person(
        session,
        name="Sam Supervisor",
        email="sam@example.com",
        role="supervisor",
        team_id=billing.id,
        manager_id=max_.id,
    )
    lee = make_person(
        session,
        name="Lee Lead",
        email="lee@example.com",
        role="team_lead",
        team_id=billing.id,
        manager_id=sam.id,
    )
    ava = make_person(
        session, name="Ava Agent", email="ava@example.com", team_id=billing.id, manager_id=lee.id
    )
    sue = make_person(
        session,
        name="Sue Supervisor",
        email="sue@example.com",
        role="supervisor",
        team_id=returns.id,
    )
    bo = make_person(
        session, name="Bo Agent", email="bo@example.com", team_id=returns.id, manager_id=sue.id
    )
    billing.supervisor_id = sam.id
    returns.supervisor_id = sue.id
    session.commit()
    seed_approval_limits(session, now=T0)
    return Org(session, billing, returns, ada, max_, sam, lee, ava, sue, bo)
