from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings
from floorlead.workforce.schedules import PlannedShift, ScheduleQuality, save_schedule
from service.workforce.wfm_floor import WEEK, build_floor

from factories import PASSWORD
from livesite import serve

pytestmark = pytest.mark.browser

NOW = WEEK - timedelta(days=3, hours=-12)  # Friday noon before the week


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _stored_week(session: Session) -> int:
    floor = build_floor(session, agents=2)
    shifts = []
    for day in range(5):
        for person, hour in ((floor.agents[0], 8), (floor.agents[1], 10)):
            start = WEEK + timedelta(days=day, hours=hour)
            lunch = start + timedelta(hours=4)
            shifts.append(
                PlannedShift(
                    person.id,
                    start,
                    start + timedelta(hours=8, minutes=30),
                    (("lunch", lunch, lunch + timedelta(minutes=30)),),
                )
            )
    requirements = [
        (WEEK + timedelta(minutes=30 * i), 2.0 if 16 <= i % 48 < 36 and i < 5 * 48 else 0.0)
        for i in range(7 * 48)
    ]
    schedule = save_schedule(
        session,
        actor=floor.actor(session),
        team_id=floor.team.id,
        week_start=WEEK,
        interval_minutes=30,
        shifts=shifts,
        requirements=requirements,
        quality=ScheduleQuality(objective=2100.0, lower_bound=2000.0, gap=100 / 2100),
        now=NOW,
    )
    return schedule.id


def test_the_supervisor_sees_the_gantt_and_the_coverage_chart_and_publishes(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    schedule_id = _stored_week(sqlite_session)

    with serve(create_app(sqlite_settings, clock=FixedClock())) as base:
        page.goto(f"{base}/login?next=/workforce/schedules/{schedule_id}")
        page.fill("input[name=email]", "sam@example.com")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/workforce/schedules/{schedule_id}")

        bars = page.locator("[data-testid=gantt] .bar.work")
        lunches = page.locator("[data-testid=gantt] .bar.lunch")
        page.wait_for_function("Chart.getChart(document.querySelector('canvas')) !== undefined")
        points = page.evaluate(
            "Chart.getChart(document.querySelector('#coverage-chart')).data.datasets"
            ".map(d => d.data.length)"
        )
        assert bars.count() == 10 and lunches.count() == 10
        assert page.locator("[data-testid=gantt] .who").all_inner_texts() == ["Agent 1", "Agent 2"]
        assert points == [7 * 48, 7 * 48]
        assert "4.76%" in page.locator("[data-testid=quality]").inner_text()

        page.click("button:has-text('Publish')")
        page.wait_for_selector("[data-testid=status]:has-text('Published')")
        assert page.evaluate("Chart.getChart(document.querySelector('canvas')) !== undefined")
