"""Response and query models more than one workforce router uses: a stored schedule with its
shifts and coverage, and the staffing inputs of the planning endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from floorlead.workforce import schedules
from floorlead.workforce.requirements import StaffingInputs


class ActivityPublic(BaseModel):
    kind: str
    start: datetime
    end: datetime


class ShiftPublic(BaseModel):
    id: int
    person_id: int
    start: datetime
    end: datetime
    activities: list[ActivityPublic]


class CoveragePublic(BaseModel):
    interval_start: datetime
    required: float
    scheduled: float


class SchedulePublic(BaseModel):
    id: int
    team_id: int
    week_start: datetime
    interval_minutes: int
    status: str
    objective: float
    lower_bound: float
    gap: float
    shifts: list[ShiftPublic]
    coverage: list[CoveragePublic]


def schedule_public(schedule: schedules.Schedule) -> SchedulePublic:
    return SchedulePublic(
        id=schedule.id,
        team_id=schedule.team_id,
        week_start=schedule.week_start,
        interval_minutes=schedule.interval_minutes,
        status=schedule.status,
        objective=schedule.objective,
        lower_bound=schedule.lower_bound,
        gap=schedule.gap,
        shifts=[
            ShiftPublic(
                id=s.id,
                person_id=s.person_id,
                start=s.start,
                end=s.end,
                activities=[
                    ActivityPublic(kind=a.kind, start=a.start, end=a.end) for a in s.activities
                ],
            )
            for s in schedule.shifts
        ],
        coverage=[
            CoveragePublic(
                interval_start=c.interval_start, required=c.required, scheduled=c.scheduled
            )
            for c in schedules.coverage(schedule)
        ],
    )


class StaffingQuery(BaseModel):
    service_level: float = Field(default=0.8, description="share answered within answer_seconds")
    answer_seconds: float = 20.0
    shrinkage: float = Field(default=0.3, description="share of paid time not on the queues")
    max_occupancy: float = 0.85
    patience_seconds: float | None = Field(default=None, description="set for Erlang A")
    chat_concurrency: int = 2
    deferred_deadline_hours: float = Field(default=8.0, description="open hours to answer email")

    def inputs(self) -> StaffingInputs:
        return StaffingInputs(**self.model_dump())
