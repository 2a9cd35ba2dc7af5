"""The dashboard pages on the hand-worked support fortnight of the metrics tests (kpi_week)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.permissions import Actor
from floorlead.config import Settings
from floorlead.metrics import Period, kpi_engine, refresh_analytics, set_target
from floorlead.metrics.tables import KpiTarget
from floorlead.org.model import Role
from floorlead.org.tables import Person
from floorlead.storage import make_engine, make_session_factory
from floorlead.web.dashboard.analytics import AnalyticsRefresh
from floorlead.web.dashboard.board import CARD_KPIS
from floorlead.web.dashboard.figures import format_value
from service.metrics.kpi_week import AS_OF, WEEK, Cast, build_week

from factories import PASSWORD, make_ticket

SPAN = {"from": str(WEEK.start), "to": str(WEEK.end)}


class FixedClock:
    def now(self) -> datetime:
        return AS_OF


@dataclass
class Floor:
    """The fortnight, synced, with targets on CSAT (team, 80) and SLA (everyone, 90)."""

    settings: Settings
    cast: Cast
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

    def frame(self, kpis: list[str], **args: Any) -> pd.DataFrame:
        """What the KPI engine itself says."""
        with kpi_engine(self.settings) as engine:
            return engine.compute(kpis, as_of=AS_OF, **args)


@pytest.fixture(scope="module")
def floor(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Floor:
    folder = tmp_path_factory.mktemp("dashboard")
    shutil.copy(sqlite_template, folder / "floorlead.db")
    settings = Settings(data_dir=folder)
    database = make_engine(settings)
    KpiTarget.__table__.create(database, checkfirst=True)  # until the table is migrated
    with make_session_factory(database)() as session:
        cast = build_week(session)
        boss = Actor(person_id=cast.lee, role=Role.MANAGER, team_ids=None, person_ids=None)
        set_target(session, kpi="csat", value=80, team_id=cast.team, actor=boss, now=AS_OF)
        set_target(session, kpi="sla_achievement", value=90, actor=boss, now=AS_OF)
        emails = {p.id: p.email for p in session.query(Person)}
    refresh_analytics(settings, database, now=AS_OF)
    database.dispose()
    return Floor(settings, cast, create_app(settings, clock=FixedClock()), emails)


@pytest.fixture(scope="module")
def overview(floor: Floor) -> str:
    """The team overview of the fortnight, as the team lead sees it."""
    page = floor.client(floor.cast.lee).get("/dashboard", params=SPAN)
    assert page.status_code == 200
    return page.text


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def card(page: str, kpi: str) -> str:
    found = re.search(rf'(<section[^>]*data-testid="card-{kpi}".*?</section>)', page, re.S)
    assert found, kpi
    return found.group(1)


def card_value(page: str, kpi: str) -> str:
    return text(re.search(r'<span class="value">(.*?)</span>', card(page, kpi), re.S).group(1))


def chart(page: str, key: str) -> dict[str, Any]:
    found = re.search(rf'id="chart-{key}">(.*?)</script>', page, re.S)
    assert found, key
    return strict_json(found.group(1))


def strict_json(body: str) -> Any:
    """JSON as a browser parses it: NaN and Infinity are errors."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(body, parse_constant=refuse)


def rows_of(page: str, attribute: str) -> list[int]:
    return [int(v) for v in re.findall(rf'<tr {attribute}="(\d+)"', page)]


def test_the_overview_cards_show_the_engines_figures(floor: Floor, overview: str) -> None:
    expected = floor.frame(list(CARD_KPIS), period=WEEK).iloc[0]

    shown = {kpi: card_value(overview, kpi) for kpi in CARD_KPIS}

    assert shown == {kpi: format_value(kpi, expected[kpi]) for kpi in CARD_KPIS}
    assert shown["csat"] == "50.0%"  # T1 rated 5, T5 rated 2


def test_cards_are_coloured_by_their_target(overview: str) -> None:
    csat, sla = card(overview, "csat"), card(overview, "sla_achievement")

    assert 'kpi-card missed" data-testid="card-csat"' in csat  # 50 % against 80 %
    assert 'kpi-card met" data-testid="card-sla_achievement"' in sla  # 91.7 % against 90 %
    assert "target 80.0%" in csat


def test_cards_compare_with_the_period_before(floor: Floor) -> None:
    second_week = Period(date(2026, 3, 9), date(2026, 3, 15))

    page = floor.client(floor.cast.lee).get(
        "/dashboard", params={"from": "2026-03-09", "to": "2026-03-15"}
    )

    now = floor.frame(["first_reply_time_median"], period=second_week)
    before = floor.frame(["first_reply_time_median"], period=second_week.previous())
    assert now.first_reply_time_median[0] > before.first_reply_time_median[0]
    slower = card(page.text, "first_reply_time_median")
    assert "▲" in slower and 'class="trend bad"' in slower  # slower is worse


