"""A team's day of adherence (for its planners) and an agent's own published schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.web.deps import ViewerDep
from floorlead.web.workforce_common import chosen_team, local_today, monday, parse_day, render
from floorlead.web.workforce_views import Bar, day_bars, working_hours
from floorlead.workforce.adherence import Activity, ScheduledShift
from floorlead.workforce.planning_queries import my_shifts
from floorlead.workforce.reports import AgentDay, team_adherence

router = APIRouter(include_in_schema=False)
MARGIN = timedelta(minutes=30)


@dataclass(frozen=True)
class AgentAdherence:
    day: AgentDay
    late_seconds: float
    early_leave_seconds: float
    absent: bool
    bars: list[Bar]


@router.get("/workforce/adherence", response_class=HTMLResponse)
def adherence_page(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    params = request.query_params
    team, teams = chosen_team(session, viewer, params.get("team_id"))
    day = parse_day(params.get("day"), local_today(now, team.time_zone), field="day")
    rows = team_adherence(
        session, actor=viewer.actor, team_id=team.id, day=day, zone=team.time_zone, now=now
    )
    start, end = _window(rows, day, team.time_zone)
    context = {
        "viewer": viewer,
        "team": team,
        "teams": teams,
        "day": day,
        "week": monday(day),
        "agents": [_agent(row, start, end, team.time_zone) for row in rows],
        "hours": _hour_marks(start, end, team.time_zone),
        "payroll_day": _payroll_query(team.id, day, day, team.time_zone),
        "payroll_week": _payroll_query(
            team.id, monday(day), monday(day) + timedelta(days=6), team.time_zone
        ),
    }
    return render(request, "adherence.html", context)


def _window(rows: list[AgentDay], day: date, timezone: str) -> tuple[datetime, datetime]:
    shifts = [a for row in rows for a in row.attendance]
    if not shifts:
        start = datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone))
        return start, start + timedelta(days=1)
    return min(s.shift_start for s in shifts) - MARGIN, max(s.shift_end for s in shifts) + MARGIN


def _agent(row: AgentDay, start: datetime, end: datetime, timezone: str) -> AgentAdherence:
    zone = ZoneInfo(timezone)
    spans = [
        (
            a.shift_start,
            a.shift_end,
            "shift",
            f"shift {_clock(a.shift_start, zone)}–{_clock(a.shift_end, zone)}",
        )
        for a in row.attendance
    ]
    spans += [
        (
            d.start,
            d.end,
            "out",
            f"{_clock(d.start, zone)}–{_clock(d.end, zone)}: {d.actual.value.replace('_', ' ')}"
            f" instead of {d.scheduled.value}",
        )
        for d in row.adherence.deviations
    ]
    return AgentAdherence(
        day=row,
        late_seconds=sum(a.late_seconds for a in row.attendance),
        early_leave_seconds=sum(a.early_leave_seconds for a in row.attendance),
        absent=all(a.absent for a in row.attendance),
        bars=day_bars(spans, start, end),
    )


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def _hour_marks(start: datetime, end: datetime, timezone: str) -> list[tuple[float, str]]:
    """Whole local hours across the window, as (percent from the left, label)."""
    zone = ZoneInfo(timezone)
    length = (end - start).total_seconds()
    mark = start.astimezone(zone).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    marks = []
    while mark < end:
        marks.append((round((mark - start).total_seconds() / length * 100, 3), f"{mark:%H}"))
        mark += timedelta(hours=1)
    return marks


def _payroll_query(team_id: int, first: date, last: date, zone: str) -> str:
    return urlencode({"team_id": team_id, "first_day": first, "last_day": last, "zone": zone})


@dataclass(frozen=True)
class MyShift:
    day: str
    start: str
    end: str
    breaks: list[str]
    working_hours: float


@router.get("/workforce/my-schedule", response_class=HTMLResponse)
def my_schedule(request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep) -> Response:
    """The viewer's published shifts this week and next, with their breaks, on their clock."""
    zone = ZoneInfo(viewer.time_zone)
    this_monday = monday(now.astimezone(zone).date())
    start = datetime.combine(this_monday, time(0), tzinfo=zone)
    shifts = my_shifts(session, actor=viewer.actor, start=start, weeks=2)
    next_start = start + timedelta(weeks=1)
    weeks = [
        ("This week", this_monday, [_mine(s, zone) for s in shifts if s.start < next_start]),
        (
            "Next week",
            this_monday + timedelta(weeks=1),
            [_mine(s, zone) for s in shifts if s.start >= next_start],
        ),
    ]
    return render(request, "my_schedule.html", {"viewer": viewer, "weeks": weeks})


def _mine(shift: ScheduledShift, zone: ZoneInfo) -> MyShift:
    breaks = [
        f"{span.value.value} {_clock(span.start, zone)}–{_clock(span.end, zone)}"
        for span in shift.activities
        if span.value is not Activity.WORK
    ]
    return MyShift(
        day=shift.start.astimezone(zone).strftime("%a %d %b"),
        start=_clock(shift.start, zone),
        end=_clock(shift.end, zone),
        breaks=breaks,
        working_hours=round(working_hours(shift), 2),
    )
