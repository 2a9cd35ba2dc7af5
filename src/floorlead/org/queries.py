"""The read side of people: lists and pages, one person, the org tree, name lookups.

Who sees whom: an admin sees everyone; anyone else sees themself, their own manager, the
people they manage (their org subtree), and the members and supervisors of the teams in
their scope (their own team for agents; the teams they lead for team leads and supervisors;
the teams of their subtree for managers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import ROLE_ACTIONS, Action, Actor, may, require
from floorlead.errors import NotFound, PermissionDenied, RuleViolation
from floorlead.org.hierarchy import may_manage_rank
from floorlead.org.model import Role
from floorlead.org.schemas import (
    MePublic,
    OrgNode,
    PersonPage,
    PersonPublic,
    PersonSkillPublic,
)
from floorlead.org.tables import Person, PersonSkill, Team
from floorlead.paging import PageParams

PEOPLE_SORTS: Mapping[str, Any] = {
    "name": Person.name,
    "email": Person.email,
    "role": Person.role,
    "hire_date": Person.hire_date,
    "id": Person.id,
}


def order_by(sort: str | None, columns: Mapping[str, Any], default: Sequence[Any]) -> list[Any]:
    """Columns to sort by: ``sort`` names one of ``columns``, ``-`` prefix for descending."""
    if not sort:
        return list(default)
    key = sort.removeprefix("-")
    if key not in columns:
        raise RuleViolation(
            f"cannot sort by {key!r}; choose one of {', '.join(sorted(columns))}", field="sort"
        )
    column = columns[key]
    return [column.desc() if sort.startswith("-") else column.asc(), *default]


def is_active(on: date) -> ColumnElement[bool]:
    return and_(Person.hire_date <= on, or_(Person.leave_date.is_(None), Person.leave_date > on))


def visible_people(session: Session, actor: Actor) -> ColumnElement[bool] | None:
    """A filter on ``Person`` for the people ``actor`` may see; None means everyone."""
    if actor.is_admin:
        return None
    team_ids = set(actor.team_ids or ())
    ids = set(actor.person_ids or ()) | {actor.person_id}
    manager_id = session.scalar(select(Person.manager_id).where(Person.id == actor.person_id))
    if manager_id is not None:
        ids.add(manager_id)
    if team_ids:
        supervisors = select(Team.supervisor_id).where(
            Team.id.in_(team_ids), Team.supervisor_id.is_not(None)
        )
        ids |= {sid for sid in session.scalars(supervisors) if sid is not None}
    return or_(Person.id.in_(ids), Person.team_id.in_(team_ids))


def may_see_cost(actor: Actor, person: Person) -> bool:
    if actor.person_id == person.id or actor.is_admin:
        return True
    return may(
        actor, Action.MANAGE_PEOPLE, team_id=person.team_id, person_id=person.id
    ) and may_manage_rank(actor.role, Role(person.role))


def _people_query(
    session: Session,
    actor: Actor,
    *,
    team_id: int | None,
    role: Role | None,
    active: bool | None,
    text: str | None,
    today: date,
) -> Select[tuple[Person]]:
    query = select(Person)
    visible = visible_people(session, actor)
    if visible is not None:
        query = query.where(visible)
    if team_id is not None:
        query = query.where(Person.team_id == team_id)
    if role is not None:
        query = query.where(Person.role == role.value)
    if active is not None:
        query = query.where(is_active(today) if active else ~is_active(today))
    if text and text.strip():
        needle = text.strip().lower()
        query = query.where(
            or_(
                func.lower(Person.name).contains(needle, autoescape=True),
                func.lower(Person.email).contains(needle, autoescape=True),
            )
        )
    return query


def _to_public(
    session: Session, actor: Actor, people: Sequence[Person], today: date
) -> list[PersonPublic]:
    manager_ids = {p.manager_id for p in people if p.manager_id is not None}
    names = dict(
        session.execute(select(Person.id, Person.name).where(Person.id.in_(manager_ids))).all()
    )
    return [
        PersonPublic(
            id=p.id,
            email=p.email,
            name=p.name,
            role=Role(p.role),
            team_id=p.team_id,
            team_name=p.team.name if p.team else None,
            manager_id=p.manager_id,
            manager_name=names.get(p.manager_id) if p.manager_id else None,
            hire_date=p.hire_date,
            leave_date=p.leave_date,
            active=p.is_active_on(today),
            hourly_cost=p.hourly_cost if may_see_cost(actor, p) else None,
            time_zone=p.time_zone,
            skills=sorted(
                (
                    PersonSkillPublic(skill_id=s.skill_id, name=s.skill.name, level=s.level)
                    for s in p.skills
                ),
                key=lambda skill: skill.name,
            ),
        )
        for p in people
    ]


_LOAD_PERSON = (
    selectinload(Person.team),
    selectinload(Person.skills).selectinload(PersonSkill.skill),
)


def people_page(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    today: date,
    team_id: int | None = None,
    role: Role | None = None,
    active: bool | None = None,
    text: str | None = None,
) -> PersonPage:
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    query = _people_query(
        session, actor, team_id=team_id, role=role, active=active, text=text, today=today
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.options(*_LOAD_PERSON)
        .order_by(*order_by(params.sort, PEOPLE_SORTS, [Person.name, Person.id]))
        .offset(params.offset)
        .limit(params.per_page)
    ).all()
    items = _to_public(session, actor, rows, today)
    return PersonPage(items=items, total=total, page=params.page, per_page=params.per_page)


def list_people(
    session: Session,
    *,
    actor: Actor,
    today: date,
    team_id: int | None = None,
    role: Role | None = None,
    active: bool | None = None,
    text: str | None = None,
) -> list[PersonPublic]:
    """Every visible person matching the filters, by name."""
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    query = _people_query(
        session, actor, team_id=team_id, role=role, active=active, text=text, today=today
    )
    rows = session.scalars(query.options(*_LOAD_PERSON).order_by(Person.name, Person.id)).all()
    return _to_public(session, actor, rows, today)


def person_detail(session: Session, *, actor: Actor, person_id: int, today: date) -> PersonPublic:
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}", field="person_id")
    visible = visible_people(session, actor)
    if (
        visible is not None
        and session.scalar(select(Person.id).where(Person.id == person_id, visible)) is None
    ):
        raise PermissionDenied(f"{person.name} is outside your teams and reporting line")
    return _to_public(session, actor, [person], today)[0]


def me(session: Session, *, actor: Actor, today: date) -> MePublic:
    person = person_detail(session, actor=actor, person_id=actor.person_id, today=today)
    actions = sorted(action.value for action in ROLE_ACTIONS[actor.role])
    return MePublic(**person.model_dump(), actions=actions)


def org_tree(
    session: Session, *, actor: Actor, today: date, include_inactive: bool = False
) -> list[OrgNode]:
    """The visible part of the org tree: people without a visible manager at the top."""
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    query = select(Person.id, Person.name, Person.role, Person.team_id, Person.manager_id)
    visible = visible_people(session, actor)
    if visible is not None:
        query = query.where(visible)
    if not include_inactive:
        query = query.where(is_active(today))
    rows = session.execute(query.order_by(Person.name, Person.id)).all()
    nodes = {
        r.id: OrgNode(id=r.id, name=r.name, role=Role(r.role), team_id=r.team_id) for r in rows
    }
    roots: list[OrgNode] = []
    for row in rows:
        parent = nodes.get(row.manager_id) if row.manager_id is not None else None
        (parent.reports if parent is not None else roots).append(nodes[row.id])
    return roots


def person_id_by_email(session: Session, email: str, *, field: str = "email") -> int:
    person_id = session.scalar(select(Person.id).where(func.lower(Person.email) == email.lower()))
    if person_id is None:
        raise NotFound(f"no person with email {email}", field=field)
    return person_id


def team_id_by_name(session: Session, name: str, *, field: str = "team") -> int:
    team_id = session.scalar(select(Team.id).where(func.lower(Team.name) == name.lower()))
    if team_id is None:
        raise NotFound(f"no team named {name!r}", field=field)
    return team_id


def active_admin_emails(session: Session, *, on: date) -> list[str]:
    query = select(Person.email).where(Person.role == Role.ADMIN.value, is_active(on))
    return list(session.scalars(query.order_by(Person.id)))
