"""Attendance on the dashboard: cards, scorecard columns and the shifts behind a number.

The rota is worked out by hand in dashboard_rota.py; each test runs on SQLite and PostgreSQL.
Lee, Billing's team lead, reads the dashboard in Berlin time (UTC+1 in early March).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.permissions import Actor
from floorlead.config import Settings
from floorlead.metrics import refresh_analytics, set_target
from floorlead.org.model import Role
from floorlead.org.tables import Person
from floorlead.storage import make_engine
from service.metrics.kpi_week import AS_OF, WEEK, Cast, build_week
from web.dashboard_rota import build_rota

from factories import PASSWORD

SPAN = {"from": str(WEEK.start), "to": str(WEEK.end)}


class FixedClock:
    def now(self) -> datetime:
        return AS_OF


@dataclass
class Floor:
    """The fortnight and its rota, synced; targets: attendance 90 % for Billing, absenteeism
    35 % for everyone."""

    cast: Cast
    shifts: dict[str, int]
    app: FastAPI
    emails: dict[int, str]
    clients: dict[int, TestClient] = field(default_factory=dict)

    def client(self, person_id: int) -> TestClient:
        if person_id not in self.clients:
            client = TestClient(self.app)
            login = {"email": self.emails[person_id], "password": PASSWORD}
            assert client.post("/login", data=login).status_code in (200, 303)
            self.clients[person_id] = client
        return self.clients[person_id]

    def lead(self) -> TestClient:
        return self.client(self.cast.lee)


@pytest.fixture
def floor(settings: Settings, session: Session) -> Floor:
    cast = build_week(session)
    shifts = build_rota(session, cast)
    boss = Actor(person_id=cast.lee, role=Role.MANAGER, team_ids=None, person_ids=None)
    set_target(session, kpi="attendance_rate", value=90, team_id=cast.team, actor=boss, now=AS_OF)
    set_target(session, kpi="absenteeism_rate", value=35, actor=boss, now=AS_OF)
    session.get(Person, cast.lee).time_zone = "Europe/Berlin"
    session.commit()
    emails = {p.id: p.email for p in session.query(Person)}
    database = make_engine(settings)
    refresh_analytics(settings, database, now=AS_OF)
    database.dispose()
    return Floor(cast, shifts, create_app(settings, clock=FixedClock()), emails)


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def card(page: str, kpi: str) -> str:
    found = re.search(rf'(<section[^>]*data-testid="card-{kpi}".*?</section>)', page, re.S)
    assert found, kpi
    return found.group(1)


def drill_href(fragment: str, kpi: str) -> str:
    found = re.search(rf'<a href="([^"]+)" class="drill" data-kpi="{kpi}"', fragment)
    assert found, kpi
    return unescape(found.group(1))


def shift_rows(page: str) -> dict[int, str]:
    """Shift id -> status of every row of a shifts drill-down page."""
    found = re.findall(r'<tr data-shift="(\d+)" data-status="(\w+)">', page)
    return {int(shift): status for shift, status in found}


def test_attendance_cards_show_the_rates_their_trend_and_target(floor: Floor) -> None:
    page = floor.lead().get("/dashboard", params=SPAN).text

    attendance, absenteeism = card(page, "attendance_rate"), card(page, "absenteeism_rate")

    assert 'kpi-card missed" data-testid="card-attendance_rate"' in attendance  # 75 < 90
    assert 'kpi-card met" data-testid="card-absenteeism_rate"' in absenteeism  # 31.8 <= 35
    assert text(attendance) == "Attendance 75.0% ▼ -25.0 pts off target target 90.0%"
    assert 'class="trend bad"' in attendance and 'class="trend bad"' in absenteeism
    assert "31.8%" in text(absenteeism) and "▲ +31.8 pts" in text(absenteeism)
    assert drill_href(attendance, "attendance_rate").startswith("/dashboard/drill/shifts?")
    trend = json.loads(re.search(r'id="chart-trend-attendance_rate">(.*?)</script>', page).group(1))
    assert trend["link"]["base"].startswith("/dashboard/drill/shifts?kpi=attendance_rate")
    assert trend["datasets"][0]["data"][:3] == [100.0, 50.0, None]  # Mon 2, Tue 3, Wed 4


def test_scorecards_have_attendance_and_absenteeism_columns(floor: Floor) -> None:
    cast = floor.cast

    page = floor.lead().get("/dashboard/agents", params={**SPAN, "sort": "-attendance_rate"}).text

    def cells(agent: int) -> dict[str, str]:
        row = re.search(rf'<tr data-agent="{agent}">(.*?)</tr>', page, re.S).group(1)
        found = re.findall(r'<td class="num ?(\w*)" data-kpi="(\w+)"[^>]*>(.*?)</td>', row, re.S)
        return {kpi: f"{text(shown)} {status}".strip() for status, kpi, shown in found}

    ada, bo = cells(cast.ada), cells(cast.bo)
    assert (ada["attendance_rate"], ada["absenteeism_rate"]) == ("50.0% missed", "50.0% missed")
    assert (bo["attendance_rate"], bo["absenteeism_rate"]) == ("100.0% met", "0.0% met")
    assert re.findall(r'<tr data-agent="(\d+)"', page)[:2] == [str(cast.bo), str(cast.ada)]
    ada_row = re.search(rf'<tr data-agent="{cast.ada}">(.*?)</tr>', page, re.S).group(1)
    assert f"agent={cast.ada}" in drill_href(ada_row, "absenteeism_rate")


def test_the_absenteeism_card_drills_down_to_the_absent_shift(floor: Floor) -> None:
    overview = floor.lead().get("/dashboard", params=SPAN).text
    url = drill_href(card(overview, "absenteeism_rate"), "absenteeism_rate")

    counted = floor.lead().get(url).text
    absent = floor.lead().get(url + "&numerator=1").text

    s = floor.shifts
    assert shift_rows(counted) == {
        s["A1"]: "attended",
        s["A2"]: "absent",
        s["B1"]: "late",
        s["B2"]: "attended",
    }
    assert "2 on time · 1 late · 1 absent" in text(counted)
    assert shift_rows(absent) == {s["A2"]: "absent"}
    row = re.search(rf'<tr data-shift="{s["A2"]}".*?</tr>', absent, re.S).group(0)
    # Tuesday 3 March 09:00-17:00 UTC is 10:00-18:00 in Berlin; 7 paid hours, lunch left out.
    assert text(row) == "Ada Tue 03 Mar 2026 10:00 18:00 7h 00m Absent —"
    assert ">Absent only</a>" in absent
    late = floor.lead().get(url.replace("absenteeism_rate", "late_start_rate") + "&numerator=1")
    assert "Late by 10m" in late.text


def test_the_shifts_have_a_json_twin_and_export_in_every_format(floor: Floor) -> None:
    client, s = floor.lead(), floor.shifts
    asked = {**SPAN, "kpi": "absenteeism_rate"}

    answer = client.get("/api/kpis/drill-down/shifts", params={**asked, "numerator": "true"})
    exports = {
        f: client.get("/dashboard/export/shifts", params={**asked, "format": f})
        for f in ("csv", "xlsx", "parquet")
    }
    wrong = client.get("/api/kpis/drill-down/shifts", params={**SPAN, "kpi": "csat"})

    body = answer.json()
    assert (body["total"], len(body["shifts"])) == (1, 1)
    shift = body["shifts"][0]
    assert shift["shift_id"] == s["A2"] and shift["status"] == "absent"
    assert datetime.fromisoformat(shift["start_at"]) == datetime(2026, 3, 3, 9, tzinfo=UTC)
    assert shift["scheduled_seconds"] == 25200.0 and shift["agent_name"] == "Ada"
    for file_format, download in exports.items():
        assert download.status_code == 200, file_format
        ids, statuses = read_columns(download.content, file_format, "shift_id", "status")
        assert [int(float(i)) for i in ids] == [s[n] for n in ("A1", "B1", "A2", "B2")]
        assert statuses == ["attended", "late", "absent", "attended"]
    assert wrong.status_code == 422 and wrong.json()["field"] == "kpi"


def test_agents_see_only_their_own_shifts(floor: Floor) -> None:
    cast, s = floor.cast, floor.shifts
    client = floor.client(cast.ada)
    asked = {**SPAN, "kpi": "attendance_rate"}

    mine = client.get("/dashboard/drill/shifts", params=asked)
    others = client.get("/dashboard/drill/shifts", params={**asked, "agent": cast.bo})
    api = client.get("/api/kpis/drill-down/shifts", params={**asked, "agent": cast.bo})
    scorecard = client.get(f"/dashboard/agents/{cast.ada}", params=SPAN).text

    assert shift_rows(mine.text) == {s["A1"]: "attended", s["A2"]: "absent"}
    assert (others.status_code, api.status_code) == (403, 403)
    line = re.search(r'<tr data-kpi="attendance_rate">(.*?)</tr>', scorecard, re.S).group(1)
    assert "50.0%" in text(line) and "/dashboard/drill/shifts?" in unescape(line)


def read_columns(content: bytes, file_format: str, *columns: str) -> list[list[Any]]:
    if file_format == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        return [[row[c] for row in rows] for c in columns]
    if file_format == "xlsx":
        header, *values = list(load_workbook(io.BytesIO(content)).active.values)
        return [[row[header.index(c)] for row in values] for c in columns]
    table = pq.read_table(io.BytesIO(content))
    return [table[c].to_pylist() for c in columns]
