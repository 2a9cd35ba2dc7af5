"""Read side of goals: an agent's goals with progress computed from the KPI source."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.coaching import roster
from floorlead.coaching.access import require_record
from floorlead.coaching.catalogue import kpi_info
from floorlead.coaching.goals import load_goal
from floorlead.coaching.model import Direction, GoalStatus, KpiSource
from floorlead.coaching.progress import goal_progress
from floorlead.coaching.reviews import window
from floorlead.coaching.schemas import GoalPublic
from floorlead.coaching.tables import Goal
from floorlead.org.tables import Person


def goal_public(goal: Goal, agent: Person, kpis: KpiSource, now: datetime) -> GoalPublic:
    """The goal with the KPI from its start to its due date (or now, if sooner)."""
    info = kpi_info(goal.kpi)
    direction = Direction(goal.direction)
    start, end = window(goal.start_on, goal.due_on, now)
    actual = kpis(goal.agent_id, goal.kpi, start, end) if end > start else None
    progress = goal_progress(
        target=goal.target, direction=direction, baseline=goal.baseline, actual=actual
    )
    return GoalPublic(
        id=goal.id,
        agent_id=goal.agent_id,
        agent_name=agent.name,
        kpi=goal.kpi,
        kpi_label=info.label,
        unit=info.unit,
        target=goal.target,
        direction=direction,
        baseline=goal.baseline,
        start_on=goal.start_on,
        due_on=goal.due_on,
        status=GoalStatus(goal.status),
        note=goal.note,
        actual=progress.actual,
        progress=progress.fraction,
        met=progress.met,
    )


def agent_goals(
    session: Session,
    *,
    actor: Actor,
    agent_id: int,
    kpis: KpiSource,
    now: datetime,
    include_cancelled: bool = False,
) -> list[GoalPublic]:
    """The agent's goals (soonest due first); the agent sees their own, coaches theirs."""
    agent = roster.person(session, agent_id, field="agent_id")
    require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    query = select(Goal).where(Goal.agent_id == agent.id).order_by(Goal.due_on, Goal.id)
    if not include_cancelled:
        query = query.where(Goal.status == GoalStatus.ACTIVE.value)
    return [goal_public(goal, agent, kpis, now) for goal in session.scalars(query)]


def goal_detail(
    session: Session, *, actor: Actor, goal_id: int, kpis: KpiSource, now: datetime
) -> GoalPublic:
    goal = load_goal(session, goal_id)
    agent = roster.person(session, goal.agent_id, field="agent_id")
    require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    return goal_public(goal, agent, kpis, now)
