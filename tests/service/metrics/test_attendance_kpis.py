"""Attendance, absenteeism, occupancy and productive hours against the hand-worked rota.

The shifts and states are in kpi_rota.py; the arithmetic is in the comments. Every test runs
on the DuckDB analytics file and, when the operational database is PostgreSQL, on the
PostgreSQL analytics schema too, with the same expected numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from kpi_rota import Rota, build_rota
from kpi_week import AS_OF, WEEK, Cast, at
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.config import Settings
from floorlead.errors import RuleViolation
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.model import Period
from floorlead.metrics.queries import open_warehouse
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse, Warehouse
from floorlead.org.model import Role
from floorlead.workforce.reports import team_adherence

ATTENDANCE = [
    "scheduled_shifts",
    "scheduled_hours",
    "attendance_rate",
    "absenteeism_rate",
    "absence_hours",
    "late_start_rate",
]
EFFICIENCY = [
    "productive_hours",
    "occupancy",
    "contacts_per_agent_hour",
    "cost_per_contact",
    "state_measured_days",
]
# Agent-days: Ada Mon 2 (states 13,800 s productive, 900 busy), Ada Tue 3 (no states: span
# 600, handle 600), Ada Thu 5 (span 0), Bo Wed 4 (states 27,060 / 660), Bo Mon 9 (span
# 10,800, handle 0), Cy Thu 5 (states 14,100 / 0), Bo Sun 15 (states 7,320 / 0).
PRODUCTIVE = 13800 + 600 + 0 + 27060 + 10800 + 14100 + 7320  # 73,680 s
BUSY = 900 + 600 + 0 + 660 + 0 + 0 + 0  # 2,160 s
# Scheduled paid seconds: S1 14,400, S2 25,200, S3 27,000, S4 14,400, S5 7,200 (to AS_OF).
SCHEDULED = 14400 + 25200 + 27000 + 14400 + 7200  # 88,200 s
EXPECTED = {
    "scheduled_shifts": 5,
    "scheduled_hours": SCHEDULED / 3600,  # 24.5 h
    "attendance_rate": 4 / 5 * 100,  # S2 absent
    "absenteeism_rate": 25200 / SCHEDULED * 100,  # 28.571 %
    "absence_hours": 7.0,
    "late_start_rate": 1 / 4 * 100,  # S4, of the four attended
    "productive_hours": PRODUCTIVE / 3600,  # 20.467 h
    "occupancy": BUSY / PRODUCTIVE * 100,  # 2.932 %
    "contacts_per_agent_hour": 6 / (PRODUCTIVE / 3600),  # six contacts, as before
    "cost_per_contact": 25 * PRODUCTIVE / 3600 / 6,
    "state_measured_days": 4 / 7 * 100,
}


@pytest.fixture
def rota(week: Cast, session: Session) -> Rota:
    return build_rota(session, week)


@pytest.fixture
def stores(
    rota: Rota, settings: Settings, engine: Engine, tmp_path: Path
) -> Iterator[list[Warehouse]]:
    """The DuckDB file, plus the PostgreSQL schema when the operational database is one."""
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


def test_attendance_and_state_based_efficiency_match_the_hand_worked_rota(
    stores: list[Warehouse],
) -> None:
    for warehouse in stores:
        frame = KpiEngine(warehouse).compute(ATTENDANCE + EFFICIENCY, period=WEEK, as_of=AS_OF)

        totals = frame.iloc[0].to_dict()
        assert {k: totals[k] for k in EXPECTED} == pytest.approx(EXPECTED, rel=1e-9)


def test_attendance_by_agent_and_day(stores: list[Warehouse], week: Cast) -> None:
    for warehouse in stores:
        kpis = KpiEngine(warehouse)

        agents = kpis.compute([*ATTENDANCE, "occupancy"], period=WEEK, by=["agent"], as_of=AS_OF)
        days = kpis.compute(["scheduled_hours"], period=WEEK, by=["day"], as_of=AS_OF)

        rows = agents.set_index("agent_id")
        # Ada: S1 (4 h, present) and S2 (7 h, absent); Bo: S3 and S5; Cy: S4, late.
        assert rows.loc[week.ada, "scheduled_hours"] == pytest.approx(11.0)
        assert rows.loc[week.ada, "attendance_rate"] == pytest.approx(50.0)
        assert rows.loc[week.ada, "absenteeism_rate"] == pytest.approx(25200 / 39600 * 100)
        assert rows.loc[week.bo, "scheduled_hours"] == pytest.approx(9.5)
        assert rows.loc[week.bo, "absenteeism_rate"] == 0.0
        assert rows.loc[week.cy, "late_start_rate"] == 100.0
        # Occupancy: Ada (900 + 600) / (13,800 + 600); Bo 660 / (27,060 + 10,800 + 7,320).
        assert rows.loc[week.ada, "occupancy"] == pytest.approx(1500 / 14400 * 100)
        assert rows.loc[week.bo, "occupancy"] == pytest.approx(660 / 45180 * 100)
        assert rows.loc[week.cy, "occupancy"] == 0.0
        hours = dict(zip(days.day, days.scheduled_hours, strict=True))
        assert hours[date(2026, 3, 2)] == 4.0 and hours[date(2026, 3, 3)] == 0.0
        assert hours[date(2026, 3, 4)] == pytest.approx(14.5)
        assert hours[date(2026, 3, 15)] == 2.0  # S5 until AS_OF, placed by its start


def test_a_moment_inside_shifts_counts_only_what_has_happened(stores: list[Warehouse]) -> None:
    # At Wed 4 12:30: S1 whole (4 h); S2 09:00-12:00 so far, absent (3 h); S3 09:00-12:00,
    # its lunch not paid (3 h). Cy's S4 has not started. Bo's states up to 12:30: available
    # 90 + 10,110, on contact 480, wrap 180 (his lunch from 12:00 is not productive).
    lunchtime = at(4, 12, 30)
    three_days = Period(date(2026, 3, 2), date(2026, 3, 4))
    for warehouse in stores:
        kpis = KpiEngine(warehouse)

        total = kpis.compute(ATTENDANCE, period=three_days, as_of=lunchtime).iloc[0]
        agents = kpis.compute(
            ["productive_hours", "occupancy"], period=three_days, by=["agent"], as_of=lunchtime
        ).set_index("agent_id")

        assert total.scheduled_hours == pytest.approx(10.0)
        assert total.attendance_rate == pytest.approx(200 / 3)
        assert total.absenteeism_rate == pytest.approx(30.0)
        bo = agents.loc[agents.agent_name == "Bo"].iloc[0]
        assert bo.productive_hours == pytest.approx(10860 / 3600)
        assert bo.occupancy == pytest.approx(660 / 10860 * 100)


def test_the_working_span_definition_keeps_the_proxy_everywhere(stores: list[Warehouse]) -> None:
    definitions = Definitions(productive_time="working_span")
    for warehouse in stores:
        frame = KpiEngine(warehouse, definitions=definitions).compute(
            EFFICIENCY, period=WEEK, as_of=AS_OF
        )

        # The working spans of test_kpi_values: 600 + 600 + 0 + 22,770 + 10,800 s.
        assert frame.productive_hours[0] == pytest.approx(34770 / 3600)
        assert frame.occupancy[0] == pytest.approx((1200 + 660) / 34770 * 100)
        assert frame.state_measured_days[0] == 0.0
        assert frame.attrs["definitions"].startswith("v2+")


def test_the_shifts_behind_a_number_are_listed_and_tickets_refused(
    stores: list[Warehouse], rota: Rota, week: Cast
) -> None:
    for warehouse in stores:
        kpis = KpiEngine(warehouse)

        absent = kpis.shifts_behind("absenteeism_rate", period=WEEK, numerator=True, as_of=AS_OF)
        late = kpis.shifts_behind("late_start_rate", period=WEEK, numerator=True, as_of=AS_OF)
        bo = kpis.shifts_behind(
            "scheduled_hours", period=WEEK, slice_values={"agent": week.bo}, as_of=AS_OF
        )
        everyone = kpis.shifts_behind("scheduled_shifts", period=WEEK, as_of=AS_OF)

        assert absent.shift_id.tolist() == [rota.shifts["S2"]]
        assert absent.scheduled_seconds.tolist() == [25200.0]
        assert late.shift_id.tolist() == [rota.shifts["S4"]]
        assert late.late_seconds.tolist() == [300.0]
        assert bo.shift_id.tolist() == [rota.shifts["S3"], rota.shifts["S5"]]
        assert bo.agent_name.tolist() == ["Bo", "Bo"]
        assert bo.scheduled_seconds.tolist() == [27000.0, 7200.0]
        assert everyone.shift_id.tolist() == [
            rota.shifts[s] for s in ("S1", "S2", "S3", "S4", "S5")
        ]
        with pytest.raises(RuleViolation, match="counts shifts, not tickets") as error:
            kpis.drill_down("attendance_rate", period=WEEK, as_of=AS_OF)
        assert error.value.field == "kpi"
        with pytest.raises(RuleViolation, match="not shifts"):
            kpis.shifts_behind("csat", period=WEEK, as_of=AS_OF)


def test_shift_attendance_agrees_with_the_adherence_page(
    stores: list[Warehouse], session: Session, rota: Rota, week: Cast
) -> None:
    lead = Actor(person_id=week.lee, role=Role.MANAGER, team_ids=None, person_ids=None)
    pages = {
        day: team_adherence(session, actor=lead, team_id=week.team, day=day, zone="UTC", now=AS_OF)
        for day in (date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5))
    }
    on_page = {
        (row.person_id, a.shift_start): (a.absent, a.late_seconds, a.early_leave_seconds)
        for rows in pages.values()
        for row in rows
        for a in row.attendance
    }
    for warehouse in stores:
        listed = KpiEngine(warehouse).shifts_behind(
            "scheduled_shifts", period=Period(date(2026, 3, 2), date(2026, 3, 5)), as_of=AS_OF
        )

        in_facts = {
            (int(r.agent_id), r.start_at.to_pydatetime().replace(tzinfo=at(2, 0).tzinfo)): (
                not r.attended,
                r.late_seconds,
                r.early_leave_seconds,
            )
            for r in listed.itertuples()
        }
        assert in_facts == on_page
        assert len(in_facts) == 4
