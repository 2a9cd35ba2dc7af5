"""People, their skills, the org tree, and the signed-in person (/api/people, /api/me)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.paging import PageDep
from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.org import queries, service
from floorlead.org.model import Role
from floorlead.org.schemas import (
    MePublic,
    OrgNode,
    PersonCreate,
    PersonPage,
    PersonPublic,
    PersonUpdate,
    SkillLevelsUpdate,
)

router = APIRouter(tags=["people"])


def _read_back(session: Session, actor: Actor, person_id: int, now: datetime) -> PersonPublic:
    """The person after a change, seen with the caller's scope read again (it may have grown)."""
    fresh = load_actor(session, actor.person_id)
    return queries.person_detail(session, actor=fresh, person_id=person_id, today=now.date())


@router.get("/people")
def list_people(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    params: PageDep,
    team_id: int | None = None,
    role: Role | None = None,
    active: Annotated[bool | None, Query(description="true: still employed today")] = None,
    q: Annotated[str | None, Query(description="text in the name or email")] = None,
) -> PersonPage:
    """The people you may see (sort by name, email, role, hire_date or id)."""
    return queries.people_page(
        session,
        actor=actor,
        params=params,
        today=now.date(),
        team_id=team_id,
        role=role,
        active=active,
        text=q,
    )


@router.get("/people/tree")
def org_tree(
    session: SessionDep, actor: ActorDep, now: NowDep, include_inactive: bool = False
) -> list[OrgNode]:
    """The reporting lines you may see, as nested nodes."""
    return queries.org_tree(
        session, actor=actor, today=now.date(), include_inactive=include_inactive
    )


@router.post("/people", status_code=201)
def add_person(
    body: PersonCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> PersonPublic:
    person = service.add_person(session, data=body, actor=actor, now=now)
    return _read_back(session, actor, person.id, now)


@router.get("/people/{person_id}")
def get_person(person_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> PersonPublic:
    return queries.person_detail(session, actor=actor, person_id=person_id, today=now.date())


@router.patch("/people/{person_id}")
def update_person(
    person_id: int, body: PersonUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> PersonPublic:
    """Change the fields sent; set ``leave_date`` when someone leaves."""
    service.update_person(session, person_id=person_id, changes=body, actor=actor, now=now)
    return _read_back(session, actor, person_id, now)


@router.put("/people/{person_id}/skills")
def set_skills(
    person_id: int, body: SkillLevelsUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> PersonPublic:
    """Replace the person's skills and levels (1-5)."""
    levels = {item.skill_id: item.level for item in body.skills}
    service.set_person_skills(session, person_id=person_id, levels=levels, actor=actor, now=now)
    return queries.person_detail(session, actor=actor, person_id=person_id, today=now.date())


@router.get("/me")
def me(session: SessionDep, actor: ActorDep, now: NowDep) -> MePublic:
    """The signed-in person and the actions their role allows."""
    return queries.me(session, actor=actor, today=now.date())
