"""Arrivals: weekly and intraday seasonality, channel mix, opening hours."""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
from demo_samples import END, small

from floorlead.demo import DemoConfig, Simulation, simulate
from floorlead.demo.arrivals import CHANNEL_SHARE, CHANNELS
from floorlead.demo.timeline import INTERVAL_SECONDS


@cache
def four_weeks() -> Simulation:
    """Arrivals only (no ticket stories are told), so a longer sample stays cheap."""
    return simulate(DemoConfig(end=END, weeks=4, agents=12, seed=3))


def local_hour_counts(simulation: Simulation) -> Counter[tuple[int, int]]:
    timeline, t = simulation.timeline, simulation.arrivals.t
    interval = (t // INTERVAL_SECONDS).astype(int)
    keys = zip(
        timeline.weekday[interval].tolist(),
        (timeline.minute_of_day[interval] // 60).tolist(),
        strict=True,
    )
    return Counter(keys)


def test_monday_late_morning_is_far_busier_than_sunday_night() -> None:
    counts = local_hour_counts(four_weeks())

    assert counts[(0, 11)] > 5 * max(counts[(6, 3)], 1)


def test_weekdays_are_busier_than_weekends_and_monday_is_the_peak() -> None:
    counts = local_hour_counts(four_weeks())
    per_day = [sum(n for (day, _), n in counts.items() if day == weekday) for weekday in range(7)]

    assert per_day[0] == max(per_day)
    assert min(per_day[:5]) > 1.5 * max(per_day[5:])


def test_late_morning_and_early_afternoon_beat_the_early_hours() -> None:
    counts = local_hour_counts(four_weeks())
    by_hour = [
        sum(n for (day, hour), n in counts.items() if hour == h and day < 5) for h in range(24)
    ]

    assert min(by_hour[10], by_hour[14]) > 3 * max(by_hour[0:6])


def test_channel_mix_follows_the_shares() -> None:
    channels = Counter(four_weeks().arrivals.channel.tolist())
    total = sum(channels.values())

    for channel, share in zip(CHANNELS, CHANNEL_SHARE, strict=True):
        assert abs(channels[channel] / total - share) < 0.02


def test_phones_and_chats_only_ring_while_the_lines_are_open() -> None:
    simulation = four_weeks()
    live = np.isin(simulation.arrivals.channel, ["phone", "chat"])
    interval = (simulation.arrivals.t[live] // INTERVAL_SECONDS).astype(int)
    minutes = simulation.timeline.minute_of_day[interval]

    assert minutes.min() >= 8 * 60
    assert minutes.max() < 18 * 60


def test_volume_matches_the_configured_tickets_per_agent_week() -> None:
    simulation = four_weeks()
    expected = simulation.config.weekly_tickets * simulation.timeline.end_t / (7 * 86_400)

    assert abs(simulation.ticket_count - expected) < 0.05 * expected


def test_tickets_are_numbered_in_arrival_order() -> None:
    created = [t.created_at for t in small().tickets]

    assert created == sorted(created)
