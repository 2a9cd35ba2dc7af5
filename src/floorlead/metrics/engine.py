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
import pandas as pd

from floorlead.errors import RuleViolation
from floorlead.metrics import views
from floorlead.metrics.buckets import bucket_labels, snapshot_rows
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.frames import (
    Filters,
    apply_filters,
    as_lists,
    by_view,
    merge_frames,
    parse_filters,
    tidy,
)
from floorlead.metrics.kpis import Kpi, kpi_named, kpis_named
from floorlead.metrics.model import TIME_DIMENSIONS, Dimension, Period, parse_dimensions
from floorlead.metrics.warehouse import Warehouse

SHIFT_COLUMNS = (
    "shift_id",
    "agent_id",
    "team_id",
    "start_at",
    "end_at",
    "scheduled_seconds",
    "attended",
    "first_sign_in_at",
    "late_seconds",
    "last_sign_out_at",
    "early_leave_seconds",
)


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
        wanted = parse_filters(filters)
        ctx = self._context(as_of, period)
        keys = [d.column for d in dims]
        used = frozenset(dims) | frozenset(wanted)
        jobs = [(v, m) for v, m in by_view(chosen).items() if views.supports(v, used)]
        empty = {k.name for v, m in by_view(chosen).items() for k in m if (v, m) not in jobs}
        frames = self._run_views(jobs, dims, wanted, period, ctx)
        frames += [pd.DataFrame(columns=sorted(empty))] if empty else []
        frame = merge_frames(frames, keys)
        frame = self._add_spine(frame, dims, wanted, period)
        frame = tidy(frame, chosen, keys, empty)
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
        keys = [c for c in current.columns if c not in names and not c.endswith("_name")]
        if keys:
            previous = previous[keys + names]
            merged = current.merge(previous, on=keys, how="left", suffixes=("", "_previous"))
        else:  # one row each: nothing to join on
            merged = current.assign(**{f"{n}_previous": previous[n].iloc[0] for n in names})
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
        """The ids of the tickets behind one number (``numerator``: only the rows that hit).

        KPIs that count people or shifts have no tickets behind them (see ``shifts_behind``).
        """
        chosen = kpi_named(kpi)
        if chosen.drills_to != "tickets":
            raise RuleViolation(f"{kpi} counts {chosen.counts}, not tickets", field="kpi")
        view_name = "handling" if chosen.view == "agent_days" else chosen.view
        view, keep = self._rows_behind(
            chosen, view_name, period, slice_values, filters, numerator, as_of
        )
        ids = view.filter(keep & view.ticket_id.notnull()).select("ticket_id").distinct()
        found = self.warehouse.backend.to_pyarrow(ids)["ticket_id"].to_pylist()
        return sorted(int(i) for i in found)

    def shifts_behind(
        self,
        kpi: str,
        *,
        period: Period,
        slice_values: Mapping[str, Any] | None = None,
        filters: Filters | None = None,
        numerator: bool = False,
        as_of: datetime | None = None,
    ) -> pd.DataFrame:
        """The shifts behind one number of an attendance KPI, in time order (``numerator``:
        only those that hit, e.g. the absent shifts of ``absenteeism_rate``)."""
        chosen = kpi_named(kpi)
        if chosen.drills_to != "shifts":
            raise RuleViolation(f"{kpi} counts {chosen.counts}, not shifts", field="kpi")
        view, keep = self._rows_behind(
            chosen, "shifts", period, slice_values, filters, numerator, as_of
        )
        rows = view.filter(keep).select(*SHIFT_COLUMNS).order_by(["start_at", "shift_id"])
        frame = self.warehouse.backend.to_pyarrow(rows).to_pandas()
        return self._add_names(frame, (Dimension.AGENT,))

    def _rows_behind(
        self,
        chosen: Kpi,
        view_name: str,
        period: Period,
        slice_values: Mapping[str, Any] | None,
        filters: Filters | None,
        numerator: bool,
        as_of: datetime | None,
    ) -> tuple[ibis.Table, ibis.BooleanValue]:
        """The rows of ``view_name`` behind one number of ``chosen``, and the condition they
        meet. Agent-day KPIs read the handle segments of the day, whatever their condition."""
        ctx = self._context(as_of, period)
        values = dict(slice_values or {})
        dims = parse_dimensions(tuple(values))
        view = self._view(view_name, dims, period, ctx)
        view = apply_filters(view, {**parse_filters(filters), **parse_filters(as_lists(values))})
        if view_name != chosen.view:
            return view, ibis.literal(True)
        keep = chosen.base(view, ctx)
        if numerator and chosen.hit is not None:
            keep = keep & chosen.hit(view, ctx)
        return view, keep

    def _context(self, as_of: datetime | None, period: Period) -> views.Context:
        moment = (as_of or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        window = (period.start_at.replace(tzinfo=None), period.end_at.replace(tzinfo=None))
        return views.Context(definitions=self.definitions, as_of=moment, window=window)

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
        view = apply_filters(self._view(name, dims, period, ctx, tables), wanted)
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
