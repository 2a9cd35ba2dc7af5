"""Service rules: SLA policies, business calendars and escalation rules.

(/api/sla-policies, /api/calendars, /api/escalation-rules, POST /api/escalation-rules/run)
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.tickets import (
    calendar_detail,
    create_calendar,
    create_escalation_rule,
    create_sla_policy,
    delete_calendar,
    delete_escalation_rule,
    delete_sla_policy,
    escalation_rule_detail,
    list_calendars,
    list_escalation_rules,
    list_sla_policies,
    run_escalation_rules,
    sla_policy_detail,
    update_calendar,
    update_escalation_rule,
    update_sla_policy,
)
from floorlead.tickets.rule_schemas import (
    CalendarCreate,
    CalendarPublic,
    CalendarUpdate,
    EscalationDecisionPublic,
    EscalationRuleCreate,
    EscalationRulePublic,
    EscalationRuleUpdate,
    SlaPolicyCreate,
    SlaPolicyPublic,
    SlaPolicyUpdate,
)

router = APIRouter(tags=["service rules"])
# Fields an update may set to null (to clear them); null elsewhere means "leave as it is".
CLEARABLE = frozenset({"customer_tier", "channel", "calendar_id"})


def _sent(body: BaseModel) -> dict[str, Any]:
    fields = body.model_dump(exclude_unset=True)
    return {k: v for k, v in fields.items() if v is not None or k in CLEARABLE}


def _policy_fields(body: SlaPolicyCreate | SlaPolicyUpdate) -> dict[str, Any]:
    fields = _sent(body)
    if body.targets is not None:
        fields["targets"] = [(t.priority, t.metric, t.minutes) for t in body.targets]
    return fields


def _calendar_fields(body: CalendarCreate | CalendarUpdate) -> dict[str, Any]:
    fields = _sent(body)
    if body.holidays is not None:
        fields["holidays"] = [(h.day, h.name) for h in body.holidays]
    return fields


@router.get("/sla-policies")
def policies(session: SessionDep, actor: ActorDep) -> list[SlaPolicyPublic]:
    """Policies in the order they are tried; the first that matches a ticket applies."""
    return list_sla_policies(session, actor=actor)


@router.post("/sla-policies", status_code=201)
def add_policy(
    body: SlaPolicyCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> SlaPolicyPublic:
    policy = create_sla_policy(session, **_policy_fields(body), actor=actor, now=now)
    return SlaPolicyPublic.model_validate(policy)


@router.get("/sla-policies/{policy_id}")
def get_policy(policy_id: int, session: SessionDep, actor: ActorDep) -> SlaPolicyPublic:
    return sla_policy_detail(session, policy_id=policy_id, actor=actor)


@router.patch("/sla-policies/{policy_id}")
def change_policy(
    policy_id: int, body: SlaPolicyUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> SlaPolicyPublic:
    """Change the fields sent; ``targets`` replace all targets; null clears tier, channel or
    calendar."""
    policy = update_sla_policy(
        session, policy_id=policy_id, **_policy_fields(body), actor=actor, now=now
    )
    return SlaPolicyPublic.model_validate(policy)


@router.delete("/sla-policies/{policy_id}", status_code=204)
def remove_policy(policy_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> Response:
    delete_sla_policy(session, policy_id=policy_id, actor=actor, now=now)
    return Response(status_code=204)


@router.get("/calendars")
def calendars(session: SessionDep, actor: ActorDep) -> list[CalendarPublic]:
    return list_calendars(session, actor=actor)


@router.post("/calendars", status_code=201)
def add_calendar(
    body: CalendarCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CalendarPublic:
    """Weekly hours as ``{"0": [["09:00", "17:00"]], ...}`` (0 = Monday; "24:00" ends a day)."""
    calendar = create_calendar(session, **_calendar_fields(body), actor=actor, now=now)
    return CalendarPublic.model_validate(calendar)


@router.get("/calendars/{calendar_id}")
def get_calendar(calendar_id: int, session: SessionDep, actor: ActorDep) -> CalendarPublic:
    return calendar_detail(session, calendar_id=calendar_id, actor=actor)


@router.patch("/calendars/{calendar_id}")
def change_calendar(
    calendar_id: int, body: CalendarUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CalendarPublic:
    """Change the fields sent; ``holidays`` replace all holidays."""
    calendar = update_calendar(
        session, calendar_id=calendar_id, **_calendar_fields(body), actor=actor, now=now
    )
    return CalendarPublic.model_validate(calendar)


@router.delete("/calendars/{calendar_id}", status_code=204)
def remove_calendar(
    calendar_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> Response:
    """Delete a calendar no SLA policy uses (else 409)."""
    delete_calendar(session, calendar_id=calendar_id, actor=actor, now=now)
    return Response(status_code=204)


@router.get("/escalation-rules")
def escalation_rules(session: SessionDep, actor: ActorDep) -> list[EscalationRulePublic]:
    return list_escalation_rules(session, actor=actor)


@router.post("/escalation-rules", status_code=201)
def add_escalation_rule(
    body: EscalationRuleCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> EscalationRulePublic:
    rule = create_escalation_rule(session, **body.model_dump(), actor=actor, now=now)
    return EscalationRulePublic.model_validate(rule)


@router.post("/escalation-rules/run")
def run_rules(session: SessionDep, actor: ActorDep, now: NowDep) -> list[EscalationDecisionPublic]:
    """Run the active rules over every unresolved ticket now; returns the escalations made."""
    decisions = run_escalation_rules(session, actor=actor, now=now)
    return [EscalationDecisionPublic.model_validate(d) for d in decisions]


@router.get("/escalation-rules/{rule_id}")
def get_escalation_rule(rule_id: int, session: SessionDep, actor: ActorDep) -> EscalationRulePublic:
    return escalation_rule_detail(session, rule_id=rule_id, actor=actor)


@router.patch("/escalation-rules/{rule_id}")
def change_escalation_rule(
    rule_id: int, body: EscalationRuleUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> EscalationRulePublic:
    rule = update_escalation_rule(session, rule_id=rule_id, **_sent(body), actor=actor, now=now)
    return EscalationRulePublic.model_validate(rule)


@router.delete("/escalation-rules/{rule_id}", status_code=204)
def remove_escalation_rule(
    rule_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> Response:
    delete_escalation_rule(session, rule_id=rule_id, actor=actor, now=now)
    return Response(status_code=204)
