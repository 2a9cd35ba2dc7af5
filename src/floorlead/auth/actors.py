"""Build an :class:`Actor` (the person and their scope) from the organisation tables."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.errors import AuthenticationFailed
from floorlead.org.model import Role
from floorlead.org.tables import Person, Team


def org_subtree(session: Session, person_id: int) -> frozenset[int]:
    """Everyone reporting to ``person_id``, directly or indirectly (not the person)."""
    rows = session.execute(select(Person.id, Person.manager_id)).all()
    reports: dict[int, list[int]] = {}
    for pid, manager_id in rows:
        if manager_id is not None:
            reports.setdefault(manager_id, []).append(pid)
    found: set[int] = set()
    stack = list(reports.get(person_id, []))
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(reports.get(pid, []))
    return frozenset(found)


def load_actor(session: Session, person_id: int) -> Actor:
    person = session.get(Person, person_id)
    if person is None:
        raise AuthenticationFailed("unknown user")
    role = Role(person.role)
    if role is Role.ADMIN:
        return Actor(person.id, role, person.name, person.team_id, None, None)
    own_team = {person.team_id} if person.team_id is not None else set()
    if role in {Role.AGENT, Role.SENIOR_AGENT}:
        return Actor(person.id, role, person.name, person.team_id, frozenset(own_team))
    led_teams = set(session.scalars(select(Team.id).where(Team.supervisor_id == person.id)))
    subtree = set(org_subtree(session, person.id))
    if role is Role.MANAGER:
        if subtree:
            led_teams |= set(
                session.scalars(
                    select(Person.team_id).where(
                        Person.id.in_(subtree), Person.team_id.is_not(None)
                    )
                )
            )
            led_teams |= set(
                session.scalars(select(Team.id).where(Team.supervisor_id.in_(subtree)))
            )
        team_ids = led_teams | own_team
    else:
        team_ids = led_teams | own_team
    if team_ids:
        subtree |= set(session.scalars(select(Person.id).where(Person.team_id.in_(team_ids))))
    subtree.discard(person.id)
    return Actor(
        person.id, role, person.name, person.team_id, frozenset(team_ids), frozenset(subtree)
    )
