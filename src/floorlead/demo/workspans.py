"""Worked shifts: as simulator spans (seconds since the window start) and as dated records."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from floorlead.demo.timeline import INTERVAL_SECONDS, Timeline


@dataclass(frozen=True)
class ShiftBreak:
    name: str
    start: datetime
    end: datetime
    paid: bool


@dataclass(frozen=True)
class Shift:
    """One person's worked shift; ``kind`` is early, late, weekend or office."""

    person_id: int
    team_id: int
    kind: str
    start: datetime
    end: datetime
    breaks: tuple[ShiftBreak, ...]


@dataclass(frozen=True)
class BreakSpan:
    name: str
    start: float
    end: float
    paid: bool


@dataclass(frozen=True)
class WorkSpan:
    person_id: int
    team_id: int
    kind: str
    start: float
    end: float
    breaks: tuple[BreakSpan, ...]

    def first_free(self, t: float) -> float | None:
        """The first moment from ``t`` within this shift and outside its breaks, if any."""
        moment = max(t, self.start)
        for pause in self.breaks:
            if pause.start <= moment < pause.end:
                moment = pause.end
        return moment if moment < self.end else None

    def free_intervals(self) -> list[int]:
        """Intervals whose middle falls inside the shift and outside its breaks."""
        first = math.ceil(self.start / INTERVAL_SECONDS - 0.5)
        last = math.ceil(self.end / INTERVAL_SECONDS - 0.5) - 1
        return [
            i
            for i in range(max(first, 0), last + 1)
            if self.first_free((i + 0.5) * INTERVAL_SECONDS) == (i + 0.5) * INTERVAL_SECONDS
        ]

    def as_shift(self, timeline: Timeline) -> Shift:
        return Shift(
            person_id=self.person_id,
            team_id=self.team_id,
            kind=self.kind,
            start=timeline.at(self.start),
            end=timeline.at(self.end),
            breaks=tuple(
                ShiftBreak(b.name, timeline.at(b.start), timeline.at(b.end), b.paid)
                for b in self.breaks
            ),
        )
