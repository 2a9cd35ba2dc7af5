"""Approval authority: who may approve how much, and where a request goes.

A request climbs the requester's reporting chain (the requester, their manager, the
manager's manager, …) and stops at the first person whose limit for the approval type covers
the amount. A limit set for one person overrides the limit of their role. No SQLAlchemy here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from floorlead.errors import RuleViolation
from floorlead.org.model import Role

APPROVAL_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class ChainLink:
    """One person in a reporting chain."""

    person_id: int
    role: Role
    name: str = ""


@dataclass(frozen=True)
class Limit:
    """The most a role, or one person (overriding their role), may approve of one type."""

    approval_type: str
    max_amount: Decimal
    role: Role | None = None
    person_id: int | None = None

    def __post_init__(self) -> None:
        if (self.role is None) == (self.person_id is None):
            raise RuleViolation("a limit applies to a role or to a person, not both", field="role")
        if self.max_amount < 0:
            raise RuleViolation("max_amount must not be negative", field="max_amount")


class ApprovalAboveAuthority(RuleViolation):
    """Nobody in the reporting chain may approve this amount."""

    def __init__(self, *, approval_type: str, amount: Decimal, highest: Decimal | None) -> None:
        if highest is None:
            message = f"nobody in the reporting chain may approve a {approval_type}"
        else:
            message = (
                f"a {approval_type} of {money(amount)} is above the authority of everyone in "
                f"the reporting chain (highest limit {money(highest)})"
            )
        super().__init__(message, field="amount")
        self.amount = amount
        self.highest_limit = highest


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def cents(amount: Decimal, *, field: str = "amount") -> Decimal:
    """An amount of money as stored: not negative, to the cent."""
    if amount < 0:
        raise RuleViolation(f"{field} must not be negative", field=field)
    return amount.quantize(Decimal("0.01"))


def normalise_approval_type(value: str) -> str:
    """Lower-case identifier such as ``refund`` or ``goodwill``."""
    cleaned = value.strip().lower()
    if not APPROVAL_TYPE_PATTERN.match(cleaned):
        raise RuleViolation(
            "approval_type must be 2-40 lower-case letters, digits or underscores, "
            "starting with a letter",
            field="approval_type",
        )
    return cleaned


def limit_for(link: ChainLink, approval_type: str, limits: Sequence[Limit]) -> Decimal | None:
    """The person's own limit for the type if set, else their role's, else None."""
    role_limit: Decimal | None = None
    for limit in limits:
        if limit.approval_type != approval_type:
            continue
        if limit.person_id == link.person_id:
            return limit.max_amount
        if limit.role is link.role:
            role_limit = limit.max_amount
    return role_limit


def covers(link: ChainLink, approval_type: str, amount: Decimal, limits: Sequence[Limit]) -> bool:
    limit = limit_for(link, approval_type, limits)
    return limit is not None and amount <= limit


def approver_for(
    *, approval_type: str, amount: Decimal, chain: Sequence[ChainLink], limits: Sequence[Limit]
) -> ChainLink:
    """The first person in ``chain`` (requester first) whose limit covers ``amount``.

    When that is the requester, the request is within their own authority. Raises
    :class:`ApprovalAboveAuthority` when nobody's limit covers it.
    """
    if not chain:
        raise RuleViolation("a reporting chain starts with the requester", field="requester")
    for link in chain:
        if covers(link, approval_type, amount, limits):
            return link
    found = [limit_for(link, approval_type, limits) for link in chain]
    known = [value for value in found if value is not None]
    raise ApprovalAboveAuthority(
        approval_type=approval_type, amount=amount, highest=max(known) if known else None
    )


def may_decide(
    *,
    decider: ChainLink,
    approver_id: int | None,
    chain: Sequence[ChainLink],
    approval_type: str,
    amount: Decimal,
    limits: Sequence[Limit],
) -> bool:
    """May ``decider`` approve or reject a request routed to ``approver_id``?

    ``chain`` is the requester's current reporting chain (requester first). The routed
    approver may; so may anyone above them in the chain whose limit covers the amount, and
    any admin. Nobody decides their own request.
    """
    if chain and decider.person_id == chain[0].person_id:
        return False
    if decider.role is Role.ADMIN or decider.person_id == approver_id:
        return True
    ids = [link.person_id for link in chain]
    start = ids.index(approver_id) if approver_id in ids else 0
    above = ids[start + 1 :]
    return decider.person_id in above and covers(decider, approval_type, amount, limits)


def may_set_limit(
    *,
    actor: ChainLink,
    actor_limit: Decimal | None,
    target_role: Role,
    target_is_actor: bool,
    max_amount: Decimal,
) -> bool:
    """Limits are set by admins, or by others for roles (and people) below their own rank and
    never above their own limit of that type, so nobody raises their own authority."""
    if actor.role is Role.ADMIN:
        return True
    if target_is_actor or target_role.rank >= actor.role.rank:
        return False
    return actor_limit is not None and max_amount <= actor_limit


def _role_limits(approval_type: str, amounts: Sequence[int]) -> list[Limit]:
    roles = sorted(Role, key=lambda role: role.rank)
    return [
        Limit(approval_type, Decimal(amount), role=role)
        for role, amount in zip(roles, amounts, strict=True)
    ]


def default_approval_limits() -> list[Limit]:
    """Role limits floorlead starts with (agent → admin, in ascending rank)."""
    return [
        *_role_limits("refund", [100, 250, 500, 1_000, 10_000, 1_000_000]),
        *_role_limits("credit", [50, 150, 300, 750, 5_000, 1_000_000]),
        *_role_limits("goodwill", [25, 50, 100, 250, 2_500, 1_000_000]),
    ]
