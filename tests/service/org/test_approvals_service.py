from datetime import date
from decimal import Decimal

import pytest
from org_world import Org, build_org
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.tables import AuditEntry
from floorlead.clock import Clock
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.org.approvals import decide_approval, reporting_chain, request_approval
from floorlead.org.authority import ApprovalAboveAuthority
from floorlead.org.limits import remove_approval_limit, seed_approval_limits, set_approval_limit
from floorlead.org.model import Role
from floorlead.org.schemas import ApprovalCreate, ApprovalLimitSet, Decision
from floorlead.org.tables import ApprovalLimit, ApprovalRequest, Person
from floorlead.storage import make_session_factory

from factories import make_ticket


@pytest.fixture
def org(session: Session) -> Org:
    return build_org(session)


def ask(
    org: Org, clock: Clock, amount: str, *, by: Person | None = None, **extra: object
) -> ApprovalRequest:
    data = ApprovalCreate.model_validate(
        {"approval_type": "refund", "amount": amount, "reason": "Parcel lost", **extra}
    )
    return request_approval(org.session, data=data, actor=org.actor(by or org.ava), now=clock.now())


def test_a_refund_within_the_agents_own_limit_is_approved_at_once(org: Org, clock: Clock) -> None:
    request = ask(org, clock, "80")

    assert request.status == "approved"
    assert request.approver_id == request.decided_by_id == org.ava.id
    assert request.decided_at == clock.now()
    assert "own authority (limit 100.00)" in request.decision_comment


@pytest.mark.parametrize(("amount", "approver"), [("300", "lee"), ("700", "sam"), ("5000", "max")])
def test_a_refund_goes_to_the_first_manager_up_the_chain_whose_limit_covers_it(
    org: Org, clock: Clock, amount: str, approver: str
) -> None:
    request = ask(org, clock, amount)

    assert request.status == "pending"
    assert request.approver_id == getattr(org, approver).id
    assert request.decided_by_id is None


def test_a_refund_above_everyone_in_the_chain_is_refused_clearly(org: Org, clock: Clock) -> None:
    with pytest.raises(ApprovalAboveAuthority) as refused:
        ask(org, clock, "20000")

    assert "20,000.00" in refused.value.message
    assert refused.value.highest_limit == Decimal(10_000)
    assert org.session.scalar(select(ApprovalRequest.id)) is None


def test_an_unknown_approval_type_lists_the_known_ones(org: Org, clock: Clock) -> None:
    with pytest.raises(RuleViolation, match="known types: credit, goodwill, refund") as refused:
        ask(org, clock, "10", approval_type="voucher")

    assert refused.value.field == "approval_type"


def test_people_who_have_left_are_skipped_in_the_chain(org: Org, clock: Clock) -> None:
    org.lee.leave_date = date(2026, 3, 1)
    org.session.commit()

    request = ask(org, clock, "300")

    assert [
        link.person_id for link in reporting_chain(org.session, org.ava.id, on=date(2026, 3, 2))
    ] == [
        org.ava.id,
        org.sam.id,
        org.max.id,
    ]
    assert request.approver_id == org.sam.id


def test_a_personal_limit_overrides_the_role_limit(org: Org, clock: Clock) -> None:
    set_approval_limit(
        org.session,
        data=ApprovalLimitSet(
            approval_type="refund", person_id=org.ava.id, max_amount=Decimal(400)
        ),
        actor=None,
        now=clock.now(),
    )

    assert ask(org, clock, "300").status == "approved"


def test_the_routed_approver_decides_once_and_the_decision_is_audited(
    org: Org, clock: Clock
) -> None:
    request = ask(org, clock, "300")
    lee = org.actor(org.lee)

    decided = decide_approval(
        org.session,
        request_id=request.id,
        decision=Decision.APPROVE,
        comment="ok",
        actor=lee,
        now=clock.now(),
    )
    with pytest.raises(Conflict, match="already approved"):
        decide_approval(
            org.session,
            request_id=request.id,
            decision=Decision.REJECT,
            comment="no",
            actor=lee,
            now=clock.now(),
        )

    assert (decided.status, decided.decided_by_id, decided.decision_comment) == (
        "approved",
        org.lee.id,
        "ok",
    )
    entry = org.session.scalar(select(AuditEntry).where(AuditEntry.action == "approval.decide"))
    assert entry is not None
    assert entry.before is not None and entry.before["status"] == "pending"
    assert entry.after is not None and entry.after["status"] == "approved"


@pytest.mark.parametrize(
    ("decider", "allowed"),
    [("sam", True), ("max", True), ("ada", True), ("sue", False), ("ava", False), ("bo", False)],
)
def test_who_besides_the_routed_approver_may_decide(
    org: Org, clock: Clock, decider: str, allowed: bool
) -> None:
    request = ask(org, clock, "300")
    actor = org.actor(getattr(org, decider))

    def decide() -> ApprovalRequest:
        return decide_approval(
            org.session,
            request_id=request.id,
            decision=Decision.APPROVE,
            comment="",
            actor=actor,
            now=clock.now(),
        )

    if allowed:
        assert decide().status == "approved"
    else:
        with pytest.raises(PermissionDenied):
            decide()


