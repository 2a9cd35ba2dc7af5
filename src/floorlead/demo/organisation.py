"""The demo organisation: teams, people, reporting lines and skills.

The skill catalogue holds the skills the floor routes by (the teams' own skills and two
languages, first, so their ids stay 1-5) and then the skills job roles require
(:data:`floorlead.demo.role_skills.ROLE_SKILLS`); everyone's levels in the latter are drawn
last, from the levels and tenure already drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

import numpy as np

from floorlead.demo.config import DemoConfig
from floorlead.demo.names import FIRST_NAMES, LAST_NAMES, email_slug
from floorlead.demo.role_skills import ROLE_SKILLS, with_role_skills
from floorlead.demo.staff import StaffDraft, plan_staff
from floorlead.demo.timeline import LOCAL_ZONE, LOCAL_ZONE_NAME, Timeline
from floorlead.org.model import Role, TeamKind

STAFF_DOMAIN = "floorlead.local"
CONTACT_ROLES = frozenset({Role.AGENT, Role.SENIOR_AGENT})


@dataclass(frozen=True)
class TeamSpec:
    id: int
    name: str
    kind: str
    description: str
    skill: str | None = None
    categories: tuple[tuple[str, float], ...] = ()
    department: str | None = None


SUPPORT_TEAMS = (
    ("Billing", "billing", "Invoices, payments, refunds and subscriptions.", "Finance",
     (("refund", 0.3), ("invoice", 0.2), ("payment_failed", 0.2), ("subscription", 0.15),
      ("double_charge", 0.15))),
    ("Technical", "technical", "Sign-in, the app, connectivity and bugs.", "Product",
     (("login_problem", 0.3), ("app_error", 0.25), ("connectivity", 0.2), ("bug_report", 0.1),
      ("account_setup", 0.15))),
    ("Orders & Returns", "returns", "Deliveries, returns, damaged and missing items.", "Finance",
     (("delivery_delay", 0.3), ("return_request", 0.25), ("damaged_item", 0.15),
      ("order_change", 0.15), ("missing_item", 0.15))),
)  # fmt: skip
DEPARTMENTS = (
    ("Finance", "Refunds above frontline authority, chargebacks and compensation."),
    ("Product", "Bugs and feature gaps confirmed by support."),
)
ROUTING_SKILLS = (
    ("billing", "Invoices, payments and refunds."),
    ("technical", "Troubleshooting the app and accounts."),
    ("returns", "Orders, deliveries and returns."),
    ("spanish", "Supports customers in Spanish."),
    ("french", "Supports customers in French."),
)
SKILLS = ROUTING_SKILLS + ROLE_SKILLS
ROUTED = frozenset(name for name, _ in ROUTING_SKILLS)


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    email: str
    role: Role
    team_id: int | None
    manager_id: int | None
    hire_date: date
    leave_date: date | None
    hourly_cost: Decimal
    time_zone: str
    skills: tuple[tuple[str, int], ...] = ()

    def is_active_on(self, day: date) -> bool:
        return self.hire_date <= day and (self.leave_date is None or day < self.leave_date)

    def skill_level(self, skill: str) -> int:
        return dict(self.skills).get(skill, 0)


@dataclass(frozen=True)
class Organisation:
    teams: tuple[TeamSpec, ...]
    people: tuple[Member, ...]
    skills: tuple[tuple[int, str, str], ...]
    supervisor_ids: dict[int, int] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[int, Member]:
        return {person.id: person for person in self.people}

    @cached_property
    def support_teams(self) -> tuple[TeamSpec, ...]:
        return tuple(team for team in self.teams if team.kind == TeamKind.SUPPORT)

    @cached_property
    def team_by_name(self) -> dict[str, TeamSpec]:
        return {team.name: team for team in self.teams}

    @cached_property
    def skill_ids(self) -> dict[str, int]:
        return {name: skill_id for skill_id, name, _ in self.skills}

    def members(self, team_id: int, roles: frozenset[Role] = CONTACT_ROLES) -> list[Member]:
        return [p for p in self.people if p.team_id == team_id and p.role in roles]

    def supervisor(self, team_id: int) -> Member:
        return self.by_id[self.supervisor_ids[team_id]]

    def department_for(self, team: TeamSpec) -> TeamSpec:
        return self.team_by_name[team.department or "Finance"]

    def team_skill_level(self, person: Member) -> int:
        """The person's level in their team's own skill (a department specialist's best
        routing skill; 0 for someone outside a team)."""
        team = next((t for t in self.teams if t.id == person.team_id), None)
        if team is None:
            return 0
        if team.skill is None:
            return max((level for name, level in person.skills if name in ROUTED), default=0)
        return person.skill_level(team.skill)

    def weakest_agent(self, team_id: int, day: date) -> Member | None:
        """The team's agent or senior agent employed on ``day`` with the lowest level in the
        team's skill (the first hired on a tie): the one whose reviews catch a habit."""
        agents = [m for m in self.members(team_id) if m.is_active_on(day)]
        return min(
            agents, key=lambda m: (self.team_skill_level(m), m.hire_date, m.id), default=None
        )


