"""1:1s under /api/coaching: plan and record them, their reasons and action items, their
effect on the KPIs they were about, the week's calendar and overdue items."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from floorlead.api.coaching_deps import FiguresDep
from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.coaching import evidence, one_on_ones, queries
from floorlead.coaching import schemas as s

router = APIRouter(prefix="/coaching", tags=["coaching"])


def _session(db: SessionDep, actor: ActorDep, now: NowDep, session_id: int) -> s.SessionDetail:
    return queries.session_detail(db, actor=actor, session_id=session_id, today=now.date())


@router.post("/sessions", status_code=201)
def plan_session(
    body: s.SessionCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    row = one_on_ones.plan_session(
        db,
        actor=actor,
        agent_id=body.agent_id,
        scheduled_at=body.scheduled_at,
        duration_minutes=body.duration_minutes,
        agenda=body.agenda,
        reasons=[one_on_ones.Reason(r.kind.value, r.ref, r.text) for r in body.links],
        now=now,
    )
    return _session(db, actor, now, row.id)


@router.get("/sessions/{session_id}")
def get_session(session_id: int, db: SessionDep, actor: ActorDep, now: NowDep) -> s.SessionDetail:
    """A 1:1; ``notes`` is null for the agent until the coach shares them."""
    return _session(db, actor, now, session_id)


@router.patch("/sessions/{session_id}")
def update_session(
    session_id: int, body: s.SessionUpdate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    changes = body.model_dump(exclude_unset=True)
    one_on_ones.update_session(db, actor=actor, session_id=session_id, now=now, **changes)
    return _session(db, actor, now, session_id)


@router.post("/sessions/{session_id}/links", status_code=201)
def link_reason(
    session_id: int, body: s.LinkIn, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    reason = one_on_ones.Reason(body.kind.value, body.ref, body.text)
    one_on_ones.link_reason(db, actor=actor, session_id=session_id, reason=reason, now=now)
    return _session(db, actor, now, session_id)


@router.post("/sessions/{session_id}/actions", status_code=201)
def add_action_item(
    session_id: int, body: s.ActionItemCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    one_on_ones.add_action_item(
        db, actor=actor, session_id=session_id, now=now, **body.model_dump()
    )
    return _session(db, actor, now, session_id)


@router.post("/actions/{action_id}/done")
def complete_action_item(
    action_id: int, body: s.ActionItemDone, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ActionItemPublic:
    one_on_ones.complete_action_item(db, actor=actor, action_id=action_id, done=body.done, now=now)
    return queries.action_item(db, action_id=action_id, today=now.date())


@router.get("/sessions/{session_id}/effects")
def session_effects(
    session_id: int,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
    window_days: Annotated[int, Query(ge=7, le=180)] = evidence.DEFAULT_WINDOW_DAYS,
) -> list[s.EffectPublic]:
    """Before/after the 1:1 for each KPI it was about, with a 95% interval and a verdict."""
    return evidence.coaching_effects(
        db,
        actor=actor,
        session_id=session_id,
        samples=figures.samples,
        window_days=window_days,
        now=now,
    )


@router.get("/calendar")
def calendar(
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    week_of: date | None = None,
    team_id: int | None = None,
    zone: str = "UTC",
) -> s.CoachingCalendar:
    """The week's 1:1s by day (the reader's own and their teams'), and overdue action items."""
    return queries.coaching_calendar(
        db, actor=actor, week_of=week_of or now.date(), today=now.date(), team_id=team_id, zone=zone
    )


@router.get("/overdue")
def overdue(
    db: SessionDep, actor: ActorDep, now: NowDep, team_id: int | None = None
) -> list[s.ActionItemPublic]:
    return queries.overdue_actions(db, actor=actor, today=now.date(), team_id=team_id)


@router.get("/agents/{agent_id}/sessions")
def agent_sessions(agent_id: int, db: SessionDep, actor: ActorDep) -> list[s.SessionSummary]:
    return queries.agent_sessions(db, actor=actor, agent_id=agent_id)
