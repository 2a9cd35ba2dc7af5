"""The real KPI source: per-agent values and daily samples from the metrics engine."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from coaching_floor import NOW, Floor
from event_kpis import answer_csat
from sqlalchemy import Engine

from floorlead.coaching import MetricsKpis
from floorlead.metrics import KpiEngine
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[DuckDBWarehouse]:
    store = DuckDBWarehouse(tmp_path / "analytics.duckdb")
    yield store
    store.close()


def test_csat_of_one_agent_comes_from_the_kpi_engine(
    floor: Floor, engine: Engine, warehouse: DuckDBWarehouse
) -> None:
    ana, ben = floor.ids["ana"], floor.ids["ben"]
    day = NOW.replace(hour=0)  # Monday 2 March, 00:00
    for offset, rating in enumerate([5, 4, 1, 5]):  # Ana: Monday 5, 4; Wednesday 1, 5
        answer_csat(
            floor.session, agent_id=ana, at=NOW + timedelta(days=offset // 2 * 2), rating=rating
        )
    answer_csat(floor.session, agent_id=ben, at=NOW, rating=1)
    floor.session.commit()
    as_of = NOW + timedelta(days=7)
    sync_analytics(warehouse, engine, now=as_of)
    kpis = MetricsKpis(lambda: KpiEngine(warehouse), as_of=as_of)

    week = kpis(ana, "csat", day, day + timedelta(days=7))
    daily = kpis.daily(ana, "csat", day, day + timedelta(days=7))
    # From Monday 09:00 only Tuesday onwards are whole days: Wednesday's two answers count.
    after_nine = kpis(ana, "csat", NOW, day + timedelta(days=7))
    week_before = kpis(ana, "csat", day - timedelta(days=7), day)
    part_of_a_day = kpis(ana, "csat", day, NOW)

    assert week == pytest.approx(75.0)
    assert daily.values == pytest.approx((100.0, 50.0))
    assert after_nine == pytest.approx(50.0)
    assert week_before is None and part_of_a_day is None
