"""The read side of the metrics area: the analytics store, targets, drill-downs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.errors import RuleViolation
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.frames import Filters
from floorlead.metrics.model import Period
from floorlead.metrics.postgres_warehouse import PostgresWarehouse
from floorlead.metrics.tables import KpiTarget
from floorlead.metrics.targets import StaffMember, TargetNotFound, TargetValue
from floorlead.metrics.warehouse import DuckDBWarehouse, Warehouse


def open_warehouse(settings: Settings) -> Warehouse:
    """The analytics store ``settings.analytics_backend`` names."""
    if settings.analytics_backend == "duckdb":
        return DuckDBWarehouse(settings.analytics_path)
    url = make_url(settings.sqlalchemy_url)
    if not url.drivername.startswith("postgresql"):
        raise RuleViolation(
            "analytics_backend 'operational' needs a PostgreSQL database_url",
            field="analytics_backend",
        )
    return PostgresWarehouse(url.set(drivername="postgresql").render_as_string(hide_password=False))


@contextmanager
def kpi_engine(settings: Settings, definitions: Definitions | None = None) -> Iterator[KpiEngine]:
    warehouse = open_warehouse(settings)
    try:
        yield KpiEngine(warehouse, definitions=definitions)
    finally:
        warehouse.close()


def list_targets(session: Session) -> list[TargetValue]:
    rows = session.scalars(select(KpiTarget).order_by(KpiTarget.kpi, KpiTarget.id))
    return [_target_value(row) for row in rows]


def get_target(session: Session, target_id: int) -> TargetValue:
    row = session.get(KpiTarget, target_id)
    if row is None:
        raise TargetNotFound(f"KPI target {target_id} does not exist", field="target_id")
    return _target_value(row)


def _target_value(row: KpiTarget) -> TargetValue:
    return TargetValue(row.kpi, row.value, team_id=row.team_id, role=row.role, id=row.id)


def staff_members(engine: KpiEngine) -> dict[int, StaffMember]:
    """Role and team of every person, as the analytics store last saw them."""
    people = engine.warehouse.backend.to_pandas(engine.warehouse.table("src_people"))
    return {
        int(row.id): StaffMember(
            role=row.role, team_id=None if pd.isna(row.team_id) else int(row.team_id)
        )
        for row in people.itertuples()
    }


def drill_down(
    engine: KpiEngine,
    kpi: str,
    *,
    period: Period,
    slice_values: dict[str, Any] | None = None,
    filters: Filters | None = None,
    numerator: bool = False,
    as_of: datetime | None = None,
) -> list[int]:
    """The ticket ids behind one number of a KPI table (see ``KpiEngine.drill_down``)."""
    return engine.drill_down(
        kpi,
        period=period,
        slice_values=slice_values,
        filters=filters,
        numerator=numerator,
        as_of=as_of,
    )


def shifts_behind(
    engine: KpiEngine,
    kpi: str,
    *,
    period: Period,
    slice_values: dict[str, Any] | None = None,
    filters: Filters | None = None,
    numerator: bool = False,
    as_of: datetime | None = None,
) -> pd.DataFrame:
    """The shifts behind one number of an attendance KPI (see ``KpiEngine.shifts_behind``)."""
    return engine.shifts_behind(
        kpi,
        period=period,
        slice_values=slice_values,
        filters=filters,
        numerator=numerator,
        as_of=as_of,
    )
