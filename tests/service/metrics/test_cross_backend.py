"""The same KPI definitions give the same numbers on DuckDB and on PostgreSQL.

The hand-worked week comes with its rota (kpi_rota.py), so the attendance KPIs and the
state-based productive time are compared too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from kpi_rota import build_rota
from kpi_week import AS_OF, WEEK, build_week
from sqlalchemy import Engine, create_engine, text

from floorlead.metrics.definitions import Definitions
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.kpis import CATALOGUE
from floorlead.metrics.postgres_warehouse import PostgresWarehouse
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse
from floorlead.storage import make_session_factory
from floorlead.storage.models import metadata

pytestmark = pytest.mark.postgres

SLICINGS = [
    (),
    ("agent",),
    ("team", "channel"),
    ("priority", "day"),
    ("tier", "week"),
    ("category",),
    ("team", "week"),  # the staff views (agent days, shifts) by team and time
    ("agent", "day"),
]


@pytest.fixture(scope="module")
def both(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[KpiEngine, KpiEngine]]:
    engine: Engine = create_engine(postgres_url)
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    with make_session_factory(engine)() as session:
        build_rota(session, build_week(session))
    duck = DuckDBWarehouse(tmp_path_factory.mktemp("kpi") / "analytics.duckdb")
    pg = PostgresWarehouse(postgres_url.replace("+psycopg", ""))
    pg.reset()
    for warehouse in (duck, pg):
        sync_analytics(warehouse, engine, now=AS_OF)
    yield KpiEngine(duck), KpiEngine(pg)
    duck.close()
    pg.close()
    engine.dispose()


@pytest.mark.parametrize("by", SLICINGS, ids=lambda by: "-".join(by) or "total")
def test_every_kpi_is_identical_on_duckdb_and_postgresql(
    both: tuple[KpiEngine, KpiEngine], by: tuple[str, ...]
) -> None:
    duck, pg = both

    on_duck = duck.compute(period=WEEK, by=by, as_of=AS_OF)
    on_pg = pg.compute(period=WEEK, by=by, as_of=AS_OF)

    assert len(on_duck) > 0
    assert list(on_duck.columns) == list(on_pg.columns)
    pd.testing.assert_frame_equal(on_duck, on_pg, check_dtype=False, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("by", [(), ("agent", "week")], ids=lambda by: "-".join(by) or "total")
def test_the_working_span_definition_is_identical_too(
    both: tuple[KpiEngine, KpiEngine], by: tuple[str, ...]
) -> None:
    definitions = Definitions(productive_time="working_span")
    duck, pg = (KpiEngine(e.warehouse, definitions=definitions) for e in both)
    names = [k.name for k in CATALOGUE if k.view == "agent_days"]

    on_duck = duck.compute(names, period=WEEK, by=by, as_of=AS_OF)
    on_pg = pg.compute(names, period=WEEK, by=by, as_of=AS_OF)

    pd.testing.assert_frame_equal(on_duck, on_pg, check_dtype=False, rtol=1e-12, atol=1e-9)


def test_drill_down_finds_the_same_tickets_and_shifts_on_both(
    both: tuple[KpiEngine, KpiEngine],
) -> None:
    duck, pg = both
    args = {"period": WEEK, "as_of": AS_OF}

    for kpi in CATALOGUE:
        if kpi.drills_to == "tickets":
            for numerator in (False, True):
                on_duck = duck.drill_down(kpi.name, numerator=numerator, **args)
                assert on_duck == pg.drill_down(kpi.name, numerator=numerator, **args), kpi.name
        elif kpi.drills_to == "shifts":
            for numerator in (False, True):
                on_duck = duck.shifts_behind(kpi.name, numerator=numerator, **args)
                on_pg = pg.shifts_behind(kpi.name, numerator=numerator, **args)
                assert len(on_duck) > 0, kpi.name
                pd.testing.assert_frame_equal(on_duck, on_pg, check_dtype=False)
