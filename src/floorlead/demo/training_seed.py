"""The training and careers step of the demo, through the careers and training services.

floorlead went live on the window's first day: the role definitions and the training catalogue
were seeded, and everyone was given their job role, which assigns the role's programmes. New
starters get theirs on their first day (their onboarding plan). People work through their
modules at their own pace (quizzes passed, a new starter's first go at the data-protection
quiz failed); programmes due after the end are in progress, and one new starter has fallen
behind and is overdue. Certifications held from before go-live are recorded by a lead: one
has expired, one expires within the month. Last, a product-update briefing is assigned to one
team and half of it has been done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.careers import assign_role, seed_role_definitions
from floorlead.demo.course_progress import ProgressPlanner
from floorlead.demo.organisation import Member
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.org.model import Role
from floorlead.training import assign_program, record_certification
from floorlead.training.deadlines import add_months
from floorlead.training.tables import Certification, TrainingProgram

ROLE_SLUGS = {
    Role.AGENT: "frontline-agent",
    Role.SENIOR_AGENT: "senior-agent",
    Role.TEAM_LEAD: "team-lead",
    Role.SUPERVISOR: "customer-service-supervisor",
    Role.MANAGER: "operations-manager",
}
HELD_BEFORE_GO_LIVE = {
    Role.SENIOR_AGENT: ("data-protection",),
    Role.TEAM_LEAD: ("data-protection",),
    Role.SUPERVISOR: ("data-protection", "qa-evaluator"),
}
EXPIRED_DAYS_AGO = 20
EXPIRING_IN_DAYS = 12
VALID_FOR_AT_LEAST = 60
FIRST_PROGRAM_DUE_DAYS = 7  # floorlead-for-agents, the frontline role's first programme
BRIEFING = "product-update-briefing"
BRIEFING_DUE_DAYS = 7
BRIEFING_DONE_SHARE = 0.5


@dataclass(frozen=True)
class TrainingSummary:
    roles_given: int
    assignments: int
    modules_done: int
    certifications_recorded: int


def seed_training(context: SeedContext) -> TrainingSummary:
    with context.sessions() as session:
        seed_role_definitions(session, local_moment(context.first_day, 8))
        planner = ProgressPlanner(context, session)
        people = [p for p in context.org.people if p.role in ROLE_SLUGS]
        assignments = _give_roles(context, session, planner, people)
        certificates = _certificates_held(context, session, people)
        assignments += _briefing(context, session, planner)
    return TrainingSummary(len(people), assignments, planner.modules_done, certificates)


def _give_roles(
    context: SeedContext, session: Session, planner: ProgressPlanner, people: list[Member]
) -> int:
    """Everyone's job role (at go-live, or by their supervisor on a new starter's first day),
    and their progress through its programmes; returns how many were assigned."""
    straggler = _straggler(context, people)
    assignments = 0
    for person in people:
        new_starter = person.hire_date > context.first_day
        _, created = assign_role(
            session,
            actor=_lead(context, session, person) if new_starter else None,
            person_id=person.id,
            role_slug=ROLE_SLUGS[person.role],
            now=local_moment(max(person.hire_date, context.first_day), 9),
        )
        assignments += len(created)
        for assignment in created:
            planner.work_through(assignment, person, stop_early=person.id == straggler)
    return assignments


def _lead(context: SeedContext, session: Session, person: Member) -> Actor:
    return context.actor(session, context.supervisor(person.team_id or 0).id)


def _straggler(context: SeedContext, people: list[Member]) -> int | None:
    """The agent whose onboarding is overdue: a new starter if one started long enough ago
    for their first programme to be due, otherwise an agent who was there at go-live."""
    due_by = context.today - timedelta(days=FIRST_PROGRAM_DUE_DAYS + 1)
    behind = [
        p
        for p in people
        if p.role == Role.AGENT and p.leave_date is None
        and max(p.hire_date, context.first_day) < due_by
    ]  # fmt: skip
    if not behind:
        return None
    return min(behind, key=lambda p: (p.hire_date <= context.first_day, p.hire_date, p.id)).id


def _certificates_held(context: SeedContext, session: Session, people: list[Member]) -> int:
    """Certifications earned before they were recorded at go-live (or since), recorded by
    the manager: a senior agent's data protection has lapsed since, a supervisor's QA
    evaluator lapses soon, the rest stay valid for at least two more months."""
    found = session.execute(
        select(Certification.slug, Certification.id, Certification.valid_months)
    )
    certifications = {slug: (cid, months or 12) for slug, cid, months in found}
    manager = context.actor(session, context.manager().id)
    holders = [(p, slug) for p in people for slug in HELD_BEFORE_GO_LIVE.get(p.role, ())]
    lapsed = _first(holders, Role.SENIOR_AGENT, "data-protection")
    lapsing = _first(holders, Role.SUPERVISOR, "qa-evaluator")
    go_live = local_moment(context.first_day, 10)
    for holder in holders:
        certification_id, months = certifications[holder[1]]
        if holder == lapsed:
            earned = add_months(context.today - timedelta(days=EXPIRED_DAYS_AGO), -months)
        elif holder == lapsing:
            earned = add_months(context.today + timedelta(days=EXPIRING_IN_DAYS), -months)
        else:
            days_ago = context.rng.integers(VALID_FOR_AT_LEAST, months * 30 - VALID_FOR_AT_LEAST)
            earned = context.today - timedelta(days=int(days_ago))
        record_certification(
            session,
            actor=manager,
            person_id=holder[0].id,
            certification_id=certification_id,
            earned_on=earned,
            now=max(go_live, local_moment(earned, 16)),
        )
    return len(holders)


def _first(holders: list[tuple[Member, str]], role: Role, slug: str) -> tuple[Member, str] | None:
    return next((h for h in holders if h[0].role == role and h[1] == slug), None)


def _briefing(context: SeedContext, session: Session, planner: ProgressPlanner) -> int:
    """The latest product update, assigned to the first team two days ago."""
    program_id = session.scalar(select(TrainingProgram.id).where(TrainingProgram.slug == BRIEFING))
    team = context.org.support_teams[0]
    lead = context.actor(session, context.supervisor(team.id).id)
    assigned_at = context.end - timedelta(days=2)
    members = context.agents(team.id)
    for n, member in enumerate(members):
        assignment = assign_program(
            session,
            actor=lead,
            person_id=member.id,
            program_id=program_id or 0,
            due_on=assigned_at.date() + timedelta(days=BRIEFING_DUE_DAYS),
            now=assigned_at,
        )
        if n < len(members) * BRIEFING_DONE_SHARE:
            planner.work_through(assignment, member, stop_early=False)
    return len(members)
