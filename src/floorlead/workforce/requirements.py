"""Required agents per interval for a team's queues: pure rules over forecast volumes.

Each channel is staffed with the model that fits it:

- **phone**: Erlang C, or Erlang A when callers' patience is given;
- **chat**: M/M/(N k) with ``chat_concurrency`` chats per agent (``required_chat_agents``);
- **email, web form, social** (deferred work): items that arrive while the team is closed wait;
  in every open interval the team works at the rate ``deferred_work_agents`` gives for the
  waiting backlog and the interval's arrivals (clear the backlog within the deadline, counted
  in open hours, or keep up with arrivals, whichever is higher). This load is fractional.

The team is *open* in the intervals where a live queue (phone, chat) has volume; a team
without live volume is open whenever deferred work arrives. The team's requirement is the sum
over its queues (no pooling across channels) and ``scheduled = ceil(required / (1 - shrinkage))``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from floorlead.workforce.erlang import required_agents
from floorlead.workforce.erlang_a import required_agents_erlang_a, required_chat_agents
from floorlead.workforce.forecast import InsufficientHistory
from floorlead.workforce.staffing import (
    FloatArray,
    IntArray,
    InvalidStaffingInput,
    StaffingTargets,
    checked,
    deferred_work_agents,
    non_negative,
    positive,
    scheduled_agents,
)

LIVE_CHANNELS = ("phone", "chat")


@dataclass(frozen=True)
class StaffingInputs:
    """The staffing question asked of every interval, as a supervisor sets it."""

    service_level: float = 0.8
    answer_seconds: float = 20.0
    max_occupancy: float = 0.85
    shrinkage: float = 0.3
    patience_seconds: float | None = None
    chat_concurrency: int = 2
    deferred_deadline_hours: float = 8.0

    def __post_init__(self) -> None:
        self.targets()
        non_negative(self.answer_seconds, field="answer_seconds")
        checked(
            self.shrinkage,
            field="shrinkage",
            rule="at least 0 and below 1",
            test=lambda s: (s >= 0) & (s < 1),
        )
        if self.patience_seconds is not None:
            positive(self.patience_seconds, field="patience_seconds")
        if self.chat_concurrency < 1 or int(self.chat_concurrency) != self.chat_concurrency:
            raise InvalidStaffingInput(
                "chat_concurrency must be a whole number, 1 or more", field="chat_concurrency"
            )
        positive(self.deferred_deadline_hours, field="deferred_deadline_hours")

    def targets(self) -> StaffingTargets:
        return StaffingTargets(service_level=self.service_level, max_occupancy=self.max_occupancy)


@dataclass(frozen=True, eq=False)
class QueueDemand:
    """One queue's forecast over the intervals being staffed."""

    channel: str
    name: str
    volume: FloatArray
    aht_seconds: FloatArray


@dataclass(frozen=True, eq=False)
class Requirement:
    """Agents per interval: per channel and in total on the queues, and to schedule."""

    interval_starts: pd.DatetimeIndex
    interval_minutes: int
    by_channel: dict[str, FloatArray]
    required: FloatArray
    scheduled: IntArray
    is_open: np.ndarray


def required_staff(
    interval_starts: pd.DatetimeIndex,
    demands: Sequence[QueueDemand],
    *,
    inputs: StaffingInputs,
    interval_minutes: int,
) -> Requirement:
    """Agents needed on the queues (before shrinkage) and agents to schedule (after)."""
    size = len(interval_starts)
    for demand in demands:
        if demand.volume.shape != (size,) or demand.aht_seconds.shape != (size,):
            raise InvalidStaffingInput(
                f"{demand.name}: one volume and AHT per interval is needed", field="volume"
            )
    is_open = open_intervals(demands, size)
    by_channel: dict[str, FloatArray] = {}
    for demand in demands:
        if demand.channel in LIVE_CHANNELS:
            agents = live_agents(demand, inputs=inputs, interval_minutes=interval_minutes)
        else:
            agents = deferred_agents(
                demand, is_open=is_open, inputs=inputs, interval_minutes=interval_minutes
            )
        by_channel[demand.channel] = by_channel.get(demand.channel, np.zeros(size)) + agents
    required = np.sum(list(by_channel.values()), axis=0) if by_channel else np.zeros(size)
    return Requirement(
        interval_starts=interval_starts,
        interval_minutes=interval_minutes,
        by_channel=by_channel,
        required=np.asarray(required, dtype=float),
        scheduled=scheduled_agents(required, inputs.shrinkage),
        is_open=is_open,
    )


