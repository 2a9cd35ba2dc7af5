import json
import re
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.workforce.erlang import required_agents
from floorlead.workforce.schedules import (
    PlannedShift,
    ScheduleQuality,
    get_schedule,
    publish_schedule,
    save_schedule,
)
from floorlead.workforce.staffing import StaffingTargets, scheduled_agents
from floorlead.workforce.states import record_agent_state
from service.workforce.wfm_floor import (
    CALLS_PER_HALF_HOUR,
    HISTORY_START,
    TALK_SECONDS,
    WEEK,
    Floor,
    add_phone_history,
    build_floor,
)

from factories import PASSWORD

FRIDAY = WEEK - timedelta(days=3)  # 27 Feb: the week planned (2 Mar) is next week
NOW = FRIDAY + timedelta(hours=12)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def signed_in(settings: Settings, email: str, now: datetime = NOW) -> tuple[TestClient, str]:
    client = TestClient(create_app(settings, clock=Clock(now)))
    client.post("/login", data={"email": email, "password": PASSWORD})
    home = client.get("/")
    token = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    return client, token


@pytest.fixture
def floor(sqlite_session: Session) -> Floor:
    floor = build_floor(sqlite_session, agents=2)
    # Four weeks before the week of 23 Feb: enough for every model at one backtest origin.
    add_phone_history(sqlite_session, floor.team, start=HISTORY_START - timedelta(weeks=3), weeks=5)
    return floor


def needed_at_nine() -> int:
    answer = required_agents(
        calls=CALLS_PER_HALF_HOUR,
        aht_seconds=TALK_SECONDS,
        interval_seconds=1800,
        answer_seconds=20,
        targets=StaffingTargets(service_level=0.8, max_occupancy=0.85),
    )
    return int(answer.agents)


