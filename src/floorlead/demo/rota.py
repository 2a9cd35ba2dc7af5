"""Shift patterns and the rota rules that decide who works which shift on which day.

Agents alternate weekly between an early (08:00-16:30) and a late (09:30-18:00) shift, Monday
to Friday. A weekend crew (about a fifth of each team) works Saturday and Sunday (09:00-17:00)
plus Monday to Wednesday, and covers bank holidays. Supervisors and the team lead work
office hours. Times are local (Europe/London); breaks are staggered so the floor never empties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from floorlead.org.model import Role

CREW_DAYS_OFF = frozenset({3, 4})  # the weekend crew rests on the quietest weekdays
WEEKEND_CREW_SHARE = 0.2
SICK_CHANCE = 0.03
ANNUAL_LEAVE_CHANCE = 0.35


@dataclass(frozen=True)
class BreakRule:
    name: str
    offset_minutes: int
    length_minutes: int
    paid: bool
    stagger_minutes: int


@dataclass(frozen=True)
class ShiftPattern:
    kind: str
    start_minute: int
    length_minutes: int
    breaks: tuple[BreakRule, ...]

    def break_windows(self, position: int) -> list[tuple[str, int, int, bool]]:
        """(name, start offset, length, paid) of each break for the person at ``position``."""
        windows = []
        for rule in self.breaks:
            steps = 4
            offset = rule.offset_minutes + rule.stagger_minutes * (position % steps)
            windows.append((rule.name, offset, rule.length_minutes, rule.paid))
        return windows


_DAY_BREAKS = (
    BreakRule("break", 120, 15, True, 15),
    BreakRule("lunch", 225, 30, False, 30),
    BreakRule("break", 390, 15, True, 15),
)
EARLY = ShiftPattern("early", 8 * 60, 510, _DAY_BREAKS)
LATE = ShiftPattern("late", 9 * 60 + 30, 510, _DAY_BREAKS)
WEEKEND = ShiftPattern(
    "weekend",
    9 * 60,
    480,
    (
        BreakRule("break", 105, 15, True, 15),
        BreakRule("lunch", 210, 30, False, 30),
        BreakRule("break", 360, 15, True, 15),
    ),
)
WEEKDAY_ROTATION = (EARLY, LATE)
OFFICE = ShiftPattern("office", 9 * 60, 510, (BreakRule("lunch", 180, 30, False, 30),))
OFFICE_ROLES = frozenset({Role.TEAM_LEAD, Role.SUPERVISOR})


@dataclass(frozen=True)
class RotaSlot:
    """One person's place in the rota: how they rotate and whether they cover weekends."""

    person_id: int
    role: Role
    position: int
    weekend_crew: bool


def weekend_crew_size(team_size: int) -> int:
    return max(1, round(team_size * WEEKEND_CREW_SHARE)) if team_size else 0


def pattern_for(slot: RotaSlot, day: date, *, day_off: bool) -> ShiftPattern | None:
    """The shift ``slot`` works on ``day`` (``day_off``: weekend or bank holiday), if any."""
    weekday = day.weekday()
    if slot.role in OFFICE_ROLES:
        return None if day_off else OFFICE
    if slot.weekend_crew:
        if day_off:
            return WEEKEND
        return None if weekday in CREW_DAYS_OFF else EARLY
    if day_off:
        return None
    week = day.isocalendar().week
    return WEEKDAY_ROTATION[(week + slot.position) % len(WEEKDAY_ROTATION)]
