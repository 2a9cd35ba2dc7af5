"""A small support floor for the tickets tests.

Billing (supervised by Sam): Ava and Ben (agents), Cy (senior agent). Returns (supervised by
Sue): Bo (agent). Legal is a department. Max manages Sam. Ada is the admin. The clock starts
on Monday 2 March 2026, 09:00 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.auth.tables import AuditEntry
from floorlead.org.tables import Person, Team
from floorlead.tickets import open_ticket
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import T0, make_person, make_team


@dataclass
class Floor:
    session: Session
    billing: Team
    returns: Team
    legal: Team
    ada: Person
    max: Person
    sam: Person
    ava: Person
    ben: Person
    cy: Person
    sue: Person
    bo: Person

    def actor(self, person: Person) -> Actor:
        return load_actor(self.session, person.id)

    def ticket(self, *, by: Person | None = None, now: datetime = T0, **values: Any) -> Ticket:
        """A ticket opened through the service (with its created event and audit entry)."""
        values.setdefault("subject", "Refund not received")
        values.setdefault("channel", "email")
        values.setdefault("requester_email", "casey@example.org")
        values.setdefault("requester_name", "Casey Customer")
        return open_ticket(self.session, actor=self.actor(by or self.ava), now=now, **values)


def build_floor(session: Session) -> Floor:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    legal = make_team(session, name="Legal", kind="department")
    ada = make_person(session, name="Ada Admin", email="ada@example.com", role="admin")
    max_ = make_person(session, name="Max Manager", email="max@example.com", role="manager")

    def member(name: str, team: Team, role: str = "agent", **extra: Any) -> Person:
        email = f"{name.lower()}@example.com"
        return make_person(session, name=name, email=email, role=role, team_id=team.id, **extra)

    sam = member("Sam", billing, "supervisor", manager_id=max_.id)
    ava = member("Ava", billing, manager_id=sam.id)
    ben = member("Ben", billing, manager_id=sam.id)
    cy = member("Cy", billing, "senior_agent", manager_id=sam.id)
    sue = member("Sue", returns, "supervisor")
    bo = member("Bo", returns, manager_id=sue.id)
    billing.supervisor_id, returns.supervisor_id = sam.id, sue.id
    session.commit()
    return Floor(session, billing, returns, legal, ada, max_, sam, ava, ben, cy, sue, bo)


def count(session: Session, table: Any, *conditions: Any) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*conditions)) or 0


def events_of(session: Session, ticket_id: int) -> list[TicketEvent]:
    session.expire_all()
    return list(
        session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.occurred_at, TicketEvent.id)
        )
    )


def audit_actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
