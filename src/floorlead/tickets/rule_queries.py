"""The read side of the service rules; any staff member may read them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound
from floorlead.tickets.rule_schemas import CalendarPublic, EscalationRulePublic, SlaPolicyPublic
from floorlead.tickets.tables import BusinessCalendar, EscalationRule, SlaPolicy


def list_sla_policies(session: Session, *, actor: Actor) -> list[SlaPolicyPublic]:
    """Policies in the order they are tried (position, then id)."""
    require(actor, Action.VIEW_TICKET, scoped=False)
    rows = session.scalars(
        select(SlaPolicy)
        .options(selectinload(SlaPolicy.targets))
        .order_by(SlaPolicy.position, SlaPolicy.id)
    )
    return [SlaPolicyPublic.model_validate(row) for row in rows]


def sla_policy_detail(session: Session, *, policy_id: int, actor: Actor) -> SlaPolicyPublic:
    require(actor, Action.VIEW_TICKET, scoped=False)
    row = session.get(SlaPolicy, policy_id)
    if row is None:
        raise NotFound(f"SLA policy {policy_id} does not exist", field="policy_id")
    return SlaPolicyPublic.model_validate(row)


def list_calendars(session: Session, *, actor: Actor) -> list[CalendarPublic]:
    require(actor, Action.VIEW_TICKET, scoped=False)
    rows = session.scalars(
        select(BusinessCalendar)
        .options(selectinload(BusinessCalendar.holidays))
        .order_by(BusinessCalendar.name)
    )
    return [CalendarPublic.model_validate(row) for row in rows]


def calendar_detail(session: Session, *, calendar_id: int, actor: Actor) -> CalendarPublic:
    require(actor, Action.VIEW_TICKET, scoped=False)
    row = session.get(BusinessCalendar, calendar_id)
    if row is None:
        raise NotFound(f"calendar {calendar_id} does not exist", field="calendar_id")
    return CalendarPublic.model_validate(row)


def list_escalation_rules(session: Session, *, actor: Actor) -> list[EscalationRulePublic]:
    require(actor, Action.VIEW_TICKET, scoped=False)
    rows = session.scalars(select(EscalationRule).order_by(EscalationRule.id))
    return [EscalationRulePublic.model_validate(row) for row in rows]


def escalation_rule_detail(session: Session, *, rule_id: int, actor: Actor) -> EscalationRulePublic:
    require(actor, Action.VIEW_TICKET, scoped=False)
    row = session.get(EscalationRule, rule_id)
    if row is None:
        raise NotFound(f"escalation rule {rule_id} does not exist", field="rule_id")
    return EscalationRulePublic.model_validate(row)
