"""Kudos under /api/coaching: give one, read a team's wall."""

from __future__ import annotations

from fastapi import APIRouter

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.coaching import kudos, team_queries
from floorlead.coaching import schemas as s

router = APIRouter(prefix="/coaching", tags=["coaching"])


@router.post("/kudos", status_code=201)
def give_kudos(body: s.KudosCreate, db: SessionDep, actor: ActorDep, now: NowDep) -> s.KudosPublic:
    row = kudos.give_kudos(db, actor=actor, now=now, **body.model_dump())
    return team_queries.kudos_public(db, row)


@router.get("/teams/{team_id}/kudos")
def kudos_wall(team_id: int, db: SessionDep, actor: ActorDep) -> list[s.KudosPublic]:
    return team_queries.kudos_wall(db, actor=actor, team_id=team_id)
