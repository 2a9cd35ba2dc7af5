"""Agent scorecards: each agent's KPIs against targets and the team median, with sparklines.

Sparklines are drawn server-side as SVG polylines (a few points per agent), so the ranked
table needs no script and ships no rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from floorlead.metrics import KPIS, Kpi, KpiEngine, TargetValue, target_status
from floorlead.web.dashboard.figures import Figure, median, number
from floorlead.web.dashboard.state import DashboardQuery
from floorlead.web.dashboard.tables import FigureTable, drill_link, figure_table

if TYPE_CHECKING:
    from floorlead.metrics.targets import StaffMember

SCORECARD_KPIS = (
    "tickets_solved",
    "csat",
    "first_reply_time_median",
    "full_resolution_time_median",
    "first_contact_resolution",
    "reopen_rate",
    "average_handle_time",
    "sla_achievement",
    "contacts_per_agent_hour",
    "attendance_rate",
    "absenteeism_rate",
)
SPARK_WIDTH, SPARK_HEIGHT = 120, 28
FRONT_LINE = ("agent", "senior_agent")


def team_members(staff: Mapping[int, StaffMember], team_ids: Sequence[int]) -> set[int]:
    """The front-line people of those teams (others who worked their tickets are left out)."""
    return {pid for pid, m in staff.items() if m.team_id in team_ids and m.role in FRONT_LINE}


@dataclass(frozen=True)
class Sparkline:
    """An SVG sparkline: one polyline per unbroken run of values (a gap where none)."""

    lines: list[str]
    width: int = SPARK_WIDTH
    height: int = SPARK_HEIGHT


def sparkline(values: Sequence[float | None]) -> Sparkline:
    found = [v for v in values if v is not None]
    if not found:
        return Sparkline([])
    low, high = min(found), max(found)
    spread = (high - low) or 1.0
    step = (SPARK_WIDTH - 4) / max(len(values) - 1, 1)
    lines: list[str] = []
    run: list[str] = []
    for i, value in enumerate(values):
        if value is None:
            lines, run = _close(lines, run), []
            continue
        y = SPARK_HEIGHT - 2 - (value - low) / spread * (SPARK_HEIGHT - 4)
        run.append(f"{2 + i * step:.1f},{y:.1f}")
    return Sparkline(_close(lines, run))


def _close(lines: list[str], run: list[str]) -> list[str]:
    if len(run) == 1:  # a lone point: a short flat stroke so it shows
        x, y = run[0].split(",")
        run = [f"{float(x) - 1.5:.1f},{y}", f"{float(x) + 1.5:.1f},{y}"]
    return [*lines, " ".join(run)] if run else lines


def sparklines(frame: pd.DataFrame, *, kpi: str, step: str) -> dict[int, Sparkline]:
    """One sparkline per agent of a frame sliced by agent and a time step."""
    found = {}
    for agent_id, rows in frame[frame.agent_id.notna()].groupby("agent_id"):
        values = [number(v) for v in rows.sort_values(step)[kpi]]
        found[int(agent_id)] = sparkline(values)
    return found


@dataclass(frozen=True)
class Scorecards:
    table: FigureTable
    spark_kpi: Kpi
    sparks: dict[int, Sparkline]


def agent_scorecards(
    engine: KpiEngine,
    targets: Sequence[TargetValue],
    staff: Mapping[int, StaffMember],
    *,
    query: DashboardQuery,
    filters: Mapping[str, list],
    as_of: datetime,
) -> Scorecards:
    """The ranked table of agents; the sparkline follows the column the table is sorted by."""
    table = figure_table(
        engine,
        targets,
        kpis=SCORECARD_KPIS,
        by="agent",
        query=query,
        filters=filters,
        as_of=as_of,
        staff=staff,
        only=team_members(staff, filters["team"]) if "team" in filters else None,
    )
    spark_kpi = KPIS.get(table.sort.removeprefix("-"), table.kpis[0])
    trend = engine.compute(
        [spark_kpi.name],
        period=query.period,
        by=["agent", query.by],
        filters=filters,
        as_of=as_of,
    )
    return Scorecards(table, spark_kpi, sparklines(trend, kpi=spark_kpi.name, step=query.by))


@dataclass(frozen=True)
class ScoreLine:
    """One KPI of one person's scorecard: the figure, the team median and a sparkline."""

    figure: Figure
    median: Figure
    spark: Sparkline


def person_scorecard(
    engine: KpiEngine,
    targets: Sequence[TargetValue],
    staff: Mapping[int, StaffMember],
    *,
    person_id: int,
    query: DashboardQuery,
    filters: Mapping[str, list],
    median_filters: Mapping[str, list],
    as_of: datetime,
) -> tuple[list[ScoreLine], pd.DataFrame]:
    """One person's KPIs against their targets, their previous period and their team."""
    kpis = list(SCORECARD_KPIS)
    args = {"by": ["agent"], "as_of": as_of}
    mine = engine.compute(kpis, period=query.period, filters=filters, **args)
    before = engine.compute(kpis, period=query.period.previous(), filters=filters, **args)
    team = engine.compute(kpis, period=query.period, filters=median_filters, **args)
    if "team" in median_filters:
        team = team[team.agent_id.isin(team_members(staff, median_filters["team"]))]
    trend = engine.compute(
        kpis, period=query.period, by=["agent", query.by], filters=filters, as_of=as_of
    )
    chosen = [KPIS[k] for k in kpis]
    marked = target_status(_person(mine, person_id), targets, kpis=chosen, staff=staff)
    lines = [
        ScoreLine(
            Figure(
                kpi,
                _value(marked, kpi.name),
                previous=_value(_person(before, person_id), kpi.name),
                target=_value(marked, f"{kpi.name}_target"),
                status=_text(marked, f"{kpi.name}_status"),
                drill_url=drill_link(kpi, query, {"agent": person_id}),
            ),
            Figure(kpi, median(team[kpi.name])),
            sparklines(_person(trend, person_id), kpi=kpi.name, step=query.by).get(
                person_id, Sparkline([])
            ),
        )
        for kpi in chosen
    ]
    return lines, scorecard_frame(lines)


def scorecard_frame(lines: Sequence[ScoreLine]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "kpi": line.figure.kpi.name,
                "label": line.figure.kpi.label,
                "value": line.figure.value,
                "previous": line.figure.previous,
                "target": line.figure.target,
                "status": line.figure.status,
                "team_median": line.median.value,
            }
            for line in lines
        ]
    )


def _person(frame: pd.DataFrame, person_id: int) -> pd.DataFrame:
    return frame[frame.agent_id == person_id]


def _value(frame: pd.DataFrame, column: str) -> float | None:
    return number(frame[column].iloc[0]) if len(frame) and column in frame else None


def _text(frame: pd.DataFrame, column: str) -> str | None:
    value = frame[column].iloc[0] if len(frame) and column in frame else None
    return value if isinstance(value, str) else None
