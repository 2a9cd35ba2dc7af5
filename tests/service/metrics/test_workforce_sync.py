"""The workforce facts follow new states, new or changed shifts and removed ones, incrementally.

Starting point: the hand-worked week and rota (kpi_week.py, kpi_rota.py), synced at AS_OF.
Each later sync reads every person's current state again (it may have ended) and the states
after it, so a sync with nothing new reads three rows (Ada's, Bo's and Cy's current states)
and recomputes one shift (S5, which Bo's open state reaches).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from kpi_rota import Rota, add_shift, add_states, build_rota
from kpi_week import AS_OF, WEEK, Cast, at
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.config import Settings
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.queries import open_warehouse
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse, Warehouse
from floorlead.metrics.workforce_sync import MARKS_KEY
from floorlead.org.model import Role
from floorlead.workforce.schedules import add_time_off, swap_shifts
from floorlead.workforce.tables import AgentStateRecord, Schedule

KPIS = ["scheduled_shifts", "scheduled_hours", "attendance_rate", "absenteeism_rate"]


@pytest.fixture
def rota(week: Cast, session: Session) -> Rota:
    return build_rota(session, week)


@pytest.fixture
def stores(
    rota: Rota, settings: Settings, engine: Engine, tmp_path: Path
) -> Iterator[list[Warehouse]]:
    """Synced once at AS_OF: the DuckDB file, and the PostgreSQL schema on PostgreSQL."""
    found: list[Warehouse] = [DuckDBWarehouse(tmp_path / "analytics.duckdb")]
    if engine.dialect.name == "postgresql":
        pg = open_warehouse(settings.model_copy(update={"analytics_backend": "operational"}))
        pg.reset()
        found.append(pg)
    for warehouse in found:
        sync_analytics(warehouse, engine, now=AS_OF)
    yield found
    for warehouse in found:
        warehouse.close()


def _totals(warehouse: Warehouse) -> tuple[float, ...]:
    row = KpiEngine(warehouse).compute(KPIS, period=WEEK, as_of=AS_OF).iloc[0]
    return tuple(round(float(row[k]), 6) for k in KPIS)


def _manager(week: Cast) -> Actor:
    return Actor(person_id=week.lee, role=Role.MANAGER, team_ids=None, person_ids=None)


def _cy_works_friday(session: Session, week: Cast, rota: Rota) -> None:
    """Cy's open offline state ends Fri 13 at 09:01; she is available until 10:00, for a
    new published shift of 09:00-10:00 (one minute late: inside the grace)."""
    current = session.scalars(
        select(AgentStateRecord).where(
            AgentStateRecord.person_id == week.cy, AgentStateRecord.ended_at.is_(None)
        )
    ).one()
    current.ended_at = at(13, 9, 1)
    add_states(session, week.cy, (at(13, 9, 1), "available"), (at(13, 10), "offline"))
    add_shift(
        session, session.get(Schedule, rota.schedules["second"]), week.cy, at(13, 9), at(13, 10)
    )
    session.commit()


def test_a_sync_with_nothing_new_reads_only_the_current_states(
    stores: list[Warehouse], engine: Engine
) -> None:
    for warehouse in stores:
        before = _totals(warehouse)

        again = sync_analytics(warehouse, engine, now=AS_OF)

        assert (again.states, again.shifts) == (3, 1)
        assert _totals(warehouse) == before == (5, 24.5, 80.0, round(25200 / 88200 * 100, 6))


def test_new_states_and_a_new_shift_are_picked_up(
    stores: list[Warehouse], engine: Engine, session: Session, week: Cast, rota: Rota
) -> None:
    _cy_works_friday(session, week, rota)

    for warehouse in stores:
        report = sync_analytics(warehouse, engine, now=AS_OF)

        # Read: Ada's and Bo's current states, Cy's ended offline state and her two new ones.
        # Computed: Cy's new shift and S5.
        assert (report.states, report.shifts) == (5, 2)
        # Six shifts, 25.5 h; S2 the only absence (25,200 s of 91,800 s).
        assert _totals(warehouse) == (6, 25.5, round(5 / 6 * 100, 6), round(25200 / 91800 * 100, 6))
        late = KpiEngine(warehouse).compute(["late_start_rate"], period=WEEK, as_of=AS_OF)
        assert late.late_start_rate[0] == pytest.approx(1 / 5 * 100)


def test_time_off_and_swaps_change_the_shifts_counted(
    stores: list[Warehouse], engine: Engine, session: Session, week: Cast, rota: Rota
) -> None:
    # Ada's absent Wednesday (S2) becomes leave: the shift leaves the schedule.
    add_time_off(
        session,
        actor=_manager(week),
        person_id=week.ada,
        start=at(4, 0),
        end=at(5, 0),
        reason="vacation",
        now=AS_OF,
    )
    for warehouse in stores:
        report = sync_analytics(warehouse, engine, now=AS_OF)

        assert report.shifts == 2  # S2 removed, S5 computed
        assert _totals(warehouse) == (4, 17.5, 100.0, 0.0)

    # Swapping S1 (Ada, Mon) and S3 (Bo, Wed): Bo did not sign in on Monday, Ada not on
    # Wednesday: 4 h + 7.5 h absent out of 17.5 h.
    swap_shifts(
        session,
        actor=_manager(week),
        first_shift_id=rota.shifts["S1"],
        second_shift_id=rota.shifts["S3"],
        now=AS_OF,
    )
    for warehouse in stores:
        sync_analytics(warehouse, engine, now=AS_OF)

        assert _totals(warehouse) == (4, 17.5, 50.0, round(11.5 / 17.5 * 100, 6))


class FailingDuckDB(DuckDBWarehouse):
    """Stops while writing the shift facts, as a crash or a kill would."""

    fail = True

    def replace_keyed(self, name: str, key: str, ids: pa.Array, rows: pa.Table) -> None:
        if self.fail and name == "shift_facts":
            raise RuntimeError("interrupted")
        super().replace_keyed(name, key, ids, rows)


def test_an_interrupted_workforce_sync_leaves_the_previous_state(
    stores: list[Warehouse],
    engine: Engine,
    session: Session,
    week: Cast,
    rota: Rota,
    tmp_path: Path,
) -> None:
    stores[0].close()
    failing = FailingDuckDB(tmp_path / "analytics.duckdb")
    marks = failing.state()[MARKS_KEY]
    before = _totals(failing)
    pieces = failing.con.execute("SELECT count(*) FROM state_facts").fetchall()
    _cy_works_friday(session, week, rota)

    with pytest.raises(RuntimeError, match="interrupted"):
        sync_analytics(failing, engine, now=AS_OF)

    assert failing.state()[MARKS_KEY] == marks
    assert _totals(failing) == before
    assert failing.con.execute("SELECT count(*) FROM state_facts").fetchall() == pieces
    failing.fail = False
    assert sync_analytics(failing, engine, now=AS_OF).states == 5
    assert _totals(failing)[0] == 6
    failing.close()
    stores[0] = DuckDBWarehouse(tmp_path / "analytics.duckdb")
