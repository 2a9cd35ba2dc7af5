"""Customer use cases: the requesters of tickets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound
from floorlead.storage.prepared import read_rows
from floorlead.tickets import inputs
from floorlead.tickets.history import audit_row, one_transaction
from floorlead.tickets.model import CustomerTier
from floorlead.tickets.tables import Customer

CUSTOMERS = Customer.__table__
CUSTOMER_ID_BY_EMAIL = select(CUSTOMERS.c.id).where(CUSTOMERS.c.email == bindparam("email"))


class CustomerNotFound(NotFound):
    pass


def customer_by_email(session: Session, email: str) -> Customer | None:
    """The customer with this address (addresses are stored lower-case, see inputs.email)."""
    return session.scalar(select(Customer).where(Customer.email == email.strip().lower()))


def customer_id_by_email(session: Session, email: str) -> int | None:
    """The id of the customer with this address: a plain query, for opening tickets."""
    params = {"email": email.strip().lower()}
    found = read_rows(session.connection(), CUSTOMER_ID_BY_EMAIL, params)
    return found[0]["id"] if found else None


def add_customer(
    session: Session,
    *,
    name: str,
    email: str,
    organisation: str = "",
    tier: str = CustomerTier.STANDARD,
    actor: Actor,
    now: datetime,
) -> Customer:
    """Add a customer to the current transaction (shared by ``create_customer`` and tickets)."""
    require(actor, Action.MANAGE_CUSTOMERS, scoped=False)
    address = inputs.email(email)
    if customer_by_email(session, address) is not None:
        raise Conflict(f"a customer with email {address} already exists", field="email")
    customer = Customer(
        name=inputs.text(name, "name", max_length=200, required=True),
        email=address,
        organisation=inputs.text(organisation, "organisation", max_length=200),
        tier=inputs.choice(CustomerTier, tier, "tier").value,
        created_at=now,
    )
    session.add(customer)
    audit_row(
        session,
        customer,
        entity="customer",
        action="customer.create",
        before=None,
        actor_id=actor.person_id,
        now=now,
    )
    return customer


@one_transaction
def create_customer(
    session: Session,
    *,
    name: str,
    email: str,
    organisation: str = "",
    tier: str = CustomerTier.STANDARD,
    actor: Actor,
    now: datetime,
) -> Customer:
    return add_customer(
        session, name=name, email=email, organisation=organisation, tier=tier, actor=actor, now=now
    )


@one_transaction
def update_customer(
    session: Session,
    *,
    customer_id: int,
    name: str | None = None,
    email: str | None = None,
    organisation: str | None = None,
    tier: str | None = None,
    actor: Actor,
    now: datetime,
) -> Customer:
    """Change the given fields of a customer (``None`` leaves a field as it is)."""
    require(actor, Action.MANAGE_CUSTOMERS, scoped=False)
    customer = get_customer_row(session, customer_id)
    before = snapshot(customer)
    if name is not None:
        customer.name = inputs.text(name, "name", max_length=200, required=True)
    if email is not None:
        address = inputs.email(email)
        other = customer_by_email(session, address)
        if other is not None and other.id != customer.id:
            raise Conflict(f"a customer with email {address} already exists", field="email")
        customer.email = address
    if organisation is not None:
        customer.organisation = inputs.text(organisation, "organisation", max_length=200)
    if tier is not None:
        customer.tier = inputs.choice(CustomerTier, tier, "tier").value
    audit_row(
        session,
        customer,
        entity="customer",
        action="customer.update",
        before=before,
        actor_id=actor.person_id,
        now=now,
    )
    return customer


def get_customer_row(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CustomerNotFound(f"customer {customer_id} does not exist", field="customer_id")
    return customer
