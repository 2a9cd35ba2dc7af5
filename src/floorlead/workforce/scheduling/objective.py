"""The objective's prices as exact integers, shared by the solver and by the evaluation.

The solver works in points: one point is 1/6000 of the currency, so an hourly rate in cents
times paid minutes, and a per-agent-hour penalty in cents times agent-minutes, are whole points.
"""

from __future__ import annotations

from floorlead.workforce.scheduling.model import (
    ANY_SKILL,
    Agent,
    ObjectiveWeights,
    ScheduleProblem,
    ShiftTemplate,
)

POINTS_PER_CURRENCY = 6000
_POINTS_PER_HOURLY_RATE_MINUTE = POINTS_PER_CURRENCY // 60


def under_points(weights: ObjectiveWeights) -> int:
    """Points per agent-minute of under-coverage."""
    return round(weights.under_per_agent_hour * _POINTS_PER_HOURLY_RATE_MINUTE)


def over_points(weights: ObjectiveWeights) -> int:
    """Points per agent-minute of over-coverage."""
    return round(weights.over_per_agent_hour * _POINTS_PER_HOURLY_RATE_MINUTE)


def wage_points(agent: Agent, template: ShiftTemplate) -> int:
    return round(agent.hourly_cost * _POINTS_PER_HOURLY_RATE_MINUTE) * template.paid_minutes


def preference_points(agent: Agent, start_of_day: int, weights: ObjectiveWeights) -> int:
    if agent.prefers_start(start_of_day):
        return 0
    return round(weights.preference_per_shift * POINTS_PER_CURRENCY)


def shift_points(
    agent: Agent, template: ShiftTemplate, start_of_day: int, weights: ObjectiveWeights
) -> int:
    return wage_points(agent, template) + preference_points(agent, start_of_day, weights)


def required_minutes(problem: ScheduleProblem) -> dict[str, list[int]]:
    """Required agent-minutes per interval for every skill that has demand or a template."""
    width = problem.interval_minutes
    required = {
        demand.skill: [round(value * width) for value in demand.required]
        for demand in problem.demand
    }
    for template in problem.templates:
        required.setdefault(template.skill, [0] * problem.interval_count)
    return required


def skill_label(skill: str) -> str:
    return skill if skill != ANY_SKILL else "any"


def to_currency(points: float) -> float:
    return points / POINTS_PER_CURRENCY
