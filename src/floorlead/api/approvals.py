"""Approval requests and decisions, and the limits that route them.

/api/approvals and /api/approval-limits.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.paging import PageDep
from floorlead.org import approval_queries, approvals, limits
from floorlead.org.approval_queries import WaitingFor
from floorlead.org.model import ApprovalStatus
from floorlead.org.schemas import (
    ApprovalCreate,
    ApprovalDecision,
    ApprovalLimitPublic,
    ApprovalLimitSet,
    ApprovalPage,
    ApprovalPublic,
)

router = APIRouter(tags=["approvals"])


@router.get("/approvals")
def list_approvals(
    session: SessionDep,
    actor: ActorDep,
    params: PageDep,
    waiting_for: Annotated[
        WaitingFor | None,
        Query(description="me: pending and routed to you; team: pending in your reporting line"),
    ] = None,
    status: ApprovalStatus | None = None,
) -> ApprovalPage:
    return approval_queries.approvals_page(
        session, actor=actor, params=params, waiting_for=waiting_for, status=status
    )


@router.post("/approvals", status_code=201)
def request_approval(
    body: ApprovalCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ApprovalPublic:
    """Route a request up your reporting chain; within your own limit it is approved at once."""
    request = approvals.request_approval(session, data=body, actor=actor, now=now)
    return approval_queries.to_public(session, [request])[0]


@router.get("/approvals/{request_id}")
def get_approval(request_id: int, session: SessionDep, actor: ActorDep) -> ApprovalPublic:
    return approval_queries.approval_detail(session, actor=actor, request_id=request_id)


@router.post("/approvals/{request_id}/decision")
def decide_approval(
    request_id: int, body: ApprovalDecision, session: SessionDep, actor: ActorDep, now: NowDep
) -> ApprovalPublic:
    request = approvals.decide_approval(
        session,
        request_id=request_id,
        decision=body.decision,
        comment=body.comment,
        actor=actor,
        now=now,
    )
    return approval_queries.to_public(session, [request])[0]


@router.get("/approval-limits")
def list_limits(
    session: SessionDep, actor: ActorDep, approval_type: str | None = None
) -> list[ApprovalLimitPublic]:
    return approval_queries.list_approval_limits(session, actor=actor, approval_type=approval_type)


@router.post("/approval-limits", status_code=201)
def set_limit(
    body: ApprovalLimitSet, response: Response, session: SessionDep, actor: ActorDep, now: NowDep
) -> ApprovalLimitPublic:
    """Create (201) or replace (200) the limit of a role, or of one person."""
    row, created = limits.set_approval_limit(session, data=body, actor=actor, now=now)
    if not created:
        response.status_code = 200
    found = approval_queries.list_approval_limits(
        session, actor=actor, approval_type=row.approval_type
    )
    return next(limit for limit in found if limit.id == row.id)


@router.delete("/approval-limits/{limit_id}", status_code=204)
def remove_limit(limit_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> None:
    limits.remove_approval_limit(session, limit_id=limit_id, actor=actor, now=now)
