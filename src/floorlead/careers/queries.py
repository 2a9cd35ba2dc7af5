"""The read side of role definitions: the catalogue, one role in full, and its job description.

Role definitions are readable by everyone signed in.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead import training
from floorlead.careers.catalogue import role_by_slug
from floorlead.careers.job_description import job_description_markdown, job_description_pdf
from floorlead.careers.model import (
    Direction,
    KpiTarget,
    RoleLink,
    RoleSpec,
    SkillRequirement,
    TrainingRequirement,
)
from floorlead.careers.schemas import (
    CertificationLinkPublic,
    KpiTargetIn,
    RoleLinkPublic,
    RolePublic,
    RoleSummary,
    SkillLevelPublic,
    TrainingRequirementPublic,
)
from floorlead.careers.tables import RoleDefinition, RoleSkill
from floorlead.org.model import Role
from floorlead.org.tables import Skill


def _links(session: Session, ids: set[int]) -> dict[int, RoleLink]:
    rows = session.execute(
        select(RoleDefinition.id, RoleDefinition.slug, RoleDefinition.title).where(
            RoleDefinition.id.in_(ids)
        )
    ).all()
    return {rid: RoleLink(slug, title) for rid, slug, title in rows}


def _link_public(link: RoleLink | None) -> RoleLinkPublic | None:
    return None if link is None else RoleLinkPublic(slug=link.slug, title=link.title)


def list_roles(session: Session, *, include_inactive: bool = False) -> list[RoleSummary]:
    query = select(RoleDefinition).order_by(RoleDefinition.title)
    if not include_inactive:
        query = query.where(RoleDefinition.active.is_(True))
    roles = session.scalars(query).all()
    links = _links(session, {r.reports_to_id for r in roles if r.reports_to_id is not None})
    return [
        RoleSummary(
            slug=r.slug,
            title=r.title,
            purpose=r.purpose,
            system_role=Role(r.system_role) if r.system_role else None,
            reports_to=_link_public(links.get(r.reports_to_id) if r.reports_to_id else None),
            active=r.active,
        )
        for r in roles
    ]


def spec_of(session: Session, role: RoleDefinition) -> RoleSpec:
    """The role definition as plain values."""
    skills = session.execute(
        select(Skill.name, RoleSkill.level)
        .join(Skill, Skill.id == RoleSkill.skill_id)
        .where(RoleSkill.role_id == role.id)
        .order_by(RoleSkill.level.desc(), Skill.name)
    ).all()
    programs = training.program_labels(session, [p.program_id for p in role.programs])
    certs = training.certification_labels(
        session, [c.certification_id for c in role.certifications]
    )
    links = _links(session, {s.next_role_id for s in role.next_steps} | {role.reports_to_id or 0})
    return RoleSpec(
        slug=role.slug,
        title=role.title,
        purpose=role.purpose,
        responsibilities=tuple(role.responsibilities),
        education=role.education,
        experience_years=role.experience_years,
        certifications=tuple(sorted(name for _, name in certs.values())),
        skills=tuple(SkillRequirement(name, level) for name, level in skills),
        kpis=tuple(
            KpiTarget(k.kpi, k.target, Direction(k.direction), k.label, k.unit) for k in role.kpis
        ),
        training=tuple(
            TrainingRequirement(p.program_id, programs[p.program_id][1], p.due_days)
            for p in role.programs
        ),
        reports_to=links.get(role.reports_to_id) if role.reports_to_id else None,
        next_roles=tuple(
            sorted((links[s.next_role_id] for s in role.next_steps), key=lambda link: link.title)
        ),
        system_role=role.system_role,
    )


def _load(session: Session, slug: str) -> RoleDefinition:
    role = session.scalars(
        select(RoleDefinition)
        .where(RoleDefinition.slug == slug)
        .options(
            selectinload(RoleDefinition.kpis),
            selectinload(RoleDefinition.programs),
            selectinload(RoleDefinition.certifications),
            selectinload(RoleDefinition.next_steps),
        )
    ).first()
    return role if role is not None else role_by_slug(session, slug)


def role_spec(session: Session, *, slug: str) -> RoleSpec:
    return spec_of(session, _load(session, slug))


def role_detail(session: Session, *, slug: str) -> RolePublic:
    role = _load(session, slug)
    spec = spec_of(session, role)
    programs = training.program_labels(session, [p.program_id for p in role.programs])
    certs = training.certification_labels(
        session, [c.certification_id for c in role.certifications]
    )
    return RolePublic(
        slug=spec.slug,
        title=spec.title,
        purpose=spec.purpose,
        system_role=Role(spec.system_role) if spec.system_role else None,
        reports_to=_link_public(spec.reports_to),
        active=role.active,
        responsibilities=list(spec.responsibilities),
        education=spec.education,
        experience_years=spec.experience_years,
        skills=[SkillLevelPublic(skill=s.skill, level=s.level) for s in spec.skills],
        kpis=[
            KpiTargetIn(
                kpi=k.kpi, label=k.label, unit=k.unit, target=k.target, direction=k.direction
            )
            for k in spec.kpis
        ],
        certifications=sorted(
            (CertificationLinkPublic(slug=slug, name=name) for slug, name in certs.values()),
            key=lambda c: c.name,
        ),
        training=[
            TrainingRequirementPublic(
                program_id=t.program_id,
                slug=programs[t.program_id][0],
                title=t.program,
                due_days=t.due_days,
            )
            for t in spec.training
        ],
        next_roles=[RoleLinkPublic(slug=r.slug, title=r.title) for r in spec.next_roles],
    )


def render_job_description(session: Session, *, slug: str) -> str:
    """The role's job description as Markdown."""
    return job_description_markdown(role_spec(session, slug=slug))


def render_job_description_pdf(session: Session, *, slug: str) -> bytes:
    """The role's job description as a PDF."""
    return job_description_pdf(role_spec(session, slug=slug))