def test_a_supervisor_cannot_take_over_a_request_beyond_their_limit(org: Org, clock: Clock) -> None:
    request = ask(org, clock, "5000")

    with pytest.raises(PermissionDenied, match=r"5,000\.00"):
        decide_approval(
            org.session,
            request_id=request.id,
            decision=Decision.APPROVE,
            comment="",
            actor=org.actor(org.sam),
            now=clock.now(),
        )


def test_a_rejection_needs_a_comment(org: Org, clock: Clock) -> None:
    request = ask(org, clock, "300")

    with pytest.raises(RuleViolation) as refused:
        decide_approval(
            org.session,
            request_id=request.id,
            decision=Decision.REJECT,
            comment=" ",
            actor=org.actor(org.lee),
            now=clock.now(),
        )

    assert refused.value.field == "comment"


def test_a_request_about_a_ticket_must_be_about_one_the_requester_can_see(
    org: Org, clock: Clock
) -> None:
    own = make_ticket(org.session, team_id=org.billing.id)
    other = make_ticket(org.session, team_id=org.returns.id)
    org.session.commit()

    assert ask(org, clock, "300", ticket_id=own.id).ticket_id == own.id
    with pytest.raises(PermissionDenied):
        ask(org, clock, "300", ticket_id=other.id)
    with pytest.raises(NotFound):
        ask(org, clock, "300", ticket_id=999_999)


def test_a_manager_sets_limits_below_their_rank_and_own_limit(org: Org, clock: Clock) -> None:
    max_ = org.actor(org.max)

    def set_limit(role: Role, amount: int) -> tuple[ApprovalLimit, bool]:
        data = ApprovalLimitSet(approval_type="refund", role=role, max_amount=Decimal(amount))
        return set_approval_limit(org.session, data=data, actor=max_, now=clock.now())

    row, created = set_limit(Role.SUPERVISOR, 2000)

    assert (created, row.max_amount) == (False, Decimal(2000))
    with pytest.raises(PermissionDenied):
        set_limit(Role.MANAGER, 20_000)
    with pytest.raises(PermissionDenied):
        set_limit(Role.SUPERVISOR, 10_001)
    with pytest.raises(PermissionDenied):
        set_approval_limit(
            org.session,
            data=ApprovalLimitSet(approval_type="refund", role=Role.AGENT, max_amount=Decimal(1)),
            actor=org.actor(org.sam),
            now=clock.now(),
        )


def test_a_personal_limit_is_created_then_removed(org: Org, clock: Clock) -> None:
    data = ApprovalLimitSet(approval_type="credit", person_id=org.ava.id, max_amount=Decimal(120))

    row, created = set_approval_limit(
        org.session, data=data, actor=org.actor(org.max), now=clock.now()
    )
    remove_approval_limit(org.session, limit_id=row.id, actor=org.actor(org.max), now=clock.now())

    assert created is True
    assert org.session.get(ApprovalLimit, row.id) is None
    actions = list(
        org.session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.entity_id == str(row.id), AuditEntry.entity == "approval_limit"
            )
        )
    )
    assert actions == ["approval_limit.set", "approval_limit.remove"]


def test_a_limit_names_a_role_or_a_person(org: Org, clock: Clock) -> None:
    data = ApprovalLimitSet(approval_type="refund", max_amount=Decimal(1))

    with pytest.raises(RuleViolation, match="either a role or a person_id"):
        set_approval_limit(org.session, data=data, actor=None, now=clock.now())


def test_seeding_the_default_limits_twice_adds_nothing_the_second_time(
    org: Org, clock: Clock
) -> None:
    assert seed_approval_limits(org.session, now=clock.now()) == 0
    assert len(list(org.session.scalars(select(ApprovalLimit)))) == 18


def test_a_request_decided_meanwhile_elsewhere_is_a_conflict(
    org: Org, clock: Clock, engine: Engine
) -> None:
    request = ask(org, clock, "300")  # this session still holds it as pending
    with make_session_factory(engine)() as elsewhere:
        decide_approval(
            elsewhere,
            request_id=request.id,
            decision=Decision.APPROVE,
            comment="",
            actor=load_actor(elsewhere, org.lee.id),
            now=clock.now(),
        )

    with pytest.raises(Conflict, match="decided meanwhile"):
        decide_approval(
            org.session,
            request_id=request.id,
            decision=Decision.REJECT,
            comment="no",
            actor=org.actor(org.sam),
            now=clock.now(),
        )

    org.session.expire_all()
    stored = org.session.get(ApprovalRequest, request.id)
    assert stored is not None and (stored.status, stored.decided_by_id) == ("approved", org.lee.id)
