"""Agent states: an agent's current activity (available, on a contact, break, …)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.workforce import states

router = APIRouter(tags=["workforce"])


class AgentStateCreate(BaseModel):
    person_id: int
    state: str = Field(
        description="available, on_contact, after_contact_work, break, lunch, "
        "training, meeting or offline"
    )
    at: datetime | None = Field(default=None, description="when it started (default: now)")


class AgentStatePublic(BaseModel):
    id: int
    person_id: int
    state: str
    started_at: datetime
    ended_at: datetime | None


@router.post("/agent-states", status_code=201)
def record_state(
    body: AgentStateCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> AgentStatePublic:
    row = states.record_agent_state(
        session, actor=actor, person_id=body.person_id, state=body.state, at=body.at, now=now
    )
    return AgentStatePublic(
        id=row.id,
        person_id=row.person_id,
        state=row.state,
        started_at=row.started_at,
        ended_at=row.ended_at,
    )
