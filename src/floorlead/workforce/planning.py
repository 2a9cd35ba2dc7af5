"""Planning a team's week from the database: forecast its queues, then staff them.

A week is seven local days from Monday midnight on the team's clock. The forecast of a week
uses the history before the week starts, or before today's local midnight for a week still to
come, so the forecast of a week that has begun stays the one made for it and can be held
against its actuals. A schedule is built from the week's requirement and the team's agents,
and stored as a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.clock import ensure_utc
from floorlead.errors import RuleViolation
from floorlead.workforce.forecast import ForecastOptions, QueueForecast
from floorlead.workforce.forecast_memory import remembered_forecast
from floorlead.workforce.planning_queries import team_members
from floorlead.workforce.queues import (
    QueueRef,
    local_floor,
    queue_for,
    queue_history,
    team_queues,
    team_zone,
)
from floorlead.workforce.requirements import (
    QueueDemand,
    Requirement,
    StaffingInputs,
    required_staff,
)
from floorlead.workforce.rostering import (
    ScheduleSettings,
    planned_shifts,
    schedule_problem,
    schedule_quality,
    wall_demand,
)
from floorlead.workforce.schedules import save_schedule
from floorlead.workforce.scheduling import ScheduleResult, solve_schedule

HISTORY_WEEKS = 24
MODELS = ("auto", "seasonal_naive", "mstl", "holt_winters", "blend")


@dataclass(frozen=True)
class PlanningWeek:
    """A team's week: its local Monday midnight and the UTC instants it runs between."""

    team_id: int
    timezone: str
    local_start: datetime
    interval_minutes: int

    @property
    def start(self) -> datetime:
        return self.local_start.astimezone(ZoneInfo("UTC"))

    @property
    def end(self) -> datetime:
        return (self.local_start + timedelta(days=7)).astimezone(ZoneInfo("UTC"))

    @property
    def first_day(self) -> date:
        return self.local_start.date()

    def history_end(self, now: datetime) -> datetime:
        """The forecast's cut-off: the week start, or today's local midnight if earlier."""
        return min(self.start, local_floor(now, 24 * 60, self.timezone))


@dataclass(frozen=True, eq=False)
class QueueWeek:
    """A queue's forecast for the week and, for the part already past, its actuals."""

    queue: QueueRef
    forecast: QueueForecast
    actuals: pd.DataFrame

    @property
    def demand(self) -> QueueDemand:
        frame = self.forecast.frame
        return QueueDemand(
            channel=self.queue.channel,
            name=self.queue.name,
            volume=frame["volume"].to_numpy(dtype=float),
            aht_seconds=frame["aht_seconds"].to_numpy(dtype=float),
        )


@dataclass(frozen=True, eq=False)
class TeamStaffing:
    week: PlanningWeek
    queues: tuple[QueueWeek, ...]
    inputs: StaffingInputs
    requirement: Requirement


def planning_week(
    timezone: str, *, team_id: int, day: date, interval_minutes: int = 30
) -> PlanningWeek:
    """The week (Monday to Sunday on the team's clock) that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    local_start = datetime.combine(monday, time(0), tzinfo=ZoneInfo(timezone))
    return PlanningWeek(team_id, timezone, local_start, interval_minutes)


def forecast_queue_week(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    channel: str,
    day: date,
    now: datetime,
    interval_minutes: int = 30,
    model: str = "auto",
) -> QueueWeek:
    """One queue's forecast for the week holding ``day``, scored by backtest, with actuals."""
    queue = queue_for(session, actor=actor, team_id=team_id, channel=channel)
    week = planning_week(
        queue.timezone, team_id=team_id, day=day, interval_minutes=interval_minutes
    )
    now = ensure_utc(now, field="now")
    return _queue_week(session, queue, week, now=now, model=model, scored=True)


def forecast_team_week(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    day: date,
    now: datetime,
    interval_minutes: int = 30,
    model: str = "auto",
    scored: bool = False,
) -> tuple[PlanningWeek, tuple[QueueWeek, ...]]:
    """Every queue of the team (channels with contacts in the history) forecast for the week;
    ``scored`` backtests a chosen model too (``auto`` always does)."""
    now = ensure_utc(now, field="now")
    week, queues = week_queues(
        session, actor=actor, team_id=team_id, day=day, now=now, interval_minutes=interval_minutes
    )
    if not queues:
        raise RuleViolation(
            "the team has no contacts in the history before the week", field="team_id"
        )
    weeks = (_queue_week(session, q, week, now=now, model=model, scored=scored) for q in queues)
    return week, tuple(weeks)


