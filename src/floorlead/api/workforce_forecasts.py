"""Planning from the database, demand side: a queue's forecast week and a team's staffing
requirement per interval."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.workforce_schemas import StaffingQuery
from floorlead.workforce import planning

router = APIRouter(tags=["workforce"])


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
