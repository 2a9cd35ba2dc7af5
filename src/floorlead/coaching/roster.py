"""The people and teams coaching records are about, loaded with clear not-found errors."""

from __future__ import annotations

from sqlalchemy.orm import Session

from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Person, Team


def person(session: Session, person_id: int, *, field: str = "person_id") -> Person:
    found = session.get(Person, person_id)
    if found is None:
        raise NotFound(f"no person {person_id}", field=field)
    return found


def active_person(session: Session, person_id: int, *, field: str = "person_id") -> Person:
    found = person(session, person_id, field=field)
    if found.leave_date is not None:
        raise RuleViolation(f"{found.name} has left", field=field)
    return found


def team(session: Session, team_id: int, *, field: str = "team_id") -> Team:
    found = session.get(Team, team_id)
    if found is None:
        raise NotFound(f"no team {team_id}", field=field)
    return found