def week_queues(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    day: date,
    now: datetime,
    interval_minutes: int = 30,
) -> tuple[PlanningWeek, list[QueueRef]]:
    """The team's week holding ``day`` and its queues: channels with contacts in the history
    the week's forecast is made from."""
    zone = team_zone(session, actor=actor, team_id=team_id)
    week = planning_week(zone, team_id=team_id, day=day, interval_minutes=interval_minutes)
    cut = week.history_end(now)
    since = cut - timedelta(weeks=HISTORY_WEEKS)
    queues = team_queues(session, actor=actor, team_id=team_id, since=since, until=cut)
    return week, queues


def staff_team_week(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    day: date,
    now: datetime,
    inputs: StaffingInputs,
    interval_minutes: int = 30,
    model: str = "auto",
) -> TeamStaffing:
    """Agents the team needs in every interval of the week, per channel and after shrinkage."""
    week, queues = forecast_team_week(
        session,
        actor=actor,
        team_id=team_id,
        day=day,
        now=now,
        interval_minutes=interval_minutes,
        model=model,
    )
    starts = pd.DatetimeIndex(queues[0].forecast.frame.index)
    requirement = required_staff(
        starts,
        [queue.demand for queue in queues],
        inputs=inputs,
        interval_minutes=interval_minutes,
    )
    return TeamStaffing(week, queues, inputs, requirement)


def _queue_week(
    session: Session,
    queue: QueueRef,
    week: PlanningWeek,
    *,
    now: datetime,
    model: str,
    scored: bool,
) -> QueueWeek:
    if model not in MODELS:
        raise RuleViolation(f"model must be one of {', '.join(MODELS)}", field="model")
    cut = week.history_end(now)
    history = queue_history(
        session,
        queue,
        start=cut - timedelta(weeks=HISTORY_WEEKS),
        end=cut,
        interval_minutes=week.interval_minutes,
    )
    options = ForecastOptions(horizon_days=7, model=model, start=week.start)
    forecast = remembered_forecast(history.as_series(), options, scored=scored)
    return QueueWeek(queue, forecast, _actuals(session, queue, week, now))


def _actuals(session: Session, queue: QueueRef, week: PlanningWeek, now: datetime) -> pd.DataFrame:
    """The week's completed intervals so far (an empty frame for a week still to come)."""
    end = min(week.end, local_floor(now, week.interval_minutes, queue.timezone))
    if end <= week.start:
        return pd.DataFrame(columns=["volume", "aht_seconds"], dtype=float)
    history = queue_history(
        session, queue, start=week.start, end=end, interval_minutes=week.interval_minutes
    )
    return history.frame


@dataclass(frozen=True, eq=False)
class BuiltSchedule:
    """A stored draft schedule with the staffing it was built for and the optimiser's result."""

    schedule_id: int
    staffing: TeamStaffing
    result: ScheduleResult


def build_schedule(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    day: date,
    now: datetime,
    inputs: StaffingInputs,
    settings: ScheduleSettings,
    interval_minutes: int = 30,
    model: str = "auto",
) -> BuiltSchedule:
    """Forecast, staff and schedule the team's week, and store the schedule as a draft."""
    staffing = staff_team_week(
        session,
        actor=actor,
        team_id=team_id,
        day=day,
        now=now,
        inputs=inputs,
        interval_minutes=interval_minutes,
        model=model,
    )
    week, requirement = staffing.week, staffing.requirement
    demand = wall_demand(requirement.interval_starts, requirement.scheduled, week.local_start)
    problem = schedule_problem(
        team_members(
            session, team_id=team_id, first_day=week.first_day, start=week.start, end=week.end
        ),
        demand,
        week_start=week.local_start,
        interval_minutes=interval_minutes,
        settings=settings,
    )
    result = solve_schedule(problem, time_limit_seconds=settings.time_limit_seconds)
    stored = save_schedule(
        session,
        actor=actor,
        team_id=team_id,
        week_start=week.start,
        interval_minutes=interval_minutes,
        shifts=planned_shifts(result.schedule),
        requirements=[
            (stamp.to_pydatetime(), float(value))
            for stamp, value in zip(requirement.interval_starts, requirement.scheduled, strict=True)
        ],
        quality=schedule_quality(result),
        now=now,
    )
    return BuiltSchedule(stored.id, staffing, result)
