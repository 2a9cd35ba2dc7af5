"""Stored schedules (read, publish, swap two shifts) and time off."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.workforce_schemas import SchedulePublic, schedule_public
from floorlead.workforce import schedules

router = APIRouter(tags=["workforce"])


@router.get("/schedules/{schedule_id}")
def get_schedule(schedule_id: int, session: SessionDep, actor: ActorDep) -> SchedulePublic:
    return schedule_public(schedules.get_schedule(session, actor=actor, schedule_id=schedule_id))


@router.post("/schedules/{schedule_id}/publish")
def publish(schedule_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> SchedulePublic:
    schedules.publish_schedule(session, actor=actor, schedule_id=schedule_id, now=now)
    return get_schedule(schedule_id, session, actor)


class SwapRequest(BaseModel):
    first_shift_id: int
    second_shift_id: int


@router.post("/schedules/{schedule_id}/swap")
def swap(
    schedule_id: int, body: SwapRequest, session: SessionDep, actor: ActorDep, now: NowDep
) -> SchedulePublic:
    schedules.swap_shifts(
        session,
        actor=actor,
        first_shift_id=body.first_shift_id,
        second_shift_id=body.second_shift_id,
        now=now,
    )
    return get_schedule(schedule_id, session, actor)


class TimeOffCreate(BaseModel):
    person_id: int
    start: datetime
    end: datetime
    reason: Literal["vacation", "sick", "training", "personal", "other"]
    note: str = Field(default="", max_length=2000)


@router.post("/time-off", status_code=201)
def book_time_off(
    body: TimeOffCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> dict[str, int]:
    booking = schedules.add_time_off(
        session,
        actor=actor,
        person_id=body.person_id,
        start=body.start,
        end=body.end,
        reason=body.reason,
        note=body.note,
        now=now,
    )
    return {"id": booking.id}
