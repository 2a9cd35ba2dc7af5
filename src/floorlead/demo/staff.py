"""Who works where: roles, reporting lines, tenure, cost and skills of the demo staff.

Per support team: one supervisor and the team's agents (about a fifth of them senior agents);
the first team also has a team lead to whom half of its agents report. A manager sits over the
supervisors; each department team has two specialists reporting to the manager. About a tenth
of the agents join during the window (new starters) and a few leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from floorlead.demo.config import DemoConfig
from floorlead.demo.timeline import LOCAL_ZONE_NAME, Timeline
from floorlead.org.model import Role

HOURLY_COST = {
    Role.AGENT: 22.0,
    Role.SENIOR_AGENT: 26.5,
    Role.TEAM_LEAD: 30.0,
    Role.SUPERVISOR: 35.0,
    Role.MANAGER: 46.0,
}
SUPPORT_SKILLS = ("billing", "technical", "returns")
DEPARTMENT_SKILLS = ("billing", "technical")
SENIOR_SHARE = 0.2
NEW_STARTER_SHARE = 0.1
LEAVER_SHARE = 0.07
SECOND_SKILL_CHANCE = 0.3
SPANISH_CHANCE = 0.15
FRENCH_CHANCE = 0.08


@dataclass(frozen=True)
class StaffDraft:
    id: int
    role: Role
    team_id: int | None
    manager_id: int | None
    hire_date: date
    leave_date: date | None
    hourly_cost: Decimal
    time_zone: str
    skills: tuple[tuple[str, int], ...]


@dataclass
class StaffPlan:
    people: list[StaffDraft] = field(default_factory=list)
    team_supervisors: dict[int, int] = field(default_factory=dict)


def team_sizes(agents: int, teams: int) -> list[int]:
    return [agents // teams + (k < agents % teams) for k in range(teams)]


class _Planner:
    def __init__(self, config: DemoConfig, timeline: Timeline, rng: np.random.Generator) -> None:
        self.config = config
        self.first_day = timeline.days[0]
        self.window_days = config.weeks * 7
        self.rng = rng
        self.plan = StaffPlan()

    def add(
        self,
        role: Role,
        team_id: int | None,
        manager_id: int | None,
        skills: tuple[tuple[str, int], ...],
        *,
        tenure: str = "experienced",
    ) -> StaffDraft:
        hire, leave = self._dates(role, tenure)
        draft = StaffDraft(
            id=len(self.plan.people) + 1,
            role=role,
            team_id=team_id,
            manager_id=manager_id,
            hire_date=hire,
            leave_date=leave,
            hourly_cost=self._cost(role),
            time_zone=self._time_zone(dict(skills)),
            skills=skills,
        )
        self.plan.people.append(draft)
        return draft

    def _dates(self, role: Role, tenure: str) -> tuple[date, date | None]:
        if tenure == "new":
            return self.first_day + timedelta(days=self._int(7, self.window_days - 7)), None
        low, high = (700, 3500) if role.rank >= Role.TEAM_LEAD.rank else (120, 2400)
        hire = self.first_day - timedelta(days=self._int(low, high))
        if tenure == "leaver":
            share = self.rng.uniform(0.4, 0.9)
            return hire, self.first_day + timedelta(days=int(self.window_days * share))
        return hire, None

    def _cost(self, role: Role) -> Decimal:
        value = HOURLY_COST[role] + 0.25 * self._int(-4, 4)
        return Decimal(f"{value:.2f}")

    def _time_zone(self, skills: dict[str, int]) -> str:
        roll = self.rng.random()
        if "spanish" in skills and roll < 0.5:
            return "Europe/Madrid"
        if "french" in skills and roll < 0.5:
            return "Europe/Paris"
        return "Europe/Dublin" if roll > 0.95 else LOCAL_ZONE_NAME

    def _int(self, low: int, high: int) -> int:
        return int(self.rng.integers(low, high + 1))

    def agent_skills(self, team_skill: str, role: Role, tenure: str) -> tuple[tuple[str, int], ...]:
        if role == Role.SENIOR_AGENT:
            level = self._int(4, 5)
        else:
            level = self._int(1, 2) if tenure == "new" else self._int(2, 4)
        skills = [(team_skill, level)]
        for other in SUPPORT_SKILLS:
            if other != team_skill and self.rng.random() < SECOND_SKILL_CHANCE:
                skills.append((other, self._int(1, 3)))
        for language, chance in (("spanish", SPANISH_CHANCE), ("french", FRENCH_CHANCE)):
            if self.rng.random() < chance:
                skills.append((language, self._int(3, 5)))
        return tuple(skills)


def _tenures(
    config: DemoConfig, rng: np.random.Generator, juniors: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """New starters and leavers among the (non-senior) agents, by (team, position)."""
    if config.weeks < 2:
        return {}
    new = max(1, round(config.agents * NEW_STARTER_SHARE)) if config.agents >= 6 else 0
    leavers = round(config.agents * LEAVER_SHARE)
    chosen = [juniors[i] for i in rng.permutation(len(juniors))[: new + leavers]]
    return {slot: ("new" if n < new else "leaver") for n, slot in enumerate(chosen)}


def plan_staff(
    config: DemoConfig,
    timeline: Timeline,
    rng: np.random.Generator,
    support_team_ids: list[int],
    department_team_ids: list[int],
) -> StaffPlan:
    planner = _Planner(config, timeline, rng)
    manager = planner.add(Role.MANAGER, None, None, ())
    sizes = team_sizes(config.agents, len(support_team_ids))
    seniors = [max(1, round(size * SENIOR_SHARE)) if size >= 2 else 0 for size in sizes]
    juniors = [(k, n) for k, size in enumerate(sizes) for n in range(seniors[k], size)]
    tenures = _tenures(config, rng, juniors)
    for k, (team_id, size) in enumerate(zip(support_team_ids, sizes, strict=True)):
        roles = [Role.SENIOR_AGENT if n < seniors[k] else Role.AGENT for n in range(size)]
        _plan_team(planner, k, team_id, manager.id, roles, tenures)
    for team_id, skill in zip(department_team_ids, DEPARTMENT_SKILLS, strict=True):
        planner.plan.team_supervisors[team_id] = manager.id
        for _ in range(2):
            planner.add(Role.SENIOR_AGENT, team_id, manager.id, ((skill, 5),))
    return planner.plan


def _plan_team(
    planner: _Planner,
    k: int,
    team_id: int,
    manager_id: int,
    roles: list[Role],
    tenures: dict[tuple[int, int], str],
) -> None:
    """A supervisor, for the first team a team lead, and the agents in ``roles``."""
    team_skill = SUPPORT_SKILLS[k % len(SUPPORT_SKILLS)]
    everyone = tuple((name, 4 if name == team_skill else 3) for name in SUPPORT_SKILLS)
    supervisor = planner.add(Role.SUPERVISOR, team_id, manager_id, everyone)
    planner.plan.team_supervisors[team_id] = supervisor.id
    lead = None
    if k == 0:
        lead = planner.add(Role.TEAM_LEAD, team_id, supervisor.id, ((team_skill, 5),))
    for position, role in enumerate(roles):
        tenure = tenures.get((k, position), "experienced")
        reports_to = lead.id if lead and len(roles) >= 4 and position % 2 else supervisor.id
        skills = planner.agent_skills(team_skill, role, tenure)
        planner.add(role, team_id, reports_to, skills, tenure=tenure)
