from decimal import Decimal

import pytest

from floorlead.errors import RuleViolation
from floorlead.org.authority import (
    ApprovalAboveAuthority,
    ChainLink,
    Limit,
    approver_for,
    default_approval_limits,
    limit_for,
    may_decide,
    may_set_limit,
    normalise_approval_type,
)
from floorlead.org.model import Role

AVA = ChainLink(1, Role.AGENT, "Ava Agent")
LEE = ChainLink(2, Role.TEAM_LEAD, "Lee Lead")
SAM = ChainLink(3, Role.SUPERVISOR, "Sam Supervisor")
MAX = ChainLink(4, Role.MANAGER, "Max Manager")
ADA = ChainLink(9, Role.ADMIN, "Ada Admin")
CHAIN = [AVA, LEE, SAM, MAX]
DEFAULTS = default_approval_limits()


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("80", AVA),
        ("100", AVA),
        ("100.01", LEE),
        ("500", LEE),
        ("700", SAM),
        ("1000", SAM),
        ("5000", MAX),
        ("10000", MAX),
    ],
)
def test_refund_goes_to_the_first_person_in_the_chain_whose_limit_covers_it(
    amount: str, expected: ChainLink
) -> None:
    approver = approver_for(
        approval_type="refund", amount=Decimal(amount), chain=CHAIN, limits=DEFAULTS
    )

    assert approver == expected


def test_amount_above_everyone_names_the_amount_and_the_highest_limit() -> None:
    with pytest.raises(ApprovalAboveAuthority) as refused:
        approver_for(approval_type="refund", amount=Decimal("12500"), chain=CHAIN, limits=DEFAULTS)

    assert refused.value.highest_limit == Decimal(10_000)
    assert refused.value.field == "amount"
    assert "12,500.00" in refused.value.message
    assert "10,000.00" in refused.value.message


def test_a_type_without_limits_is_refused_for_everyone() -> None:
    with pytest.raises(ApprovalAboveAuthority, match="nobody in the reporting chain"):
        approver_for(approval_type="voucher", amount=Decimal(1), chain=CHAIN, limits=DEFAULTS)


def test_a_personal_limit_overrides_the_role_limit_in_both_directions() -> None:
    limits = [
        *DEFAULTS,
        Limit("refund", Decimal(50), person_id=LEE.person_id),
        Limit("refund", Decimal(400), person_id=AVA.person_id),
    ]

    assert limit_for(LEE, "refund", limits) == Decimal(50)
    assert (
        approver_for(approval_type="refund", amount=Decimal(300), chain=CHAIN, limits=limits) == AVA
    )
    assert (
        approver_for(approval_type="refund", amount=Decimal(450), chain=CHAIN, limits=limits) == SAM
    )


def test_a_personal_limit_of_another_type_does_not_apply() -> None:
    limits = [*DEFAULTS, Limit("credit", Decimal(5000), person_id=AVA.person_id)]

    assert limit_for(AVA, "refund", limits) == Decimal(100)


def test_someone_without_a_limit_is_passed_over() -> None:
    limits = [Limit("refund", Decimal(800), role=Role.SUPERVISOR)]

    approver = approver_for(approval_type="refund", amount=Decimal(10), chain=CHAIN, limits=limits)

    assert approver == SAM


def test_an_empty_chain_is_refused() -> None:
    with pytest.raises(RuleViolation, match="requester"):
        approver_for(approval_type="refund", amount=Decimal(1), chain=[], limits=DEFAULTS)


@pytest.mark.parametrize(
    ("decider", "approver", "amount", "allowed"),
    [
        (LEE, LEE, "300", True),  # the routed approver
        (SAM, LEE, "300", True),  # above the approver, limit 1,000 covers it
        (MAX, LEE, "300", True),
        (SAM, LEE, "5000", False),  # above, but 5,000 is beyond a supervisor's 1,000
        (MAX, SAM, "5000", True),
        (LEE, SAM, "300", False),  # below the routed approver
        (AVA, LEE, "50", False),  # the requester never decides their own request
        (ADA, LEE, "300", True),  # an admin outside the chain
        (ChainLink(7, Role.MANAGER), LEE, "300", False),  # a manager outside the chain
        (SAM, 42, "300", True),  # approver left the chain: anyone above the requester who covers
    ],
)
def test_who_may_decide_a_request(
    decider: ChainLink, approver: ChainLink | int, amount: str, allowed: bool
) -> None:
    approver_id = approver if isinstance(approver, int) else approver.person_id

    result = may_decide(
        decider=decider,
        approver_id=approver_id,
        chain=CHAIN,
        approval_type="refund",
        amount=Decimal(amount),
        limits=DEFAULTS,
    )

    assert result is allowed


