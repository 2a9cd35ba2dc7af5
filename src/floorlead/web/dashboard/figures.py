"""How one KPI figure reads: its value in the KPI's unit, its change, and which way is good."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from floorlead.metrics import KPIS, Kpi, Unit
from floorlead.web.templating import duration

BLANK = "—"


def number(value: Any) -> float | None:
    """A KPI value as a float, or None when there is none (NaN, None, pandas NA)."""
    if value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) else result


def median(values: pd.Series) -> float | None:
    """The median of the values there are (None when there are none, without a warning)."""
    found = pd.to_numeric(values, errors="coerce").dropna()
    return number(found.median()) if len(found) else None


def format_value(kpi: Kpi | str, value: Any) -> str:
    """``value`` as people read it: 83.8%, 2h 05m, 1,204, +42 (NPS)."""
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    found = number(value)
    if found is None:
        return BLANK
    shown = {
        Unit.PERCENT: lambda v: f"{v:.1f}%",
        Unit.SECONDS: duration,
        Unit.COUNT: lambda v: f"{v:,.0f}",
        Unit.SCORE: lambda v: f"{v:+.0f}",
        Unit.RATIO: lambda v: f"{v:.2f}",
        Unit.CURRENCY: lambda v: f"{v:,.2f}",
        Unit.HOURS: lambda v: f"{v:,.1f} h",
        Unit.YEARS: lambda v: f"{v:.1f} y",
    }[kpi.unit]
    return shown(found)


def format_change(kpi: Kpi, change: float | None) -> str:
    """A change against the previous period: +1.2 pts, -5m, +12."""
    if change is None:
        return BLANK
    if kpi.unit is Unit.PERCENT:
        return f"{change:+.1f} pts"
    if kpi.unit is Unit.SECONDS:
        return ("+" if change >= 0 else "") + duration(change)
    return ("+" if change >= 0 else "") + format_value(kpi, change).lstrip("+")


@dataclass(frozen=True)
class Figure:
    """One KPI value with its previous value, target and target status."""

    kpi: Kpi
    value: float | None
    previous: float | None = None
    target: float | None = None
    status: str | None = None  # met, missed, or None (no target or no value)
    drill_url: str | None = None

    @property
    def shown(self) -> str:
        return format_value(self.kpi, self.value)

    @property
    def previous_shown(self) -> str:
        return format_value(self.kpi, self.previous)

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_shown(self) -> str:
        return format_change(self.kpi, self.change)

    @property
    def trend(self) -> str | None:
        """up, down or flat against the previous period (None without both values)."""
        change = self.change
        if change is None:
            return None
        if abs(change) < 1e-9:
            return "flat"
        return "up" if change > 0 else "down"

    @property
    def improving(self) -> bool | None:
        """Whether the trend goes the KPI's good way (None when flat or neither way is good)."""
        if self.trend in (None, "flat") or self.kpi.better == "neither":
            return None
        return (self.trend == "up") == (self.kpi.better == "higher")

    @property
    def target_shown(self) -> str:
        return format_value(self.kpi, self.target)
