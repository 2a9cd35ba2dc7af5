"""Planning from the database, supply side: forecast, staff and optimise a team's week into a
draft schedule."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import Field

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.workforce_schemas import SchedulePublic, StaffingQuery, schedule_public
from floorlead.workforce import planning, schedules
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings

router = APIRouter(tags=["workforce"])


class ScheduleBuild(StaffingQuery):
    team_id: int
    week: date = Field(description="any day of the week")
    time_limit_seconds: float = 20.0
    min_hours: float = Field(default=30.0, description="contracted weekly hours, least")
    max_hours: float = Field(default=40.0, description="contracted weekly hours, most")
    model: str = "auto"

    def inputs(self) -> StaffingInputs:
        return StaffingInputs(**self.model_dump(include=set(StaffingQuery.model_fields)))


@router.post("/workforce/schedules", status_code=201)
def build_schedule(
    body: ScheduleBuild, session: SessionDep, actor: ActorDep, now: NowDep
) -> SchedulePublic:
    """Forecast, staff and optimise the team's week; stored as a draft."""
    built = planning.build_schedule(
        session,
        actor=actor,
        team_id=body.team_id,
        day=body.week,
        now=now,
        inputs=body.inputs(),
        settings=ScheduleSettings(
            time_limit_seconds=body.time_limit_seconds,
            min_hours=body.min_hours,
            max_hours=body.max_hours,
        ),
        model=body.model,
    )
    return schedule_public(
        schedules.get_schedule(session, actor=actor, schedule_id=built.schedule_id)
    )
