"""KPI drill-downs: the tickets, or for attendance KPIs the shifts, behind one number.

``/api/kpis/drill-down`` and ``/api/kpis/drill-down/shifts`` are the JSON twins of the
dashboard's drill-down pages: the same period, filters and scope (agents see their own
rows), a chart point's day, week or month, and a page of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.metrics import FiltersDep, PeriodDep
from floorlead.errors import RuleViolation
from floorlead.web.dashboard.access import scoped_filters
from floorlead.web.dashboard.analytics import AnalyticsDep
from floorlead.web.dashboard.drill import drill_ids, drill_page
from floorlead.web.dashboard.shift_drill import shift_page, shifts_frame

router = APIRouter(tags=["metrics"])


class DrillDownPage(BaseModel):
    kpi: str
    numerator: bool
    total: int
    page: int
    per_page: int
    ticket_ids: list[int]
    tickets: list[dict[str, Any]]


class ShiftDrillDownPage(BaseModel):
    kpi: str
    numerator: bool
    total: int
    page: int
    per_page: int
    shifts: list[dict[str, Any]]


@dataclass(frozen=True)
class DrillQuery:
    kpi: str
    numerator: bool
    buckets: dict[str, date]
    page: int
    per_page: int


def drill_query(
    kpi: str,
    numerator: bool = False,
    day: date | None = None,
    week: date | None = None,
    month: date | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DrillQuery:
    """Which number to drill into: the KPI, the hits only, a chart point's bucket, a page."""
    buckets = {n: v for n, v in {"day": day, "week": week, "month": month}.items() if v}
    if len(buckets) > 1:
        raise RuleViolation("narrow to one of day, week and month", field="day")
    return DrillQuery(kpi, numerator, buckets, page, per_page)


DrillDep = Annotated[DrillQuery, Depends(drill_query)]


@router.get("/kpis/drill-down")
def kpi_drill_down(
    actor: ActorDep,
    analytics: AnalyticsDep,
    session: SessionDep,
    now: NowDep,
    period: PeriodDep,
    filters: FiltersDep,
    asked: DrillDep,
) -> DrillDownPage:
    """The tickets behind one number: all the rows a KPI counted, or (``numerator``) the hits."""
    scoped = scoped_filters(actor, filters)
    ids = drill_ids(
        analytics.engine,
        kpi=asked.kpi,
        period=period,
        filters=scoped,
        slice_values=asked.buckets,
        numerator=asked.numerator,
        as_of=now,
    )
    found = drill_page(
        analytics.engine,
        session,
        actor,
        kpi=asked.kpi,
        ids=ids,
        numerator=asked.numerator,
        page=asked.page,
        per_page=asked.per_page,
    )
    return DrillDownPage(
        kpi=asked.kpi,
        numerator=asked.numerator,
        total=found.total,
        page=asked.page,
        per_page=asked.per_page,
        ticket_ids=found.ticket_ids,
        tickets=found.rows,
    )


@router.get("/kpis/drill-down/shifts")
def kpi_shift_drill_down(
    actor: ActorDep,
    analytics: AnalyticsDep,
    now: NowDep,
    period: PeriodDep,
    filters: FiltersDep,
    asked: DrillDep,
) -> ShiftDrillDownPage:
    """The shifts behind one number of an attendance KPI: all it counted, or (``numerator``)
    the hits, e.g. the absent shifts of absenteeism. Instants in UTC."""
    scoped = scoped_filters(actor, filters)
    frame = shifts_frame(
        analytics.engine,
        kpi=asked.kpi,
        period=period,
        filters=scoped,
        slice_values=asked.buckets,
        numerator=asked.numerator,
        as_of=now,
    )
    found = shift_page(
        frame, kpi=asked.kpi, numerator=asked.numerator, page=asked.page, per_page=asked.per_page
    )
    return ShiftDrillDownPage(
        kpi=asked.kpi,
        numerator=asked.numerator,
        total=found.total,
        page=asked.page,
        per_page=asked.per_page,
        shifts=found.rows,
    )
