"""KPI goals per agent: set one (with a measured baseline), change or cancel it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_coach
from floorlead.coaching.audit import audit
from floorlead.coaching.catalogue import kpi_info
from floorlead.coaching.model import Direction, GoalStatus, KpiSource
from floorlead.coaching.tables import Goal
from floorlead.errors import NotFound, RuleViolation

BASELINE_DAYS = 28


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def measure_baseline(kpis: KpiSource, *, person_id: int, kpi: str, start_on: date) -> float | None:
    """The KPI over the :data:`BASELINE_DAYS` days before the goal starts."""
    end = day_start(start_on)
    return kpis(person_id, kpi, end - timedelta(days=BASELINE_DAYS), end)


def set_goal(
    session: Session,
    *,
    actor: Actor,
    agent_id: int,
    kpi: str,
    target: float,
    due_on: date,
    direction: str | None = None,
    baseline: float | None = None,
    start_on: date | None = None,
    note: str = "",
    kpis: KpiSource | None = None,
    now: datetime,
) -> Goal:
    """Give an agent a KPI goal; without a baseline it is measured over the 28 days before."""
    agent = roster.active_person(session, agent_id, field="agent_id")
    require_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    info = kpi_info(kpi)
    if direction is not None:
        chosen = fields.choice(Direction, direction, field="direction")
    elif info.better is not None:
        chosen = info.better
    else:
        raise RuleViolation(
            f"say whether higher or lower {info.label} is better", field="direction"
        )
    start_on = start_on or now.date()
    if due_on < start_on:
        raise RuleViolation("the goal is due before it starts", field="due_on")
    if baseline is None and kpis is not None:
        baseline = measure_baseline(kpis, person_id=agent.id, kpi=info.name, start_on=start_on)
    goal = Goal(
        agent_id=agent.id,
        team_id=agent.team_id,
        kpi=info.name,
        target=float(target),
        direction=chosen.value,
        baseline=baseline,
        start_on=start_on,
        due_on=due_on,
        note=fields.text(note, field="note", max_length=2000),
        status=GoalStatus.ACTIVE.value,
        created_by_id=actor.person_id,
        created_at=now,
    )
    session.add(goal)
    session.flush()
    audit(session, actor=actor, action="create", row=goal, before=None, now=now)
    session.commit()
    return goal


def load_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"no goal {goal_id}", field="goal_id")
    return goal


def update_goal(
    session: Session,
    *,
    actor: Actor,
    goal_id: int,
    target: float | None = None,
    due_on: date | None = None,
    note: str | None = None,
    status: str | None = None,
    now: datetime,
) -> Goal:
    """Move the target or the due date, reword the note, cancel or reactivate the goal."""
    goal = load_goal(session, goal_id)
    agent = roster.person(session, goal.agent_id, field="agent_id")
    require_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    before = snapshot(goal)
    if target is not None:
        goal.target = float(target)
    if due_on is not None:
        if due_on < goal.start_on:
            raise RuleViolation("the goal is due before it starts", field="due_on")
        goal.due_on = due_on
    if note is not None:
        goal.note = fields.text(note, field="note", max_length=2000)
    if status is not None:
        goal.status = fields.choice(GoalStatus, status, field="status").value
    audit(session, actor=actor, action="update", row=goal, before=before, now=now)
    session.commit()
    return goal