def build_organisation(
    config: DemoConfig, timeline: Timeline, rng: np.random.Generator
) -> Organisation:
    teams = _teams()
    plan = plan_staff(
        config,
        timeline,
        rng,
        [t.id for t in teams if t.kind == TeamKind.SUPPORT],
        [t.id for t in teams if t.kind == TeamKind.DEPARTMENT],
    )
    names = _unique_names(rng, len(plan.people), exclude=config.admin_email)
    people = tuple(_member(draft, name) for draft, name in zip(plan.people, names, strict=True))
    people += (_admin(config, timeline, person_id=len(people) + 1),)
    skills = tuple((n, name, text) for n, (name, text) in enumerate(SKILLS, start=1))
    organisation = Organisation(
        teams=teams, people=people, skills=skills, supervisor_ids=dict(plan.team_supervisors)
    )
    return with_role_skills(organisation, timeline.end.astimezone(LOCAL_ZONE).date(), rng)


def _teams() -> tuple[TeamSpec, ...]:
    support = tuple(
        TeamSpec(n, name, TeamKind.SUPPORT, text, skill, categories, department)
        for n, (name, skill, text, department, categories) in enumerate(SUPPORT_TEAMS, start=1)
    )
    departments = tuple(
        TeamSpec(len(support) + n, name, TeamKind.DEPARTMENT, text)
        for n, (name, text) in enumerate(DEPARTMENTS, start=1)
    )
    return support + departments


def _unique_names(rng: np.random.Generator, count: int, *, exclude: str) -> list[str]:
    order = rng.permutation(len(FIRST_NAMES) * len(LAST_NAMES)).tolist()
    names = []
    for index in order:
        first, last = divmod(index, len(LAST_NAMES))
        name = f"{FIRST_NAMES[first]} {LAST_NAMES[last]}"
        if _staff_email(name) != exclude.lower():
            names.append(name)
        if len(names) == count:
            return names
    raise ValueError("not enough distinct names for the demo staff")


def _staff_email(name: str) -> str:
    first, last = name.split(" ", 1)
    return f"{email_slug(first)}.{email_slug(last)}@{STAFF_DOMAIN}"


def _member(draft: StaffDraft, name: str) -> Member:
    return Member(
        id=draft.id,
        name=name,
        email=_staff_email(name),
        role=draft.role,
        team_id=draft.team_id,
        manager_id=draft.manager_id,
        hire_date=draft.hire_date,
        leave_date=draft.leave_date,
        hourly_cost=draft.hourly_cost,
        time_zone=draft.time_zone,
        skills=draft.skills,
    )


def _admin(config: DemoConfig, timeline: Timeline, *, person_id: int) -> Member:
    return Member(
        id=person_id,
        name="Demo Admin",
        email=config.admin_email.strip().lower(),
        role=Role.ADMIN,
        team_id=None,
        manager_id=None,
        hire_date=timeline.days[0] - timedelta(days=900),
        leave_date=None,
        hourly_cost=Decimal("40.00"),
        time_zone=LOCAL_ZONE_NAME,
    )
