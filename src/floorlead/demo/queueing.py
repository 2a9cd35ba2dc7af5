"""Queues that follow from load and staffing.

Phone and chat: per team and interval, the offered load (arrivals x handle time) meets the
agents on the floor; Erlang C gives the chance to wait and the rate at which the queue clears,
and a caller abandons when the wait outlasts their patience. Written channels: the agents'
time left after live contacts drains a backlog of work (a fluid queue); a ticket is picked up
once the work queued ahead of it has been done, so replies slow down as the backlog grows.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from floorlead.demo.timeline import INTERVAL_SECONDS

LIVE_HANDLE_SECONDS = {"phone": 420.0, "chat": 600.0}
CHAT_CONCURRENCY = 1.6
LIVE_MIX_HANDLE_SECONDS = 480.0
FLOOR_EFFICIENCY = 0.85
WRITTEN_WORK_SECONDS = 480.0
MAX_OCCUPANCY = 0.97
LOAD_SMOOTHING_INTERVALS = 4
PATIENCE_MEDIAN = {"phone": 180.0, "chat": 240.0}
PATIENCE_SIGMA = 0.8
RING_SECONDS = (4.0, 25.0)


def erlang_c(servers: int, load: float) -> float:
    """Probability that a contact waits, for ``servers`` agents and ``load`` Erlangs."""
    if servers <= 0:
        return 1.0
    if load <= 0:
        return 0.0
    if load >= servers:
        return 1.0
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = load * blocking / (n + load * blocking)
    return servers * blocking / (servers - load * (1 - blocking))


def live_load(phone: np.ndarray, chat: np.ndarray) -> np.ndarray:
    """Erlangs offered per team and interval by phone and chat arrivals, over the hour around it.

    Queues carry over from one interval to the next, so the load is smoothed over an hour.
    """
    work = (
        phone * LIVE_HANDLE_SECONDS["phone"] + chat * LIVE_HANDLE_SECONDS["chat"] / CHAT_CONCURRENCY
    )
    kernel = np.full(LOAD_SMOOTHING_INTERVALS, 1.0 / LOAD_SMOOTHING_INTERVALS)
    smoothed = np.array([np.convolve(row, kernel, mode="same") for row in work])
    return smoothed / INTERVAL_SECONDS


@dataclass(frozen=True)
class LiveQueue:
    wait_chance: np.ndarray
    clear_rate: np.ndarray

    def draw_waits(
        self, team: np.ndarray, t: np.ndarray, channel: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """(wait seconds, abandoned) for live contacts of ``team`` arriving at ``t``."""
        interval = (t // INTERVAL_SECONDS).astype(int)
        chance = self.wait_chance[team, interval]
        rate = self.clear_rate[team, interval]
        with np.errstate(divide="ignore"):
            queued = rng.exponential(1.0, len(t)) / rate
        ring = rng.uniform(*RING_SECONDS, len(t))
        wait = np.where(rng.random(len(t)) < chance, ring + queued, ring)
        median = np.where(channel == "phone", PATIENCE_MEDIAN["phone"], PATIENCE_MEDIAN["chat"])
        patience = median * np.exp(PATIENCE_SIGMA * rng.standard_normal(len(t)))
        abandoned = wait > patience
        return np.round(np.where(abandoned, patience, wait)), abandoned


def live_queue(staffed: np.ndarray, load: np.ndarray) -> LiveQueue:
    chance = np.ones(load.shape)
    rate = np.zeros(load.shape)
    for team, interval in zip(*np.nonzero(load), strict=True):
        servers = int(staffed[team, interval])
        if servers == 0:
            continue
        offered = min(float(load[team, interval]), MAX_OCCUPANCY * servers)
        chance[team, interval] = erlang_c(servers, offered)
        rate[team, interval] = (servers - offered) / LIVE_MIX_HANDLE_SECONDS
    return LiveQueue(chance, rate)


def written_capacity(staffed: np.ndarray, load: np.ndarray) -> np.ndarray:
    """Agent seconds per team and interval left for written work after phone and chat."""
    return np.maximum(staffed * FLOOR_EFFICIENCY - load, 0.0) * INTERVAL_SECONDS


class Backlog:
    """A team's queue of written work, drained by the capacity left after live contacts."""

    def __init__(self, capacity: np.ndarray, inflow: np.ndarray) -> None:
        backlog = [0.0]
        for work_in, work_out in zip(inflow.tolist(), capacity.tolist(), strict=True):
            backlog.append(max(backlog[-1] + work_in - work_out, 0.0))
        self._backlog = backlog
        self._capacity = capacity.tolist()
        self._inflow = inflow.tolist()
        self._cumulative = np.concatenate([[0.0], np.cumsum(capacity)]).tolist()

    def queued_work(self, t: float) -> float:
        """Agent seconds of written work waiting at ``t``."""
        i, frac = self._locate(t)
        return max(self._backlog[i] + (self._inflow[i] - self._capacity[i]) * frac, 0.0)

    def pickup(self, t: float, share: float = 1.0) -> float:
        """When a ticket queued at ``t`` is picked up, with ``share`` of the queue ahead of it."""
        i, frac = self._locate(t)
        done = self._cumulative[i] + self._capacity[i] * frac
        target = done + self.queued_work(t) * share + 1.0
        k = bisect_left(self._cumulative, target)
        if k >= len(self._cumulative):
            return math.inf
        return (
            k - 1 + (target - self._cumulative[k - 1]) / self._capacity[k - 1]
        ) * INTERVAL_SECONDS

    def _locate(self, t: float) -> tuple[int, float]:
        i = min(max(int(t // INTERVAL_SECONDS), 0), len(self._capacity) - 1)
        return i, min(max(t / INTERVAL_SECONDS - i, 0.0), 1.0)
