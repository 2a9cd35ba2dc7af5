"""Workforce endpoints: agent states, stored schedules, time off, adherence and payroll hours."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.workforce import planning, reports, schedules, states
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings
from floorlead.workforce.understaffing import understaffed_teams

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


def _schedule_public(schedule: schedules.Schedule) -> SchedulePublic:
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


@router.get("/schedules/{schedule_id}")
def get_schedule(schedule_id: int, session: SessionDep, actor: ActorDep) -> SchedulePublic:
    return _schedule_public(schedules.get_schedule(session, actor=actor, schedule_id=schedule_id))


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


class AdherencePublic(BaseModel):
    person_id: int
    name: str
    adherence: float | None
    conformance: float | None
    scheduled_seconds: float
    out_of_adherence_seconds: float
    late_seconds: float
    early_leave_seconds: float
    absent: bool
    shrinkage: float | None


@router.get("/adherence")
def adherence(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    team_id: int,
    day: date,
    zone: Annotated[str, Query(description="IANA time zone of the day")] = "UTC",
) -> list[AdherencePublic]:
    rows = reports.team_adherence(
        session, actor=actor, team_id=team_id, day=day, zone=zone, now=now
    )
    return [
        AdherencePublic(
            person_id=r.person_id,
            name=r.name,
            adherence=r.adherence.adherence,
            conformance=r.adherence.conformance,
            scheduled_seconds=r.adherence.scheduled_seconds,
            out_of_adherence_seconds=r.adherence.scheduled_seconds
            - r.adherence.in_adherence_seconds,
            late_seconds=sum(a.late_seconds for a in r.attendance),
            early_leave_seconds=sum(a.early_leave_seconds for a in r.attendance),
            absent=all(a.absent for a in r.attendance),
            shrinkage=r.shrinkage.total,
        )
        for r in rows
    ]


@router.get("/payroll-hours.csv", response_class=PlainTextResponse)
def payroll(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    team_id: int,
    first_day: date,
    last_day: date,
    zone: str = "UTC",
) -> PlainTextResponse:
    rows = reports.payroll_hours(
        session,
        actor=actor,
        team_id=team_id,
        first_day=first_day,
        last_day=last_day,
        zone=zone,
        now=now,
    )
    return PlainTextResponse(
        reports.payroll_csv(rows),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="hours-{first_day}-{last_day}.csv"'},
    )


# Planning from the database: forecasts, staffing, schedule building, the two-hour outlook.


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


class ScoreOut(BaseModel):
    model: str
    wape: float
    mase: float
    wape_vs_seasonal_naive: float
    origins: int


class ForecastIntervalOut(BaseModel):
    interval_start: datetime
    volume: float
    aht_seconds: float | None
    actual: float | None


class QueueForecastOut(BaseModel):
    queue: str
    model: str
    scores: list[ScoreOut]
    intervals: list[ForecastIntervalOut]


@router.get("/workforce/forecast")
def queue_forecast(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    team_id: int,
    channel: str,
    week: Annotated[date, Query(description="any day of the week")],
    model: str = "auto",
) -> QueueForecastOut:
    result = planning.forecast_queue_week(
        session, actor=actor, team_id=team_id, channel=channel, day=week, now=now, model=model
    )
    frame = result.forecast.frame
    actual = result.actuals["volume"].reindex(frame.index) if len(result.actuals) else None
    return QueueForecastOut(
        queue=result.queue.name,
        model=result.forecast.model.value,
        scores=[
            ScoreOut(
                model=s.model.value,
                wape=s.wape,
                mase=s.mase,
                wape_vs_seasonal_naive=s.wape_vs_seasonal_naive,
                origins=s.origins,
            )
            for s in result.forecast.scores
        ],
        intervals=[
            ForecastIntervalOut(
                interval_start=stamp,
                volume=round(float(row.volume), 4),
                aht_seconds=None if math.isnan(row.aht_seconds) else round(row.aht_seconds, 2),
                actual=None
                if actual is None or math.isnan(actual[stamp])
                else float(actual[stamp]),
            )
            for stamp, row in zip(frame.index, frame.itertuples(), strict=True)
        ],
    )


class StaffingIntervalOut(BaseModel):
    interval_start: datetime
    by_channel: dict[str, float]
    required: float = Field(description="agents on the queues (before shrinkage)")
    scheduled: int = Field(description="agents to schedule (after shrinkage)")


@router.get("/workforce/staffing")
def team_staffing(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    team_id: int,
    week: Annotated[date, Query(description="any day of the week")],
    query: Annotated[StaffingQuery, Query()],
    model: str = "auto",
) -> list[StaffingIntervalOut]:
    staffing = planning.staff_team_week(
        session, actor=actor, team_id=team_id, day=week, now=now, inputs=query.inputs(), model=model
    )
    r = staffing.requirement
    return [
        StaffingIntervalOut(
            interval_start=stamp,
            by_channel={channel: round(float(v[i]), 4) for channel, v in r.by_channel.items()},
            required=round(float(r.required[i]), 4),
            scheduled=int(r.scheduled[i]),
        )
        for i, stamp in enumerate(r.interval_starts)
    ]


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
    return get_schedule(built.schedule_id, session, actor)


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
