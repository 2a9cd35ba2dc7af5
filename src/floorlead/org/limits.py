"""Approval-limit use cases: set, remove, and seed the defaults."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import NotFound, PermissionDenied, RuleViolation
from floorlead.org import authority
from floorlead.org.approvals import load_limits
from floorlead.org.authority import ChainLink, Limit
from floorlead.org.model import Role
from floorlead.org.schemas import ApprovalLimitSet
from floorlead.org.service import audit, authorise, get_person
from floorlead.org.tables import ApprovalLimit


def _check_may_set(
    session: Session,
    actor: Actor | None,
    *,
    approval_type: str,
    target_role: Role,
    target_person_id: int | None,
    max_amount: Decimal,
) -> None:
    if actor is None:
        return
    me = ChainLink(actor.person_id, actor.role, actor.name)
    allowed = authority.may_set_limit(
        actor=me,
        actor_limit=authority.limit_for(me, approval_type, load_limits(session, approval_type)),
        target_role=target_role,
        target_is_actor=target_person_id == actor.person_id,
        max_amount=max_amount,
    )
    if not allowed:
        raise PermissionDenied(
            f"a {actor.role.value} may set limits only for roles and people ranked below "
            f"them, and no higher than their own {approval_type} limit",
            field="max_amount",
        )


def _target_role(
    session: Session, actor: Actor | None, role: Role | None, person_id: int | None
) -> Role:
    if (role is None) == (person_id is None):
        raise RuleViolation("give either a role or a person_id", field="role")
    if role is not None:
        return role
    assert person_id is not None
    person = get_person(session, person_id)
    authorise(actor, Action.MANAGE_APPROVAL_LIMITS, person_id=person.id)
    return Role(person.role)


def _find_limit(
    session: Session, approval_type: str, role: Role | None, person_id: int | None
) -> ApprovalLimit | None:
    query = select(ApprovalLimit).where(ApprovalLimit.approval_type == approval_type)
    if role is not None:
        query = query.where(ApprovalLimit.role == role.value)
    else:
        query = query.where(ApprovalLimit.person_id == person_id)
    return session.scalar(query)


def set_approval_limit(
    session: Session, *, data: ApprovalLimitSet, actor: Actor | None, now: datetime
) -> tuple[ApprovalLimit, bool]:
    """Create or replace the limit; returns the row and whether it was created."""
    authorise(actor, Action.MANAGE_APPROVAL_LIMITS, scoped=False)
    approval_type = authority.normalise_approval_type(data.approval_type)
    max_amount = authority.cents(data.max_amount, field="max_amount")
    target_role = _target_role(session, actor, data.role, data.person_id)
    _check_may_set(
        session,
        actor,
        approval_type=approval_type,
        target_role=target_role,
        target_person_id=data.person_id,
        max_amount=max_amount,
    )
    row = _find_limit(session, approval_type, data.role, data.person_id)
    before = snapshot(row) if row is not None else None
    if row is None:
        row = ApprovalLimit(
            approval_type=approval_type,
            role=data.role.value if data.role else None,
            person_id=data.person_id,
            max_amount=max_amount,
        )
        session.add(row)
    row.max_amount = max_amount
    session.flush()
    audit(
        session,
        actor=actor,
        action="approval_limit.set",
        entity="approval_limit",
        entity_id=row.id,
        before=before,
        after=snapshot(row),
        now=now,
    )
    session.commit()
    return row, before is None


def remove_approval_limit(
    session: Session, *, limit_id: int, actor: Actor | None, now: datetime
) -> None:
    authorise(actor, Action.MANAGE_APPROVAL_LIMITS, scoped=False)
    row = session.get(ApprovalLimit, limit_id)
    if row is None:
        raise NotFound(f"no approval limit with id {limit_id}", field="limit_id")
    role = Role(row.role) if row.role else None
    target_role = _target_role(session, actor, role, row.person_id)
    _check_may_set(
        session,
        actor,
        approval_type=row.approval_type,
        target_role=target_role,
        target_person_id=row.person_id,
        max_amount=Decimal(0),
    )
    before = snapshot(row)
    session.delete(row)
    audit(
        session,
        actor=actor,
        action="approval_limit.remove",
        entity="approval_limit",
        entity_id=limit_id,
        before=before,
        after=None,
        now=now,
    )
    session.commit()


def seed_approval_limits(
    session: Session, *, now: datetime, limits: Sequence[Limit] | None = None
) -> int:
    """Add the limits that are missing (default: :func:`default_approval_limits`).

    Limits already present are left as they are, so running it again changes nothing.
    Returns the number of limits added.
    """
    existing = set(
        session.execute(
            select(ApprovalLimit.approval_type, ApprovalLimit.role, ApprovalLimit.person_id)
        ).all()
    )
    rows = [
        ApprovalLimit(
            approval_type=limit.approval_type,
            role=limit.role.value if limit.role else None,
            person_id=limit.person_id,
            max_amount=limit.max_amount,
        )
        for limit in (limits if limits is not None else authority.default_approval_limits())
        if (limit.approval_type, limit.role.value if limit.role else None, limit.person_id)
        not in existing
    ]
    session.add_all(rows)
    session.flush()
    for row in rows:
        audit(
            session,
            actor=None,
            action="approval_limit.set",
            entity="approval_limit",
            entity_id=row.id,
            before=None,
            after=snapshot(row),
            now=now,
        )
    session.commit()
    return len(rows)
