from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from ticket_world import Floor, audit_actions, count, events_of

from floorlead.errors import Conflict, RuleViolation
from floorlead.tickets import create_customer, update_customer
from floorlead.tickets.tables import Customer, Ticket

from factories import T0


def test_an_agent_opens_a_ticket_for_a_new_customer_with_its_created_event_and_audit(
    floor: Floor,
) -> None:
    ticket = floor.ticket(
        subject="Refund not received",
        description="I returned the parcel two weeks ago.",
        priority="high",
        tags=[" Refund ", "refund", "Parcel"],
    )

    customer = floor.session.scalar(select(Customer).where(Customer.email == "casey@example.org"))
    assert customer is not None and ticket.requester_id == customer.id
    assert (ticket.status, ticket.priority, ticket.team_id) == ("new", "high", floor.billing.id)
    assert ticket.tags == ["refund", "parcel"]
    assert ticket.version == 1
    [created] = events_of(floor.session, ticket.id)
    assert (created.kind, created.via, created.actor_id) == ("created", "agent", floor.ava.id)
    assert (created.to_value, created.body) == ("new", "I returned the parcel two weeks ago.")
    assert audit_actions(floor.session) == ["customer.create", "ticket.open"]


def test_an_inbound_contact_reuses_the_known_customer_and_keeps_queue_facts(floor: Floor) -> None:
    known = floor.ticket()

    call = floor.ticket(
        channel="phone", via="customer", requester_email="CASEY@example.org", wait_seconds=42
    )

    assert call.requester_id == known.requester_id
    [created] = events_of(floor.session, call.id)
    assert (created.via, created.actor_id, created.data) == (
        "customer",
        None,
        {"wait_seconds": 42.0},
    )


def test_a_ticket_taken_from_history_keeps_its_creation_time(floor: Floor) -> None:
    then = T0 - timedelta(days=3)

    ticket = floor.ticket(occurred_at=then, now=T0)

    assert ticket.created_at == then and ticket.updated_at == then
    assert events_of(floor.session, ticket.id)[0].occurred_at == then


BAD_TICKETS: list[tuple[dict[str, object], str]] = [
    ({"requester_email": None, "requester_name": None}, "requester_id"),
    ({"requester_email": "new@example.org", "requester_name": ""}, "requester_name"),
    ({"requester_email": "not-an-email"}, "requester_email"),
    ({"requester_email": None, "requester_id": 999}, "requester_id"),
    ({"channel": "pigeon"}, "channel"),
    ({"subject": "   "}, "subject"),
    ({"priority": "critical"}, "priority"),
    ({"team_id": 999}, "team_id"),
    ({"required_skill_id": 999}, "required_skill_id"),
    ({"status": "solved"}, "status"),
    ({"via": "system"}, "via"),
    ({"wait_seconds": 10}, "wait_seconds"),
    ({"channel": "chat", "wait_seconds": -1}, "wait_seconds"),
    ({"occurred_at": datetime(2026, 3, 1, 9, 0)}, "occurred_at"),  # noqa: DTZ001
    ({"occurred_at": T0 + timedelta(hours=1)}, "occurred_at"),
    ({"occurred_at": datetime(1999, 1, 1, tzinfo=UTC)}, "occurred_at"),
]


def test_bad_ticket_input_names_the_field_and_writes_nothing(floor: Floor) -> None:
    for values, field in BAD_TICKETS:
        with pytest.raises(RuleViolation) as refused:
            floor.ticket(**values)

        assert refused.value.field == field, values
    assert count(floor.session, Ticket) == 0
    assert count(floor.session, Customer) == 0
    assert audit_actions(floor.session) == []


def test_a_timestamp_a_little_ahead_of_the_server_clock_is_taken_as_now(floor: Floor) -> None:
    ticket = floor.ticket(occurred_at=T0 + timedelta(seconds=30), now=T0)

    assert ticket.created_at == T0


def test_customers_are_created_updated_and_kept_unique_by_email(floor: Floor) -> None:
    actor = floor.actor(floor.ava)
    customer = create_customer(
        floor.session, name="Dana", email="Dana@Example.org", tier="premium", actor=actor, now=T0
    )

    changed = update_customer(
        floor.session, customer_id=customer.id, organisation="Acme", actor=actor, now=T0
    )

    assert (changed.email, changed.tier, changed.organisation) == (
        "dana@example.org",
        "premium",
        "Acme",
    )
    with pytest.raises(Conflict) as duplicate:
        create_customer(floor.session, name="D2", email="dana@example.org", actor=actor, now=T0)
    assert duplicate.value.field == "email"
    with pytest.raises(RuleViolation) as bad_tier:
        update_customer(floor.session, customer_id=customer.id, tier="gold", actor=actor, now=T0)
    assert bad_tier.value.field == "tier"
    assert floor.session.get(Customer, customer.id).tier == "premium"
    assert audit_actions(floor.session) == ["customer.create", "customer.update"]
