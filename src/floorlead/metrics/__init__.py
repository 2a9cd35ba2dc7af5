"""Metrics: the KPI engine (facts, definitions, sync, slices, targets, drill-down, exports).

What other areas may use; docs/metrics.md describes every KPI and the engine API.
"""

from floorlead.metrics.definitions import Definitions, ProductiveTime
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.export import ExportFormat, export_dataset, write_frame
from floorlead.metrics.kpis import CATALOGUE, KPIS, Kpi, kpi_named
from floorlead.metrics.model import Better, Dimension, Period, Unit
from floorlead.metrics.queries import (
    drill_down,
    get_target,
    kpi_engine,
    list_targets,
    open_warehouse,
    shifts_behind,
    staff_members,
)
from floorlead.metrics.service import delete_target, refresh_analytics, set_target
from floorlead.metrics.sync import SyncReport, sync_analytics
from floorlead.metrics.targets import (
    StaffMember,
    TargetNotFound,
    TargetValue,
    applicable_target,
    target_status,
)
from floorlead.metrics.warehouse import Warehouse

__all__ = [
    "CATALOGUE",
    "KPIS",
    "Better",
    "Definitions",
    "Dimension",
    "ExportFormat",
    "Kpi",
    "KpiEngine",
    "Period",
    "ProductiveTime",
    "StaffMember",
    "SyncReport",
    "TargetNotFound",
    "TargetValue",
    "Unit",
    "Warehouse",
    "applicable_target",
    "delete_target",
    "drill_down",
    "export_dataset",
    "get_target",
    "kpi_engine",
    "kpi_named",
    "list_targets",
    "open_warehouse",
    "refresh_analytics",
    "set_target",
    "shifts_behind",
    "staff_members",
    "sync_analytics",
    "target_status",
    "write_frame",
]
