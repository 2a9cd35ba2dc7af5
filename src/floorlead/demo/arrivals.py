"""When contacts arrive: a non-homogeneous Poisson process with weekly and intraday seasonality.

The rate of each 15-minute interval is the channel's share of the weekly volume shaped by the
hour of day (peaks late morning and early afternoon, quiet at night), the weekday (Monday
busiest, weekends low, bank holidays like a weekend), a slow growth and a day-to-day wobble.
Phone and chat only ring while the lines are open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from floorlead.demo.customers import Customers
from floorlead.demo.organisation import TeamSpec
from floorlead.demo.timeline import INTERVAL_SECONDS, Timeline

WEEK_SECONDS = 7 * 86_400
CHANNELS = ("email", "phone", "chat", "web_form", "social")
CHANNEL_SHARE = np.array([0.40, 0.25, 0.20, 0.10, 0.05])
LIVE_CHANNELS = frozenset({"phone", "chat"})
WEEKDAY_FACTOR = np.array([1.30, 1.12, 1.05, 1.00, 0.93, 0.42, 0.33])
HOLIDAY_FACTOR = 0.40
HOURLY_PROFILE = np.array([
    0.15, 0.10, 0.08, 0.07, 0.08, 0.15, 0.35, 0.70, 1.10, 1.45, 1.70, 1.80,
    1.50, 1.60, 1.65, 1.50, 1.30, 1.10, 0.90, 0.75, 0.65, 0.55, 0.40, 0.25,
])  # fmt: skip
LIVE_DAY_OFF_FACTOR = 0.55  # on weekends and holidays people prefer writing
LINES_OPEN = {False: (8 * 60, 18 * 60), True: (9 * 60, 17 * 60)}  # by "day off"
WEEKLY_GROWTH = 0.01
DAY_NOISE_SHAPE = 150.0
PRIORITIES = ("low", "normal", "high", "urgent")
PRIORITY_MIX = {
    "standard": (0.18, 0.60, 0.18, 0.04),
    "premium": (0.12, 0.58, 0.24, 0.06),
    "enterprise": (0.05, 0.50, 0.33, 0.12),
}
LANGUAGES = (("spanish", 0.04), ("french", 0.02))
AGENT_CREATED_SHARE = 0.03


@dataclass(frozen=True)
class Arrivals:
    """One entry per ticket, in arrival order (ticket ids follow this order)."""

    t: np.ndarray
    channel: np.ndarray
    team: np.ndarray
    category: np.ndarray
    priority: np.ndarray
    customer: np.ndarray
    language: np.ndarray
    agent_created: np.ndarray

    def __len__(self) -> int:
        return len(self.t)

    def subset(self, keep: np.ndarray) -> Arrivals:
        return Arrivals(**{name: getattr(self, name)[keep] for name in self.__dataclass_fields__})

    def counts(self, channels: frozenset[str], teams: int, intervals: int) -> np.ndarray:
        """Arrivals of ``channels`` per team (rows) and interval (columns)."""
        chosen = np.isin(self.channel, list(channels))
        index = self.team[chosen] * intervals + (self.t[chosen] // INTERVAL_SECONDS).astype(int)
        return np.bincount(index, minlength=teams * intervals).reshape(teams, intervals)


def arrival_rates(
    timeline: Timeline, weekly_tickets: float, rng: np.random.Generator
) -> np.ndarray:
    """Expected arrivals per channel (rows) and interval (columns) up to the end."""
    day_off = np.array([timeline.is_day_off(day) for day in timeline.days])
    weekday = np.array([day.weekday() for day in timeline.days])
    day_factor = np.where(day_off & (weekday < 5), HOLIDAY_FACTOR, WEEKDAY_FACTOR[weekday])
    growth = 1 + WEEKLY_GROWTH * (np.arange(len(timeline.days)) // 7)
    noise = rng.gamma(DAY_NOISE_SHAPE, 1 / DAY_NOISE_SHAPE, len(timeline.days))
    shape = (
        HOURLY_PROFILE[timeline.minute_of_day // 60]
        * (day_factor * growth * noise)[timeline.day_index]
    )
    shape = shape * _share_before_end(timeline)
    open_lines = _lines_open(timeline, day_off)
    open_lines *= np.where(day_off, LIVE_DAY_OFF_FACTOR, 1.0)[timeline.day_index]
    total = weekly_tickets * timeline.end_t / WEEK_SECONDS
    rates = np.empty((len(CHANNELS), timeline.intervals))
    for c, channel in enumerate(CHANNELS):
        channel_shape = shape * open_lines if channel in LIVE_CHANNELS else shape
        rates[c] = channel_shape / channel_shape.sum() * total * CHANNEL_SHARE[c]
    return rates


def _share_before_end(timeline: Timeline) -> np.ndarray:
    starts = np.arange(timeline.intervals) * INTERVAL_SECONDS
    return np.clip((timeline.end_t - starts) / INTERVAL_SECONDS, 0.0, 1.0)


def _lines_open(timeline: Timeline, day_off: np.ndarray) -> np.ndarray:
    off = day_off[timeline.day_index]
    opens = np.where(off, LINES_OPEN[True][0], LINES_OPEN[False][0])
    closes = np.where(off, LINES_OPEN[True][1], LINES_OPEN[False][1])
    return ((timeline.minute_of_day >= opens) & (timeline.minute_of_day < closes)).astype(float)


def draw_arrivals(
    timeline: Timeline,
    rates: np.ndarray,
    teams: tuple[TeamSpec, ...],
    team_weights: np.ndarray,
    customers: Customers,
    rng: np.random.Generator,
) -> Arrivals:
    counts = rng.poisson(rates)
    channel = np.repeat(np.repeat(np.arange(len(CHANNELS)), rates.shape[1]), counts.ravel())
    interval = np.repeat(np.tile(np.arange(rates.shape[1]), len(CHANNELS)), counts.ravel())
    share = _share_before_end(timeline)[interval]
    t = (interval + rng.random(len(interval)) * share) * INTERVAL_SECONDS
    order = np.argsort(t, kind="stable")
    t, channel = np.floor(t[order]), channel[order]
    size = len(t)
    team = rng.choice(len(teams), size=size, p=team_weights / team_weights.sum())
    customer = rng.choice(len(customers.customers), size=size, p=customers.contact_weight)
    tiers = np.array(customers.tiers)[customer]
    channels = np.array(CHANNELS)[channel]
    return Arrivals(
        t=t,
        channel=channels,
        team=team,
        category=_categories(teams, team, rng),
        priority=_priorities(tiers, rng),
        customer=customer + 1,
        language=_languages(size, rng),
        agent_created=(channels == "email") & (rng.random(size) < AGENT_CREATED_SHARE),
    )


def _categories(
    teams: tuple[TeamSpec, ...], team: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    roll = rng.random(len(team))
    category = np.empty(len(team), dtype=object)
    for k, spec in enumerate(teams):
        names = [name for name, _ in spec.categories]
        cumulative = np.cumsum([weight for _, weight in spec.categories])
        mine = team == k
        picks = np.searchsorted(cumulative / cumulative[-1], roll[mine], side="right")
        category[mine] = np.array(names, dtype=object)[np.minimum(picks, len(names) - 1)]
    return category


def _priorities(tiers: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    roll = rng.random(len(tiers))
    priority = np.empty(len(tiers), dtype=object)
    for tier, mix in PRIORITY_MIX.items():
        mine = tiers == tier
        picks = np.searchsorted(np.cumsum(mix), roll[mine], side="right")
        priority[mine] = np.array(PRIORITIES, dtype=object)[np.minimum(picks, len(PRIORITIES) - 1)]
    return priority


def _languages(size: int, rng: np.random.Generator) -> np.ndarray:
    roll = rng.random(size)
    language = np.full(size, None, dtype=object)
    threshold = 0.0
    for name, share in LANGUAGES:
        language[(roll >= threshold) & (roll < threshold + share)] = name
        threshold += share
    return language
