"""Escalating tickets: by hand with a reason, or by the escalation rules over all open work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.org.model import TeamKind
from floorlead.org.tables import Team
from floorlead.tickets import inputs
from floorlead.tickets.assignment import move_team
from floorlead.tickets.clocks import clocks_by_ticket
from floorlead.tickets.escalation import (
    EscalationDecision,
    RuleValue,
    TicketState,
    escalations_due,
    next_tier,
)
from floorlead.tickets.history import (
    append_event,
    audit_ticket,
    event_time,
    load_ticket,
    one_transaction,
    require_on,
)
from floorlead.tickets.model import EscalationCondition, EventKind, Status, Tier, Via
from floorlead.tickets.tables import EscalationRule, Ticket, TicketEvent

RESOLVED = (Status.SOLVED.value, Status.CLOSED.value)


@one_transaction
def escalate_ticket(
    session: Session,
    *,
    ticket_id: int,
    reason: str,
    actor: Actor,
    now: datetime,
    to_tier: str | None = None,
    department_team_id: int | None = None,
    version: int | None = None,
    occurred_at: datetime | None = None,
) -> TicketEvent:
    """Raise the ticket's tier (to the next one unless ``to_tier`` says which).

    Escalating to ``department`` hands the ticket to a department team, named by
    ``department_team_id``.
    """
    ticket = load_ticket(session, ticket_id, version=version)
    require_on(actor, Action.ESCALATE_TICKET, ticket)
    why = inputs.text(reason, "reason", max_length=2000, required=True)
    if not Status(ticket.status).is_unresolved:
        raise RuleViolation(f"ticket {ticket.id} is {ticket.status}", field="status")
    current = Tier(ticket.escalation_tier)
    target = inputs.choice(Tier, to_tier or next_tier(current), "to_tier")
    if target.level <= current.level:
        raise RuleViolation(
            f"ticket {ticket.id} is at tier {current.value}; escalation only goes up",
            field="to_tier",
        )
    department = _department(session, target, department_team_id)
    before = snapshot(ticket)
    when = event_time(session, ticket, occurred_at, now=now)
    row = raise_tier(
        session, ticket, target, reason=why, when=when, now=now, actor_id=actor.person_id
    )
    if department is not None:
        move_team(
            session, ticket, department, note=why, when=when, now=now, actor_id=actor.person_id
        )
    audit_ticket(session, ticket, before=before, actor_id=actor.person_id, now=now, event_row=row)
    return row


def run_escalation_rules(
    session: Session, *, actor: Actor, now: datetime
) -> list[EscalationDecision]:
    """Run the rules now on someone's request (they need to manage service rules)."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    return apply_escalation_rules(session, now=now)


@one_transaction
def apply_escalation_rules(session: Session, *, now: datetime) -> list[EscalationDecision]:
    """Escalate every unresolved ticket a rule fires for; returns what was done."""
    rules = [
        RuleValue(rule.id, rule.name, rule.condition, rule.threshold, rule.target_tier)
        for rule in session.scalars(
            select(EscalationRule)
            .where(EscalationRule.active.is_(True))
            .order_by(EscalationRule.id)
        )
    ]
    if not rules:
        return []
    tickets = session.scalars(
        select(Ticket)
        .where(Ticket.status.not_in(RESOLVED), Ticket.escalation_tier != Tier.DEPARTMENT.value)
        .order_by(Ticket.id)
    ).all()
    needs_clocks = any(r.condition == EscalationCondition.RESOLUTION_BREACH_WITHIN for r in rules)
    clocks = clocks_by_ticket(session, tickets, now=now) if needs_clocks else {}
    waiting_since = unassigned_since(session, [t.id for t in tickets if t.assignee_id is None])
    decisions: list[EscalationDecision] = []
    for ticket in tickets:
        state = ticket_state(ticket, waiting_since.get(ticket.id))
        for decision in escalations_due(rules, state, clocks.get(ticket.id, []), now):
            _apply(session, ticket, decision, now=now)
            decisions.append(decision)
    return decisions


def ticket_state(ticket: Ticket, unassigned_at: datetime | None) -> TicketState:
    return TicketState(
        id=ticket.id,
        status=ticket.status,
        priority=ticket.priority,
        tier=ticket.escalation_tier,
        assignee_id=ticket.assignee_id,
        reopen_count=ticket.reopen_count,
        created_at=ticket.created_at,
        unassigned_since=unassigned_at if ticket.assignee_id is None else None,
    )


def unassigned_since(session: Session, ticket_ids: Sequence[int]) -> dict[int, datetime]:
    """For unassigned tickets, when their last assignee was taken off (absent: never had one)."""
    if not ticket_ids:
        return {}
    rows = session.execute(
        select(TicketEvent.ticket_id, func.max(TicketEvent.occurred_at))
        .where(TicketEvent.ticket_id.in_(ticket_ids), TicketEvent.kind == EventKind.ASSIGNED)
        .group_by(TicketEvent.ticket_id)
    ).all()
    return dict(rows)


def raise_tier(
    session: Session,
    ticket: Ticket,
    target: Tier,
    *,
    reason: str,
    when: datetime,
    now: datetime,
    actor_id: int | None,
    via: Via = Via.AGENT,
    rule_id: int | None = None,
) -> TicketEvent:
    previous, ticket.escalation_tier = ticket.escalation_tier, target.value
    return append_event(
        session,
        ticket,
        kind=EventKind.ESCALATION,
        occurred_at=when,
        now=now,
        via=via,
        actor_id=actor_id,
        from_value=previous,
        to_value=target.value,
        body=reason,
        data={} if rule_id is None else {"rule_id": rule_id},
    )


def _apply(
    session: Session, ticket: Ticket, decision: EscalationDecision, *, now: datetime
) -> None:
    before = snapshot(ticket)
    row = raise_tier(
        session,
        ticket,
        Tier(decision.to_tier),
        reason=decision.reason,
        when=now,
        now=now,
        actor_id=None,
        via=Via.SYSTEM,
        rule_id=decision.rule_id,
    )
    audit_ticket(session, ticket, before=before, actor_id=None, now=now, event_row=row)


def _department(session: Session, target: Tier, team_id: int | None) -> Team | None:
    if target is not Tier.DEPARTMENT:
        if team_id is not None:
            raise RuleViolation(
                "department_team_id applies to escalations to department only",
                field="department_team_id",
            )
        return None
    if team_id is None:
        raise RuleViolation(
            "escalating to department needs the department team to hand the ticket to",
            field="department_team_id",
        )
    team = session.get(Team, team_id)
    if team is None or team.kind != TeamKind.DEPARTMENT:
        raise RuleViolation(f"team {team_id} is not a department", field="department_team_id")
    return team
