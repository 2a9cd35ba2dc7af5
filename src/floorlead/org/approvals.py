"""Approval use cases: request, decide, and the limits that route requests.

The rules live in :mod:`floorlead.org.authority`; these functions load the reporting chain
and the limits, call the rule, and write the outcome with an audit entry.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.notifications import MailKind, dedupe_key, queue_email
from floorlead.org import authority
from floorlead.org.authority import ChainLink, Limit
from floorlead.org.model import ApprovalStatus, Role
from floorlead.org.schemas import ApprovalCreate, Decision
from floorlead.org.service import audit, get_person
from floorlead.org.tables import ApprovalLimit, ApprovalRequest
from floorlead.tickets.tables import Ticket

AUTO_APPROVED_NOTE = "within the requester's own authority"


def reporting_chain(session: Session, person_id: int, *, on: date) -> list[ChainLink]:
    """The person, then their manager, the manager's manager, … (people who left skipped)."""
    person = get_person(session, person_id)
    chain = [ChainLink(person.id, Role(person.role), person.name)]
    seen = {person.id}
    manager_id = person.manager_id
    while manager_id is not None and manager_id not in seen:
        manager = get_person(session, manager_id)
        seen.add(manager.id)
        if manager.is_active_on(on):
            chain.append(ChainLink(manager.id, Role(manager.role), manager.name))
        manager_id = manager.manager_id
    return chain


def load_limits(session: Session, approval_type: str) -> list[Limit]:
    rows = session.scalars(
        select(ApprovalLimit).where(ApprovalLimit.approval_type == approval_type)
    )
    return [
        Limit(
            row.approval_type,
            row.max_amount,
            role=Role(row.role) if row.role else None,
            person_id=row.person_id,
        )
        for row in rows
    ]


def _limits_for_type(session: Session, approval_type: str) -> list[Limit]:
    limits = load_limits(session, approval_type)
    if not limits:
        known = sorted(set(session.scalars(select(ApprovalLimit.approval_type))))
        raise RuleViolation(
            f"no approval limits exist for {approval_type!r}; known types: "
            + (", ".join(known) or "none"),
            field="approval_type",
        )
    return limits


def _check_ticket(session: Session, actor: Actor, ticket_id: int | None) -> None:
    if ticket_id is None:
        return
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket with id {ticket_id}", field="ticket_id")
    require(actor, Action.VIEW_TICKET, team_id=ticket.team_id, person_id=ticket.assignee_id)


def _new_request(
    data: ApprovalCreate, *, approval_type: str, actor: Actor, now: datetime
) -> ApprovalRequest:
    amount = authority.cents(data.amount)
    if amount == 0:
        raise RuleViolation("amount must be more than zero", field="amount")
    reason = data.reason.strip()
    if not reason:
        raise RuleViolation("reason must not be empty", field="reason")
    return ApprovalRequest(
        approval_type=approval_type,
        amount=amount,
        ticket_id=data.ticket_id,
        reason=reason,
        requester_id=actor.person_id,
        status=ApprovalStatus.PENDING.value,
        decision_comment="",
        created_at=now,
    )


def request_approval(
    session: Session, *, data: ApprovalCreate, actor: Actor, now: datetime
) -> ApprovalRequest:
    """Route the request up the actor's reporting chain.

    When the requester's own limit covers the amount it is approved at once, on their own
    authority (``decided_by_id`` is the requester and the comment says so).
    """
    require(actor, Action.REQUEST_APPROVAL, scoped=False)
    approval_type = authority.normalise_approval_type(data.approval_type)
    request = _new_request(data, approval_type=approval_type, actor=actor, now=now)
    _check_ticket(session, actor, data.ticket_id)
    limits = _limits_for_type(session, approval_type)
    chain = reporting_chain(session, actor.person_id, on=now.date())
    approver = authority.approver_for(
        approval_type=approval_type, amount=request.amount, chain=chain, limits=limits
    )
    request.approver_id = approver.person_id
    if approver.person_id == actor.person_id:
        own = authority.limit_for(approver, approval_type, limits) or Decimal(0)
        request.status = ApprovalStatus.APPROVED.value
        request.decided_by_id = actor.person_id
        request.decided_at = now
        request.decision_comment = f"{AUTO_APPROVED_NOTE} (limit {authority.money(own)})"
    session.add(request)
    session.flush()
    if request.status == ApprovalStatus.PENDING.value:
        _mail_approver(session, request, approver.person_id, actor, now)
    audit(
        session,
        actor=actor,
        action="approval.request",
        entity="approval_request",
        entity_id=request.id,
        before=None,
        after=snapshot(request),
        now=now,
    )
    session.commit()
    return request


