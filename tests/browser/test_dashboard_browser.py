from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.metrics.tables import KpiTarget
from floorlead.org.tables import Person
from service.metrics.kpi_week import AS_OF, WEEK, build_week
from web.dashboard_rota import build_rota

from factories import PASSWORD
from livesite import serve

pytestmark = pytest.mark.browser


class FixedClock:
    def now(self) -> datetime:
        return AS_OF


def test_a_lead_opens_the_dashboard_sees_attendance_and_drills_into_the_backlog(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    KpiTarget.__table__.create(sqlite_session.get_bind(), checkfirst=True)  # until migrated
    week = build_week(sqlite_session)
    build_rota(sqlite_session, week)
    email = sqlite_session.get(Person, week.lee).email

    with serve(create_app(sqlite_settings, clock=FixedClock())) as base:
        page.goto(f"{base}/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.click("header >> text=Dashboard")
        page.wait_for_url(f"{base}/dashboard")
        page.goto(f"{base}/dashboard?from={WEEK.start}&to={WEEK.end}")

        csat = page.inner_text("[data-testid=card-csat] .value")
        attendance = page.locator("[data-testid=card-attendance_rate]")
        attendance.scroll_into_view_if_needed()
        attendance_shown = attendance.is_visible(), attendance.locator(".value").inner_text()
        points = page.evaluate(
            """() => {
                const canvas = document.querySelector('canvas[data-chart="channel-mix"]');
                const chart = Chart.getChart(canvas);
                return chart ? chart.data.datasets[0].data : null;
            }"""
        )
        page.click("[data-testid=card-backlog] .value a")
        page.wait_for_url("**/dashboard/drill?**")
        listed = page.eval_on_selector_all(
            "[data-testid=drill-table] tr[data-ticket]", "rows => rows.map(r => r.dataset.ticket)"
        )

    assert csat == "50.0%"
    assert attendance_shown == (True, "75.0%")  # 3 of the 4 shifts (dashboard_rota)
    assert sorted(points) == [1, 1, 2, 4]  # chat, web form, phone, email
    assert sorted(int(i) for i in listed) == sorted(
        week.tickets[name]
        for name in ("T4", "T6")  # still open at the end of the fortnight
    )
