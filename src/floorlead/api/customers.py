"""Customers, the requesters of tickets (/api/customers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.paging import PageDep
from floorlead.tickets import create_customer, customer_detail, list_customers, update_customer
from floorlead.tickets.schemas import CustomerCreate, CustomerPage, CustomerPublic, CustomerUpdate

router = APIRouter(tags=["customers"])


@router.get("/customers")
def customers_page(
    session: SessionDep,
    actor: ActorDep,
    params: PageDep,
    q: Annotated[str | None, Query(description="text in the name, email or organisation")] = None,
) -> CustomerPage:
    """Customers (sort by name, email, created_at or id)."""
    return list_customers(session, actor=actor, text=q, page=params)


@router.post("/customers", status_code=201)
def add_customer(
    body: CustomerCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CustomerPublic:
    customer = create_customer(session, **body.model_dump(), actor=actor, now=now)
    return CustomerPublic.model_validate(customer)


@router.get("/customers/{customer_id}")
def get_customer(customer_id: int, session: SessionDep, actor: ActorDep) -> CustomerPublic:
    return customer_detail(session, customer_id=customer_id, actor=actor)


@router.patch("/customers/{customer_id}")
def change_customer(
    customer_id: int, body: CustomerUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CustomerPublic:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    customer = update_customer(session, customer_id=customer_id, **changes, actor=actor, now=now)
    return CustomerPublic.model_validate(customer)
