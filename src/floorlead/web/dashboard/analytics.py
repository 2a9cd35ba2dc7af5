"""The analytics store behind the dashboard and the KPI API, kept fresh without syncing per request.

The app's settings decide where KPIs run (``analytics_backend``: the DuckDB file by default).
Before a request computes figures, the store is synced from the operational database if the
last sync in this process is older than :data:`SYNC_INTERVAL_SECONDS`; requests in between
read the store as it is. One sync runs at a time; a request arriving during a sync waits for
it. The store is opened only when a request first needs a figure, so a refused request
(bad input, no permission) costs no sync.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from sqlalchemy import Engine

from floorlead.api.deps import NowDep
from floorlead.config import Settings
from floorlead.metrics import KpiEngine, kpi_engine, refresh_analytics

SYNC_INTERVAL_SECONDS = 30.0
_ATTACH = threading.Lock()


class AnalyticsRefresh:
    """Syncs the analytics store at most once per ``interval`` seconds."""

    def __init__(
        self,
        interval: float = SYNC_INTERVAL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._last: float | None = None

    def ensure_fresh(self, settings: Settings, engine: Engine, *, now: datetime) -> bool:
        """Sync when the last sync is older than the interval; True when this call synced."""
        with self._lock:
            if self._last is not None and self._monotonic() - self._last < self.interval:
                return False
            refresh_analytics(settings, engine, now=now)
            self._last = self._monotonic()
            return True


def analytics_refresh(app: FastAPI) -> AnalyticsRefresh:
    """The app's refresher (one per app, created on first use)."""
    with _ATTACH:
        refresher = getattr(app.state, "analytics_refresh", None)
        if refresher is None:
            refresher = AnalyticsRefresh()
            app.state.analytics_refresh = refresher
        return refresher


@contextmanager
def fresh_engine(app: FastAPI, *, now: datetime) -> Iterator[KpiEngine]:
    """A KPI engine over a store at most ``SYNC_INTERVAL_SECONDS`` behind the database."""
    settings: Settings = app.state.settings
    analytics_refresh(app).ensure_fresh(settings, app.state.engine, now=now)
    with kpi_engine(settings) as engine:
        yield engine


class Analytics:
    """The KPI engine of one request: opened on first use, closed when the request ends."""

    def __init__(self, app: FastAPI, now: datetime, stack: ExitStack) -> None:
        self._app = app
        self._now = now
        self._stack = stack
        self._engine: KpiEngine | None = None

    @property
    def engine(self) -> KpiEngine:
        if self._engine is None:
            self._engine = self._stack.enter_context(fresh_engine(self._app, now=self._now))
        return self._engine


def get_analytics(request: Request, now: NowDep) -> Iterator[Analytics]:
    with ExitStack() as stack:
        yield Analytics(request.app, now, stack)


AnalyticsDep = Annotated[Analytics, Depends(get_analytics)]
