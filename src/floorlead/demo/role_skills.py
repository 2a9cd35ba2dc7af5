"""Levels in the skills job roles require (communication, product knowledge, coaching…).

The simulated floor runs on each agent's level in their team's skill (``billing``,
``technical``, ``returns``) and their languages; those are what handle times, satisfaction and
quality reviews follow. The role definitions (``floorlead/careers/roles.yaml``) and the
training programmes ask for other skills, :data:`ROLE_SKILLS`. Their levels follow the same
person: an agent's expected level rises with their level in the team's skill and with tenure
(up to four years), senior agents, team leads, supervisors and the manager start higher in
the skills of their role, and a little personal noise is added. A level that rounds below 1 is
not held. The agent whose quality reviews keep catching a habit (see
:mod:`floorlead.demo.quality_seed`) is weak at customer communication, the skill the
programmes that teach those criteria build. The levels are drawn after everything else the
organisation stage draws, so every earlier draw is as it would be without them.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from floorlead.org.model import Role

if TYPE_CHECKING:
    from floorlead.demo.organisation import Organisation

COMMUNICATION = "Customer communication"
PRODUCT = "Product knowledge"
PROBLEM_SOLVING = "Problem solving"
COACHING = "Coaching"
LEADERSHIP = "Team leadership"
QUALITY = "Quality evaluation"
DATA = "Data analysis"
PLANNING = "Workforce planning"
FACILITATION = "Facilitation"
OPERATIONS = "Operations management"
ROLE_SKILLS = (
    (COMMUNICATION, "Listening, explaining and writing to customers clearly and kindly."),
    (PRODUCT, "The products, policies and systems customers ask about."),
    (PROBLEM_SOLVING, "Finding the cause and a complete fix, first time."),
    (COACHING, "Helping colleagues improve through feedback and practice."),
    (LEADERSHIP, "Running a team through the shift: priorities, people and standards."),
    (QUALITY, "Reviewing contacts against the scorecard fairly and consistently."),
    (DATA, "Reading KPIs and reports and drawing sound conclusions."),
    (PLANNING, "Forecasting demand and planning the staff to meet it."),
    (FACILITATION, "Running briefings, sessions and meetings people learn from."),
    (OPERATIONS, "Running the contact centre's service, cost and people."),
)

# Expected level for the role at team-skill level 3 with no tenure (leaders: as they are).
BASE = {
    Role.AGENT: {COMMUNICATION: 2.7, PRODUCT: 2.8, PROBLEM_SOLVING: 2.3, COACHING: 0.0,
                 QUALITY: 0.2},
    Role.SENIOR_AGENT: {COMMUNICATION: 3.6, PRODUCT: 3.2, PROBLEM_SOLVING: 2.9, COACHING: 1.2,
                        QUALITY: 1.5, FACILITATION: 0.2, DATA: 0.4},
    Role.TEAM_LEAD: {COMMUNICATION: 4.2, PRODUCT: 4.2, PROBLEM_SOLVING: 3.6, COACHING: 3.1,
                     LEADERSHIP: 2.9, QUALITY: 2.7, DATA: 1.6, PLANNING: 1.3, FACILITATION: 2.0},
    Role.SUPERVISOR: {COMMUNICATION: 3.9, PRODUCT: 3.6, PROBLEM_SOLVING: 3.6, COACHING: 3.8,
                      LEADERSHIP: 3.8, QUALITY: 3.5, DATA: 2.2, PLANNING: 2.1,
                      FACILITATION: 2.5, OPERATIONS: 1.6},
    Role.MANAGER: {COMMUNICATION: 3.9, PRODUCT: 3.1, PROBLEM_SOLVING: 3.7, COACHING: 4.0,
                   LEADERSHIP: 4.5, QUALITY: 2.9, DATA: 3.0, PLANNING: 2.8, FACILITATION: 2.7,
                   OPERATIONS: 4.0},
}  # fmt: skip
# Agents and senior agents: the change per team-skill level above (or below) 3.
PER_TEAM_LEVEL = {COMMUNICATION: 0.35, PRODUCT: 0.8, PROBLEM_SOLVING: 0.5, COACHING: 0.4,
                  QUALITY: 0.4, FACILITATION: 0.3, DATA: 0.2}  # fmt: skip
PER_YEAR = {Role.AGENT: 0.15, Role.SENIOR_AGENT: 0.1}  # others 0.05; years counted up to 4
LEADER_PER_YEAR = 0.05
COUNTED_YEARS = 4.0
NOISE = 0.5
HABIT_COMMUNICATION = 2  # at most, for the agent with a quality habit
CONTACT_ROLES = frozenset({Role.AGENT, Role.SENIOR_AGENT})


def expected_level(role: Role, skill: str, *, team_level: int, years: float) -> float:
    """The mean level of ``skill`` for a person of ``role`` (0 when the role has no use for it);
    ``team_level``: their level in their team's skill (1-5)."""
    base = BASE.get(role, {}).get(skill)
    if base is None:
        return 0.0
    counted = min(max(years, 0.0), COUNTED_YEARS)
    if role not in CONTACT_ROLES:
        return base + LEADER_PER_YEAR * counted
    return base + PER_TEAM_LEVEL.get(skill, 0.0) * (team_level - 3) + PER_YEAR[role] * counted


def draw_levels(
    role: Role, *, team_level: int, years: float, rng: np.random.Generator, habit: bool = False
) -> tuple[tuple[str, int], ...]:
    """The person's levels (1-5) in the role skills they hold, in :data:`ROLE_SKILLS` order."""
    wanted = [name for name, _ in ROLE_SKILLS if name in BASE.get(role, {})]
    noise = rng.normal(0.0, NOISE, len(wanted))
    levels = []
    for skill, wobble in zip(wanted, noise, strict=True):
        mean = expected_level(role, skill, team_level=team_level, years=years)
        level = min(math.floor(mean + wobble + 0.5), 5)
        if habit and skill == COMMUNICATION:
            level = min(level, HABIT_COMMUNICATION)
        if level >= 1:
            levels.append((skill, level))
    return tuple(levels)


def years_between(start: date, end: date) -> float:
    return max((end - start).days, 0) / 365.25


def with_role_skills(org: Organisation, today: date, rng: np.random.Generator) -> Organisation:
    """``org`` with everyone's role-skill levels added to their skills (people in id order)."""
    weakest = (org.weakest_agent(team.id, today) for team in org.support_teams)
    habits = {member.id for member in weakest if member is not None}
    people = []
    for person in org.people:
        last_day = min(person.leave_date or today, today)
        drawn = draw_levels(
            person.role,
            team_level=org.team_skill_level(person),
            years=years_between(person.hire_date, last_day),
            rng=rng,
            habit=person.id in habits,
        )
        people.append(replace(person, skills=person.skills + drawn))
    return replace(org, people=tuple(people))
