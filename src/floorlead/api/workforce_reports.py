"""A team's day of adherence and attendance, and payroll hours as CSV."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.workforce import reports

router = APIRouter(tags=["workforce"])


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
