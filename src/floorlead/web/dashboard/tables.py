"""KPI tables of the dashboard: one row per team or agent, each cell a figure against its target.

Rows can be sorted by any KPI column (server-side, ``sort=csat`` or ``sort=-csat``); the
median of every column is shown beneath, the team median of an agents table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from floorlead.errors import RuleViolation
from floorlead.metrics import KPIS, Kpi, KpiEngine, Period, TargetValue, target_status
from floorlead.web.dashboard.figures import Figure, median, number
from floorlead.web.dashboard.state import BUCKETS, DashboardQuery

if TYPE_CHECKING:
    from floorlead.metrics.targets import StaffMember

# The key and the name column of each kind of row.
ROW_KEYS = {"agent": ("agent_id", "agent_name"), "team": ("team_id", "team_name")}
# The drill-down page of each kind of row a KPI counts (``Kpi.drills_to``).
DRILL_PATHS = {"tickets": "/dashboard/drill", "shifts": "/dashboard/drill/shifts"}


@dataclass(frozen=True)
class TableRow:
    key: int
    name: str
    cells: list[Figure]


@dataclass(frozen=True)
class FigureTable:
    by: str
    kpis: list[Kpi]
    rows: list[TableRow]
    medians: list[Figure]
    sort: str
    frame: pd.DataFrame  # what an export of the table writes

    def sort_link(self, column: str) -> str:
        """The sort a click on a column header asks for: best first, then the reverse."""
        first = default_sort(KPIS[column]) if column in KPIS else column
        if self.sort != first:
            return first
        return first.removeprefix("-") if first.startswith("-") else f"-{first}"


def figure_table(
    engine: KpiEngine,
    targets: Sequence[TargetValue],
    *,
    kpis: Sequence[str],
    by: str,
    query: DashboardQuery,
    filters: Mapping[str, list],
    as_of: datetime,
    staff: Mapping[int, StaffMember] | None = None,
    only: set[int] | None = None,
) -> FigureTable:
    """One row per ``by`` (agent or team) of ``kpis``, with targets, medians and a sort.

    ``only`` keeps just those rows (say, the members of the teams in view).
    """
    chosen = [KPIS[name] for name in kpis]
    key, name = ROW_KEYS[by]
    frame = engine.compute(kpis, period=query.period, by=[by], filters=filters, as_of=as_of)
    frame = frame[frame[key].notna()]
    if only is not None:
        frame = frame[frame[key].isin(only)]
    marked = target_status(frame, targets, kpis=chosen, staff=staff)
    sort = query.sort or default_sort(chosen[0])
    marked = sort_rows(marked, sort, allowed=[k.name for k in chosen] + [name])
    rows = [
        TableRow(
            key=int(row[key]),
            name=str(row[name]) if pd.notna(row[name]) else f"#{int(row[key])}",
            cells=[_cell(kpi, row, query, {by: int(row[key])}) for kpi in chosen],
        )
        for _, row in marked.iterrows()
    ]
    medians = [Figure(kpi, median(marked[kpi.name])) for kpi in chosen]
    return FigureTable(by, chosen, rows, medians, sort, marked.reset_index(drop=True))


def default_sort(kpi: Kpi) -> str:
    """Best first: descending when higher is better, ascending when lower is."""
    return kpi.name if kpi.better == "lower" else f"-{kpi.name}"


def sort_rows(frame: pd.DataFrame, sort: str, *, allowed: Sequence[str]) -> pd.DataFrame:
    column = sort.removeprefix("-")
    if column not in allowed:
        raise RuleViolation(
            f"cannot sort by {column!r}; use one of {', '.join(allowed)}", field="sort"
        )
    return frame.sort_values(column, ascending=not sort.startswith("-"), na_position="last")


def _cell(kpi: Kpi, row: pd.Series, query: DashboardQuery, slice_values: dict) -> Figure:
    status = row.get(f"{kpi.name}_status")
    return Figure(
        kpi,
        number(row[kpi.name]),
        target=number(row.get(f"{kpi.name}_target")),
        status=status if isinstance(status, str) else None,
        drill_url=drill_link(kpi, query, slice_values),
    )


def drill_link(kpi: Kpi, query: DashboardQuery, slice_values: Mapping[str, object]) -> str | None:
    """Where clicking a number leads: its tickets, or its shifts; None for KPIs about people."""
    path = DRILL_PATHS.get(kpi.drills_to or "")
    if path is None:
        return None
    return query.drill_url(kpi.name, slice_values=slice_values, path=path)


def kpi_table(
    engine: KpiEngine,
    kpis: list[str],
    *,
    by: list[str],
    period: Period,
    filters: dict[str, list],
    as_of: datetime,
    compare: bool = False,
) -> pd.DataFrame:
    """``engine.compute``; with ``compare``, plus ``<kpi>_previous`` and ``<kpi>_change``
    (a slice found in one period only keeps its row)."""
    args = {"by": by, "filters": filters, "as_of": as_of}
    current = engine.compute(kpis, period=period, **args)
    if not compare:
        return current
    if any(b in BUCKETS for b in by):
        raise RuleViolation("compare whole periods: leave day, week and month out", field="by")
    names = [c for c in current.columns if c in KPIS]
    keys = [c for c in current.columns if c not in names and not c.endswith("_name")]
    previous = engine.compute(names, period=period.previous(), **args)[keys + names]
    if keys:
        merged = current.merge(previous, on=keys, how="outer", suffixes=("", "_previous"))
    else:
        merged = current.assign(**{f"{n}_previous": previous[n].iloc[0] for n in names})
    for name in names:
        if KPIS[name].is_total:  # nothing counted is 0, not missing
            merged[[name, f"{name}_previous"]] = merged[[name, f"{name}_previous"]].fillna(0.0)
        merged[f"{name}_change"] = merged[name] - merged[f"{name}_previous"]
    merged.attrs = dict(current.attrs)
    return merged
