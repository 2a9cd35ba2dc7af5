"""People use cases (one function = one transaction), and what every org use case shares.

``actor`` is the signed-in person. ``actor=None`` is the operator at the command line, who
holds the database itself: permission checks are skipped and the audit entry has no actor.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change, snapshot
from floorlead.auth.passwords import hash_password
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.org import hierarchy, profile
from floorlead.org.model import Role
from floorlead.org.schemas import PersonCreate, PersonUpdate
from floorlead.org.tables import Person, PersonSkill, Skill, Team

NOT_NULL_PERSON_FIELDS = frozenset(
    {"email", "name", "role", "hire_date", "hourly_cost", "time_zone"}
)


def authorise(
    actor: Actor | None,
    action: Action,
    *,
    team_id: int | None = None,
    person_id: int | None = None,
    scoped: bool = True,
) -> None:
    if actor is not None:
        require(actor, action, team_id=team_id, person_id=person_id, scoped=scoped)


def audit(
    session: Session,
    *,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> None:
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        now=now,
    )


def get_person(session: Session, person_id: int, *, field: str = "person_id") -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}", field=field)
    return person


def get_team(session: Session, team_id: int, *, field: str = "team_id") -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team with id {team_id}", field=field)
    return team


def get_active_person(session: Session, person_id: int, *, field: str, on: date) -> Person:
    person = get_person(session, person_id, field=field)
    if not person.is_active_on(on):
        raise RuleViolation(f"{person.name} is not an active member of staff", field=field)
    return person


def check_may_manage(actor: Actor | None, person: Person) -> None:
    """The person is in the actor's scope and ranked below them (admins: everyone)."""
    authorise(actor, Action.MANAGE_PEOPLE, team_id=person.team_id, person_id=person.id)
    if actor is not None and not hierarchy.may_manage_rank(actor.role, Role(person.role)):
        raise PermissionDenied(
            f"a {actor.role.value} may only manage people ranked below them", field="person_id"
        )


def _check_grant(actor: Actor | None, role: Role) -> None:
    if actor is not None and not hierarchy.may_grant_role(actor.role, role):
        raise PermissionDenied(
            f"a {actor.role.value} may not give the role {role.value}"
            + (" (only an admin may)" if role in hierarchy.ADMIN_ONLY_ROLES else ""),
            field="role",
        )


def _ensure_email_free(session: Session, email: str, *, except_id: int | None = None) -> None:
    query = select(Person.id).where(func.lower(Person.email) == email)
    if except_id is not None:
        query = query.where(Person.id != except_id)
    if session.scalar(query) is not None:
        raise Conflict(f"{email} is already in use", field="email")


def _check_manager(session: Session, *, person_id: int | None, manager_id: int, on: date) -> None:
    get_active_person(session, manager_id, field="manager_id", on=on)
    managers = dict(session.execute(select(Person.id, Person.manager_id)).all())
    hierarchy.check_reporting_line(person_id=person_id, manager_id=manager_id, managers=managers)


def add_person(
    session: Session, *, data: PersonCreate, actor: Actor | None, now: datetime
) -> Person:
    authorise(actor, Action.MANAGE_PEOPLE, team_id=data.team_id, person_id=data.manager_id)
    _check_grant(actor, data.role)
    email = profile.normalise_email(data.email)
    _ensure_email_free(session, email)
    if data.team_id is not None:
        get_team(session, data.team_id)
    if data.manager_id is not None:
        _check_manager(session, person_id=None, manager_id=data.manager_id, on=now.date())
    profile.check_employment(hire_date=data.hire_date, leave_date=data.leave_date)
    person = Person(
        email=email,
        name=profile.check_name(data.name),
        role=data.role.value,
        team_id=data.team_id,
        manager_id=data.manager_id,
        hire_date=data.hire_date,
        leave_date=data.leave_date,
        hourly_cost=profile.check_hourly_cost(data.hourly_cost),
        time_zone=profile.check_time_zone(data.time_zone),
        password_hash=hash_password(data.password) if data.password else None,
        created_at=now,
        updated_at=now,
    )
    session.add(person)
    session.flush()
    audit(
        session,
        actor=actor,
        action="person.add",
        entity="person",
        entity_id=person.id,
        before=None,
        after=snapshot(person),
        now=now,
    )
    session.commit()
    return person


def _ensure_another_admin(session: Session, person: Person, *, field: str, on: date) -> None:
    others = session.scalars(
        select(Person).where(Person.role == Role.ADMIN.value, Person.id != person.id)
    ).all()
    if not any(other.is_active_on(on) for other in others):
        raise RuleViolation("floorlead needs at least one active admin", field=field)


