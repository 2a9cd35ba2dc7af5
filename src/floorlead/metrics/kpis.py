"""The KPI catalogue: every KPI defined once, as Ibis over a fact view (see ``views.py``).

docs/metrics.md documents each entry; a test fails when the two drift apart.
"""

from __future__ import annotations

from floorlead.errors import NotFound
from floorlead.metrics import kpi_outcomes, kpi_speed, kpi_staff
from floorlead.metrics.kpi_base import Kpi

__all__ = ["CATALOGUE", "KPIS", "Kpi", "kpi_named", "kpis_named"]

CATALOGUE: tuple[Kpi, ...] = (
    *kpi_outcomes.customer(),
    *kpi_speed.durations(),
    *kpi_speed.sla(),
    *kpi_speed.queue(),
    *kpi_outcomes.resolution(),
    *kpi_staff.efficiency(),
    *kpi_staff.attendance(),
    *kpi_staff.people(),
)
KPIS: dict[str, Kpi] = {kpi.name: kpi for kpi in CATALOGUE}


def kpi_named(name: str) -> Kpi:
    try:
        return KPIS[name]
    except KeyError:
        raise NotFound(f"no KPI named {name!r}; see docs/metrics.md", field="kpi") from None


def kpis_named(names: list[str] | tuple[str, ...]) -> tuple[Kpi, ...]:
    return tuple(kpi_named(name) for name in names) if names else CATALOGUE
