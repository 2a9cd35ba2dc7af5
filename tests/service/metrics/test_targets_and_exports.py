"""Editing KPI targets, and exporting the canonical facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from kpi_week import AS_OF, WEEK, Cast
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.auth.tables import AuditEntry
from floorlead.errors import NotFound, PermissionDenied, RuleViolation
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.export import export_dataset, write_frame
from floorlead.metrics.kpis import KPIS
from floorlead.metrics.queries import get_target, list_targets, staff_members
from floorlead.metrics.service import delete_target, set_target
from floorlead.metrics.targets import target_status
from floorlead.org.model import Role

Open = Callable[..., KpiEngine]


def _manager(week: Cast) -> Actor:
    return Actor(person_id=week.lee, role=Role.MANAGER, team_ids=None, person_ids=None)


def test_a_manager_sets_and_changes_a_team_target_with_an_audit_trail(
    week: Cast, session: Session
) -> None:
    manager = _manager(week)

    set_target(session, kpi="csat", value=85, team_id=week.team, actor=manager, now=AS_OF)
    set_target(session, kpi="csat", value=90, team_id=week.team, actor=manager, now=AS_OF)

    assert [(t.kpi, t.value, t.team_id) for t in list_targets(session)] == [
        ("csat", 90.0, week.team)
    ]
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "kpi_target"))
    assert list(actions) == ["kpi_target.set", "kpi_target.set"]


def test_role_targets_drive_the_status_of_agent_rows(
    week: Cast, session: Session, analytics: Open
) -> None:
    set_target(session, kpi="csat", value=80, role="agent", actor=_manager(week), now=AS_OF)
    engine = analytics()
    frame = engine.compute(["csat"], period=WEEK, by=["agent"], as_of=AS_OF)

    marked = target_status(
        frame, list_targets(session), kpis=[KPIS["csat"]], staff=staff_members(engine)
    )

    status = dict(zip(marked.agent_id, marked.csat_status, strict=True))
    assert status[week.ada] == "met" and status[week.bo] == "missed" and status[week.cy] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kpi": "happiness"}, "kpi"),
        ({"role": "wizard"}, "role"),
        ({"team_id": 999}, "team_id"),
        ({"team_id": 1, "role": "agent"}, "role"),
    ],
)
def test_bad_targets_are_refused_naming_the_field(
    week: Cast, session: Session, changes: dict, field: str
) -> None:
    values = {"kpi": "csat", "value": 80.0, **changes}

    with pytest.raises((RuleViolation, NotFound)) as error:
        set_target(session, actor=_manager(week), now=AS_OF, **values)

    assert error.value.field == field


def test_an_agent_may_not_set_targets(week: Cast, session: Session) -> None:
    agent = Actor(person_id=week.ada, role=Role.AGENT, team_id=week.team)

    with pytest.raises(PermissionDenied):
        set_target(session, kpi="csat", value=80, team_id=week.team, actor=agent, now=AS_OF)


def test_targets_carry_their_id_and_are_found_by_it(week: Cast, session: Session) -> None:
    stored = set_target(session, kpi="absenteeism_rate", value=4, actor=_manager(week), now=AS_OF)

    found = get_target(session, stored.id)

    assert (found.id, found.kpi, found.value, found.scope) == (
        stored.id,
        "absenteeism_rate",
        4.0,
        "everyone",
    )
    assert [t.id for t in list_targets(session)] == [stored.id]
    with pytest.raises(NotFound) as error:
        get_target(session, stored.id + 1)
    assert error.value.field == "target_id"


def test_deleting_a_target_removes_it(week: Cast, session: Session) -> None:
    target = set_target(session, kpi="backlog", value=10, actor=_manager(week), now=AS_OF)

    delete_target(session, target_id=target.id, actor=_manager(week), now=AS_OF)

    assert list_targets(session) == []
    with pytest.raises(NotFound):
        delete_target(session, target_id=target.id, actor=_manager(week), now=AS_OF)


@pytest.mark.parametrize(("dataset", "rows"), [("tickets", 8), ("events", 46), ("surveys", 3)])
def test_datasets_export_to_csv_and_parquet(
    week: Cast, analytics: Open, tmp_path: Path, dataset: str, rows: int
) -> None:
    warehouse = analytics().warehouse

    written = export_dataset(
        warehouse, dataset, output=tmp_path / "a.csv", file_format="csv", period=WEEK
    )
    export_dataset(warehouse, dataset, output=tmp_path / "a.parquet", file_format="parquet")

    assert written == rows
    assert pa_csv.read_csv(tmp_path / "a.csv").num_rows == rows
    assert pq.read_table(tmp_path / "a.parquet").num_rows == rows


def test_a_kpi_table_exports_to_a_spreadsheet(week: Cast, analytics: Open, tmp_path: Path) -> None:
    frame = analytics().compute(["csat", "backlog"], period=WEEK, by=["agent"], as_of=AS_OF)

    write_frame(frame, tmp_path / "kpis.xlsx", "xlsx")

    sheet = load_workbook(tmp_path / "kpis.xlsx").active
    assert [cell.value for cell in sheet[1]] == ["agent_id", "agent_name", "csat", "backlog"]
    assert sheet.max_row == len(frame) + 1
