"""Understaffed in the next two hours: agents needed on the queues against agents working.

*Needed*, for the current interval and the seven after it: each queue of the team is forecast
by seasonal naive (the same intervals a week ago) from two weeks of history, the rest of
today is rescaled by today's actuals so far (``reforecast_intraday``), and the forecast is
staffed like the week (``required_staff``), before shrinkage, in whole agents.

*Working*: agents on a published shift and not on a break (fractions where a shift or break
covers part of an interval), or, when the team has no published shifts at all, the agents
signed in right now (any state but offline), taken to stay for the two hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.clock import ensure_utc
from floorlead.errors import DomainError, NotFound
from floorlead.org.model import Role
from floorlead.org.tables import Person, Team
from floorlead.workforce.adherence import Activity, AgentState, ScheduledShift
from floorlead.workforce.forecast import ForecastOptions, reforecast_intraday
from floorlead.workforce.forecast_memory import remembered_forecast
from floorlead.workforce.planning_queries import managed_teams
from floorlead.workforce.queues import QueueHistory, QueueRef, local_floor, queue_history
from floorlead.workforce.queues import team_queues as list_queues
from floorlead.workforce.requirements import QueueDemand, StaffingInputs, required_staff
from floorlead.workforce.schedules import on_shift, published_shifts
from floorlead.workforce.staffing import whole_agents
from floorlead.workforce.states import state_spans

LOOKAHEAD_INTERVALS = 8
HISTORY_DAYS = 14
SHIFT_LOOKBACK = timedelta(hours=16)
BASIS_SCHEDULE = "published shifts"
BASIS_SIGNED_IN = "agents signed in now"


@dataclass(frozen=True)
class IntervalCover:
    interval_start: datetime
    required: int
    working: float

    @property
    def short(self) -> float:
        return max(self.required - self.working, 0.0)


@dataclass(frozen=True)
class StaffingOutlook:
    """The next intervals of one team; ``note`` says why there is no outlook, if so."""

    team_id: int
    team_name: str
    timezone: str
    basis: str
    intervals: tuple[IntervalCover, ...]
    note: str = ""

    @property
    def gaps(self) -> tuple[IntervalCover, ...]:
        return tuple(cover for cover in self.intervals if cover.short > 0)

    @property
    def understaffed(self) -> bool:
        return bool(self.gaps)


def understaffed_teams(
    session: Session, *, actor: Actor, now: datetime, inputs: StaffingInputs | None = None
) -> list[StaffingOutlook]:
    """The outlook of every support team whose schedules the actor manages."""
    return [
        staffing_outlook(session, actor=actor, team_id=team.id, now=now, inputs=inputs)
        for team in managed_teams(session, actor=actor)
    ]


def staffing_outlook(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    now: datetime,
    inputs: StaffingInputs | None = None,
    interval_minutes: int = 30,
) -> StaffingOutlook:
    """Needed against working agents for the current interval and the seven after it."""
    now = ensure_utc(now, field="now")
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team {team_id}", field="team_id")
    queues = list_queues(
        session, actor=actor, team_id=team_id, since=now - timedelta(days=HISTORY_DAYS)
    )
    timezone = team.time_zone
    current = local_floor(now, interval_minutes, timezone)
    starts = pd.date_range(current, periods=LOOKAHEAD_INTERVALS, freq=f"{interval_minutes}min")
    people = _agents(session, team_id)
    working, basis = _working(session, people, starts, now, interval_minutes)
    try:
        required = _required(session, queues, now, inputs or StaffingInputs(), interval_minutes)
    except DomainError as exc:
        return StaffingOutlook(team.id, team.name, timezone, basis, (), note=exc.message)
    covers = tuple(
        IntervalCover(stamp.to_pydatetime(), int(required.get(stamp, 0)), float(count))
        for stamp, count in zip(starts, working, strict=True)
    )
    return StaffingOutlook(team.id, team.name, timezone, basis, covers)


def _agents(session: Session, team_id: int) -> list[int]:
    roles = (Role.AGENT.value, Role.SENIOR_AGENT.value)
    return list(
        session.scalars(
            select(Person.id).where(
                Person.team_id == team_id, Person.role.in_(roles), Person.leave_date.is_(None)
            )
        )
    )


def _required(
    session: Session,
    queues: Sequence[QueueRef],
    now: datetime,
    inputs: StaffingInputs,
    interval_minutes: int,
) -> dict[pd.Timestamp, int]:
    """Whole agents needed on the queues per interval of today and tomorrow (none without
    contacts in the last two weeks)."""
    if not queues:
        return {}
    demands = [_demand(session, queue, now, interval_minutes) for queue in queues]
    starts = demands[0][0]
    requirement = required_staff(
        starts, [demand for _, demand in demands], inputs=inputs, interval_minutes=interval_minutes
    )
    return dict(zip(starts, whole_agents(requirement.required).tolist(), strict=True))


def _demand(
    session: Session, queue: QueueRef, now: datetime, interval_minutes: int
) -> tuple[pd.DatetimeIndex, QueueDemand]:
    today = local_floor(now, 24 * 60, queue.timezone)
    current = local_floor(now, interval_minutes, queue.timezone)
    history = queue_history(
        session,
        queue,
        start=today - timedelta(days=HISTORY_DAYS),
        end=current,
        interval_minutes=interval_minutes,
    )
    before = history.frame[history.frame.index < today]
    series = QueueHistory(queue, interval_minutes, before).as_series()
    options = ForecastOptions(model="seasonal_naive", horizon_days=2, start=today)
    frame = remembered_forecast(series, options).frame
    actuals = history.frame.loc[history.frame.index >= today, "volume"]
    today_volume = reforecast_intraday(
        frame["volume"],
        actuals,
        now=now,
        interval_minutes=interval_minutes,
        timezone=queue.timezone,
    ).volume
    volume = frame["volume"].copy()
    volume.loc[today_volume.index] = today_volume
    demand = QueueDemand(
        channel=queue.channel,
        name=queue.name,
        volume=volume.to_numpy(dtype=float),
        aht_seconds=frame["aht_seconds"].to_numpy(dtype=float),
    )
    return pd.DatetimeIndex(frame.index), demand


def _working(
    session: Session,
    people: list[int],
    starts: pd.DatetimeIndex,
    now: datetime,
    interval_minutes: int,
) -> tuple[np.ndarray, str]:
    if not people or on_shift(session, people, now) is None:
        return np.full(len(starts), float(_signed_in(session, people, now))), BASIS_SIGNED_IN
    step = timedelta(minutes=interval_minutes)
    end = starts[-1].to_pydatetime() + step
    shifts = published_shifts(session, person_ids=people, start=now - SHIFT_LOOKBACK, end=end)
    plans = [plan for person in shifts.values() for plan in person]
    counts = [_working_share(plans, stamp.to_pydatetime(), step) for stamp in starts]
    return np.asarray(counts), BASIS_SCHEDULE


def _working_share(plans: Sequence[ScheduledShift], start: datetime, step: timedelta) -> float:
    """Agents working in ``[start, start + step)``, a break or part shift counting in part."""
    end = start + step
    seconds = sum(
        max((min(span.end, end) - max(span.start, start)).total_seconds(), 0.0)
        for plan in plans
        for span in plan.timeline()
        if span.value is Activity.WORK
    )
    return seconds / step.total_seconds()


def _signed_in(session: Session, people: list[int], now: datetime) -> int:
    if not people:
        return 0
    spans = state_spans(
        session, person_ids=people, start=now - timedelta(seconds=1), end=now, now=now
    )
    return sum(1 for states in spans.values() if states and states[-1].value != AgentState.OFFLINE)
