"""Demo customers: individuals and staff of client organisations, in three tiers.

The first organisations are enterprise clients, the next ones premium, the rest standard. A few
customers contact support often and most rarely: ``contact_weight`` gives each customer's share
of the tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from floorlead.demo.names import FIRST_NAMES, LAST_NAMES, ORGANISATIONS, email_slug
from floorlead.tickets.model import CustomerTier

ENTERPRISE_ORGANISATIONS = 10
PREMIUM_ORGANISATIONS = 15
ORGANISATION_SHARE = 0.35
PREMIUM_INDIVIDUAL_SHARE = 0.1
INDIVIDUAL_DOMAINS = ("example.com", "example.org", "example.net")
TIER_CONTACT_WEIGHT = {
    CustomerTier.STANDARD: 1.0,
    CustomerTier.PREMIUM: 1.4,
    CustomerTier.ENTERPRISE: 2.0,
}


@dataclass(frozen=True)
class CustomerSpec:
    id: int
    name: str
    email: str
    organisation: str
    tier: CustomerTier
    created_at: datetime


@dataclass(frozen=True)
class Customers:
    customers: tuple[CustomerSpec, ...]
    contact_weight: np.ndarray

    @property
    def tiers(self) -> list[str]:
        return [customer.tier.value for customer in self.customers]


def organisation_tier(index: int) -> CustomerTier:
    if index < ENTERPRISE_ORGANISATIONS:
        return CustomerTier.ENTERPRISE
    if index < ENTERPRISE_ORGANISATIONS + PREMIUM_ORGANISATIONS:
        return CustomerTier.PREMIUM
    return CustomerTier.STANDARD


def build_customers(count: int, start: datetime, rng: np.random.Generator) -> Customers:
    first = rng.integers(0, len(FIRST_NAMES), count).tolist()
    last = rng.integers(0, len(LAST_NAMES), count).tolist()
    in_organisation = (rng.random(count) < ORGANISATION_SHARE).tolist()
    organisation = rng.integers(0, len(ORGANISATIONS), count).tolist()
    premium = (rng.random(count) < PREMIUM_INDIVIDUAL_SHARE).tolist()
    domain = rng.integers(0, len(INDIVIDUAL_DOMAINS), count).tolist()
    age_days = rng.integers(1, 1500, count).tolist()
    customers = []
    for n in range(count):
        given, family = FIRST_NAMES[first[n]], LAST_NAMES[last[n]]
        local = f"{email_slug(given)}.{email_slug(family)}{n + 1}"
        if in_organisation[n]:
            company = ORGANISATIONS[organisation[n]]
            tier, host = organisation_tier(organisation[n]), f"{email_slug(company)}.example.com"
        else:
            company, host = "", INDIVIDUAL_DOMAINS[domain[n]]
            tier = CustomerTier.PREMIUM if premium[n] else CustomerTier.STANDARD
        customers.append(
            CustomerSpec(
                id=n + 1,
                name=f"{given} {family}",
                email=f"{local}@{host}",
                organisation=company,
                tier=tier,
                created_at=start - timedelta(days=age_days[n]),
            )
        )
    activity = rng.lognormal(0.0, 1.0, count)
    tier_weight = np.array([TIER_CONTACT_WEIGHT[c.tier] for c in customers])
    weight = activity * tier_weight
    return Customers(tuple(customers), weight / weight.sum())
