"""Fixtures of the metrics service tests: the hand-worked week and a synced DuckDB engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from kpi_week import AS_OF, Cast, build_week
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.tables import KpiTarget
from floorlead.metrics.warehouse import DuckDBWarehouse


@pytest.fixture(scope="session")
def postgres_url(postgres_url: str) -> str:
    """The shared PostgreSQL test database, plus the KPI targets table until it is migrated."""
    engine = create_engine(postgres_url)
    KpiTarget.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    engine.dispose()
    return postgres_url


@pytest.fixture(scope="session")
def sqlite_template(sqlite_template: Path) -> Path:
    engine = create_engine(f"sqlite:///{sqlite_template}")
    KpiTarget.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    engine.dispose()
    return sqlite_template


@pytest.fixture
def week(session: Session) -> Cast:
    return build_week(session)


@pytest.fixture
def analytics(tmp_path: Path, engine: Engine) -> Iterator[Callable[..., KpiEngine]]:
    """Sync the operational database into a DuckDB file and return an engine over it."""
    opened: list[DuckDBWarehouse] = []

    def open_engine(now: datetime = AS_OF, **options: Any) -> KpiEngine:
        definitions = options.pop("definitions", None)
        warehouse = DuckDBWarehouse(tmp_path / "analytics.duckdb")
        opened.append(warehouse)
        sync_analytics(warehouse, engine, now=now, definitions=definitions, **options)
        return KpiEngine(warehouse, definitions=definitions)

    yield open_engine
    for warehouse in opened:
        warehouse.close()
