"""The KPI API (/api/kpis, drill-down, targets, exports) on the hand-worked fortnight."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from floorlead.app import create_app
from floorlead.auth.permissions import Actor
from floorlead.config import Settings
from floorlead.metrics import CATALOGUE, kpi_engine, refresh_analytics, set_target
from floorlead.metrics.tables import KpiTarget
from floorlead.org.model import Role
from floorlead.org.tables import Person
from floorlead.storage import make_engine, make_session_factory
from service.metrics.kpi_week import AS_OF, WEEK, Cast, at, build_week

from factories import PASSWORD, make_person, make_team, make_ticket

SPAN = {"from": str(WEEK.start), "to": str(WEEK.end)}


class FixedClock:
    def now(self) -> datetime:
        return AS_OF


@dataclass
class Desk:
    """The fortnight in team Billing, one more ticket in team Returns, a manager and an admin."""

    settings: Settings
    cast: Cast
    app: FastAPI
    emails: dict[int, str]
    manager: int
    admin: int
    returns_ticket: int
    clients: dict[int, TestClient] = field(default_factory=dict)

    def client(self, person_id: int) -> TestClient:
        if person_id not in self.clients:
            client = TestClient(self.app)
            login = {"email": self.emails[person_id], "password": PASSWORD}
            token = client.post("/api/auth/token", json=login).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            self.clients[person_id] = client
        return self.clients[person_id]

    def frame(self, kpis: list[str], **args: Any) -> pd.DataFrame:
        with kpi_engine(self.settings) as engine:
            return engine.compute(kpis, as_of=AS_OF, **args)


@pytest.fixture(scope="module")
def desk(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Desk:
    folder = tmp_path_factory.mktemp("kpi-api")
    shutil.copy(sqlite_template, folder / "floorlead.db")
    settings = Settings(data_dir=folder)
    database = make_engine(settings)
    KpiTarget.__table__.create(database, checkfirst=True)  # until the table is migrated
    with make_session_factory(database)() as session:
        cast = build_week(session)
        returns = make_team(session, name="Returns")
        elsewhere = make_ticket(session, team_id=returns.id, created_at=at(3, 12)).id
        manager = make_person(session, role="manager", team_id=cast.team).id
        admin = make_person(session, role="admin").id
        boss = Actor(person_id=admin, role=Role.ADMIN, team_ids=None, person_ids=None)
        set_target(session, kpi="csat", value=80, team_id=cast.team, actor=boss, now=AS_OF)
        session.commit()
        emails = {p.id: p.email for p in session.query(Person)}
    refresh_analytics(settings, database, now=AS_OF)
    database.dispose()
    app = create_app(settings, clock=FixedClock())
    return Desk(settings, cast, app, emails, manager, admin, elsewhere)


def field_of(answer: dict[str, Any]) -> str:
    """The field an error names: domain errors say ``field``, shape errors list ``errors``
    (``team.0`` for the first of several ``team`` values)."""
    return (answer.get("field") or answer["errors"][0]["field"]).split(".")[0]


def test_the_catalogue_lists_every_kpi_with_its_unit(desk: Desk) -> None:
    answer = desk.client(desk.cast.lee).get("/api/kpis/catalogue").json()

    assert [k["name"] for k in answer] == [k.name for k in CATALOGUE]
    assert next(k for k in answer if k["name"] == "csat")["unit"] == "percent"


def test_kpi_values_per_agent_are_the_engines(desk: Desk) -> None:
    params = {**SPAN, "kpi": ["csat", "tickets_solved"], "by": "agent"}

    answer = desk.client(desk.cast.lee).get("/api/kpis", params=params).json()

    expected = desk.frame(
        ["csat", "tickets_solved"], period=WEEK, by=["agent"], filters={"team": [desk.cast.team]}
    )
    got = {r["agent_id"]: (r["csat"], r["tickets_solved"]) for r in answer["rows"]}
    want = {
        (None if pd.isna(a) else int(a)): (None if pd.isna(c) else c, s)
        for a, c, s in zip(expected.agent_id, expected.csat, expected.tickets_solved, strict=True)
    }
    assert got == want
    assert answer["kpis"] == ["csat", "tickets_solved"] and answer["definitions"] == "v2"
    assert got[desk.cast.ada] == (100.0, 3)


def test_compare_adds_the_period_before_and_targets_add_the_status(desk: Desk) -> None:
    params = {"from": "2026-03-09", "to": "2026-03-15", "kpi": "tickets_created", "by": "team"}
    targets = {**SPAN, "kpi": "csat", "by": "team", "targets": "true"}
    client = desk.client(desk.cast.lee)

    compared = client.get("/api/kpis", params={**params, "compare": "true"}).json()["rows"][0]
    marked = client.get("/api/kpis", params=targets).json()["rows"][0]

    assert compared["tickets_created"] == 0 and compared["tickets_created_previous"] == 8
    assert compared["tickets_created_change"] == -8
    assert (marked["csat"], marked["csat_target"], marked["csat_status"]) == (50.0, 80.0, "missed")


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"by": "hour"}, 422, "by"),
        ({"kpi": "happiness"}, 404, "kpi"),
        ({"from": "yesterday"}, 422, "from"),
        ({"from": "2026-03-10", "to": "2026-03-01"}, 422, "to"),
        ({"team": "billing"}, 422, "team"),
        ({"by": "week", "compare": "true"}, 422, "by"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    desk: Desk, params: dict[str, str], status: int, field: str
) -> None:
    answer = desk.client(desk.cast.lee).get("/api/kpis", params=params)

    assert answer.status_code == status
    assert field_of(answer.json()) == field


def test_drill_down_names_the_tickets_behind_a_number(desk: Desk) -> None:
    client = desk.client(desk.cast.lee)
    asked = {**SPAN, "kpi": "reopen_rate"}

    hits = client.get("/api/kpis/drill-down", params={**asked, "numerator": "true"}).json()
    counted = client.get("/api/kpis/drill-down", params={**asked, "per_page": 2}).json()
    later = client.get("/api/kpis/drill-down", params={**asked, "week": "2026-03-09"}).json()

    t = desk.cast.tickets
    assert hits["ticket_ids"] == [t["T2"]] and hits["tickets"][0]["subject"] == "T2"
    assert counted["total"] == 6 and len(counted["tickets"]) == 2
    assert later["ticket_ids"] == [t["T2"]]  # the only ticket first solved in the second week


def test_agents_get_only_their_own_figures(desk: Desk) -> None:
    client = desk.client(desk.cast.ada)

    mine = client.get("/api/kpis", params={**SPAN, "kpi": "tickets_solved", "by": "agent"})
    others = client.get("/api/kpis", params={**SPAN, "agent": desk.cast.bo})
    export = client.get("/api/exports/tickets", params={"format": "csv"})

    assert [r["agent_id"] for r in mine.json()["rows"]] == [desk.cast.ada]
    assert others.status_code == 403 and field_of(others.json()) == "agent"
    assert export.status_code == 403


def test_a_lead_is_refused_another_teams_figures(desk: Desk) -> None:
    returns = desk.frame(["tickets_created"], period=WEEK, by=["team"]).team_id.max()

    answer = desk.client(desk.cast.lee).get("/api/kpis", params={"team": int(returns)})

    assert answer.status_code == 403 and field_of(answer.json()) == "team"


def test_targets_are_set_changed_listed_and_deleted(desk: Desk) -> None:
    client = desk.client(desk.manager)
    body = {"kpi": "nps", "value": 30, "team_id": desk.cast.team}

    created = client.post("/api/kpi-targets", json=body)
    target_id = created.json()["id"]
    changed = client.put(f"/api/kpi-targets/{target_id}", json={"value": 40})
    listed = client.get("/api/kpi-targets").json()
    deleted = client.delete(f"/api/kpi-targets/{target_id}")
    refused = desk.client(desk.cast.lee).post("/api/kpi-targets", json=body)

    assert created.status_code == 201 and changed.json()["value"] == 40.0
    assert {
        "id": target_id,
        "kpi": "nps",
        "value": 40.0,
        "team_id": desk.cast.team,
        "role": None,
    } in listed
    assert deleted.status_code == 204
    assert all(
        t["id"] != target_id for t in desk.client(desk.manager).get("/api/kpi-targets").json()
    )
    assert refused.status_code == 403  # a team lead may not change service rules


def test_exports_parse_back_and_keep_to_the_callers_teams(desk: Desk) -> None:
    lead, admin = desk.client(desk.cast.lee), desk.client(desk.admin)
    billing = sorted(desk.cast.tickets.values())

    tickets = lead.get("/api/exports/tickets", params={"format": "csv"})
    everything = admin.get("/api/exports/tickets", params={"format": "parquet"})
    events = lead.get("/api/exports/events", params={"format": "xlsx"})
    kpis = lead.get("/api/exports/kpis", params={**SPAN, "kpi": "csat", "format": "parquet"})

    assert [int(r["ticket_id"]) for r in csv.DictReader(io.StringIO(tickets.text))] == billing
    assert pq.read_table(io.BytesIO(everything.content))["ticket_id"].to_pylist() == sorted(
        [*billing, desk.returns_ticket]
    )
    header, *rows = list(load_workbook(io.BytesIO(events.content)).active.values)
    assert {r[header.index("ticket_id")] for r in rows} == set(billing)
    assert pq.read_table(io.BytesIO(kpis.content))["csat"].to_pylist() == [50.0]


@pytest.mark.parametrize(
    ("url", "params", "status", "field"),
    [
        ("/api/exports/receipts", {"format": "csv"}, 404, "dataset"),
        ("/api/exports/tickets", {"format": "pdf"}, 422, "format"),
    ],
)
def test_bad_exports_are_refused_naming_the_field(
    desk: Desk, url: str, params: dict[str, str], status: int, field: str
) -> None:
    answer = desk.client(desk.cast.lee).get(url, params=params)

    assert answer.status_code == status and field_of(answer.json()) == field
