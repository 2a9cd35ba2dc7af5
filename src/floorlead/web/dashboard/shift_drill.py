"""Drill-down into attendance figures: the published shifts behind one number.

The KPI engine lists the shifts (``shifts_behind``): every shift a KPI counted, or only those
that hit its condition (the absent ones of absenteeism, the late ones of late starts). Each
row says who was scheduled, when, the paid time so far and whether the agent came, on time
or late. The whole list is what an export writes; a page shows 50 of them, in time order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from floorlead.metrics import Kpi, KpiEngine, Period, kpi_named, shifts_behind
from floorlead.web.dashboard.drill import PER_PAGE, json_records, utc_instant

# Instants of a shift: stored in UTC; exports keep UTC, pages show the viewer's time zone.
INSTANTS = ("start_at", "end_at", "first_sign_in_at", "last_sign_out_at")
STATUSES = ("attended", "late", "absent")
# What the "hits only" choice lists, per attendance KPI.
HIT_LABELS = {
    "attendance_rate": "Attended only",
    "absenteeism_rate": "Absent only",
    "absence_hours": "Absent only",
    "late_start_rate": "Late only",
}


@dataclass(frozen=True)
class ShiftPage:
    kpi: Kpi
    numerator: bool
    shifts: pd.DataFrame  # every shift behind the number, in time order
    rows: list[dict[str, Any]]  # the shifts of this page, instants as UTC datetimes
    page: int
    per_page: int

    @property
    def total(self) -> int:
        return len(self.shifts)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def counts(self) -> dict[str, int]:
        """How many of the shifts were attended on time, late, or missed."""
        return {status: int((self.shifts["status"] == status).sum()) for status in STATUSES}

    @property
    def hit_label(self) -> str:
        return HIT_LABELS.get(self.kpi.name, "Only those that hit")


def shifts_frame(
    engine: KpiEngine,
    *,
    kpi: str,
    period: Period,
    filters: Mapping[str, list],
    slice_values: Mapping[str, object],
    numerator: bool,
    as_of: datetime,
) -> pd.DataFrame:
    """The shifts behind one number of an attendance KPI, each with its ``status``
    (attended, late or absent); instants as naive UTC datetimes."""
    frame = shifts_behind(
        engine,
        kpi_named(kpi).name,
        period=period,
        slice_values=dict(slice_values),
        filters=dict(filters),
        numerator=numerator,
        as_of=as_of,
    )
    for column in INSTANTS:
        frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)
    frame.insert(frame.columns.get_loc("attended") + 1, "status", shift_status(frame))
    return frame.reset_index(drop=True)


def shift_status(frame: pd.DataFrame) -> pd.Series:
    """``absent`` when the agent never signed in for the shift, ``late`` when they signed in
    after the grace the engine allows (its ``late_seconds``), else ``attended``."""
    attended = frame["attended"].eq(True)
    late = attended & frame["late_seconds"].gt(0)
    status = pd.Series("attended", index=frame.index, dtype="object")
    status[late] = "late"
    status[~attended] = "absent"
    return status


def shift_page(
    frame: pd.DataFrame, *, kpi: str, numerator: bool, page: int, per_page: int = PER_PAGE
) -> ShiftPage:
    shown = frame.iloc[(page - 1) * per_page : page * per_page]
    rows = [
        {**row, **{column: utc_instant(row[column]) for column in INSTANTS}}
        for row in json_records(shown)
    ]
    return ShiftPage(kpi_named(kpi), numerator, frame, rows, page, per_page)
