"""The integer model of a week: who works which shift, where the breaks go, what is left uncovered.

Variables (all integer):
- ``assign[a, c]`` 0/1: agent ``a`` works candidate shift ``c``;
- ``staffed[c]``: how many agents work ``c`` (the sum of its ``assign`` column);
- ``breaks[c, k, t]``: how many of them start break ``k`` at offset ``t`` (these add up to
  ``staffed[c]``; breaks are placed per shift, then handed to its agents in order, which the
  precedence rows keep possible);
- ``under[q, i]``/``over[q, i]``: agent-minutes of skill ``q`` short / in excess in interval
  ``i``.
The weekly tour rows (days off, rest, hours) are added per agent by ``tours``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from floorlead.workforce.scheduling.linear import INFINITY, LinearModel
from floorlead.workforce.scheduling.objective import (
    over_points,
    required_minutes,
    shift_points,
    under_points,
)
from floorlead.workforce.scheduling.shifts import CandidateShift, ShiftCatalogue
from floorlead.workforce.scheduling.tours import TourRows, add_tour_rows

BreakKey = tuple[int, int, int]


@dataclass
class Formulation:
    """The model and the variable indexes needed to read a solution back."""

    model: LinearModel
    catalogue: ShiftCatalogue
    assign: dict[tuple[str, int], int] = field(default_factory=dict)
    staffed: dict[int, int] = field(default_factory=dict)
    breaks: dict[BreakKey, int] = field(default_factory=dict)
    under: dict[tuple[str, int], int] = field(default_factory=dict)
    over: dict[tuple[str, int], int] = field(default_factory=dict)
    tours: TourRows = field(default_factory=TourRows)
    smooth_breaks: bool = False


def formulate(
    catalogue: ShiftCatalogue, *, symmetry: bool = True, smooth_breaks: bool = False
) -> Formulation:
    """Build the model of ``catalogue.problem``.

    With ``smooth_breaks`` there are no break variables: every break is spread evenly over its
    window (the first stage of the two-stage search: choose shifts, then place breaks).
    """
    formulation = Formulation(LinearModel(), catalogue, smooth_breaks=smooth_breaks)
    _add_assignments(formulation)
    _add_staffing(formulation)
    for candidate_index in formulation.staffed:
        if not smooth_breaks:
            _add_breaks(formulation, catalogue.candidates[candidate_index])
    _add_coverage(formulation)
    formulation.tours = add_tour_rows(
        formulation.model, catalogue, formulation.assign, symmetry=symmetry
    )
    return formulation


def _add_assignments(formulation: Formulation) -> None:
    problem, catalogue = formulation.catalogue.problem, formulation.catalogue
    for agent in problem.agents:
        for index in catalogue.eligible[agent.id]:
            candidate = catalogue.candidates[index]
            cost = shift_points(agent, candidate.template, candidate.start_of_day, problem.weights)
            formulation.assign[agent.id, index] = formulation.model.add_variable(0, 1, cost)


def _add_staffing(formulation: Formulation) -> None:
    model = formulation.model
    for index, agent_ids in sorted(formulation.catalogue.workers.items()):
        staffed = model.add_variable(0, len(agent_ids))
        formulation.staffed[index] = staffed
        terms = [(formulation.assign[agent_id, index], -1) for agent_id in agent_ids]
        model.add_row([(staffed, 1), *terms], 0, 0)


def _add_breaks(formulation: Formulation, candidate: CandidateShift) -> None:
    model, staffed = formulation.model, formulation.staffed[candidate.index]
    capacity = model.upper[staffed]
    for number in range(len(candidate.breaks)):
        offsets = candidate.break_offsets(number)
        if len(offsets) == 1:
            formulation.breaks[candidate.index, number, offsets[0]] = staffed
            continue
        for offset in offsets:
            formulation.breaks[candidate.index, number, offset] = model.add_variable(0, capacity)
        terms = [(formulation.breaks[candidate.index, number, t], 1) for t in offsets]
        model.add_row([*terms, (staffed, -1)], 0, 0)
    for number in range(len(candidate.breaks) - 1):
        _add_break_precedence(formulation, candidate, number)


def _add_break_precedence(formulation: Formulation, candidate: CandidateShift, number: int) -> None:
    """Break ``number + 1`` must start after break ``number`` ends for every agent on the shift.

    With agents taking the j-th earliest slot of every break, this holds exactly when, for every
    slot ``tau`` of the later break, no more agents start it by ``tau`` than have finished the
    earlier break by ``tau``.
    """
    length = candidate.breaks[number].length_minutes
    earlier, later = candidate.break_offsets(number), candidate.break_offsets(number + 1)
    key = candidate.index
    for tau in later:
        finished = [t for t in earlier if t + length <= tau]
        if len(finished) == len(earlier):
            continue
        started = [(formulation.breaks[key, number + 1, t], 1) for t in later if t <= tau]
        done = [(formulation.breaks[key, number, t], -1) for t in finished]
        formulation.model.add_row([*started, *done], -INFINITY, 0)


def _add_coverage(formulation: Formulation) -> None:
    problem = formulation.catalogue.problem
    terms, capacity = _coverage_terms(formulation)
    under_cost, over_cost = under_points(problem.weights), over_points(problem.weights)
    model = formulation.model
    for skill, required in required_minutes(problem).items():
        for interval, needed in enumerate(required):
            row = terms.get((skill, interval), [])
            if not row and needed == 0:
                continue
            if needed > 0:
                under = model.add_variable(0, needed, under_cost)
                formulation.under[skill, interval] = under
                row = [*row, (under, 1)]
            if capacity[skill, interval] > 0:
                over = model.add_variable(0, capacity[skill, interval], over_cost)
                formulation.over[skill, interval] = over
                row = [*row, (over, -1)]
            model.add_row(row, needed, needed)


def _coverage_terms(
    formulation: Formulation,
) -> tuple[dict[tuple[str, int], list[tuple[int, int]]], dict[tuple[str, int], int]]:
    """Working agent-minutes per (skill, interval) as model terms, and their largest value."""
    width = formulation.catalogue.problem.interval_minutes
    terms: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    capacity: dict[tuple[str, int], int] = defaultdict(int)
    for index, staffed in formulation.staffed.items():
        candidate = formulation.catalogue.candidates[index]
        skill = candidate.template.skill
        for interval, minutes in candidate.work_minutes(width).items():
            terms[skill, interval].append((staffed, minutes))
            capacity[skill, interval] += minutes * formulation.model.upper[staffed]
        if formulation.smooth_breaks:
            for interval, minutes in smoothed_breaks(candidate, width).items():
                terms[skill, interval].append((staffed, -minutes))
            continue
        for number in range(len(candidate.breaks)):
            for offset in candidate.break_offsets(number):
                variable = formulation.breaks[index, number, offset]
                for interval, minutes in candidate.break_minutes(number, offset, width).items():
                    terms[skill, interval].append((variable, -minutes))
    return terms, capacity


def smoothed_breaks(candidate: CandidateShift, width: int) -> dict[int, int]:
    """Break minutes per interval when each break is spread evenly over its possible starts."""
    spread: dict[int, float] = defaultdict(float)
    for number in range(len(candidate.breaks)):
        offsets = candidate.break_offsets(number)
        for offset in offsets:
            for interval, minutes in candidate.break_minutes(number, offset, width).items():
                spread[interval] += minutes / len(offsets)
    return {interval: round(minutes) for interval, minutes in spread.items()}
