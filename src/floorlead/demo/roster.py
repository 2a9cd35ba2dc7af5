"""Who worked when: the simulated shifts, and who was on the floor in each 15-minute interval.

``Roster.shifts`` is the record of worked shifts (with their breaks) that the workforce module
can store as schedules and agent states. The rest serves the simulator: how many agents were
taking contacts per team and interval, and when a given person is next available.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

import numpy as np

from floorlead.demo.organisation import CONTACT_ROLES, Member, Organisation
from floorlead.demo.rota import (
    ANNUAL_LEAVE_CHANCE,
    OFFICE_ROLES,
    SICK_CHANCE,
    RotaSlot,
    pattern_for,
    weekend_crew_size,
)
from floorlead.demo.timeline import INTERVAL_SECONDS, Timeline
from floorlead.demo.workspans import BreakSpan, Shift, WorkSpan
from floorlead.org.model import Role


@dataclass(frozen=True)
class Roster:
    timeline: Timeline
    team_ids: tuple[int, ...]
    spans: dict[int, list[WorkSpan]]
    available: list[list[list[int]]]

    @property
    def shifts(self) -> list[Shift]:
        """Every shift that started before the end of the window, in start order."""
        worked = [
            span.as_shift(self.timeline)
            for spans in self.spans.values()
            for span in spans
            if span.start < self.timeline.end_t
        ]
        return sorted(worked, key=lambda shift: (shift.start, shift.person_id))

    def staffed(self) -> np.ndarray:
        """Agents taking contacts, per support team (rows) and interval (columns)."""
        return np.array([[len(people) for people in team] for team in self.available])

    def on_floor(self, team_index: int, t: float) -> list[int]:
        """Agents of the team taking contacts at ``t`` (on shift and not on a break)."""
        i = int(t // INTERVAL_SECONDS)
        team = self.available[team_index]
        return team[i] if 0 <= i < len(team) else []

    def next_available(self, person_id: int, t: float) -> float | None:
        """The first moment from ``t`` when the person is on shift and not on a break."""
        spans = self.spans.get(person_id, [])
        k = max(bisect_right([s.start for s in spans], t) - 1, 0)
        for span in spans[k:]:
            moment = span.first_free(t)
            if moment is not None:
                return moment
        return None


def build_roster(org: Organisation, timeline: Timeline, rng: np.random.Generator) -> Roster:
    team_ids = tuple(team.id for team in org.support_teams)
    spans: dict[int, list[WorkSpan]] = {}
    available: list[list[list[int]]] = [[[] for _ in range(timeline.intervals)] for _ in team_ids]
    for k, team_id in enumerate(team_ids):
        for slot, member in _rota_slots(org, team_id, timeline.days[0]):
            person_spans = _spans_for(slot, member, team_id, timeline, rng)
            spans[member.id] = person_spans
            if member.role in CONTACT_ROLES:
                for span in person_spans:
                    for i in span.free_intervals():
                        if i < timeline.intervals:
                            available[k][i].append(member.id)
    return Roster(timeline, team_ids, spans, available)


def _rota_slots(org: Organisation, team_id: int, first_day: date) -> list[tuple[RotaSlot, Member]]:
    agents = org.members(team_id)
    crew = _weekend_crew(agents, first_day)
    slots = [
        (RotaSlot(m.id, m.role, n, weekend_crew=m.id in crew), m) for n, m in enumerate(agents)
    ]
    leaders = org.members(team_id, OFFICE_ROLES)
    slots += [(RotaSlot(m.id, m.role, n, weekend_crew=False), m) for n, m in enumerate(leaders)]
    return slots


def _weekend_crew(agents: list[Member], first_day: date) -> set[int]:
    """Experienced agents who stay through the window cover weekends first."""
    settled = [m for m in agents if m.hire_date <= first_day and m.leave_date is None]
    others = [m for m in agents if m not in settled]
    preferred = sorted(settled, key=lambda m: m.role != Role.AGENT) + others
    return {m.id for m in preferred[: weekend_crew_size(len(agents))]}


def _spans_for(
    slot: RotaSlot, member: Member, team_id: int, timeline: Timeline, rng: np.random.Generator
) -> list[WorkSpan]:
    days = timeline.days
    sick = (rng.random(len(days)) < SICK_CHANCE).tolist()
    leave_week = int(rng.integers(0, len(days) // 7 + 1))
    takes_leave = bool(rng.random() < ANNUAL_LEAVE_CHANCE)
    spans = []
    for n, day in enumerate(days[:-1]):
        if not member.is_active_on(day) or sick[n] or (takes_leave and n // 7 == leave_week):
            continue
        pattern = pattern_for(slot, day, day_off=timeline.is_day_off(day))
        if pattern is None:
            continue
        start = timeline.local_moment(day, pattern.start_minute)
        breaks = tuple(
            BreakSpan(name, start + offset * 60, start + (offset + length) * 60, paid)
            for name, offset, length, paid in pattern.break_windows(slot.position)
        )
        end = start + pattern.length_minutes * 60
        spans.append(WorkSpan(member.id, team_id, pattern.kind, start, end, breaks))
    return spans
