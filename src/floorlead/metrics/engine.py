"""Running KPIs: slices, filters and periods over the fact views, on any Ibis backend.

``compute`` groups the requested KPIs by fact view and runs one aggregate query per view,
then joins the answers on the slice keys. The result is a pandas DataFrame: one row per slice
(``agent_id``, ``team_id``, ``channel``, ``priority``, ``category``, ``customer_tier``,
``day``/``week``/``month``, as asked), one column per KPI, with ``agent_name``/``team_name``
added when sliced by agent or team. ``frame.attrs`` states the period and the definitions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from queue import Queue
from typing import Any

import ibis
import numpy as np
import pandas as pd

from floorlead.errors import RuleViolation
from floorlead.metrics import views
from floorlead.metrics.buckets import bucket_labels, snapshot_rows
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.kpis import Kpi, kpi_named, kpis_named
from floorlead.metrics.model import TIME_DIMENSIONS, Dimension, Period, parse_dimensions
from floorlead.metrics.warehouse import Warehouse

Filters = Mapping[str, Sequence[Any]]


class KpiEngine:
    """KPIs over the fact tables of one warehouse, under one set of definitions."""

    def __init__(self, warehouse: Warehouse, *, definitions: Definitions | None = None) -> None:
        self.warehouse = warehouse
        self.definitions = definitions or Definitions()

    def compute(
        self,
        kpis: Sequence[str] = (),
        *,
        period: Period,
        by: Sequence[str] = (),
        filters: Filters | None = None,
        as_of: datetime | None = None,
    ) -> pd.DataFrame:
        """One row per slice of ``by``, one column per KPI (all KPIs when none are named)."""
        chosen = kpis_named(tuple(kpis))
        dims = parse_dimensions(tuple(by))
        wanted = _filters(filters)
        ctx = self._context(as_of)
        keys = [d.column for d in dims]
        used = frozenset(dims) | frozenset(wanted)
        jobs = [(v, m) for v, m in _by_view(chosen).items() if views.supports(v, used)]
        empty = {k.name for v, m in _by_view(chosen).items() for k in m if (v, m) not in jobs}
        frames = self._run_views(jobs, dims, wanted, period, ctx)
        frames += [pd.DataFrame(columns=sorted(empty))] if empty else []
        frame = _merge(frames, keys)
        frame = self._add_spine(frame, dims, wanted, period)
        frame = _tidy(frame, chosen, keys, empty)
        frame = self._add_names(frame, dims)
        frame.attrs.update(
            period={"from": period.start.isoformat(), "to": period.end.isoformat()},
            definitions=self.definitions.label,
            definition_settings=self.definitions.settings(),
        )
        return frame

    def compare_previous(
        self,
        kpis: Sequence[str] = (),
        *,
        period: Period,
        by: Sequence[str] = (),
        filters: Filters | None = None,
        as_of: datetime | None = None,
    ) -> pd.DataFrame:
        """``compute`` for ``period`` with ``<kpi>_previous`` and ``<kpi>_change`` columns."""
        if any(d in TIME_DIMENSIONS for d in parse_dimensions(tuple(by))):
            raise RuleViolation("compare whole periods: leave day/week/month out", field="by")
        names = [k.name for k in kpis_named(tuple(kpis))]
        args = {"by": by, "filters": filters, "as_of": as_of}
        current = self.compute(names, period=period, **args)
        previous = self.compute(names, period=period.previous(), **args)
        keys = [c for c in current.columns if c not in names]
        previous = previous[[k for k in keys if k in previous.columns] + names]
        merged = current.merge(previous, on=keys, how="left", suffixes=("", "_previous"))
        for name in names:
            merged[f"{name}_change"] = merged[name] - merged[f"{name}_previous"]
        merged.attrs = dict(current.attrs)
        return merged

    def drill_down(
        self,
        kpi: str,
        *,
        period: Period,
        slice_values: Mapping[str, Any] | None = None,
        filters: Filters | None = None,
        numerator: bool = False,
        as_of: datetime | None = None,
    ) -> list[int]:
        """The ids of the tickets behind one number (``numerator``: only the rows that hit)."""
        chosen = kpi_named(kpi)
        if chosen.view == "people":
            raise RuleViolation(f"{kpi} counts people, not tickets", field="kpi")
        ctx = self._context(as_of)
        values = dict(slice_values or {})
        dims = parse_dimensions(tuple(values))
        view_name = "handling" if chosen.view == "agent_days" else chosen.view
        view = self._view(view_name, dims, period, ctx)
        view = _apply_filters(view, {**_filters(filters), **_filters(_as_lists(values))})
        keep = chosen.base(view, ctx)
        if numerator and chosen.hit is not None:
            keep = keep & chosen.hit(view, ctx)
        ids = view.filter(keep & view.ticket_id.notnull()).select("ticket_id").distinct()
        found = self.warehouse.backend.to_pyarrow(ids)["ticket_id"].to_pylist()
        return sorted(int(i) for i in found)

    def _context(self, as_of: datetime | None) -> views.Context:
        moment = (as_of or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        return views.Context(definitions=self.definitions, as_of=moment)

    def _view(
        self,
        name: str,
        dims: tuple[Dimension, ...],
        period: Period,
        ctx: views.Context,
        tables: views.Tables | None = None,
    ) -> ibis.Table:
        tables = tables or self.warehouse.table
        time_dim = next((d for d in dims if d.is_time), None)
        if name in views.SNAPSHOT_VIEWS:
            moment = ctx.as_of.replace(tzinfo=UTC)
            snapshot = views.Snapshot(snapshot_rows(period, time_dim, moment))
            view = views.SNAPSHOT_VIEWS[name](tables, ctx, snapshot)
            return view.mutate(**{time_dim.column: view.bucket}) if time_dim else view
        view = views.FLOW_VIEWS[name](tables, ctx)
        start = ibis.literal(period.start_at.replace(tzinfo=None))
        end = ibis.literal(period.end_at.replace(tzinfo=None))
        view = view.filter((view.at >= start) & (view.at < end))
        if time_dim:
            view = view.mutate(**{time_dim.column: views.bucket_column(view, time_dim)})
        return view

    def _run_views(
        self,
        jobs: list[tuple[str, list[Kpi]]],
        dims: tuple[Dimension, ...],
        wanted: dict[Dimension, list[Any]],
        period: Period,
        ctx: views.Context,
    ) -> list[pd.DataFrame]:
        """One aggregate query per view; on DuckDB, two at a time (one compiles, one runs)."""
        readers: Queue[views.Reader] = Queue()
        for reader in self.warehouse.readers():
            readers.put(reader)

        def run(job: tuple[str, list[Kpi]]) -> pd.DataFrame:
            reader = readers.get()
            try:
                return self._run_view(reader, *job, dims, wanted, period, ctx)
            finally:
                readers.put(reader)

        if readers.qsize() < 2 or len(jobs) < 2:
            return [run(job) for job in jobs]
        with ThreadPoolExecutor(readers.qsize()) as pool:
            return list(pool.map(run, jobs))

    def _run_view(
        self,
        reader: views.Reader,
        name: str,
        members: list[Kpi],
        dims: tuple[Dimension, ...],
        wanted: dict[Dimension, list[Any]],
        period: Period,
        ctx: views.Context,
    ) -> pd.DataFrame:
        backend, tables = reader
        view = _apply_filters(self._view(name, dims, period, ctx, tables), wanted)
        measures = {kpi.name: kpi.measure(view, ctx) for kpi in members}
        keys = [d.column for d in dims]
        query = view.group_by(keys).aggregate(**measures) if keys else view.aggregate(**measures)
        return backend.to_pyarrow(query).to_pandas(date_as_object=True)

    def _add_spine(
        self, frame: pd.DataFrame, dims: tuple[Dimension, ...], wanted: dict, period: Period
    ) -> pd.DataFrame:
        """Sliced by time only: every bucket gets a row; by agent (and time): every agent."""
        time_dim = next((d for d in dims if d.is_time), None)
        if time_dim and len(dims) == 1:
            labels = pd.DataFrame({time_dim.column: bucket_labels(period, time_dim)})
            return labels.merge(frame, on=[time_dim.column], how="left")
        if Dimension.AGENT not in dims or any(
            not (d.is_time or d is Dimension.AGENT) for d in dims
        ):
            return frame
        staff = self.warehouse.backend.to_pandas(self.warehouse.table("src_people"))
        staff = staff[staff.role.isin(views.STAFF_ROLES)]
        hired = pd.to_datetime(staff.hire_date) <= pd.Timestamp(period.end)
        left = pd.to_datetime(staff.leave_date)
        staying = left.isna() | (left > pd.Timestamp(period.start))
        staff = staff[hired & staying]
        for dim, values in wanted.items():
            if dim is Dimension.AGENT:
                staff = staff[staff.id.isin(values)]
            elif dim is Dimension.TEAM:
                staff = staff[staff.team_id.isin(values)]
        spine = pd.DataFrame({"agent_id": staff.id.astype("int64")})
        if time_dim:
            labels = pd.DataFrame({time_dim.column: bucket_labels(period, time_dim)})
            spine = spine.merge(labels, how="cross")
        keys = [d.column for d in dims]
        if frame.empty and not len(frame.columns):
            return spine
        return spine.merge(frame, on=keys, how="outer")

    def _add_names(self, frame: pd.DataFrame, dims: tuple[Dimension, ...]) -> pd.DataFrame:
        for dim, table, column in (
            (Dimension.AGENT, "src_people", "agent_name"),
            (Dimension.TEAM, "src_teams", "team_name"),
        ):
            if dim in dims:
                names = self.warehouse.backend.to_pandas(
                    self.warehouse.table(table)[["id", "name"]]
                )
                lookup = dict(zip(names.id, names.name, strict=True))
                position = frame.columns.get_loc(dim.column) + 1
                frame.insert(position, column, frame[dim.column].map(lookup))
        return frame


def _by_view(kpis: tuple[Kpi, ...]) -> dict[str, list[Kpi]]:
    grouped: dict[str, list[Kpi]] = {}
    for kpi in kpis:
        grouped.setdefault(kpi.view, []).append(kpi)
    return grouped


def _filters(filters: Filters | None) -> dict[Dimension, list[Any]]:
    wanted: dict[Dimension, list[Any]] = {}
    for name, values in (filters or {}).items():
        (dim,) = parse_dimensions((name,))
        wanted[dim] = list(values)
    return wanted


def _as_lists(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: [value] for name, value in values.items()}


def _apply_filters(view: ibis.Table, wanted: dict[Dimension, list[Any]]) -> ibis.Table:
    for dim, values in wanted.items():
        view = view.filter(view[dim.column].isin(values))
    return view


def _merge(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    if not keys:
        row = pd.concat([f.reset_index(drop=True) for f in frames], axis=1)
        return row if len(row) else pd.DataFrame([dict.fromkeys(row.columns, np.nan)])
    merged = frames[0]
    for frame in frames[1:]:
        if not set(keys) <= set(frame.columns):
            merged = merged.assign(**dict.fromkeys(frame.columns, np.nan))
            continue
        if not set(keys) <= set(merged.columns):
            merged = frame.assign(**dict.fromkeys(merged.columns, np.nan))
            continue
        merged = merged.merge(frame, on=keys, how="outer")
    return merged


def _tidy(
    frame: pd.DataFrame, kpis: tuple[Kpi, ...], keys: list[str], empty: set[str]
) -> pd.DataFrame:
    """KPI columns as floats; totals are 0 (not missing) for a slice with nothing to count."""
    for kpi in kpis:
        if kpi.name not in frame.columns:
            frame[kpi.name] = np.nan
        frame[kpi.name] = pd.to_numeric(frame[kpi.name], errors="coerce").astype("float64")
        if kpi.is_total and kpi.name not in empty:
            frame[kpi.name] = frame[kpi.name].fillna(0.0)
    frame = frame[[*keys, *(k.name for k in kpis)]]
    if keys:
        frame = frame.sort_values(keys, na_position="last").reset_index(drop=True)
    return frame
