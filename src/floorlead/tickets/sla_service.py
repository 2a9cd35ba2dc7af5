"""SLA policies and their targets; the SLA rule module validates them before they are stored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound, RuleViolation
from floorlead.tickets import inputs
from floorlead.tickets.history import audit_row, one_transaction, unique_name
from floorlead.tickets.inputs import KEEP, Keep
from floorlead.tickets.model import Channel, CustomerTier
from floorlead.tickets.sla import PolicyValue
from floorlead.tickets.tables import BusinessCalendar, SlaPolicy, SlaTarget

TargetInput = tuple[str, str, int]  # (priority, metric, minutes)


@one_transaction
def create_sla_policy(
    session: Session,
    *,
    name: str,
    targets: Iterable[TargetInput],
    actor: Actor,
    now: datetime,
    position: int = 0,
    customer_tier: str | None = None,
    channel: str | None = None,
    calendar_id: int | None = None,
    pause_statuses: Iterable[str] = (),
    active: bool = True,
) -> SlaPolicy:
    """A policy: minutes per (priority, metric), for all tickets or one tier or channel."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    policy = SlaPolicy(created_at=now, targets=[])
    _set_policy_fields(
        session,
        policy,
        name=name,
        targets=targets,
        position=position,
        customer_tier=customer_tier,
        channel=channel,
        calendar_id=calendar_id,
        pause_statuses=pause_statuses,
        active=active,
    )
    session.add(policy)
    _audit_policy(session, policy, before=None, actor=actor, now=now)
    return policy


@one_transaction
def update_sla_policy(
    session: Session,
    *,
    policy_id: int,
    actor: Actor,
    now: datetime,
    name: str | Keep = KEEP,
    targets: Iterable[TargetInput] | Keep = KEEP,
    position: int | Keep = KEEP,
    customer_tier: str | Keep | None = KEEP,
    channel: str | Keep | None = KEEP,
    calendar_id: int | Keep | None = KEEP,
    pause_statuses: Iterable[str] | Keep = KEEP,
    active: bool | Keep = KEEP,
) -> SlaPolicy:
    """Change the given fields; targets, when given, replace the policy's targets."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    policy = _policy(session, policy_id)
    before = _policy_snapshot(policy)
    _set_policy_fields(
        session,
        policy,
        name=name,
        targets=targets,
        position=position,
        customer_tier=customer_tier,
        channel=channel,
        calendar_id=calendar_id,
        pause_statuses=pause_statuses,
        active=active,
    )
    _audit_policy(session, policy, before=before, actor=actor, now=now)
    return policy


@one_transaction
def delete_sla_policy(session: Session, *, policy_id: int, actor: Actor, now: datetime) -> None:
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    policy = _policy(session, policy_id)
    before = _policy_snapshot(policy)
    session.delete(policy)
    audit_row(
        session,
        policy,
        entity="sla_policy",
        action="sla_policy.delete",
        before=before,
        actor_id=actor.person_id,
        now=now,
    )


def _set_policy_fields(session: Session, policy: SlaPolicy, **fields: Any) -> None:
    """Check and set the fields not marked KEEP; the SLA rules validate the result."""
    given = {key: value for key, value in fields.items() if value is not KEEP}
    with session.no_autoflush:
        if "name" in given:
            policy.name = unique_name(session, SlaPolicy, given["name"], policy.id)
        if "position" in given:
            policy.position = int(given["position"])
        if "customer_tier" in given:
            policy.customer_tier = _optional_choice(
                CustomerTier, given["customer_tier"], "customer_tier"
            )
        if "channel" in given:
            policy.channel = _optional_choice(Channel, given["channel"], "channel")
        if "calendar_id" in given:
            policy.calendar_id = _calendar_reference(session, given["calendar_id"])
        if "pause_statuses" in given:
            policy.pause_statuses = sorted(set(given["pause_statuses"]))
        if "active" in given:
            policy.active = bool(given["active"])
        wanted = _checked_targets(given["targets"]) if "targets" in given else None
        PolicyValue(
            id=0,
            name=policy.name,
            targets=wanted or {(t.priority, t.metric): t.minutes for t in policy.targets},
            pause_statuses=frozenset(policy.pause_statuses),
        )
        if wanted is not None:
            _replace_targets(policy, wanted)


def _audit_policy(
    session: Session,
    policy: SlaPolicy,
    *,
    before: dict[str, Any] | None,
    actor: Actor,
    now: datetime,
) -> None:
    audit_row(
        session,
        policy,
        entity="sla_policy",
        action="sla_policy.create" if before is None else "sla_policy.update",
        before=before,
        actor_id=actor.person_id,
        now=now,
        extra={"targets": _target_list(policy)},
    )


def _policy_snapshot(policy: SlaPolicy) -> dict[str, Any]:
    return {**snapshot(policy), "targets": _target_list(policy)}


def _policy(session: Session, policy_id: int) -> SlaPolicy:
    policy = session.get(SlaPolicy, policy_id)
    if policy is None:
        raise NotFound(f"SLA policy {policy_id} does not exist", field="policy_id")
    return policy


def _calendar_reference(session: Session, calendar_id: int | None) -> int | None:
    if calendar_id is None:
        return None
    if session.get(BusinessCalendar, calendar_id) is None:
        raise RuleViolation(f"calendar {calendar_id} does not exist", field="calendar_id")
    return calendar_id


def _optional_choice(enum: Any, value: str | None, field: str) -> str | None:
    return None if value is None else inputs.choice(enum, value, field).value


def _checked_targets(targets: Iterable[TargetInput]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for priority, metric, minutes in targets:
        if (priority, metric) in found:
            raise RuleViolation(f"two targets for {priority}/{metric}", field="targets")
        found[(priority, metric)] = minutes
    if not found:
        raise RuleViolation("a policy needs at least one target", field="targets")
    return found


def _replace_targets(policy: SlaPolicy, wanted: dict[tuple[str, str], int]) -> None:
    """Update targets in place (rows kept by key, so the unique scope is never violated)."""
    kept = []
    for row in policy.targets:
        minutes = wanted.pop((row.priority, row.metric), None)
        if minutes is not None:
            row.minutes = minutes
            kept.append(row)
    added = [SlaTarget(priority=p, metric=m, minutes=n) for (p, m), n in wanted.items()]
    policy.targets = kept + added


def _target_list(policy: SlaPolicy) -> list[list[Any]]:
    return sorted([t.priority, t.metric, t.minutes] for t in policy.targets)
