"""The read side of approvals: requests waiting for someone, and the limits in force.

Who sees which requests: an admin sees all; anyone else sees the requests they made, those
routed to or decided by them, and those made by the people they manage.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound, PermissionDenied
from floorlead.org.directory import person_names
from floorlead.org.model import ApprovalStatus, Role
from floorlead.org.queries import order_by
from floorlead.org.schemas import ApprovalLimitPublic, ApprovalPage, ApprovalPublic
from floorlead.org.tables import ApprovalLimit, ApprovalRequest
from floorlead.paging import PageParams

APPROVAL_SORTS = {
    "created_at": ApprovalRequest.created_at,
    "amount": ApprovalRequest.amount,
    "status": ApprovalRequest.status,
    "id": ApprovalRequest.id,
}


class WaitingFor(StrEnum):
    ME = "me"  # pending and routed to the actor
    TEAM = "team"  # pending and requested by, or routed to, someone the actor manages


def _visible(actor: Actor) -> ColumnElement[bool] | None:
    if actor.is_admin:
        return None
    me = actor.person_id
    return or_(
        ApprovalRequest.requester_id == me,
        ApprovalRequest.approver_id == me,
        ApprovalRequest.decided_by_id == me,
        ApprovalRequest.requester_id.in_(actor.person_ids or ()),
    )


def _waiting(actor: Actor, waiting_for: WaitingFor) -> ColumnElement[bool]:
    pending = ApprovalRequest.status == ApprovalStatus.PENDING.value
    if waiting_for is WaitingFor.ME:
        return pending & (ApprovalRequest.approver_id == actor.person_id)
    if actor.is_admin:
        return pending
    managed = set(actor.person_ids or ())
    return pending & or_(
        ApprovalRequest.approver_id.in_(managed | {actor.person_id}),
        ApprovalRequest.requester_id.in_(managed),
    )


def to_public(session: Session, requests: Sequence[ApprovalRequest]) -> list[ApprovalPublic]:
    ids = {r.requester_id for r in requests} | {r.approver_id or 0 for r in requests}
    names = person_names(session, ids)
    return [
        ApprovalPublic(
            id=r.id,
            approval_type=r.approval_type,
            amount=r.amount,
            ticket_id=r.ticket_id,
            reason=r.reason,
            requester_id=r.requester_id,
            requester_name=names.get(r.requester_id, ""),
            approver_id=r.approver_id,
            approver_name=names.get(r.approver_id) if r.approver_id else None,
            status=ApprovalStatus(r.status),
            # Nobody decides their own request, so only an automatic approval has the
            # requester as the decider.
            auto_approved=r.decided_by_id == r.requester_id,
            decided_by_id=r.decided_by_id,
            decided_at=r.decided_at,
            decision_comment=r.decision_comment,
            created_at=r.created_at,
        )
        for r in requests
    ]


def approvals_page(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    waiting_for: WaitingFor | None = None,
    status: ApprovalStatus | None = None,
) -> ApprovalPage:
    """Requests the actor may see, newest first unless ``params.sort`` says otherwise."""
    require(actor, Action.REQUEST_APPROVAL, scoped=False)
    query = select(ApprovalRequest)
    visible = _visible(actor)
    if visible is not None:
        query = query.where(visible)
    if waiting_for is not None:
        query = query.where(_waiting(actor, waiting_for))
    if status is not None:
        query = query.where(ApprovalRequest.status == status.value)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    default = [ApprovalRequest.created_at.desc(), ApprovalRequest.id.desc()]
    rows = session.scalars(
        query.order_by(*order_by(params.sort, APPROVAL_SORTS, default))
        .offset(params.offset)
        .limit(params.per_page)
    ).all()
    items = to_public(session, rows)
    return ApprovalPage(items=items, total=total, page=params.page, per_page=params.per_page)


def approval_detail(session: Session, *, actor: Actor, request_id: int) -> ApprovalPublic:
    request = session.get(ApprovalRequest, request_id)
    if request is None:
        raise NotFound(f"no approval request with id {request_id}", field="request_id")
    visible = _visible(actor)
    if (
        visible is not None
        and session.scalar(
            select(ApprovalRequest.id).where(ApprovalRequest.id == request_id, visible)
        )
        is None
    ):
        raise PermissionDenied("this approval request is outside your reporting line")
    return to_public(session, [request])[0]


def list_approval_limits(
    session: Session, *, actor: Actor, approval_type: str | None = None
) -> list[ApprovalLimitPublic]:
    """Limits by type, role limits (ascending rank) before personal ones."""
    require(actor, Action.REQUEST_APPROVAL, scoped=False)
    query = select(ApprovalLimit)
    if approval_type:
        query = query.where(ApprovalLimit.approval_type == approval_type.strip().lower())
    rows = session.scalars(query).all()
    names = person_names(session, (row.person_id for row in rows))

    def rank(row: ApprovalLimit) -> tuple[str, int, str, int]:
        role_rank = Role(row.role).rank if row.role else 99
        return (row.approval_type, role_rank, names.get(row.person_id or 0, ""), row.id)

    return [
        ApprovalLimitPublic(
            id=row.id,
            approval_type=row.approval_type,
            role=Role(row.role) if row.role else None,
            person_id=row.person_id,
            person_name=names.get(row.person_id) if row.person_id else None,
            max_amount=row.max_amount,
        )
        for row in sorted(rows, key=rank)
    ]