def test_charts_carry_aggregated_points_and_drill_links(floor: Floor) -> None:
    page = floor.client(floor.cast.lee).get("/dashboard", params={**SPAN, "by": "week"}).text

    trend = chart(page, "trend-csat")
    mix = chart(page, "channel-mix")
    handle = chart(page, "handle-histogram")

    assert trend["labels"] == ["2026-03-02", "2026-03-09"]
    assert trend["datasets"][0]["data"] == [50.0, None]
    assert trend["link"]["param"] == "week" and "kpi=csat" in trend["link"]["base"]
    counts = dict(zip(mix["labels"], mix["datasets"][0]["data"], strict=True))
    assert counts == {"chat": 1, "email": 4, "phone": 2, "web_form": 1}
    assert sum(handle["datasets"][0]["data"]) == 3  # T1, T3 and T5 were worked and solved


def test_every_chart_is_strict_json_with_one_value_per_label(overview: str) -> None:
    keys = re.findall(r'<canvas data-chart="([^"]+)"', overview)

    charts = {key: chart(overview, key) for key in keys}

    assert {"first-reply-by-hour", "handle-histogram", "channel-mix", "trend-csat"} <= set(keys)
    for spec in charts.values():
        assert all(len(d["data"]) == len(spec["labels"]) for d in spec["datasets"])


def test_scorecards_rank_agents_by_the_column_asked_with_the_team_median(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)
    ada, bo = floor.cast.ada, floor.cast.bo

    page = client.get("/dashboard/agents", params={**SPAN, "sort": "-csat"}).text
    partial = client.get(
        "/dashboard/agents", params={**SPAN, "sort": "csat"}, headers={"HX-Request": "true"}
    ).text

    sorts = {
        column: parse_qs(unescape(href).split("?")[1])["sort"][0]
        for href, column in re.findall(r'<a href="([^"]+)"[^>]*data-sort="(\w+)"', page)
    }
    assert sorts["csat"] == "csat" and sorts["tickets_solved"] == "-tickets_solved"
    assert sorts["first_reply_time_median"] == "first_reply_time_median"  # quickest first
    assert rows_of(page, "data-agent")[:2] == [ada, bo]  # 100 % then 0 %
    assert rows_of(partial, "data-agent")[:2] == [bo, ada]
    assert "<html" not in partial and "<html" in page
    frame = floor.frame(["tickets_solved"], period=WEEK, by=["agent"])
    members = frame[frame.agent_id.isin([ada, bo, floor.cast.cy, floor.cast.dee])]
    median = re.search(r'data-median="tickets_solved">([^<]*)<', page).group(1)
    assert median == format_value("tickets_solved", members.tickets_solved.median())


def test_an_unknown_sort_column_is_refused_with_the_reason(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)

    page = client.get("/dashboard/agents", params={**SPAN, "sort": "happiness"})

    assert page.status_code == 422 and "cannot sort by" in page.text


def test_a_persons_scorecard_shows_their_figures_and_links_their_tickets(floor: Floor) -> None:
    ada = floor.cast.ada

    page = floor.client(floor.cast.lee).get(f"/dashboard/agents/{ada}", params=SPAN).text

    mine = floor.frame(["tickets_solved"], period=WEEK, filters={"agent": [ada]}, by=["agent"])
    row = re.search(r'<tr data-kpi="tickets_solved">(.*?)</tr>', page, re.S).group(1)
    assert format_value("tickets_solved", mine.tickets_solved[0]) in text(row)
    assert f"agent={ada}" in row


def test_a_number_drills_down_to_the_tickets_behind_it(floor: Floor, overview: str) -> None:
    client = floor.client(floor.cast.lee)
    link = re.search(r'<a href="([^"]+)" class="drill" data-kpi="reopen_rate"', overview)
    url = link.group(1).replace("&amp;", "&")

    counted = client.get(url).text
    hits = client.get(url + "&numerator=1").text

    tickets = floor.cast.tickets
    solved = sorted(tickets[n] for n in ("T1", "T2", "T3", "T5", "T7", "T8"))
    assert sorted(rows_of(counted, "data-ticket")) == solved
    assert rows_of(hits, "data-ticket") == [tickets["T2"]]  # reopened once
    assert f'<a href="/tickets/{tickets["T2"]}">T2</a>' in hits


