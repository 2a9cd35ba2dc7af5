"""Team and skill use cases (one function = one transaction)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.org import profile
from floorlead.org.model import Role, TeamKind
from floorlead.org.schemas import SkillCreate, SkillUpdate, TeamCreate, TeamUpdate
from floorlead.org.service import audit, authorise, get_active_person, get_team
from floorlead.org.tables import Skill, Team

NOT_NULL_TEAM_FIELDS = frozenset({"name", "kind", "description", "time_zone"})


def _ensure_name_free(
    session: Session, model: type[Team | Skill], name: str, *, except_id: int | None
) -> None:
    query = select(model.id).where(func.lower(model.name) == name.lower())
    if except_id is not None:
        query = query.where(model.id != except_id)
    if session.scalar(query) is not None:
        raise Conflict(f"the name {name!r} is already taken", field="name")


def _check_supervisor(
    session: Session, actor: Actor | None, supervisor_id: int | None, *, on: date
) -> None:
    """A team is supervised by an active team lead or someone ranked above, in the actor's scope."""
    if supervisor_id is None:
        return
    person = get_active_person(session, supervisor_id, field="supervisor_id", on=on)
    if Role(person.role).rank < Role.TEAM_LEAD.rank:
        raise RuleViolation(
            f"{person.name} is a {person.role}; a team is supervised by a team lead or above",
            field="supervisor_id",
        )
    authorise(actor, Action.MANAGE_TEAMS, person_id=supervisor_id)


def _clean_team_fields(fields: dict[str, Any]) -> dict[str, Any]:
    emptied = sorted(NOT_NULL_TEAM_FIELDS & {key for key, val in fields.items() if val is None})
    if emptied:
        raise RuleViolation(f"{emptied[0]} cannot be empty", field=emptied[0])
    if "name" in fields:
        fields["name"] = profile.check_name(fields["name"], max_length=120)
    if "time_zone" in fields:
        fields["time_zone"] = profile.check_time_zone(fields["time_zone"])
    if isinstance(fields.get("kind"), TeamKind):
        fields["kind"] = fields["kind"].value
    return fields


def add_team(session: Session, *, data: TeamCreate, actor: Actor | None, now: datetime) -> Team:
    """Add a team. A manager who names no supervisor supervises it, so it stays in their scope."""
    authorise(actor, Action.MANAGE_TEAMS, scoped=False)
    fields = _clean_team_fields(data.model_dump())
    if fields["supervisor_id"] is None and actor is not None and not actor.is_admin:
        fields["supervisor_id"] = actor.person_id
    _ensure_name_free(session, Team, fields["name"], except_id=None)
    _check_supervisor(session, actor, fields["supervisor_id"], on=now.date())
    team = Team(**fields, created_at=now)
    session.add(team)
    session.flush()
    audit(
        session,
        actor=actor,
        action="team.add",
        entity="team",
        entity_id=team.id,
        before=None,
        after=snapshot(team),
        now=now,
    )
    session.commit()
    return team


def update_team(
    session: Session, *, team_id: int, changes: TeamUpdate, actor: Actor | None, now: datetime
) -> Team:
    team = get_team(session, team_id)
    authorise(actor, Action.MANAGE_TEAMS, team_id=team.id)
    fields = _clean_team_fields(changes.model_dump(exclude_unset=True))
    if "name" in fields:
        _ensure_name_free(session, Team, fields["name"], except_id=team.id)
    if "supervisor_id" in fields:
        _check_supervisor(session, actor, fields["supervisor_id"], on=now.date())
    before = snapshot(team)
    for name, value in fields.items():
        setattr(team, name, value)
    session.flush()
    audit(
        session,
        actor=actor,
        action="team.update",
        entity="team",
        entity_id=team.id,
        before=before,
        after=snapshot(team),
        now=now,
    )
    session.commit()
    return team


def add_skill(session: Session, *, data: SkillCreate, actor: Actor | None, now: datetime) -> Skill:
    """Add a skill to the catalogue (managers and admins: it is shared by every team)."""
    authorise(actor, Action.MANAGE_TEAMS, scoped=False)
    name = profile.check_name(data.name, max_length=80)
    _ensure_name_free(session, Skill, name, except_id=None)
    skill = Skill(name=name, description=data.description.strip())
    session.add(skill)
    session.flush()
    audit(
        session,
        actor=actor,
        action="skill.add",
        entity="skill",
        entity_id=skill.id,
        before=None,
        after=snapshot(skill),
        now=now,
    )
    session.commit()
    return skill


def update_skill(
    session: Session, *, skill_id: int, changes: SkillUpdate, actor: Actor | None, now: datetime
) -> Skill:
    authorise(actor, Action.MANAGE_TEAMS, scoped=False)
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise NotFound(f"no skill with id {skill_id}", field="skill_id")
    before = snapshot(skill)
    if changes.name is not None:
        name = profile.check_name(changes.name, max_length=80)
        _ensure_name_free(session, Skill, name, except_id=skill.id)
        skill.name = name
    if changes.description is not None:
        skill.description = changes.description.strip()
    session.flush()
    audit(
        session,
        actor=actor,
        action="skill.update",
        entity="skill",
        entity_id=skill.id,
        before=before,
        after=snapshot(skill),
        now=now,
    )
    session.commit()
    return skill
