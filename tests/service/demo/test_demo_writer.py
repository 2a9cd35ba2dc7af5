"""Writing a simulation into a real database (SQLite, and PostgreSQL when reachable)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from floorlead.auth.passwords import hash_password
from floorlead.auth.service import LoginPolicy, check_credentials
from floorlead.config import Settings
from floorlead.demo import (
    DemoConfig,
    DemoPasswords,
    Simulation,
    has_data,
    simulate,
    wipe,
    write_simulation,
)
from floorlead.org.tables import ApprovalLimit, ApprovalRequest, Person
from floorlead.storage import make_engine, make_session_factory, upgrade_database
from floorlead.tickets.tables import (
    Customer,
    EscalationRule,
    Holiday,
    SlaPolicy,
    Ticket,
    TicketEvent,
)

END = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
ADMIN_PASSWORD = "admin demo password"
STAFF_PASSWORD = "staff demo password"


@cache
def passwords() -> DemoPasswords:
    return DemoPasswords(hash_password(ADMIN_PASSWORD), hash_password(STAFF_PASSWORD))


@cache
def simulation() -> Simulation:
    return simulate(DemoConfig(end=END, weeks=1, agents=3, seed=3))


@pytest.fixture
def written(engine: Engine) -> Iterator[Engine]:
    write_simulation(engine, simulation(), passwords())
    yield engine


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_everything_generated_is_stored(engine: Engine) -> None:
    progress: list[int] = []

    summary = write_simulation(engine, simulation(), passwords(), on_batch=progress.append)

    with make_session_factory(engine)() as session:
        assert (
            count(session, Ticket) == summary.tickets == simulation().ticket_count == sum(progress)
        )
        assert count(session, TicketEvent) == summary.events
        assert count(session, Person) == summary.people == len(simulation().organisation.people)
        assert count(session, Customer) == summary.customers
        assert count(session, ApprovalRequest) == summary.approvals
        assert count(session, SlaPolicy) == 6
        assert count(session, EscalationRule) == 3
        assert count(session, ApprovalLimit) > 0


def test_stored_rows_read_back_as_aware_utc_and_replay_to_the_ticket(written: Engine) -> None:
    with make_session_factory(written)() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.reopen_count > 0).limit(1)).one()

        events = ticket.events

        assert events[0].kind == "created"
        assert all(e.occurred_at.tzinfo is not None and e.occurred_at <= END for e in events)
        assert [e.to_value for e in events if e.kind == "status_change"][-1] == ticket.status
        call = session.scalars(select(Ticket).where(Ticket.channel == "phone").limit(1)).one()
        created = call.events[0].data
        assert isinstance(created["abandoned"], bool) and isinstance(created["wait_seconds"], int)
        assert all(isinstance(e.data, dict) for e in events)


def test_demo_staff_and_admin_can_sign_in(written: Engine) -> None:
    supervisor = next(p for p in simulation().organisation.people if p.role == "supervisor")

    with make_session_factory(written)() as session:
        for email, password in (
            ("admin@floorlead.local", ADMIN_PASSWORD),
            (supervisor.email, STAFF_PASSWORD),
        ):
            person = check_credentials(
                session,
                email=email,
                password=password,
                address="test",
                policy=LoginPolicy(),
                now=END,
            )
            assert person.email == email


def test_new_rows_get_fresh_ids_after_the_demo(written: Engine) -> None:
    with make_session_factory(written)() as session:
        customer = Customer(
            name="New Customer",
            email="new@example.org",
            organisation="",
            tier="standard",
            created_at=END,
        )
        holiday = Holiday(calendar_id=1, day=date(2030, 1, 1), name="Test day")
        session.add_all([customer, holiday])
        session.commit()

        assert customer.id == count(session, Customer)
        assert holiday.id is not None


def test_the_calendar_holds_the_uk_bank_holidays(written: Engine) -> None:
    with make_session_factory(written)() as session:
        days = set(session.scalars(select(Holiday.day)))

    assert {date(2026, 4, 3), date(2026, 12, 25), date(2027, 12, 28)} <= days


def test_approval_requests_name_an_approver_above_the_requester_limit(written: Engine) -> None:
    with make_session_factory(written)() as session:
        requests = session.scalars(select(ApprovalRequest)).all()
        roles = {p.id: p.role for p in session.scalars(select(Person))}
        limits = {
            (limit.approval_type, limit.role): limit.max_amount
            for limit in session.scalars(select(ApprovalLimit))
        }

    assert requests
    for request in requests:
        assert request.amount > limits[(request.approval_type, roles[request.requester_id])]
        assert request.amount <= limits[(request.approval_type, roles[request.approver_id])]
        assert (request.decided_at is None) == (request.status == "pending")
        assert request.amount == request.amount.quantize(Decimal("0.01"))


def test_has_data_and_wipe(written: Engine) -> None:
    assert has_data(written)

    wipe(written)

    assert not has_data(written)
    with written.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM ticket_events")).scalar() == 0


def test_the_same_configuration_writes_identical_rows(tmp_path: Path) -> None:
    dumps = []
    for folder in ("first", "second"):
        engine = make_engine(Settings(data_dir=tmp_path / folder))
        upgrade_database(engine)
        write_simulation(
            engine, simulate(DemoConfig(end=END, weeks=1, agents=3, seed=3)), passwords()
        )
        with engine.connect() as conn:
            dumps.append(
                [
                    conn.execute(text(f"SELECT * FROM {name} ORDER BY id")).all()
                    for name in ("tickets", "ticket_events", "customers", "approval_requests")
                ]
            )
        engine.dispose()

    assert dumps[0] == dumps[1]