def test_a_trend_point_drills_down_to_its_week(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)
    asked = {**SPAN, "kpi": "tickets_created"}

    second = client.get("/dashboard/drill", params={**asked, "week": "2026-03-09"}).text
    first = client.get("/dashboard/drill", params={**asked, "week": "2026-03-02"}).text

    assert rows_of(second, "data-ticket") == []  # all eight were opened in the first week
    assert sorted(rows_of(first, "data-ticket")) == sorted(floor.cast.tickets.values())


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "parquet"])
def test_the_scorecard_table_exports_in_every_format(floor: Floor, file_format: str) -> None:
    client = floor.client(floor.cast.lee)

    answer = client.get("/dashboard/export/agents", params={**SPAN, "format": file_format})

    assert answer.status_code == 200
    disposition = answer.headers["content-disposition"]
    assert f'filename="agents-{WEEK.start}-{WEEK.end}.{file_format}"' in disposition
    agents, solved = read_columns(answer.content, file_format, "agent_id", "tickets_solved")
    exported = {int(float(a)): float(v) for a, v in zip(agents, solved, strict=True)}
    frame = floor.frame(["tickets_solved"], period=WEEK, by=["agent"]).dropna(subset="agent_id")
    members = {floor.cast.ada, floor.cast.bo, floor.cast.cy, floor.cast.dee}
    expected = dict(zip(frame.agent_id.astype(int), frame.tickets_solved, strict=True))
    assert exported == {a: v for a, v in expected.items() if a in members}


def read_columns(content: bytes, file_format: str, *columns: str) -> list[list[Any]]:
    if file_format == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        return [[row[c] for row in rows] for c in columns]
    if file_format == "xlsx":
        header, *values = list(load_workbook(io.BytesIO(content)).active.values)
        return [[row[header.index(c)] for row in values] for c in columns]
    table = pq.read_table(io.BytesIO(content))
    return [table[c].to_pylist() for c in columns]


def test_agents_see_their_own_scorecard_and_are_denied_the_team_dashboard(floor: Floor) -> None:
    ada, bo = floor.cast.ada, floor.cast.bo
    client = floor.client(ada)

    denied = [
        client.get(url, params=SPAN).status_code
        for url in (
            "/dashboard",
            "/dashboard/agents",
            f"/dashboard/agents/{bo}",
            "/dashboard/export/teams",
        )
    ]
    own = client.get(f"/dashboard/agents/{ada}", params=SPAN)
    others = client.get("/dashboard/drill", params={**SPAN, "kpi": "csat", "agent": bo})
    mine = client.get("/dashboard/drill", params={**SPAN, "kpi": "tickets_solved"})

    assert denied == [403, 403, 403, 403]
    assert own.status_code == 200 and others.status_code == 403
    ada_solved = sorted(floor.cast.tickets[n] for n in ("T1", "T3", "T7"))
    assert sorted(rows_of(mine.text, "data-ticket")) == ada_solved


def test_the_url_keeps_the_period_the_filters_and_the_step(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)

    page = client.get("/dashboard", params={**SPAN, "channel": "chat", "by": "week"}).text

    assert '<option value="chat" selected>' in page
    assert f'name="from" value="{WEEK.start}"' in page
    assert card_value(page, "first_reply_time_median") == "1m"  # T3, the one chat
    assert "channel=chat" in re.search(r'href="(/dashboard/agents[^"]*)"', page).group(1)


def test_the_default_view_is_the_last_four_whole_weeks(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)

    page = client.get("/dashboard").text
    week = client.get("/dashboard", params={"preset": "7d"}).text

    assert "2026-02-16 – 2026-03-15 (UTC)" in page  # today, 16 March, is not yet whole
    assert "2026-03-09 – 2026-03-15 (UTC)" in week
    assert 'class="active">Last 7 days</a>' in week


def test_bad_dates_are_refused_with_the_reason(floor: Floor) -> None:
    client = floor.client(floor.cast.lee)

    page = client.get("/dashboard", params={"from": "yesterday"})
    backwards = client.get("/dashboard", params={"from": "2026-03-10", "to": "2026-03-01"})

    assert page.status_code == 422 and "is not a date" in page.text
    assert backwards.status_code == 422 and "ends before it starts" in backwards.text


def test_the_store_is_synced_at_most_once_per_interval(
    sqlite_settings: Settings, sqlite_session: Session
) -> None:
    cast = build_week(sqlite_session)
    ticks = iter([0.0, 10.0, 31.0, 31.0])
    refresher = AnalyticsRefresh(interval=30, monotonic=lambda: next(ticks))
    database = make_engine(sqlite_settings)

    first = refresher.ensure_fresh(sqlite_settings, database, now=AS_OF)
    make_ticket(sqlite_session, team_id=cast.team, created_at=AS_OF.replace(day=10))
    sqlite_session.commit()
    second = refresher.ensure_fresh(sqlite_settings, database, now=AS_OF)
    stale = _created(sqlite_settings)
    third = refresher.ensure_fresh(sqlite_settings, database, now=AS_OF)

    assert (first, second, third) == (True, False, True)
    assert (stale, _created(sqlite_settings)) == (8, 9)


def _created(settings: Settings) -> float:
    with kpi_engine(settings) as engine:
        return engine.compute(["tickets_created"], period=WEEK, as_of=AS_OF).iloc[0, 0]
