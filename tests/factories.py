"""Plain factories with memorable defaults. They write rows directly (no rules applied)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from floorlead.org.tables import Person, Team
from floorlead.tickets.tables import Customer, Ticket, TicketEvent

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
_seq = itertools.count(1)
# Cheap argon2 parameters: verifying reads them from the hash, so sign-ins in tests are fast.
_hashed = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


def make_team(session: Session, **overrides: Any) -> Team:
    values: dict[str, Any] = {"name": f"Billing {next(_seq)}", "kind": "support", "created_at": T0}
    values.update(overrides)
    team = Team(**values)
    session.add(team)
    session.flush()
    return team


def make_person(session: Session, **overrides: Any) -> Person:
    n = next(_seq)
    values: dict[str, Any] = {
        "email": f"agent{n}@example.com",
        "name": f"Alex Agent {n}",
        "role": "agent",
        "hire_date": date(2025, 1, 6),
        "hourly_cost": Decimal("25.00"),
        "time_zone": "UTC",
        "password_hash": _hashed,
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(overrides)
    person = Person(**values)
    session.add(person)
    session.flush()
    return person


def make_customer(session: Session, **overrides: Any) -> Customer:
    n = next(_seq)
    values: dict[str, Any] = {
        "name": f"Casey Customer {n}",
        "email": f"customer{n}@example.org",
        "organisation": "Acme Ltd",
        "tier": "standard",
        "created_at": T0,
    }
    values.update(overrides)
    customer = Customer(**values)
    session.add(customer)
    session.flush()
    return customer


def make_ticket(session: Session, **overrides: Any) -> Ticket:
    created_at = overrides.get("created_at", T0)
    if "requester_id" not in overrides:
        overrides["requester_id"] = make_customer(session).id
    values: dict[str, Any] = {
        "subject": "Refund not received",
        "description": "I returned the parcel two weeks ago.",
        "channel": "email",
        "priority": "normal",
        "category": "billing",
        "tags": [],
        "status": "new",
        "created_at": created_at,
        "updated_at": created_at,
    }
    values.update(overrides)
    ticket = Ticket(**values)
    session.add(ticket)
    session.flush()
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind="created",
            occurred_at=created_at,
            recorded_at=created_at,
            via="customer",
            body=ticket.description,
            to_value=ticket.status,
            data={},
        )
    )
    session.flush()
    return ticket
