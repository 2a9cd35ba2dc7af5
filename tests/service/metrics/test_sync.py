"""The analytics store follows the operational database incrementally and safely."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from kpi_week import AS_OF, WEEK, Cast, at
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse
from floorlead.tickets.tables import SlaTarget, Ticket, TicketEvent


def _solve(session: Session, ticket_id: int, when, *, event_id: int | None = None) -> None:  # type: ignore[no-untyped-def]
    session.add(
        TicketEvent(
            id=event_id,
            ticket_id=ticket_id,
            kind="status_change",
            occurred_at=when,
            recorded_at=when,
            via="agent",
            from_value="new",
            to_value="solved",
            data={},
        )
    )
    session.execute(
        update(Ticket).where(Ticket.id == ticket_id).values(status="solved", updated_at=when)
    )
    session.commit()


def _backlog(warehouse: DuckDBWarehouse) -> float:
    frame = KpiEngine(warehouse).compute(["backlog"], period=WEEK, as_of=AS_OF)
    return float(frame.backlog[0])


def test_a_second_sync_reads_only_the_new_rows(
    week: Cast, session: Session, engine: Engine, tmp_path: Path
) -> None:
    warehouse = DuckDBWarehouse(tmp_path / "a.duckdb")
    first = sync_analytics(warehouse, engine, now=AS_OF)
    _solve(session, week.tickets["T4"], at(10, 9))

    second = sync_analytics(warehouse, engine, now=AS_OF)

    assert (first.rebuilt, second.rebuilt) == (True, False)
    assert second.events == 1 and second.tickets == 1
    assert _backlog(warehouse) == 1
    warehouse.close()


def test_sync_state_survives_a_restart(week: Cast, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.duckdb"
    warehouse = DuckDBWarehouse(path)
    sync_analytics(warehouse, engine, now=AS_OF)
    warehouse.close()

    reopened = DuckDBWarehouse(path)
    again = sync_analytics(reopened, engine, now=AS_OF)

    assert again.events == 0 and again.tickets == 0
    assert _backlog(reopened) == 2
    reopened.close()


class FailingWarehouse(DuckDBWarehouse):
    """Stops in the middle of writing facts, as a crash or a kill would."""

    writes_before_failure = 2

    def replace_facts(
        self, name: str, ticket_ids: pa.Array, rows: pa.Table, *, staging: bool = False
    ) -> None:
        if self.writes_before_failure == 0:
            raise RuntimeError("interrupted")
        self.writes_before_failure -= 1
        super().replace_facts(name, ticket_ids, rows, staging=staging)


def test_an_interrupted_sync_leaves_the_previous_consistent_state(
    week: Cast, session: Session, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "a.duckdb"
    warehouse = DuckDBWarehouse(path)
    sync_analytics(warehouse, engine, now=AS_OF)
    before = warehouse.state()
    stored = warehouse.con.execute("SELECT count(*) FROM src_events").fetchall()
    warehouse.close()
    _solve(session, week.tickets["T4"], at(10, 9))
    failing = FailingWarehouse(path)

    with pytest.raises(RuntimeError, match="interrupted"):
        sync_analytics(failing, engine, now=AS_OF)

    assert failing.state() == before
    assert _backlog(failing) == 2
    assert failing.con.execute("SELECT count(*) FROM src_events").fetchall() == stored
    failing.writes_before_failure = 10**6
    sync_analytics(failing, engine, now=AS_OF)
    assert _backlog(failing) == 1
    failing.close()


def test_an_event_committed_late_below_the_watermark_is_still_picked_up(
    week: Cast, session: Session, engine: Engine, tmp_path: Path
) -> None:
    warehouse = DuckDBWarehouse(tmp_path / "a.duckdb")
    sync_analytics(warehouse, engine, now=AS_OF)
    state = warehouse.state()
    # A transaction that took id 44 commits after another one had committed id 45.
    warehouse.save_state({"last_event_id": str(int(state["last_event_id"]) + 1)})

    _solve(session, week.tickets["T4"], at(10, 9))
    result = sync_analytics(warehouse, engine, now=AS_OF)

    assert result.events == 1
    assert _backlog(warehouse) == 1
    warehouse.close()


def test_changing_an_sla_target_rebuilds_every_ticket(
    week: Cast, session: Session, engine: Engine, tmp_path: Path
) -> None:
    warehouse = DuckDBWarehouse(tmp_path / "a.duckdb")
    sync_analytics(warehouse, engine, now=AS_OF)
    session.execute(update(SlaTarget).where(SlaTarget.metric == "first_reply").values(minutes=180))
    session.commit()

    result = sync_analytics(warehouse, engine, now=AS_OF + timedelta(minutes=1))
    frame = KpiEngine(warehouse).compute(["sla_first_reply_achievement"], period=WEEK, as_of=AS_OF)

    assert result.rebuilt and result.tickets == 8
    assert frame.sla_first_reply_achievement[0] == 100.0
    warehouse.close()


def test_an_interrupted_rebuild_keeps_the_previous_facts_and_starts_over(
    week: Cast, session: Session, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "a.duckdb"
    warehouse = DuckDBWarehouse(path)
    sync_analytics(warehouse, engine, now=AS_OF)
    before = warehouse.state()
    warehouse.close()
    session.execute(update(SlaTarget).where(SlaTarget.metric == "first_reply").values(minutes=180))
    session.commit()
    failing = FailingWarehouse(path)

    with pytest.raises(RuntimeError, match="interrupted"):
        sync_analytics(failing, engine, now=AS_OF)

    assert failing.state()["fingerprint"] == before["fingerprint"]
    frame = KpiEngine(failing).compute(["sla_first_reply_achievement"], period=WEEK, as_of=AS_OF)
    assert frame.sla_first_reply_achievement[0] == 80.0
    failing.writes_before_failure = 10**6
    assert sync_analytics(failing, engine, now=AS_OF).rebuilt
    frame = KpiEngine(failing).compute(["sla_first_reply_achievement"], period=WEEK, as_of=AS_OF)
    assert frame.sla_first_reply_achievement[0] == 100.0
    failing.close()
