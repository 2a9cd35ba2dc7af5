"""Use cases of the metrics area: editing KPI targets, refreshing the analytics store."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change, snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.config import Settings
from floorlead.errors import RuleViolation
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.kpis import kpi_named
from floorlead.metrics.queries import open_warehouse
from floorlead.metrics.sync import SyncReport, sync_analytics
from floorlead.metrics.tables import KpiTarget
from floorlead.metrics.targets import TargetNotFound
from floorlead.org.model import Role


def set_target(
    session: Session,
    *,
    kpi: str,
    value: float,
    actor: Actor,
    now: datetime,
    team_id: int | None = None,
    role: str | None = None,
) -> KpiTarget:
    """Create or change the target of ``kpi`` for a team, a role, or everyone."""
    kpi_named(kpi)
    _check_scope(session, team_id=team_id, role=role, actor=actor)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RuleViolation("the target must be a number", field="value")
    target = session.scalar(
        select(KpiTarget).where(
            KpiTarget.kpi == kpi,
            KpiTarget.team_id.is_(None) if team_id is None else KpiTarget.team_id == team_id,
            KpiTarget.role.is_(None) if role is None else KpiTarget.role == role,
        )
    )
    before = snapshot(target) if target else None
    if target is None:
        target = KpiTarget(kpi=kpi, team_id=team_id, role=role, created_at=now)
        session.add(target)
    target.value = float(value)
    target.updated_at = now
    target.updated_by_id = actor.person_id
    session.flush()
    record_change(
        session,
        actor_id=actor.person_id,
        action="kpi_target.set",
        entity="kpi_target",
        entity_id=target.id,
        before=before,
        after=snapshot(target),
        now=now,
    )
    session.commit()
    return target


def delete_target(session: Session, *, target_id: int, actor: Actor, now: datetime) -> None:
    target = session.get(KpiTarget, target_id)
    if target is None:
        raise TargetNotFound(f"KPI target {target_id} does not exist", field="target_id")
    _check_scope(session, team_id=target.team_id, role=target.role, actor=actor)
    record_change(
        session,
        actor_id=actor.person_id,
        action="kpi_target.delete",
        entity="kpi_target",
        entity_id=target.id,
        before=snapshot(target),
        after=None,
        now=now,
    )
    session.delete(target)
    session.commit()


def refresh_analytics(
    settings: Settings,
    engine: Engine,
    *,
    now: datetime,
    definitions: Definitions | None = None,
    full: bool = False,
) -> SyncReport:
    """Bring the configured analytics store up to date (DuckDB file or PostgreSQL schema)."""
    warehouse = open_warehouse(settings)
    try:
        return sync_analytics(warehouse, engine, now=now, definitions=definitions, full=full)
    finally:
        warehouse.close()


def _check_scope(session: Session, *, team_id: int | None, role: str | None, actor: Actor) -> None:
    if team_id is not None and role is not None:
        raise RuleViolation("a target is for a team or for a role, not both", field="role")
    if role is not None and role not in {r.value for r in Role}:
        raise RuleViolation(f"unknown role {role!r}", field="role")
    if team_id is not None:
        if session.scalar(text("SELECT id FROM teams WHERE id = :id"), {"id": team_id}) is None:
            raise RuleViolation(f"team {team_id} does not exist", field="team_id")
        require(actor, Action.MANAGE_SERVICE_RULES, team_id=team_id)
    else:
        require(actor, Action.MANAGE_TEAMS, scoped=False)