def test_an_admin_may_not_decide_their_own_request() -> None:
    chain = [ADA]

    allowed = may_decide(
        decider=ADA,
        approver_id=None,
        chain=chain,
        approval_type="refund",
        amount=Decimal(5),
        limits=DEFAULTS,
    )

    assert allowed is False


@pytest.mark.parametrize(
    ("actor", "actor_limit", "target", "is_self", "amount", "allowed"),
    [
        (MAX, "10000", Role.SUPERVISOR, False, "2000", True),
        (MAX, "10000", Role.SUPERVISOR, False, "10000", True),
        (MAX, "10000", Role.SUPERVISOR, False, "10000.01", False),  # above their own limit
        (MAX, "10000", Role.MANAGER, False, "100", False),  # their own rank
        (MAX, "10000", Role.ADMIN, False, "100", False),
        (MAX, "10000", Role.AGENT, True, "100", False),  # never themselves
        (MAX, None, Role.AGENT, False, "1", False),  # no limit of their own for the type
        (ADA, None, Role.ADMIN, True, "5000000", True),
    ],
)
def test_who_may_set_a_limit(
    actor: ChainLink,
    actor_limit: str | None,
    target: Role,
    is_self: bool,
    amount: str,
    allowed: bool,
) -> None:
    result = may_set_limit(
        actor=actor,
        actor_limit=Decimal(actor_limit) if actor_limit else None,
        target_role=target,
        target_is_actor=is_self,
        max_amount=Decimal(amount),
    )

    assert result is allowed


def test_default_limits_cover_every_role_for_refund_credit_and_goodwill_rising_with_rank() -> None:
    for approval_type in ("refund", "credit", "goodwill"):
        by_role = {
            limit.role: limit.max_amount
            for limit in DEFAULTS
            if limit.approval_type == approval_type
        }
        amounts = [by_role[role] for role in sorted(Role, key=lambda role: role.rank)]

        assert set(by_role) == set(Role)
        assert amounts == sorted(amounts)
        assert len(set(amounts)) == len(amounts)


def test_default_refund_limits_are_the_documented_ones() -> None:
    refund = {limit.role: limit.max_amount for limit in DEFAULTS if limit.approval_type == "refund"}

    assert refund == {
        Role.AGENT: Decimal(100),
        Role.SENIOR_AGENT: Decimal(250),
        Role.TEAM_LEAD: Decimal(500),
        Role.SUPERVISOR: Decimal(1_000),
        Role.MANAGER: Decimal(10_000),
        Role.ADMIN: Decimal(1_000_000),
    }


@pytest.mark.parametrize(
    ("raw", "expected"), [(" Refund ", "refund"), ("goodwill_gesture", "goodwill_gesture")]
)
def test_approval_types_are_lower_case_identifiers(raw: str, expected: str) -> None:
    assert normalise_approval_type(raw) == expected


@pytest.mark.parametrize("raw", ["", "x", "1refund", "re fund", "refund!", "a" * 41])
def test_malformed_approval_types_are_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        normalise_approval_type(raw)

    assert refused.value.field == "approval_type"


def test_a_limit_is_for_a_role_or_a_person_not_both_and_never_negative() -> None:
    with pytest.raises(RuleViolation, match="not both"):
        Limit("refund", Decimal(1), role=Role.AGENT, person_id=1)
    with pytest.raises(RuleViolation, match="not both"):
        Limit("refund", Decimal(1))
    with pytest.raises(RuleViolation, match="negative"):
        Limit("refund", Decimal(-1), role=Role.AGENT)
