"""KPIs as coaching sees them: names, labels, units and better directions from the metrics
catalogue (docs/metrics.md), which is loaded on first use."""

from __future__ import annotations

from floorlead.coaching.model import Direction, KpiInfo
from floorlead.errors import NotFound, RuleViolation

DIFFERENCE_UNITS = {"seconds": "s", "percent": "points", "score": "points", "hours": "h"}


def kpi_info(name: str, *, field: str = "kpi") -> KpiInfo:
    """The KPI called ``name``; an unknown name is refused, naming ``field``."""
    from floorlead.metrics import kpi_named

    try:
        kpi = kpi_named(name)
    except NotFound as exc:
        raise RuleViolation(exc.message, field=field) from None
    better = {"higher": Direction.HIGHER, "lower": Direction.LOWER}.get(kpi.better.value)
    return KpiInfo(kpi.name, kpi.label, kpi.unit.value, better)


def goal_kpis() -> list[KpiInfo]:
    """The KPIs a goal can be set on: per-agent ones with a better direction."""
    from floorlead.metrics import CATALOGUE

    found = [kpi_info(kpi.name) for kpi in CATALOGUE if kpi.view != "people"]
    return [info for info in found if info.better is not None]


def criterion_info(ref: str) -> KpiInfo:
    """A QA criterion, measured as the share of reviews that pass it."""
    return KpiInfo(ref, f"QA criterion “{ref}” pass rate", "percent", Direction.HIGHER)


def difference_unit(unit: str) -> str:
    """The unit a change of a value in ``unit`` is told in (percent changes in points)."""
    return DIFFERENCE_UNITS.get(unit, "")


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "seconds":
        return f"{value:.0f} s"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "hours":
        return f"{value:.1f} h"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
