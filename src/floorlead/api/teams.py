"""Teams with their members' load, and the skill catalogue (/api/teams, /api/skills).

After a change the caller's scope is read again, since the change may have widened it.
"""

from __future__ import annotations

from fastapi import APIRouter

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.auth.actors import load_actor
from floorlead.org import team_queries, teams
from floorlead.org.schemas import (
    SkillCreate,
    SkillPublic,
    SkillUpdate,
    TeamCreate,
    TeamDetail,
    TeamPublic,
    TeamUpdate,
)

router = APIRouter(tags=["teams"])


@router.get("/teams")
def list_teams(session: SessionDep, actor: ActorDep, now: NowDep) -> list[TeamPublic]:
    return team_queries.list_teams(session, actor=actor, today=now.date())


@router.post("/teams", status_code=201)
def add_team(body: TeamCreate, session: SessionDep, actor: ActorDep, now: NowDep) -> TeamDetail:
    team = teams.add_team(session, data=body, actor=actor, now=now)
    return team_queries.team_detail(
        session, actor=load_actor(session, actor.person_id), team_id=team.id, today=now.date()
    )


@router.get("/teams/{team_id}")
def get_team(team_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> TeamDetail:
    """The team, its active members and each member's open-ticket load."""
    return team_queries.team_detail(session, actor=actor, team_id=team_id, today=now.date())


@router.patch("/teams/{team_id}")
def update_team(
    team_id: int, body: TeamUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> TeamDetail:
    teams.update_team(session, team_id=team_id, changes=body, actor=actor, now=now)
    return team_queries.team_detail(
        session, actor=load_actor(session, actor.person_id), team_id=team_id, today=now.date()
    )


@router.get("/skills")
def list_skills(session: SessionDep, actor: ActorDep) -> list[SkillPublic]:
    return team_queries.list_skills(session, actor=actor)


@router.post("/skills", status_code=201)
def add_skill(body: SkillCreate, session: SessionDep, actor: ActorDep, now: NowDep) -> SkillPublic:
    skill = teams.add_skill(session, data=body, actor=actor, now=now)
    return SkillPublic.model_validate(skill)


@router.patch("/skills/{skill_id}")
def update_skill(
    skill_id: int, body: SkillUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> SkillPublic:
    skill = teams.update_skill(session, skill_id=skill_id, changes=body, actor=actor, now=now)
    return SkillPublic.model_validate(skill)