def _mail_approver(
    session: Session, request: ApprovalRequest, approver_id: int, actor: Actor, now: datetime
) -> None:
    """E-mail the approver the request was routed to (sent after this transaction commits)."""
    what = f"{request.approval_type} of {authority.money(request.amount)}"
    ticket = f" (ticket #{request.ticket_id})" if request.ticket_id else ""
    queue_email(
        session,
        person_id=approver_id,
        kind=MailKind.APPROVAL_REQUEST,
        subject=f"Approval needed: {what} for {actor.name}",
        body=f"{actor.name} asks you to approve a {what}{ticket}.\n"
        f"Reason: {request.reason}\nApprove or reject it on your home page.",
        link="/",
        dedupe_key=dedupe_key(MailKind.APPROVAL_REQUEST, request.id),
        now=now,
    )


def _check_decider(session: Session, request: ApprovalRequest, actor: Actor, on: date) -> None:
    chain = reporting_chain(session, request.requester_id, on=on)
    allowed = authority.may_decide(
        decider=ChainLink(actor.person_id, actor.role, actor.name),
        approver_id=request.approver_id,
        chain=chain,
        approval_type=request.approval_type,
        amount=request.amount,
        limits=load_limits(session, request.approval_type),
    )
    if not allowed:
        raise PermissionDenied(
            "only the routed approver, someone above them whose limit covers "
            f"{authority.money(request.amount)}, or an admin may decide this request"
        )


def _record_decision(
    session: Session,
    request: ApprovalRequest,
    *,
    decision: Decision,
    comment: str,
    actor: Actor,
    now: datetime,
) -> None:
    """Write the decision unless someone else decided the request in the meantime."""
    status = ApprovalStatus.APPROVED if decision is Decision.APPROVE else ApprovalStatus.REJECTED
    still_pending = ApprovalRequest.status == ApprovalStatus.PENDING.value
    changed = session.execute(
        update(ApprovalRequest)
        .where(ApprovalRequest.id == request.id, still_pending)
        .values(
            status=status.value,
            decided_by_id=actor.person_id,
            decided_at=now,
            decision_comment=comment.strip(),
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        session.rollback()
        raise Conflict(f"approval request {request.id} was decided meanwhile")
    session.refresh(request)


def decide_approval(
    session: Session,
    *,
    request_id: int,
    decision: Decision,
    comment: str,
    actor: Actor,
    now: datetime,
) -> ApprovalRequest:
    """Approve or reject a pending request; a rejection needs a comment."""
    require(actor, Action.DECIDE_APPROVAL, scoped=False)
    request = session.get(ApprovalRequest, request_id)
    if request is None:
        raise NotFound(f"no approval request with id {request_id}", field="request_id")
    if request.status != ApprovalStatus.PENDING.value:
        raise Conflict(f"approval request {request.id} is already {request.status}")
    _check_decider(session, request, actor, now.date())
    if decision is Decision.REJECT and not comment.strip():
        raise RuleViolation("say why the request is rejected", field="comment")
    before = snapshot(request)
    _record_decision(session, request, decision=decision, comment=comment, actor=actor, now=now)
    audit(
        session,
        actor=actor,
        action="approval.decide",
        entity="approval_request",
        entity_id=request.id,
        before=before,
        after=snapshot(request),
        now=now,
    )
    session.commit()
    return request
