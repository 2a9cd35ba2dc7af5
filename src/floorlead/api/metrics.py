"""KPI endpoints: values, the catalogue, targets and exports (drill-downs: ``kpi_drill``).

Figures come from the KPI engine on the analytics store, synced at most every 30 seconds
(:mod:`floorlead.web.dashboard.analytics`); every request is narrowed to the caller's scope
by :func:`floorlead.web.dashboard.access.scoped_filters` (agents see their own figures).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.errors import NotFound
from floorlead.metrics import (
    CATALOGUE,
    KPIS,
    Period,
    delete_target,
    get_target,
    list_targets,
    set_target,
    staff_members,
    target_status,
)
from floorlead.metrics.export import DATASETS
from floorlead.web.dashboard.access import require_team_dashboard, scoped_filters
from floorlead.web.dashboard.analytics import AnalyticsDep
from floorlead.web.dashboard.exports import (
    frame_download,
    json_rows,
    scoped_dataset,
    table_download,
)
from floorlead.web.dashboard.tables import kpi_table

router = APIRouter(tags=["metrics"])
DEFAULT_DAYS = 28
Repeated = Annotated[list[str] | None, Query()]
Numbers = Annotated[list[int] | None, Query()]


class KpiPublic(BaseModel):
    name: str
    label: str
    group: str
    view: str
    unit: str
    better: str


class KpiValues(BaseModel):
    period: dict[str, str]
    definitions: str
    kpis: list[str]
    by: list[str]
    rows: list[dict[str, Any]]


class TargetCreate(BaseModel):
    kpi: str
    value: float
    team_id: int | None = None
    role: str | None = None


class TargetUpdate(BaseModel):
    value: float


class TargetPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kpi: str
    value: float
    team_id: int | None
    role: str | None


def kpi_period(
    now: NowDep,
    start: Annotated[date | None, Query(alias="from", description="first UTC day")] = None,
    end: Annotated[date | None, Query(alias="to", description="last UTC day")] = None,
) -> Period:
    """The period asked for; by default the 28 days ending today."""
    last = end or now.date()
    return Period(start or last - timedelta(days=DEFAULT_DAYS - 1), last)


def kpi_filters(
    team: Numbers = None,
    agent: Numbers = None,
    channel: Repeated = None,
    priority: Repeated = None,
    category: Repeated = None,
    tier: Repeated = None,
) -> dict[str, list]:
    """Filters (each repeatable; a row must match one of the values of every filter given)."""
    given = {"team": team, "agent": agent, "channel": channel, "priority": priority}
    given |= {"category": category, "tier": tier}
    return {name: values for name, values in given.items() if values}


PeriodDep = Annotated[Period, Depends(kpi_period)]
FiltersDep = Annotated[dict[str, list], Depends(kpi_filters)]


@router.get("/kpis/catalogue")
def kpi_catalogue(actor: ActorDep) -> list[KpiPublic]:
    """Every KPI: name, label, group, fact view, unit and which way is better."""
    return [KpiPublic.model_validate(kpi, from_attributes=True) for kpi in CATALOGUE]


@router.get("/kpis")
def kpi_values(
    actor: ActorDep,
    analytics: AnalyticsDep,
    now: NowDep,
    session: SessionDep,
    period: PeriodDep,
    filters: FiltersDep,
    kpi: Repeated = None,
    by: Repeated = None,
    compare: bool = False,
    targets: bool = False,
) -> KpiValues:
    """KPI values per slice of ``by`` (``compare``: with the previous period; ``targets``:
    with each value's target and status)."""
    scoped = scoped_filters(actor, filters)
    by = by or []
    frame = kpi_table(
        analytics.engine,
        kpi or [],
        by=by,
        period=period,
        filters=scoped,
        as_of=now,
        compare=compare,
    )
    if targets:
        names = [KPIS[c] for c in frame.columns if c in KPIS]
        frame = target_status(
            frame, list_targets(session), kpis=names, staff=staff_members(analytics.engine)
        )
    return KpiValues(
        period={"from": period.start.isoformat(), "to": period.end.isoformat()},
        definitions=str(frame.attrs.get("definitions", analytics.engine.definitions.label)),
        kpis=[c for c in frame.columns if c in KPIS],
        by=by,
        rows=json_rows(frame),
    )


@router.get("/kpi-targets")
def list_kpi_targets(session: SessionDep, actor: ActorDep) -> list[TargetPublic]:
    return [TargetPublic.model_validate(target) for target in list_targets(session)]


@router.post("/kpi-targets", status_code=201)
def set_kpi_target(
    body: TargetCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> TargetPublic:
    """Create the target of a KPI for a team, a role or everyone, or change it if it exists."""
    row = set_target(
        session,
        kpi=body.kpi,
        value=body.value,
        team_id=body.team_id,
        role=body.role,
        actor=actor,
        now=now,
    )
    return TargetPublic.model_validate(row)


@router.put("/kpi-targets/{target_id}")
def change_kpi_target(
    target_id: int, body: TargetUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> TargetPublic:
    found = get_target(session, target_id)
    row = set_target(
        session,
        kpi=found.kpi,
        value=body.value,
        team_id=found.team_id,
        role=found.role,
        actor=actor,
        now=now,
    )
    return TargetPublic.model_validate(row)


@router.delete("/kpi-targets/{target_id}", status_code=204)
def delete_kpi_target(target_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> None:
    delete_target(session, target_id=target_id, actor=actor, now=now)


@router.get("/exports/{dataset}")
def export(
    dataset: str,
    actor: ActorDep,
    analytics: AnalyticsDep,
    now: NowDep,
    filters: FiltersDep,
    format: str = "csv",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    kpi: Repeated = None,
    by: Repeated = None,
) -> Response:
    """``tickets``, ``events`` or ``surveys`` of the caller's teams, or ``kpis`` (a KPI table
    as ``/api/kpis`` gives it) as CSV, XLSX or Parquet."""
    if dataset != "kpis" and dataset not in DATASETS:
        names = ", ".join([*DATASETS, "kpis"])
        raise NotFound(f"unknown dataset {dataset!r}; use one of {names}", field="dataset")
    if dataset == "kpis":
        period = kpi_period(now, start, end)
        frame = kpi_table(
            analytics.engine,
            kpi or [],
            by=by or [],
            period=period,
            filters=scoped_filters(actor, filters),
            as_of=now,
        )
        return frame_download(frame, name="kpis", file_format=format)
    require_team_dashboard(actor)
    period = kpi_period(now, start, end) if start or end else None
    table = scoped_dataset(
        analytics.engine.warehouse, dataset, period=period, team_ids=actor.team_ids
    )
    return table_download(table, name=dataset, file_format=format)
