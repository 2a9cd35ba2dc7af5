"""A quick schedule from the LP relaxation, so a good answer exists whatever the time limit.

The LP solution says how much each interval is covered. An agent whose LP tour is already whole
keeps it (whole values meet every rule of the agent's tour). The others are rounded one at a
time, the most fractional last: an agent gives back its fractional share of that coverage and
takes the weekly tour (a small CP-SAT model of its own rules) that best reduces the penalty of
what the others cover, breaks counted as spread over their windows. Rounds of "give back the tour
and pick again" follow while they help and time remains. With every tour fixed, HiGHS then
places all breaks optimally.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from floorlead.workforce.scheduling.cpsat import to_cp_model
from floorlead.workforce.scheduling.formulation import Formulation, smoothed_breaks
from floorlead.workforce.scheduling.linear import LinearModel
from floorlead.workforce.scheduling.lp_bound import HighsOutcome, solve_integer
from floorlead.workforce.scheduling.model import Agent
from floorlead.workforce.scheduling.objective import (
    over_points,
    required_minutes,
    shift_points,
    under_points,
)
from floorlead.workforce.scheduling.shifts import CandidateShift
from floorlead.workforce.scheduling.tours import (
    add_agent_tour,
    day_pattern_weight,
    interchangeable_agents,
)

_TOUR_SECONDS = 2.0
_MAX_ROUNDS = 4
_EPSILON = 1e-9
_WHOLE = 1e-6


class CoverageLedger:
    """Expected agent-minutes per (skill, interval) cell against the required ones."""

    def __init__(self, formulation: Formulation, relaxed: Sequence[float]) -> None:
        problem = formulation.catalogue.problem
        required = required_minutes(problem)
        self.count = problem.interval_count
        self.skills = {skill: number for number, skill in enumerate(required)}
        self.required = np.concatenate([np.asarray(v, dtype=float) for v in required.values()])
        self.covered = self.required.copy()
        for (skill, interval), variable in formulation.under.items():
            self.covered[self.skills[skill] * self.count + interval] -= relaxed[variable]
        for (skill, interval), variable in formulation.over.items():
            self.covered[self.skills[skill] * self.count + interval] += relaxed[variable]
        self.under = under_points(problem.weights)
        self.over = over_points(problem.weights)
        width = problem.interval_minutes
        self.shapes = {c.index: self._shape(c, width) for c in formulation.catalogue.candidates}

    def _shape(self, candidate: CandidateShift, width: int) -> tuple[np.ndarray, np.ndarray]:
        minutes: dict[int, float] = defaultdict(float)
        for interval, worked in candidate.work_minutes(width).items():
            minutes[interval] += worked
        for interval, resting in smoothed_breaks(candidate, width).items():
            minutes[interval] -= resting
        base = self.skills[candidate.template.skill] * self.count
        return np.array([base + i for i in minutes], dtype=np.int64), np.array(
            list(minutes.values())
        )

    def _penalty(self, cells: np.ndarray, covered: np.ndarray) -> float:
        required = self.required[cells]
        short = np.maximum(required - covered, 0) * self.under
        return float((short + np.maximum(covered - required, 0) * self.over).sum())

    def gain(self, index: int) -> float:
        """Change of the penalty if one more agent worked candidate ``index``."""
        cells, minutes = self.shapes[index]
        now = self.covered[cells]
        return self._penalty(cells, now + minutes) - self._penalty(cells, now)

    def add(self, index: int, share: float) -> None:
        cells, minutes = self.shapes[index]
        self.covered[cells] += share * minutes


def round_relaxation(
    formulation: Formulation,
    relaxed: Sequence[float],
    *,
    deadline: float,
    break_seconds: float,
) -> HighsOutcome:
    """An integer solution of the full model built from the LP solution ``relaxed``."""
    ledger = CoverageLedger(formulation, relaxed)
    agents = formulation.catalogue.problem.agents
    share = {key: relaxed[variable] for key, variable in formulation.assign.items()}
    order = sorted(agents, key=lambda a: _fractionality(formulation, a.id, share))
    tours: dict[str, set[int]] = {}
    for agent in order:
        eligible = formulation.catalogue.eligible[agent.id]
        if _fractionality(formulation, agent.id, share) < _WHOLE:
            tours[agent.id] = {index for index in eligible if share[agent.id, index] > 0.5}
            continue
        for index in eligible:
            ledger.add(index, -share[agent.id, index])
        tours[agent.id] = _take_tour(formulation, ledger, agent)
    for _ in range(_MAX_ROUNDS):
        if time.perf_counter() >= deadline or not _repick_all(
            formulation, ledger, order, tours, deadline
        ):
            break
    return place_breaks(formulation, _respect_agent_order(formulation, tours), break_seconds)


def _fractionality(
    formulation: Formulation, agent_id: str, share: dict[tuple[str, int], float]
) -> float:
    eligible = formulation.catalogue.eligible[agent_id]
    return sum(min(share[agent_id, i], 1 - share[agent_id, i]) for i in eligible)


def _take_tour(formulation: Formulation, ledger: CoverageLedger, agent: Agent) -> set[int]:
    tour = _best_tour(formulation, ledger, agent)
    for index in tour:
        ledger.add(index, 1.0)
    return tour


def _repick_all(
    formulation: Formulation,
    ledger: CoverageLedger,
    order: list[Agent],
    tours: dict[str, set[int]],
    deadline: float,
) -> bool:
    changed = False
    for agent in order:
        if time.perf_counter() >= deadline:
            return False
        for index in tours[agent.id]:
            ledger.add(index, -1.0)
        previous, tours[agent.id] = tours[agent.id], _take_tour(formulation, ledger, agent)
        changed |= previous != tours[agent.id]
    return changed


def _best_tour(formulation: Formulation, ledger: CoverageLedger, agent: Agent) -> set[int]:
    """The agent's tour with the lowest penalty change plus wages (its own rules only)."""
    catalogue = formulation.catalogue
    problem = catalogue.problem
    days = catalogue.agent_days(agent.id)
    linear = LinearModel()
    columns = {}
    for shifts in days.values():
        for c in shifts:
            cost = ledger.gain(c.index) + shift_points(
                agent, c.template, c.start_of_day, problem.weights
            )
            columns[agent.id, c.index] = linear.add_variable(0, 1, round(cost))
    add_agent_tour(linear, problem.rules, agent, days, columns)
    model, variables = to_cp_model(linear)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = _TOUR_SECONDS
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set()
    return {
        index
        for (_, index), column in columns.items()
        if solver.value(variables[column]) > _EPSILON
    }


def _respect_agent_order(
    formulation: Formulation, tours: dict[str, set[int]]
) -> dict[str, set[int]]:
    """Hand interchangeable agents their tours in the order the model's symmetry rows demand."""
    candidates = formulation.catalogue.candidates

    def pattern(tour: set[int]) -> int:
        return sum(day_pattern_weight(candidates[index].day) for index in tour)

    reordered = dict(tours)
    for members in interchangeable_agents(formulation.catalogue):
        ordered = sorted((tours[member] for member in members), key=pattern, reverse=True)
        reordered.update(zip(members, ordered, strict=True))
    return reordered


def place_breaks(
    formulation: Formulation, tours: dict[str, set[int]], seconds: float
) -> HighsOutcome:
    """The best schedule in which every agent works exactly the candidate shifts of its tour
    (``tours[agent_id]`` holds candidate indexes): HiGHS places all breaks. The tours must
    meet the model's order of interchangeable agents."""
    model = formulation.model
    fixed = replace(model, lower=list(model.lower), upper=list(model.upper))
    for (agent_id, index), variable in formulation.assign.items():
        fixed.lower[variable] = fixed.upper[variable] = 1 if index in tours[agent_id] else 0
    return solve_integer(fixed, time_limit_seconds=seconds)