def open_intervals(demands: Sequence[QueueDemand], size: int) -> np.ndarray:
    """Intervals with live volume; every interval when no live queue has any."""
    live = [d.volume > 0 for d in demands if d.channel in LIVE_CHANNELS]
    is_open = np.any(live, axis=0) if live else np.zeros(size, dtype=bool)
    return is_open if is_open.any() else np.ones(size, dtype=bool)


def live_agents(
    demand: QueueDemand, *, inputs: StaffingInputs, interval_minutes: int
) -> FloatArray:
    """Whole agents for a phone or chat queue in every interval."""
    aht = handle_times(demand)
    traffic = {
        "aht_seconds": aht,
        "interval_seconds": interval_minutes * 60.0,
        "answer_seconds": inputs.answer_seconds,
        "targets": inputs.targets(),
    }
    if demand.channel == "chat":
        chat = required_chat_agents(
            chats=demand.volume,
            concurrency=inputs.chat_concurrency,
            patience_seconds=inputs.patience_seconds,
            **traffic,
        )
        return chat.agents.astype(float)
    if inputs.patience_seconds is None:
        return required_agents(calls=demand.volume, **traffic).agents.astype(float)
    erlang_a = required_agents_erlang_a(
        calls=demand.volume, patience_seconds=inputs.patience_seconds, **traffic
    )
    return erlang_a.agents.astype(float)


def deferred_agents(
    demand: QueueDemand, *, is_open: np.ndarray, inputs: StaffingInputs, interval_minutes: int
) -> FloatArray:
    """Fractional agents for deferred work, walking the intervals with the waiting backlog."""
    hours = interval_minutes / 60.0
    aht = mean_handle_time(demand)
    backlog, load = 0.0, np.zeros(demand.volume.shape)
    for index, arrivals in enumerate(demand.volume):
        if not is_open[index]:
            backlog += float(arrivals)
            continue
        plan = deferred_work_agents(
            backlog_items=backlog,
            arrivals_per_hour=float(arrivals) / hours,
            aht_seconds=aht,
            deadline_hours=inputs.deferred_deadline_hours,
            max_occupancy=inputs.max_occupancy,
        )
        rate = float(plan.required_items_per_hour)
        load[index] = rate * aht / 3600.0 / inputs.max_occupancy
        backlog = max(backlog + float(arrivals) - rate * hours, 0.0)
    return load


def handle_times(demand: QueueDemand) -> FloatArray:
    """AHT per interval: the forecast's, else the volume-weighted mean (1 s where no volume)."""
    busy = demand.volume > 0
    if not busy.any():
        return np.ones(demand.volume.shape)
    known = np.isfinite(demand.aht_seconds) & (demand.aht_seconds > 0)
    fallback = mean_handle_time(demand)
    return np.where(busy, np.where(known, demand.aht_seconds, fallback), 1.0)


def mean_handle_time(demand: QueueDemand) -> float:
    """The volume-weighted mean AHT of the forecast; an error when none was ever recorded."""
    known = np.isfinite(demand.aht_seconds) & (demand.aht_seconds > 0) & (demand.volume > 0)
    if not known.any():
        if not (demand.volume > 0).any():
            return 1.0
        raise InsufficientHistory(
            f"{demand.name} has contacts but no handle time recorded", field="aht_seconds"
        )
    weights = demand.volume[known]
    return float(np.sum(weights * demand.aht_seconds[known]) / np.sum(weights))
