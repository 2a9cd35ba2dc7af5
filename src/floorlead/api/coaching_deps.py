"""What the coaching routes (API and pages) share: the KPI figures.

KPI figures come from the metrics engine's analytics store (opened only when a request needs
it); :func:`get_figures` is the one place that decides, so it can be replaced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Annotated

from fastapi import Depends

from floorlead.api.deps import NowDep, SettingsDep
from floorlead.coaching.sources import Figures, MetricsKpis


def get_figures(settings: SettingsDep, now: NowDep) -> Iterator[Figures]:
    """KPI values and daily samples from the metrics engine, as of the last analytics sync."""
    from floorlead.metrics import kpi_engine

    with ExitStack() as stack:
        metrics = MetricsKpis(lambda: stack.enter_context(kpi_engine(settings)), as_of=now)
        yield Figures.from_metrics(metrics)


FiguresDep = Annotated[Figures, Depends(get_figures)]
