"""The team overview: KPI cards against the previous period and targets, trends, channel mix.

Everything is aggregated by the KPI engine on the analytics store; the page receives only
the figures and the points of its charts, never ticket rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from floorlead.metrics import KPIS, KpiEngine, TargetValue, target_status
from floorlead.web.dashboard.figures import Figure, number
from floorlead.web.dashboard.state import DashboardQuery
from floorlead.web.dashboard.tables import drill_link

CARD_KPIS = (
    "csat",
    "nps",
    "first_reply_time_median",
    "full_resolution_time_median",
    "sla_achievement",
    "first_contact_resolution",
    "reopen_rate",
    "escalation_rate",
    "average_handle_time",
    "backlog",
    "cost_per_contact",
    "abandonment_rate",
    "attendance_rate",
    "absenteeism_rate",
)
TEAM_KPIS = (
    "tickets_created",
    "tickets_solved",
    "csat",
    "first_reply_time_median",
    "sla_achievement",
    "first_contact_resolution",
    "average_handle_time",
    "backlog",
)


@dataclass(frozen=True)
class Chart:
    """What dashboard.js draws: Chart.js type, labels and datasets.

    A point links to ``link_base`` plus ``&<link_param>=<its label>`` (the tickets, or for
    attendance KPIs the shifts, behind it).
    """

    key: str
    title: str
    kind: str  # line, bar or doughnut
    labels: list[str]
    datasets: list[dict[str, Any]]
    unit: str = "count"
    link_base: str | None = None
    link_param: str | None = None

    @property
    def has_data(self) -> bool:
        return any(v is not None and v != 0 for d in self.datasets for v in d["data"])

    def payload(self) -> dict[str, Any]:
        return {
            "type": self.kind,
            "labels": self.labels,
            "datasets": self.datasets,
            "unit": self.unit,
            "link": {"base": self.link_base, "param": self.link_param} if self.link_base else None,
        }


def kpi_figures(
    engine: KpiEngine,
    targets: Sequence[TargetValue],
    *,
    kpis: Sequence[str],
    query: DashboardQuery,
    filters: Mapping[str, list],
    as_of: datetime,
) -> list[Figure]:
    """One figure per KPI over the whole period, with the previous period and the target."""
    args = {"filters": filters, "as_of": as_of}
    current = engine.compute(kpis, period=query.period, **args)
    previous = engine.compute(kpis, period=query.period.previous(), **args)
    teams = filters.get("team", [])
    if len(teams) == 1:  # one team: its own targets apply
        current.insert(0, "team_id", teams[0])
    marked = target_status(current, targets, kpis=[KPIS[k] for k in kpis]).iloc[0]
    return [
        Figure(
            KPIS[name],
            number(marked[name]),
            previous=number(previous[name].iloc[0]),
            target=number(marked.get(f"{name}_target")),
            status=_text(marked.get(f"{name}_status")),
            drill_url=drill_link(KPIS[name], query, {}),
        )
        for name in kpis
    ]


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """The cards as a table (what their export writes)."""
    return pd.DataFrame(
        [
            {
                "kpi": f.kpi.name,
                "label": f.kpi.label,
                "unit": f.kpi.unit.value,
                "value": f.value,
                "previous": f.previous,
                "change": f.change,
                "target": f.target,
                "status": f.status,
            }
            for f in figures
        ]
    )


def trend_frame(
    engine: KpiEngine,
    *,
    kpis: Sequence[str],
    query: DashboardQuery,
    filters: Mapping[str, list],
    as_of: datetime,
) -> pd.DataFrame:
    return engine.compute(kpis, period=query.period, by=[query.by], filters=filters, as_of=as_of)


def trend_charts(frame: pd.DataFrame, *, kpis: Sequence[str], query: DashboardQuery) -> list[Chart]:
    """A line per KPI over the period's days, weeks or months; a point opens what is behind it."""
    labels = [_iso(b) for b in frame[query.by]]
    return [
        Chart(
            f"trend-{name}",
            KPIS[name].label,
            "line",
            labels,
            [{"label": KPIS[name].label, "data": [number(v) for v in frame[name]]}],
            unit=KPIS[name].unit.value,
            link_base=drill_link(KPIS[name], query, {}),
            link_param=query.by,
        )
        for name in kpis
    ]


def channel_mix(
    engine: KpiEngine, *, query: DashboardQuery, filters: Mapping[str, list], as_of: datetime
) -> tuple[Chart, pd.DataFrame]:
    """Tickets created per channel (a doughnut); a slice opens its tickets."""
    frame = engine.compute(
        ["tickets_created"], period=query.period, by=["channel"], filters=filters, as_of=as_of
    )
    frame = frame[frame.channel.notna() & (frame.tickets_created > 0)]
    labels = [str(c) for c in frame.channel]
    kpi = KPIS["tickets_created"]
    chart = Chart(
        "channel-mix",
        "Channel mix (tickets created)",
        "doughnut",
        labels,
        [{"label": "Tickets created", "data": [number(v) for v in frame.tickets_created]}],
        link_base=drill_link(kpi, query.with_filters(channel=[]), {}),
        link_param="channel",
    )
    return chart, frame.reset_index(drop=True)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
