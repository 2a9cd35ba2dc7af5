"""A small floor with floorlead's role definitions, for the careers service tests.

Billing (supervised by Sam): Sam (supervisor) ← Lee (team lead) ← Ana and Ben (agents), with
Max (manager, no team) above Sam. Returns: Sue (supervisor). Ada is the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.careers import seed_role_definitions
from floorlead.org.tables import Person, Team

from factories import T0, make_person, make_team


@dataclass
class Floor:
    session: Session
    billing: Team
    returns: Team
    ada: Person
    max: Person
    sam: Person
    lee: Person
    ana: Person
    ben: Person
    sue: Person

    def actor(self, person: Person) -> Actor:
        return load_actor(self.session, person.id)


def build_floor(session: Session) -> Floor:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    ada = make_person(session, role="admin", name="Ada Admin")
    max_ = make_person(session, role="manager", name="Max Manager")
    sam = make_person(
        session, role="supervisor", name="Sam", team_id=billing.id, manager_id=max_.id
    )
    lee = make_person(session, role="team_lead", name="Lee", team_id=billing.id, manager_id=sam.id)
    ana = make_person(session, name="Ana", team_id=billing.id, manager_id=lee.id)
    ben = make_person(session, name="Ben", team_id=billing.id, manager_id=lee.id)
    sue = make_person(session, role="supervisor", name="Sue", team_id=returns.id)
    billing.supervisor_id, returns.supervisor_id = sam.id, sue.id
    session.commit()
    seed_role_definitions(session, T0)
    return Floor(session, billing, returns, ada, max_, sam, lee, ana, ben, sue)
