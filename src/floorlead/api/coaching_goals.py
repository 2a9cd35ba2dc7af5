"""Coaching goals under /api/coaching: KPI targets with progress from the KPI engine."""

from __future__ import annotations

from fastapi import APIRouter

from floorlead.api.coaching_deps import FiguresDep
from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.coaching import goal_queries, goals
from floorlead.coaching import schemas as s

router = APIRouter(prefix="/coaching", tags=["coaching"])


@router.post("/goals", status_code=201)
def set_goal(
    body: s.GoalCreate, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.GoalPublic:
    goal = goals.set_goal(
        db, actor=actor, kpis=figures.kpis, now=now, **body.model_dump(exclude_none=True)
    )
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal.id, kpis=figures.kpis, now=now)


@router.get("/goals/{goal_id}")
def get_goal(
    goal_id: int, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.GoalPublic:
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal_id, kpis=figures.kpis, now=now)


@router.patch("/goals/{goal_id}")
def update_goal(
    goal_id: int,
    body: s.GoalUpdate,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
) -> s.GoalPublic:
    goals.update_goal(
        db, actor=actor, goal_id=goal_id, now=now, **body.model_dump(exclude_none=True)
    )
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal_id, kpis=figures.kpis, now=now)


@router.get("/agents/{agent_id}/goals")
def agent_goals(
    agent_id: int,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
    include_cancelled: bool = False,
) -> list[s.GoalPublic]:
    """The agent's goals with progress from the KPI engine (0 at the baseline, 1 at target)."""
    return goal_queries.agent_goals(
        db,
        actor=actor,
        agent_id=agent_id,
        kpis=figures.kpis,
        now=now,
        include_cancelled=include_cancelled,
    )
