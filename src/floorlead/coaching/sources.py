"""The real providers behind coaching's figures.

- :class:`MetricsKpis` reads per-agent KPI values (a :data:`KpiSource`, or several at once
  for career readiness) and daily values (a :data:`SampleSource`, one observation per day)
  from the metrics engine. The engine works in whole UTC days, so a window counts the days
  wholly inside it (the day of a 1:1 belongs to neither the window before it nor the one
  after); figures are as fresh as the analytics store's last sync.
- :func:`workforce_attendance` turns published shifts and recorded agent states into an
  :data:`AttendanceSource`.
- :func:`quality_average` reads the mean score of the agent's QA reviews (a :data:`QaSource`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from floorlead.coaching.model import (
    AttendanceSource,
    AttendanceSummary,
    KpiSource,
    LinkKind,
    QaSource,
    Sample,
    SampleSource,
)
from floorlead.workforce.adherence import attendance
from floorlead.workforce.schedules import published_shifts
from floorlead.workforce.states import state_spans

if TYPE_CHECKING:
    import pandas as pd

    from floorlead.metrics import KpiEngine, Period

SIGN_IN_WINDOW = timedelta(hours=2)  # states this long before a shift count (see adherence)


def whole_days(start: datetime, end: datetime) -> Period | None:
    """The UTC days lying wholly inside [start, end); None when there is none."""
    from floorlead.metrics import Period

    first = start.astimezone(UTC).date()
    if start.astimezone(UTC) > datetime.combine(first, time(0), tzinfo=UTC):
        first += timedelta(days=1)
    last = end.astimezone(UTC).date() - timedelta(days=1)
    return Period(first, last) if last >= first else None


class MetricsKpis:
    """Per-agent KPI values from the metrics engine; the engine is opened on first use."""

    def __init__(self, engine: Callable[[], KpiEngine], *, as_of: datetime) -> None:
        self._open = engine
        self._engine: KpiEngine | None = None
        self.as_of = as_of

    @property
    def engine(self) -> KpiEngine:
        if self._engine is None:
            self._engine = self._open()
        return self._engine

    def _frame(
        self, person_id: int, kpi: str, start: datetime, end: datetime, by: list[str]
    ) -> pd.DataFrame | None:
        return self._frames(person_id, [kpi], start, end, by)

    def _frames(
        self, person_id: int, kpis: list[str], start: datetime, end: datetime, by: list[str]
    ) -> pd.DataFrame | None:
        period = whole_days(start, end)
        if period is None:
            return None
        return self.engine.compute(
            kpis,
            period=period,
            by=by,
            filters={"agent": [person_id]},
            as_of=self.as_of,
        )

    def value(self, person_id: int, kpi: str, start: datetime, end: datetime) -> float | None:
        """A :data:`KpiSource`: the person's KPI over the whole days of [start, end)."""
        frame = self._frame(person_id, kpi, start, end, ["agent"])
        if frame is None:
            return None
        rows = frame[frame.agent_id == person_id][kpi]
        if rows.empty or math.isnan(float(rows.iloc[0])):
            return None
        return float(rows.iloc[0])

    def values(
        self, person_id: int, kpis: Sequence[str], start: datetime, end: datetime
    ) -> dict[str, float]:
        """Several KPIs of the person over the whole days of [start, end), in one computation;
        KPIs without a value are left out."""
        names = list(dict.fromkeys(kpis))
        frame = self._frames(person_id, names, start, end, ["agent"]) if names else None
        if frame is None:
            return {}
        rows = frame[frame.agent_id == person_id]
        if rows.empty:
            return {}
        found = {name: rows.iloc[0][name] for name in names}
        return {
            name: float(value)
            for name, value in found.items()
            if value is not None and not math.isnan(float(value))
        }

    def daily(self, person_id: int, kpi: str, start: datetime, end: datetime) -> Sample:
        """A :data:`SampleSource`: one observation per day with a value."""
        frame = self._frame(person_id, kpi, start, end, ["agent", "day"])
        if frame is None:
            return Sample(())
        values = frame[frame.agent_id == person_id][kpi].dropna()
        return Sample(tuple(float(v) for v in values))

    def __call__(self, person_id: int, kpi: str, start: datetime, end: datetime) -> float | None:
        return self.value(person_id, kpi, start, end)


@dataclass(frozen=True)
class Figures:
    """Where coaching's numbers come from: KPI values, and the samples behind 1:1 effects."""

    kpis: KpiSource
    samples: Mapping[LinkKind, SampleSource]

    @classmethod
    def from_metrics(cls, metrics: MetricsKpis) -> Figures:
        return cls(kpis=metrics, samples={LinkKind.KPI: metrics.daily})


def workforce_attendance(session: Session, *, now: datetime) -> AttendanceSource:
    """Attendance of published shifts that start in the window and are over by ``now``."""

    def source(person_id: int, start: datetime, end: datetime) -> AttendanceSummary:
        planned = published_shifts(session, person_ids=[person_id], start=start, end=end)
        shifts = [s for s in planned[person_id] if s.end <= now]
        if not shifts:
            return AttendanceSummary(0, 0, 0, 0)
        states = state_spans(
            session,
            person_ids=[person_id],
            start=min(s.start for s in shifts) - SIGN_IN_WINDOW,
            end=max(s.end for s in shifts),
            now=now,
        )[person_id]
        found = [attendance(shift, states) for shift in shifts]
        return AttendanceSummary(
            shifts=len(found),
            absences=sum(a.absent for a in found),
            late_starts=sum(a.late_seconds > 0 for a in found),
            early_leaves=sum(a.early_leave_seconds > 0 for a in found),
        )

    return source


def quality_average(session: Session) -> QaSource:
    """The agent's mean QA review score over the reviews recorded in the window."""
    from floorlead.quality import average_review_score

    def source(person_id: int, start: datetime, end: datetime) -> float | None:
        return average_review_score(session, agent_id=person_id, start=start, end=end)

    return source