def _check_person_changes(
    session: Session, person: Person, fields: Mapping[str, Any], actor: Actor | None, today: date
) -> None:
    emptied = sorted(NOT_NULL_PERSON_FIELDS & {key for key, val in fields.items() if val is None})
    if emptied:
        raise RuleViolation(f"{emptied[0]} cannot be empty", field=emptied[0])
    if "role" in fields and fields["role"] != Role(person.role):
        _check_grant(actor, fields["role"])
        if person.role == Role.ADMIN.value:
            _ensure_another_admin(session, person, field="role", on=today)
    if fields.get("leave_date") is not None and person.role == Role.ADMIN.value:
        _ensure_another_admin(session, person, field="leave_date", on=today)
    if "team_id" in fields or "manager_id" in fields:
        team_id = fields.get("team_id", person.team_id)
        manager_id = fields.get("manager_id", person.manager_id)
        authorise(actor, Action.MANAGE_PEOPLE, team_id=team_id, person_id=manager_id)
        if fields.get("team_id") is not None:
            get_team(session, fields["team_id"])
        if fields.get("manager_id") is not None:
            _check_manager(session, person_id=person.id, manager_id=manager_id, on=today)
    if "email" in fields:
        _ensure_email_free(session, fields["email"], except_id=person.id)
    profile.check_employment(
        hire_date=fields.get("hire_date", person.hire_date),
        leave_date=fields.get("leave_date", person.leave_date),
    )


def _clean_person_fields(changes: PersonUpdate) -> dict[str, Any]:
    fields = changes.model_dump(exclude_unset=True)
    if fields.get("email") is not None:
        fields["email"] = profile.normalise_email(fields["email"])
    if fields.get("name") is not None:
        fields["name"] = profile.check_name(fields["name"])
    if fields.get("time_zone") is not None:
        fields["time_zone"] = profile.check_time_zone(fields["time_zone"])
    if fields.get("hourly_cost") is not None:
        fields["hourly_cost"] = profile.check_hourly_cost(fields["hourly_cost"])
    return fields


def update_person(
    session: Session, *, person_id: int, changes: PersonUpdate, actor: Actor | None, now: datetime
) -> Person:
    """Change the fields sent. Someone leaves when their ``leave_date`` is set."""
    person = get_person(session, person_id)
    check_may_manage(actor, person)
    fields = _clean_person_fields(changes)
    _check_person_changes(session, person, fields, actor, now.date())
    before = snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value.value if isinstance(value, Role) else value)
    person.updated_at = now
    session.flush()
    audit(
        session,
        actor=actor,
        action="person.update",
        entity="person",
        entity_id=person.id,
        before=before,
        after=snapshot(person),
        now=now,
    )
    session.commit()
    return person


def _skill_levels(person: Person) -> dict[str, Any]:
    return {"skills": {link.skill.name: link.level for link in person.skills}}


def set_person_skills(
    session: Session,
    *,
    person_id: int,
    levels: Mapping[int, int],
    actor: Actor | None,
    now: datetime,
) -> Person:
    """Replace the person's skills with ``levels`` (skill id → level 1-5)."""
    person = get_person(session, person_id)
    check_may_manage(actor, person)
    profile.check_skill_levels(levels)
    known = set(session.scalars(select(Skill.id).where(Skill.id.in_(levels))))
    for skill_id in levels:
        if skill_id not in known:
            raise NotFound(f"no skill with id {skill_id}", field="skill_id")
    before = _skill_levels(person)
    person.skills = [PersonSkill(skill_id=sid, level=level) for sid, level in levels.items()]
    person.updated_at = now
    session.flush()
    session.expire(person, ["skills"])
    audit(
        session,
        actor=actor,
        action="person.skills",
        entity="person",
        entity_id=person.id,
        before=before,
        after=_skill_levels(person),
        now=now,
    )
    session.commit()
    return person


def set_person_password(
    session: Session, *, person_id: int, password: str, actor: Actor | None, now: datetime
) -> Person:
    """Set a password: the person themself, an admin, or the command-line operator."""
    person = get_person(session, person_id)
    if actor is not None and actor.person_id != person.id:
        require(actor, Action.MANAGE_USERS, scoped=False)
    person.password_hash = hash_password(password)
    person.updated_at = now
    audit(
        session,
        actor=actor,
        action="person.password",
        entity="person",
        entity_id=person.id,
        before=None,
        after={"password": "changed"},
        now=now,
    )
    session.commit()
    return person
