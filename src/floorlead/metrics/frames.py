"""The table plumbing of the KPI engine: filters on views, and per-view answers merged into
one tidy frame (one row per slice, one float column per KPI)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import numpy as np
import pandas as pd

from floorlead.metrics.kpi_base import Kpi
from floorlead.metrics.model import Dimension, parse_dimensions

Filters = Mapping[str, Sequence[Any]]


def by_view(kpis: tuple[Kpi, ...]) -> dict[str, list[Kpi]]:
    grouped: dict[str, list[Kpi]] = {}
    for kpi in kpis:
        grouped.setdefault(kpi.view, []).append(kpi)
    return grouped


def parse_filters(filters: Filters | None) -> dict[Dimension, list[Any]]:
    wanted: dict[Dimension, list[Any]] = {}
    for name, values in (filters or {}).items():
        (dim,) = parse_dimensions((name,))
        wanted[dim] = list(values)
    return wanted


def as_lists(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: [value] for name, value in values.items()}


def apply_filters(view: ibis.Table, wanted: dict[Dimension, list[Any]]) -> ibis.Table:
    for dim, values in wanted.items():
        view = view.filter(view[dim.column].isin(values))
    return view


def merge_frames(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
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


def tidy(
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
