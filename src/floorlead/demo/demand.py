"""What each team's week asked of the floor: expected contacts and the agents they need.

The expected contacts are the simulator's own arrival rates (recomputed from the seed, so they
are exactly those the tickets were drawn from), split over the teams in proportion to their
size as the arrivals are. Past the end, the week continues with the same intervals a week
earlier (a seasonal naive forecast). The workforce planner's staffing rule turns them into
agents per 30-minute interval: Erlang C for calls, concurrent chats, and written work cleared
within a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pandas as pd

from floorlead.demo.arrivals import CHANNELS, arrival_rates
from floorlead.demo.queueing import LIVE_HANDLE_SECONDS, WRITTEN_WORK_SECONDS
from floorlead.demo.simulator import STAGES, Simulation
from floorlead.demo.timeline import INTERVAL_SECONDS, LOCAL_ZONE
from floorlead.workforce.requirements import QueueDemand, StaffingInputs, required_staff

INTERVAL_MINUTES = 30
STEPS_PER_INTERVAL = INTERVAL_MINUTES * 60 // INTERVAL_SECONDS
WEEK_STEPS = 7 * 86_400 // INTERVAL_SECONDS
HANDLE_SECONDS = {
    "phone": LIVE_HANDLE_SECONDS["phone"],
    "chat": LIVE_HANDLE_SECONDS["chat"],
} | dict.fromkeys(("email", "web_form", "social"), WRITTEN_WORK_SECONDS)
# Calls answered within a minute, written work within a day. Breaks and lunch are already
# outside the scheduled coverage and absences show as holes in it, so no shrinkage is added.
STAFFING = StaffingInputs(
    answer_seconds=60.0, max_occupancy=0.9, shrinkage=0.0, deferred_deadline_hours=24.0
)


@dataclass(frozen=True)
class WeekRequirement:
    interval_starts: tuple[datetime, ...]
    scheduled: tuple[float, ...]


def week_start(monday: date) -> datetime:
    """Local Monday midnight (in UTC), as the planner's weeks start."""
    return datetime.combine(monday, time(0), tzinfo=LOCAL_ZONE).astimezone(UTC)


def expected_arrivals(simulation: Simulation) -> np.ndarray:
    """Expected contacts per channel (rows) and 15-minute step of the timeline (columns)."""
    seeds = np.random.SeedSequence(simulation.config.seed).spawn(len(STAGES))
    rng = np.random.default_rng(seeds[STAGES.index("rates")])
    timeline = simulation.timeline
    rates = arrival_rates(timeline, simulation.config.weekly_tickets, rng)
    first_future = timeline.end_interval
    for step in range(first_future, rates.shape[1]):
        rates[:, step] = rates[:, step - WEEK_STEPS] if step >= WEEK_STEPS else 0.0
    return rates


def team_shares(simulation: Simulation) -> dict[int, float]:
    org = simulation.organisation
    sizes = {team.id: len(org.members(team.id)) for team in org.support_teams}
    total = sum(sizes.values())
    return {team_id: size / total for team_id, size in sizes.items()}


def week_requirement(
    simulation: Simulation, rates: np.ndarray, share: float, monday: date
) -> WeekRequirement:
    """Agents to schedule per 30-minute interval of the week, inside the simulated window."""
    timeline = simulation.timeline
    local_start = week_start(monday)
    first = round(timeline.seconds(local_start) / INTERVAL_SECONDS)
    length = round((week_start(monday + timedelta(days=7)) - local_start).total_seconds())
    steps = np.arange(first, first + length // INTERVAL_SECONDS)
    inside = (steps >= 0) & (steps < rates.shape[1])
    volume = np.zeros((len(CHANNELS), len(steps)))
    volume[:, inside] = rates[:, steps[inside]] * share
    intervals = len(steps) // STEPS_PER_INTERVAL
    per_interval = volume.reshape(len(CHANNELS), intervals, STEPS_PER_INTERVAL).sum(axis=2)
    starts = pd.date_range(local_start, periods=intervals, freq=f"{INTERVAL_MINUTES}min")
    demands = [
        QueueDemand(channel, channel, per_interval[c], np.full(intervals, HANDLE_SECONDS[channel]))
        for c, channel in enumerate(CHANNELS)
    ]
    requirement = required_staff(
        pd.DatetimeIndex(starts.tz_convert("UTC")),
        demands,
        inputs=STAFFING,
        interval_minutes=INTERVAL_MINUTES,
    )
    kept = inside.reshape(intervals, STEPS_PER_INTERVAL).all(axis=1)
    return WeekRequirement(
        tuple(stamp.to_pydatetime() for stamp in requirement.interval_starts[kept]),
        tuple(float(value) for value in requirement.scheduled[kept]),
    )
