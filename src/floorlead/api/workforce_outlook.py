"""The two-hour outlook: which of the reader's teams will be short of agents."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.workforce.understaffing import understaffed_teams

router = APIRouter(tags=["workforce"])


class IntervalCoverOut(BaseModel):
    interval_start: datetime
    required: int
    working: float
    short: float


class OutlookOut(BaseModel):
    team_id: int
    team_name: str
    basis: str
    understaffed: bool
    intervals: list[IntervalCoverOut]
    note: str


@router.get("/workforce/understaffed")
def understaffed(session: SessionDep, actor: ActorDep, now: NowDep) -> list[OutlookOut]:
    """Your teams' next eight intervals: agents needed against agents working."""
    return [
        OutlookOut(
            team_id=o.team_id,
            team_name=o.team_name,
            basis=o.basis,
            understaffed=o.understaffed,
            intervals=[
                IntervalCoverOut(
                    interval_start=c.interval_start,
                    required=c.required,
                    working=round(c.working, 3),
                    short=round(c.short, 3),
                )
                for c in o.intervals
            ],
            note=o.note,
        )
        for o in understaffed_teams(session, actor=actor, now=now)
    ]
