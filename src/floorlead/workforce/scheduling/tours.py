"""Weekly tour rows of each agent: one shift a day, days off, rest, consecutive days and hours.

The week repeats, so Sunday is followed by the same week's Monday for every rule here: a
Sunday-to-Monday pair counts as two consecutive days off, and a Sunday night shift needs its rest
before Monday's shift.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from floorlead.workforce.scheduling.linear import INFINITY, LinearModel
from floorlead.workforce.scheduling.model import Agent, TourRules
from floorlead.workforce.scheduling.shifts import CandidateShift, ShiftCatalogue
from floorlead.workforce.scheduling.timeline import DAY_MINUTES, WEEK_DAYS, WEEK_MINUTES

Assign = dict[tuple[str, int], int]


@dataclass
class TourRows:
    """The ``works[agent, day]`` 0/1 variables (only for days the agent has a candidate)."""

    works: dict[tuple[str, int], int] = field(default_factory=dict)


def add_tour_rows(
    model: LinearModel, catalogue: ShiftCatalogue, assign: Assign, *, symmetry: bool
) -> TourRows:
    tours = TourRows()
    for agent in catalogue.problem.agents:
        days = catalogue.agent_days(agent.id)
        works = add_agent_tour(model, catalogue.problem.rules, agent, days, assign)
        tours.works.update({(agent.id, day): variable for day, variable in works.items()})
    if symmetry:
        _order_interchangeable_agents(model, catalogue, tours)
    return tours


def add_agent_tour(
    model: LinearModel,
    rules: TourRules,
    agent: Agent,
    days: dict[int, list[CandidateShift]],
    assign: Assign,
) -> dict[int, int]:
    """Add one agent's tour rows over its ``assign`` variables; returns its ``works`` per day."""
    works = _add_work_days(model, agent.id, days, assign)
    _add_days_off(model, rules, works)
    _add_consecutive_days_off(model, rules.consecutive_days_off, works)
    _add_longest_run(model, rules.max_consecutive_work_days, works)
    _add_rest(model, rules.min_rest_minutes, agent.id, days, assign)
    _add_hours(model, agent, days, assign)
    return works


def _add_work_days(
    model: LinearModel, agent_id: str, days: dict[int, list[CandidateShift]], assign: Assign
) -> dict[int, int]:
    """``works[day]`` equals the number of shifts started that day, so at most one."""
    works: dict[int, int] = {}
    for day, candidates in days.items():
        if not candidates:
            continue
        works[day] = model.add_variable(0, 1)
        terms = [(assign[agent_id, candidate.index], -1) for candidate in candidates]
        model.add_row([(works[day], 1), *terms], 0, 0)
    return works


def _add_days_off(model: LinearModel, rules: TourRules, works: dict[int, int]) -> None:
    allowed = WEEK_DAYS - rules.min_days_off
    if len(works) > allowed:
        model.add_row([(variable, 1) for variable in works.values()], -INFINITY, allowed)


def _add_consecutive_days_off(model: LinearModel, block: int, works: dict[int, int]) -> None:
    """At least one run of ``block`` days off in a row; ``starts[d]`` picks the run's first day."""
    if block == 0 or any(
        all((first + step) % WEEK_DAYS not in works for step in range(block))
        for first in range(WEEK_DAYS)
    ):
        return
    starts = [model.add_variable(0, 1) for _ in range(WEEK_DAYS)]
    for first, start in enumerate(starts):
        for step in range(block):
            day = (first + step) % WEEK_DAYS
            if day in works:
                model.add_row([(start, 1), (works[day], 1)], -INFINITY, 1)
    model.add_row([(start, 1) for start in starts], 1, INFINITY)


def _add_longest_run(model: LinearModel, longest: int, works: dict[int, int]) -> None:
    if longest >= WEEK_DAYS:
        return
    for first in range(WEEK_DAYS):
        window = [(first + step) % WEEK_DAYS for step in range(longest + 1)]
        if all(day in works for day in window):
            model.add_row([(works[day], 1) for day in window], -INFINITY, longest)


def _add_rest(
    model: LinearModel,
    rest: int,
    agent_id: str,
    days: dict[int, list[CandidateShift]],
    assign: Assign,
) -> None:
    """No shift may start before an earlier one has ended plus the rest time."""
    for day, earlier in days.items():
        if not earlier:
            continue
        rested = max(candidate.end_minute for candidate in earlier) + rest
        for ahead in range(1, WEEK_DAYS):
            later_day = day + ahead
            if later_day * DAY_MINUTES >= rested:
                break  # every shift of this day or later starts after the rest
            later = days[later_day % WEEK_DAYS]
            wrap = WEEK_MINUTES if later_day >= WEEK_DAYS else 0
            _add_rest_between(model, rest, agent_id, earlier, later, wrap, assign)


def _add_rest_between(
    model: LinearModel,
    rest: int,
    agent_id: str,
    earlier: list[CandidateShift],
    later: list[CandidateShift],
    wrap: int,
    assign: Assign,
) -> None:
    """Clique rows over start times ``tau``: an earlier shift still resting at ``tau`` and a
    later one started by ``tau`` cannot both be worked. Rows whose earlier set does not shrink
    at the next ``tau`` are implied by that next row and left out."""
    if not later:
        return
    starts = sorted({candidate.start_minute + wrap for candidate in later})
    blocking_at = [
        frozenset(c.index for c in earlier if c.end_minute + rest > tau) for tau in starts
    ]
    for position, tau in enumerate(starts):
        blocking = blocking_at[position]
        if not blocking:
            break
        if position + 1 < len(starts) and blocking_at[position + 1] == blocking:
            continue
        started = [c.index for c in later if c.start_minute + wrap <= tau]
        terms = [(assign[agent_id, index], 1) for index in (*blocking, *started)]
        model.add_row(terms, -INFINITY, 1)


def _add_hours(
    model: LinearModel, agent: Agent, days: dict[int, list[CandidateShift]], assign: Assign
) -> None:
    terms = [
        (assign[agent.id, candidate.index], candidate.paid_minutes)
        for candidates in days.values()
        for candidate in candidates
    ]
    model.add_row(terms, agent.min_minutes, agent.max_minutes)


def interchangeable_agents(catalogue: ShiftCatalogue) -> list[list[str]]:
    """Groups of agents alike in every respect the model sees (any tour of one suits another)."""
    classes: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for agent in catalogue.problem.agents:
        eligible = catalogue.eligible[agent.id]
        key = (
            eligible,
            agent.min_minutes,
            agent.max_minutes,
            agent.hourly_cost,
            tuple(agent.prefers_start(catalogue.candidates[i].start_of_day) for i in eligible),
        )
        classes[key].append(agent.id)
    return [members for members in classes.values() if len(members) > 1]


def day_pattern_weight(day: int) -> int:
    """The weight of ``day`` in the binary number an agent's worked days form (Monday highest)."""
    return 2 ** (WEEK_DAYS - 1 - day)


def _order_interchangeable_agents(
    model: LinearModel, catalogue: ShiftCatalogue, tours: TourRows
) -> None:
    """Interchangeable agents take their weekly day patterns in non-increasing binary order."""
    for members in interchangeable_agents(catalogue):
        for first, second in itertools.pairwise(members):
            terms = [
                (tours.works[agent_id, day], sign * day_pattern_weight(day))
                for sign, agent_id in ((1, first), (-1, second))
                for day in range(WEEK_DAYS)
                if (agent_id, day) in tours.works
            ]
            model.add_row(terms, 0, INFINITY)
