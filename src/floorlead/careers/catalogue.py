"""Role definitions: create and replace them (managers and admins), load one as a
:class:`RoleSpec`, and seed floorlead's own definitions from ``roles.yaml``.

Everything a definition refers to must exist: skills (the organisation's skill catalogue),
certifications and programmes (by slug, in training) and other roles (by slug). Only a seed
adds missing skills, and it creates every role before linking reporting lines and career paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from importlib import resources

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead import training
from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor
from floorlead.careers.access import authorise
from floorlead.careers.schemas import RoleCreate, RoleFields
from floorlead.careers.tables import (
    RoleCertification,
    RoleDefinition,
    RoleKpiTarget,
    RoleProgram,
    RoleSkill,
    RoleStep,
)
from floorlead.errors import Conflict, NotFound, RuleViolation


def role_by_slug(session: Session, slug: str, *, field: str = "role") -> RoleDefinition:
    role = session.scalar(select(RoleDefinition).where(RoleDefinition.slug == slug))
    if role is None:
        raise NotFound(f"no role definition {slug!r}", field=field)
    return role


def _role_ids(session: Session, slugs: list[str], *, field: str) -> dict[str, int]:
    found = dict(
        session.execute(
            select(RoleDefinition.slug, RoleDefinition.id).where(RoleDefinition.slug.in_(slugs))
        ).all()
    )
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise NotFound(f"no role definition {missing[0]!r}", field=field)
    return found


def _check_reporting_line(session: Session, role: RoleDefinition, reports_to_id: int) -> None:
    """Refuse a role that reports to itself, directly or through other roles."""
    above = dict(session.execute(select(RoleDefinition.id, RoleDefinition.reports_to_id)).all())
    current: int | None = reports_to_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == role.id:
            raise RuleViolation(f"{role.title} would report to itself", field="reports_to")
        seen.add(current)
        current = above.get(current)


def _link_roles(session: Session, role: RoleDefinition, data: RoleFields) -> None:
    slugs = [s for s in [data.reports_to, *data.next_roles] if s is not None]
    ids = _role_ids(session, slugs, field="next_roles") if slugs else {}
    if role.slug in data.next_roles:
        raise RuleViolation("a role cannot be its own next role", field="next_roles")
    role.reports_to_id = ids[data.reports_to] if data.reports_to else None
    if role.reports_to_id is not None:
        _check_reporting_line(session, role, role.reports_to_id)
    role.next_steps = [RoleStep(next_role_id=ids[s]) for s in dict.fromkeys(data.next_roles)]


def _check_kpis(kpis: list[str]) -> None:
    """Each KPI once, and named as in the KPI catalogue (docs/metrics.md)."""
    from floorlead.metrics import KPIS

    if len(set(kpis)) != len(kpis):
        raise RuleViolation("each KPI may have one target only", field="kpis")
    for n, name in enumerate(kpis):
        if name not in KPIS:
            raise RuleViolation(
                f"no KPI named {name!r} in the KPI catalogue (docs/metrics.md)",
                field=f"kpis[{n}].kpi",
            )


def _fill(
    session: Session, role: RoleDefinition, data: RoleFields, *, seeding: bool, now: datetime
) -> None:
    if role.id is not None:  # drop the old rows first: new ones may reuse their keys
        role.skills, role.kpis, role.certifications, role.programs = [], [], [], []
        session.flush()
    role.title = " ".join(data.title.split())
    role.purpose = data.purpose.strip()
    role.responsibilities = [" ".join(r.split()) for r in data.responsibilities]
    role.education = data.education.strip()
    role.experience_years = data.experience_years
    role.system_role = data.system_role.value if data.system_role else None
    role.active = data.active
    role.updated_at = now
    skills = training.skill_ids(session, data.skills, create_missing=seeding, now=now)
    role.skills = [RoleSkill(skill_id=skills[name], level=lvl) for name, lvl in data.skills.items()]
    _check_kpis([k.kpi for k in data.kpis])
    role.kpis = [
        RoleKpiTarget(
            kpi=k.kpi, label=k.label, unit=k.unit, target=k.target, direction=k.direction.value
        )
        for k in data.kpis
    ]
    certs = training.certification_ids(session, data.certifications, field="certifications")
    role.certifications = [RoleCertification(certification_id=certs[s]) for s in set(certs)]
    programs = training.program_ids(session, [t.program for t in data.training], field="training")
    if len(programs) != len(data.training):
        raise RuleViolation("each programme may be listed once", field="training")
    role.programs = [
        RoleProgram(program_id=programs[t.program], due_days=t.due_days, position=index)
        for index, t in enumerate(data.training)
    ]


def _audit(
    session: Session, actor: Actor | None, action: str, role: RoleDefinition, now: datetime
) -> None:
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action=action,
        entity="role_definition",
        entity_id=role.id,
        before=None,
        after={"slug": role.slug, "title": role.title},
        now=now,
    )


def create_role(
    session: Session, *, actor: Actor | None, data: RoleCreate, now: datetime
) -> RoleDefinition:
    authorise(actor, Action.MANAGE_ROLES, scoped=False)
    if session.scalar(select(RoleDefinition.id).where(RoleDefinition.slug == data.slug)):
        raise Conflict(f"the role {data.slug!r} already exists", field="slug")
    role = RoleDefinition(slug=data.slug, created_at=now)
    _fill(session, role, data, seeding=False, now=now)
    session.add(role)
    session.flush()
    _link_roles(session, role, data)
    session.flush()
    _audit(session, actor, "role_definition.create", role, now)
    session.commit()
    return role


def update_role(
    session: Session, *, actor: Actor | None, slug: str, data: RoleFields, now: datetime
) -> RoleDefinition:
    """Replace the definition's content (the slug stays)."""
    authorise(actor, Action.MANAGE_ROLES, scoped=False)
    role = role_by_slug(session, slug)
    _fill(session, role, data, seeding=False, now=now)
    _link_roles(session, role, data)
    session.flush()
    _audit(session, actor, "role_definition.update", role, now)
    session.commit()
    return role


def _seed_entries() -> list[Mapping[str, object]]:
    text = resources.files("floorlead.careers").joinpath("roles.yaml").read_text("utf-8")
    return list(yaml.safe_load(text)["roles"])


def seed_role_definitions(session: Session, now: datetime) -> list[RoleDefinition]:
    """Add floorlead's role definitions (and the training they need) that do not exist yet.

    Existing definitions are left as they are, so running it again changes nothing.
    """
    training.seed_training_catalogue(session, now)
    existing = set(session.scalars(select(RoleDefinition.slug)))
    entries = [RoleCreate.model_validate(e) for e in _seed_entries()]
    added = []
    for data in entries:
        if data.slug in existing:
            continue
        role = RoleDefinition(slug=data.slug, created_at=now)
        _fill(session, role, data, seeding=True, now=now)
        session.add(role)
        added.append((role, data))
    session.flush()
    for role, data in added:
        _link_roles(session, role, data)
        _audit(session, None, "role_definition.create", role, now)
    session.commit()
    return [role for role, _ in added]
