"""Escalation rules: the conditions that escalate tickets automatically."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound
from floorlead.tickets.escalation import validate_rule
from floorlead.tickets.history import audit_row, one_transaction, unique_name
from floorlead.tickets.inputs import KEEP, Keep
from floorlead.tickets.tables import EscalationRule


@one_transaction
def create_escalation_rule(
    session: Session,
    *,
    name: str,
    condition: str,
    threshold: int,
    target_tier: str,
    actor: Actor,
    now: datetime,
    active: bool = True,
) -> EscalationRule:
    """A rule: when ``condition`` passes ``threshold``, lift the ticket to ``target_tier``."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    validate_rule(condition=condition, threshold=threshold, target_tier=target_tier)
    rule = EscalationRule(
        name=unique_name(session, EscalationRule, name, None),
        condition=condition,
        threshold=threshold,
        target_tier=target_tier,
        active=active,
        created_at=now,
    )
    session.add(rule)
    _audit(session, rule, before=None, actor=actor, now=now, action="escalation_rule.create")
    return rule


@one_transaction
def update_escalation_rule(
    session: Session,
    *,
    rule_id: int,
    actor: Actor,
    now: datetime,
    name: str | Keep = KEEP,
    condition: str | Keep = KEEP,
    threshold: int | Keep = KEEP,
    target_tier: str | Keep = KEEP,
    active: bool | Keep = KEEP,
) -> EscalationRule:
    """Change the given fields of a rule."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    rule = _rule(session, rule_id)
    before = snapshot(rule)
    new_condition = rule.condition if condition is KEEP else condition
    new_threshold = rule.threshold if threshold is KEEP else threshold
    new_tier = rule.target_tier if target_tier is KEEP else target_tier
    validate_rule(condition=new_condition, threshold=new_threshold, target_tier=new_tier)
    if name is not KEEP:
        rule.name = unique_name(session, EscalationRule, name, rule.id)
    rule.condition, rule.threshold, rule.target_tier = new_condition, new_threshold, new_tier
    if active is not KEEP:
        rule.active = bool(active)
    _audit(session, rule, before=before, actor=actor, now=now, action="escalation_rule.update")
    return rule


@one_transaction
def delete_escalation_rule(session: Session, *, rule_id: int, actor: Actor, now: datetime) -> None:
    """Delete a rule; escalations it made keep its id in their event data."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    rule = _rule(session, rule_id)
    before = snapshot(rule)
    session.delete(rule)
    _audit(session, rule, before=before, actor=actor, now=now, action="escalation_rule.delete")


def _rule(session: Session, rule_id: int) -> EscalationRule:
    rule = session.get(EscalationRule, rule_id)
    if rule is None:
        raise NotFound(f"escalation rule {rule_id} does not exist", field="rule_id")
    return rule


def _audit(
    session: Session,
    rule: EscalationRule,
    *,
    before: dict[str, Any] | None,
    actor: Actor,
    now: datetime,
    action: str,
) -> None:
    audit_row(
        session,
        rule,
        entity="escalation_rule",
        action=action,
        before=before,
        actor_id=actor.person_id,
        now=now,
    )