def chart_data(page: str, chart: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{chart}-data">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))


def monday_shift(person_id: int, start_hour: int = 9) -> PlannedShift:
    start = WEEK + timedelta(hours=start_hour)
    return PlannedShift(
        person_id,
        start,
        start + timedelta(hours=8),
        (("break", start + timedelta(hours=2), start + timedelta(hours=2, minutes=15)),),
    )


def stored_week(session: Session, floor: Floor, *, publish: bool) -> int:
    actor = floor.actor(session)
    schedule = save_schedule(
        session,
        actor=actor,
        team_id=floor.team.id,
        week_start=WEEK,
        interval_minutes=30,
        shifts=[monday_shift(floor.agents[0].id), monday_shift(floor.agents[1].id, 10)],
        requirements=[(WEEK + timedelta(minutes=30 * i), 1.0) for i in range(7 * 48)],
        quality=ScheduleQuality(objective=120.0, lower_bound=100.0, gap=1 / 6),
        now=NOW,
    )
    if publish:
        publish_schedule(session, actor=actor, schedule_id=schedule.id, now=NOW)
    return schedule.id


def test_forecast_page_loads_the_chart_of_forecast_and_actuals_with_the_backtest(
    sqlite_settings: Settings, floor: Floor
) -> None:
    client, _ = signed_in(sqlite_settings, "sam@example.com")

    page = client.get("/workforce/forecast", params={"model": "seasonal_naive"})
    panel = client.get(
        "/workforce/forecast/panel",
        params={"channel": "phone", "week": "2026-02-23", "model": "seasonal_naive"},
    )

    assert page.status_code == 200
    assert 'hx-get="/workforce/forecast/panel?team_id=' in page.text
    assert panel.status_code == 200
    data = chart_data(panel.text, "forecast-chart")
    assert len(data["labels"]) == len(data["forecast"]) == 7 * 48
    assert data["labels"][18] == "Mon 09:00"
    assert data["forecast"][18] == CALLS_PER_HALF_HOUR
    assert data["actual"][18] == CALLS_PER_HALF_HOUR  # Monday has passed
    assert data["actual"][-1] is None  # Sunday has not
    assert "Seasonal naive" in panel.text and 'data-testid="backtest"' in panel.text


def test_staffing_heatmap_shows_agents_to_schedule_for_the_inputs_given(
    sqlite_settings: Settings, floor: Floor
) -> None:
    client, _ = signed_in(sqlite_settings, "sam@example.com")
    query = {"model": "seasonal_naive", "service_level": "80", "answer_seconds": "20"}

    page = client.get("/workforce/staffing", params=query | {"shrinkage": "30"})
    shrunk = client.get("/workforce/staffing/panel", params=query | {"shrinkage": "30"})
    plain = client.get("/workforce/staffing/panel", params=query | {"shrinkage": "0"})

    assert 'name="shrinkage" value="30"' in page.text
    needed = needed_at_nine()
    nine_row = re.compile(r'<th class="time">09:00</th><td style="[^"]*">(\d+)</td>')
    assert nine_row.search(shrunk.text).group(1) == str(scheduled_agents(needed, 0.3))
    assert nine_row.search(plain.text).group(1) == str(needed)
    assert "Mon 02 Mar" in shrunk.text


def test_a_supervisor_builds_publishes_and_edits_a_schedule(
    sqlite_settings: Settings, sqlite_session: Session, floor: Floor
) -> None:
    client, token = signed_in(sqlite_settings, "sam@example.com")
    form = {"csrf_token": token, "week": "2026-03-02", "model": "seasonal_naive"}

    built = client.post(
        "/workforce/schedules",
        data=form | {"time_limit": "5", "min_hours": "0", "max_hours": "40"},
        follow_redirects=False,
    )
    assert built.status_code == 303
    url = built.headers["location"]
    schedule_id = int(url.rsplit("/", 1)[1])
    detail = client.get(url)
    assert "Draft" in detail.text and "Agent 1" in detail.text and "Agent 2" in detail.text
    coverage = chart_data(detail.text, "coverage-chart")
    assert coverage["required"][18] == scheduled_agents(needed_at_nine(), 0.3)
    assert coverage["scheduled"][18] == 2

    published = client.post(f"{url}/publish", data={"csrf_token": token})
    time_off = client.post(
        f"{url}/time-off",
        data={
            "csrf_token": token,
            "person_id": floor.agents[0].id,
            "start": "2026-03-02T00:00",
            "end": "2026-03-03T00:00",
            "reason": "sick",
        },
    )
    actor = floor.actor(sqlite_session)
    shifts = get_schedule(sqlite_session, actor=actor, schedule_id=schedule_id).shifts
    first = next(s for s in shifts if s.person_id == floor.agents[0].id)
    second = next(s for s in shifts if s.person_id == floor.agents[1].id)
    swapped = client.post(
        f"{url}/swap",
        data={"csrf_token": token, "first_shift_id": first.id, "second_shift_id": second.id},
    )

    assert "Published" in published.text
    assert "Time off booked" in time_off.text
    assert chart_data(time_off.text, "coverage-chart")["scheduled"][18] == 1
    assert "Shifts swapped." in swapped.text
    sqlite_session.refresh(first)
    sqlite_session.refresh(second)
    assert (first.person_id, second.person_id) == (floor.agents[1].id, floor.agents[0].id)
    listing = client.get("/workforce/schedules", params={"week": "2026-03-02"})
    assert f'href="/workforce/schedules/{schedule_id}"' in listing.text


def test_a_refused_build_shows_the_reason_on_the_page(
    sqlite_settings: Settings, floor: Floor
) -> None:
    client, token = signed_in(sqlite_settings, "sam@example.com")

    refused = client.post(
        "/workforce/schedules",
        data={
            "csrf_token": token,
            "week": "2026-03-02",
            "time_limit": "0",
            "model": "seasonal_naive",
        },
    )

    assert refused.status_code == 422
    assert "time_limit_seconds must be between 1 and 600" in refused.text


def test_an_agent_sees_their_published_shifts_with_breaks(
    sqlite_settings: Settings, sqlite_session: Session, floor: Floor
) -> None:
    stored_week(sqlite_session, floor, publish=True)
    client, _ = signed_in(sqlite_settings, floor.agents[0].email)

    mine = client.get("/workforce/my-schedule")
    planning = client.get("/workforce/staffing")

    assert mine.status_code == 200
    next_week = mine.text.split('data-testid="week-2"')[1]
    assert "Mon 02 Mar" in next_week and "09:00–17:00" in next_week
    assert "break 11:00–11:15" in next_week
    assert planning.status_code == 403
    assert client.get("/workforce", follow_redirects=False).headers["location"] == (
        "/workforce/my-schedule"
    )


def test_adherence_page_shows_each_agents_day_and_links_payroll_hours(
    sqlite_settings: Settings, sqlite_session: Session, floor: Floor
) -> None:
    stored_week(sqlite_session, floor, publish=True)
    agent = floor.agents[0]
    evening = WEEK + timedelta(hours=20)
    for when, state in [(9, "available"), (11, "break"), (11.5, "available"), (17, "offline")]:
        record_agent_state(
            sqlite_session,
            actor=load_actor(sqlite_session, agent.id),
            person_id=agent.id,
            state=state,
            at=WEEK + timedelta(hours=when),
            now=evening,
        )
    client, _ = signed_in(sqlite_settings, "sam@example.com", now=evening)

    page = client.get("/workforce/adherence", params={"day": date(2026, 3, 2).isoformat()})

    assert page.status_code == 200
    assert "Agent 1" in page.text and "Agent 2" in page.text
    assert "96.9%" in page.text  # 15 of 480 scheduled minutes on a longer break
    assert "absent" in page.text  # Agent 2 never signed in
    assert "/api/payroll-hours.csv?team_id=" in page.text


def test_home_loads_the_understaffed_alert_for_the_supervisors_team(
    sqlite_settings: Settings, floor: Floor
) -> None:
    monday = WEEK + timedelta(hours=9, minutes=10)
    client, _ = signed_in(sqlite_settings, "sam@example.com", now=monday)
    agent, _ = signed_in(sqlite_settings, floor.agents[0].email, now=monday)

    home = client.get("/")
    alert = client.get("/workforce/understaffed")

    assert 'hx-get="/workforce/understaffed"' in home.text
    assert "Understaffed in the next 2 hours" in alert.text
    needed = needed_at_nine()
    assert f"09:00 short {needed} (0/{needed})" in alert.text
    assert "agents signed in now" in alert.text
    assert agent.get("/workforce/understaffed").text == ""
    assert 'hx-get="/workforce/understaffed"' not in agent.get("/").text


def test_staffing_inputs_out_of_range_name_the_field(
    sqlite_settings: Settings, floor: Floor
) -> None:
    client, _ = signed_in(sqlite_settings, "sam@example.com")

    page = client.get("/workforce/staffing", params={"shrinkage": "100"})

    assert page.status_code == 422
    assert "shrinkage must be at least 0 and below 1" in page.text


def test_workforce_nav_link_is_on_every_page(sqlite_settings: Settings, floor: Floor) -> None:
    client, _ = signed_in(sqlite_settings, "sam@example.com")

    assert '<a href="/workforce"' in client.get("/tickets").text
    assert client.get("/workforce", follow_redirects=False).headers["location"] == (
        "/workforce/forecast"
    )
