"""The rota behind the simulated floor: who was scheduled when, and how it turned out.

The simulator keeps the shifts people worked (``Roster.spans``, on to the horizon). The rota
they were given also holds the shifts lost to sickness: on those days the person was scheduled
and did not come (an *absence*). A block of the rota with no worked shift at all is a week of
annual leave, booked in advance as time off and so never scheduled. Shifts from the end on are
*upcoming*: the current week's schedule runs on past "now".

Only agents and senior agents are rostered here, as the workforce planner schedules them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from floorlead.demo.organisation import Member
from floorlead.demo.rota import RotaSlot, ShiftPattern, pattern_for
from floorlead.demo.simulator import Simulation
from floorlead.demo.timeline import LOCAL_ZONE, Timeline
from floorlead.demo.workspans import BreakSpan, Shift, WorkSpan

LEAVE_BLOCK_DAYS = 7  # the simulator's leave weeks are counted from the window's first day


class ShiftOutcome(StrEnum):
    WORKED = "worked"
    ABSENT = "absent"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class RotaShift:
    shift: Shift
    day: date
    outcome: ShiftOutcome


@dataclass(frozen=True)
class LeaveBooking:
    person_id: int
    team_id: int
    first_day: date
    last_day: date  # inclusive


@dataclass(frozen=True)
class Rota:
    shifts: tuple[RotaShift, ...]
    leave: tuple[LeaveBooking, ...]
    mondays: tuple[date, ...]

    def week(self, team_id: int, monday: date) -> list[RotaShift]:
        sunday = monday + timedelta(days=6)
        return [s for s in self.shifts if s.shift.team_id == team_id and monday <= s.day <= sunday]


def local_date(moment: datetime) -> date:
    """The demo's local (London) date of ``moment``."""
    return moment.astimezone(LOCAL_ZONE).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def build_rota(simulation: Simulation) -> Rota:
    """The rota from the window's first day to the Sunday of the week holding the end, and
    the leave booked up to the simulator's horizon."""
    timeline = simulation.timeline
    last_day = monday_of(local_date(timeline.end)) + timedelta(days=6)
    horizon = _whole_blocks(timeline)
    days = [day for day in horizon if day <= last_day]
    shifts: list[RotaShift] = []
    leave: list[LeaveBooking] = []
    for team in simulation.organisation.support_teams:
        members = simulation.organisation.members(team.id)
        crew = _weekend_crew(simulation, members)
        for position, member in enumerate(members):
            slot = RotaSlot(member.id, member.role, position, weekend_crew=member.id in crew)
            worked = _worked_by_day(simulation, member.id)
            planned = _planned_days(slot, member, timeline, horizon)
            away = _leave_blocks(timeline, planned, worked)
            leave += _bookings(member, team.id, timeline, away, planned)
            for day in days:
                found = _rota_shift(timeline, slot, team.id, day, worked, planned, away)
                if found is not None:
                    shifts.append(found)
    shifts.sort(key=lambda s: (s.shift.start, s.shift.person_id))
    mondays = sorted({monday_of(day) for day in days})
    return Rota(tuple(shifts), tuple(leave), tuple(mondays))


def _weekend_crew(simulation: Simulation, members: list[Member]) -> set[int]:
    spans = simulation.roster.spans
    return {m.id for m in members if any(span.kind == "weekend" for span in spans.get(m.id, []))}


def _worked_by_day(simulation: Simulation, person_id: int) -> dict[date, WorkSpan]:
    timeline = simulation.timeline
    return {
        local_date(timeline.at(span.start)): span for span in simulation.roster.spans[person_id]
    }


def _planned_days(
    slot: RotaSlot, member: Member, timeline: Timeline, days: list[date]
) -> dict[date, ShiftPattern]:
    planned = {}
    for day in days:
        if member.is_active_on(day):
            pattern = pattern_for(slot, day, day_off=timeline.is_day_off(day))
            if pattern is not None:
                planned[day] = pattern
    return planned


def _whole_blocks(timeline: Timeline) -> list[date]:
    """The simulated days (the horizon's last one has no shifts) in whole leave blocks."""
    days = list(timeline.days[:-1])
    return days[: len(days) // LEAVE_BLOCK_DAYS * LEAVE_BLOCK_DAYS]


def _block(timeline: Timeline, day: date) -> int:
    return (day - timeline.days[0]).days // LEAVE_BLOCK_DAYS


def _leave_blocks(
    timeline: Timeline, planned: dict[date, ShiftPattern], worked: dict[date, WorkSpan]
) -> set[int]:
    """Blocks of the rota with scheduled days but no worked shift at all."""
    busy = {_block(timeline, day) for day in worked}
    return {_block(timeline, day) for day in planned} - busy


def _bookings(
    member: Member,
    team_id: int,
    timeline: Timeline,
    away: set[int],
    planned: dict[date, ShiftPattern],
) -> list[LeaveBooking]:
    found = []
    for block in sorted(away):
        days = [day for day in planned if _block(timeline, day) == block]
        found.append(LeaveBooking(member.id, team_id, min(days), max(days)))
    return found


def _rota_shift(
    timeline: Timeline,
    slot: RotaSlot,
    team_id: int,
    day: date,
    worked: dict[date, WorkSpan],
    planned: dict[date, ShiftPattern],
    away: set[int],
) -> RotaShift | None:
    span = worked.get(day)
    if span is None:
        pattern = planned.get(day)
        if pattern is None or _block(timeline, day) in away:
            return None
        span = _span_from(pattern, slot, team_id, timeline, day)
        outcome = ShiftOutcome.ABSENT if span.start < timeline.end_t else ShiftOutcome.UPCOMING
    else:
        outcome = ShiftOutcome.WORKED if span.start < timeline.end_t else ShiftOutcome.UPCOMING
    return RotaShift(span.as_shift(timeline), day, outcome)


def _span_from(
    pattern: ShiftPattern, slot: RotaSlot, team_id: int, timeline: Timeline, day: date
) -> WorkSpan:
    start = timeline.local_moment(day, pattern.start_minute)
    breaks = tuple(
        BreakSpan(name, start + offset * 60, start + (offset + length) * 60, paid)
        for name, offset, length, paid in pattern.break_windows(slot.position)
    )
    end = start + pattern.length_minutes * 60
    return WorkSpan(slot.person_id, team_id, pattern.kind, start, end, breaks)
