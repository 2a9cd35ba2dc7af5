"""Hand edits of a schedule as pure functions: each returns new values and changes nothing.

Edits do not re-check the rules; run ``check_schedule`` on the result to see what an edit broke
(a swap can put a shift outside the other agent's availability, time off can leave an agent
under contracted hours), and ``coverage`` to see its effect on the floor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from floorlead.workforce.scheduling.errors import ScheduleInputError
from floorlead.workforce.scheduling.model import ScheduleProblem
from floorlead.workforce.scheduling.results import Schedule, ScheduledShift
from floorlead.workforce.scheduling.timeline import minute_of


def swap_shifts(
    problem: ScheduleProblem,
    schedule: Schedule,
    *,
    first_agent_id: str,
    second_agent_id: str,
    on: date | None = None,
) -> Schedule:
    """Give each agent the other's shifts: those starting on ``on``, or the whole week."""
    problem.agent(first_agent_id)
    problem.agent(second_agent_id)
    if first_agent_id == second_agent_id:
        raise ScheduleInputError("choose two different agents to swap", field="second_agent_id")
    other = {first_agent_id: second_agent_id, second_agent_id: first_agent_id}
    shifts = []
    for shift in schedule.shifts:
        moves = shift.agent_id in other and (on is None or shift.start.date() == on)
        shifts.append(replace(shift, agent_id=other[shift.agent_id]) if moves else shift)
    return Schedule(tuple(shifts))


def add_time_off(
    problem: ScheduleProblem,
    schedule: Schedule,
    *,
    agent_id: str,
    start: datetime,
    end: datetime,
) -> tuple[ScheduleProblem, Schedule]:
    """Record time off for an agent and drop that agent's shifts that overlap it.

    Returns the problem with the time off added (so a re-solve and ``check_schedule`` respect
    it) and the schedule without the overlapping shifts.
    """
    agent = problem.agent(agent_id)
    first, last = minute_of(problem.week_start, start), minute_of(problem.week_start, end)
    if last <= first:
        raise ScheduleInputError("time off must end after it starts", field="end")
    updated = replace(agent, time_off=(*agent.time_off, (first, last)))
    agents = tuple(updated if a.id == agent_id else a for a in problem.agents)
    kept = tuple(shift for shift in schedule.shifts if not _overlaps(shift, agent_id, start, end))
    return replace(problem, agents=agents), Schedule(kept)


def _overlaps(shift: ScheduledShift, agent_id: str, start: datetime, end: datetime) -> bool:
    return shift.agent_id == agent_id and shift.start < end and start < shift.end
