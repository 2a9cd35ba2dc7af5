"""A person's career: their job role, how ready they are for the next roles, their skill gaps.

Visible to the person, to those who lead their team, to managers above them, and to admins.
A person without a recorded job role is taken to hold the first role definition whose
permission role matches theirs. KPI values come from the caller (``kpi_values``); without them
the KPI targets are reported as unchecked ("no KPI data").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead import training
from floorlead.auth.permissions import Actor
from floorlead.careers.queries import role_spec
from floorlead.careers.readiness import PersonRecord, assess_readiness, tenure_months
from floorlead.careers.schemas import (
    CareerPublic,
    ReadinessGap,
    ReadinessPublic,
    RoleLinkPublic,
)
from floorlead.careers.tables import PersonJobRole, RoleDefinition
from floorlead.org.tables import Person
from floorlead.training.schemas import GapPublic, RecommendationPublic


def current_job_role(session: Session, person: Person) -> tuple[RoleDefinition | None, bool]:
    """The person's job role, and whether it was recorded (False: inferred)."""
    link = session.get(PersonJobRole, person.id)
    if link is not None:
        return session.get_one(RoleDefinition, link.role_id), True
    inferred = session.scalar(
        select(RoleDefinition)
        .where(RoleDefinition.system_role == person.role, RoleDefinition.active.is_(True))
        .order_by(RoleDefinition.id)
        .limit(1)
    )
    return inferred, False


def _record(session: Session, person: Person) -> PersonRecord:
    return PersonRecord(
        hire_date=person.hire_date,
        skills=training.skill_levels(session, person.id),
        certifications=training.certifications_held(session, person.id),
    )


def _readiness(
    session: Session,
    person: Person,
    slug: str,
    *,
    today: date,
    kpi_values: Mapping[str, float] | None,
) -> ReadinessPublic:
    spec = role_spec(session, slug=slug)
    result = assess_readiness(spec, _record(session, person), today=today, kpi_values=kpi_values)
    return ReadinessPublic(
        person_id=person.id,
        role=RoleLinkPublic(slug=spec.slug, title=spec.title),
        ready=result.ready,
        percent_met=result.percent_met,
        met=list(result.met),
        gaps=[
            ReadinessGap(area=g.area.value, item=g.item, required=g.required, actual=g.actual)
            for g in result.gaps
        ],
        unchecked=list(result.unchecked),
        kpi_data=kpi_values is not None,
    )


def role_readiness(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    role_slug: str,
    today: date,
    kpi_values: Mapping[str, float] | None = None,
) -> ReadinessPublic:
    person = training.person_to_view(session, actor, person_id)
    return _readiness(session, person, role_slug, today=today, kpi_values=kpi_values)


def career_readiness(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    today: date,
    kpi_values: Mapping[str, float] | None = None,
) -> CareerPublic:
    """The person's job role and their readiness for each next role on its career path."""
    person = training.person_to_view(session, actor, person_id)
    role, recorded = current_job_role(session, person)
    next_roles = []
    if role is not None:
        next_slugs = session.scalars(
            select(RoleDefinition.slug)
            .where(RoleDefinition.id.in_([s.next_role_id for s in role.next_steps]))
            .where(RoleDefinition.active.is_(True))
            .order_by(RoleDefinition.title)
        ).all()
        next_roles = [
            _readiness(session, person, slug, today=today, kpi_values=kpi_values)
            for slug in next_slugs
        ]
    return CareerPublic(
        person_id=person.id,
        name=person.name,
        tenure_months=tenure_months(person.hire_date, today),
        current_role=RoleLinkPublic(slug=role.slug, title=role.title) if role else None,
        job_role_assigned=recorded,
        next_roles=next_roles,
    )


def training_gaps(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    failed_criteria: Mapping[str, int] | None = None,
) -> list[GapPublic]:
    """Skills below the person's job role and, given ``failed_criteria`` (quality criterion
    key → times failed), criteria failed repeatedly — each with the programmes that teach it."""
    person = training.person_to_view(session, actor, person_id)
    role, _ = current_job_role(session, person)
    required = {}
    if role is not None:
        required = {s.skill: s.level for s in role_spec(session, slug=role.slug).skills}
    gaps = training.skill_gaps(
        required=required,
        levels=training.skill_levels(session, person.id),
        teaching=training.teaching_catalogue(session),
        failed_criteria=failed_criteria,
        completed=training.completed_program_ids(session, person.id),
    )
    return [
        GapPublic(
            kind=g.kind,
            key=g.key,
            required=g.required,
            actual=g.actual,
            failures=g.failures,
            programs=[
                RecommendationPublic(program_id=p.program_id, title=p.title) for p in g.programs
            ],
        )
        for g in gaps
    ]
