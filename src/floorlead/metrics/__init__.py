"""Metrics: the KPI engine (facts, definitions, sync, slices, targets, drill-down, exports).

What other areas may use; docs/metrics.md describes every KPI and the engine API.
"""

from floorlead.metrics.definitions import Definitions
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.export import ExportFormat, export_dataset, write_frame
from floorlead.metrics.kpis import CATALOGUE, KPIS, Kpi, kpi_named
from floorlead.metrics.model import Dimension, Period, Unit
from floorlead.metrics.queries import (
    drill_down,
    kpi_engine,
    list_targets,
    open_warehouse,
    staff_members,
)
from floorlead.metrics.service import delete_target, refresh_analytics, set_target
from floorlead.metrics.sync import SyncReport, sync_analytics
from floorlead.metrics.targets import TargetValue, target_status

__all__ = [
    "CATALOGUE",
    "KPIS",
    "Definitions",
    "Dimension",
    "ExportFormat",
    "Kpi",
    "KpiEngine",
    "Period",
    "SyncReport",
    "TargetValue",
    "Unit",
    "delete_target",
    "drill_down",
    "export_dataset",
    "kpi_engine",
    "kpi_named",
    "list_targets",
    "open_warehouse",
    "refresh_analytics",
    "set_target",
    "staff_members",
    "sync_analytics",
    "target_status",
    "write_frame",
]
