"""Names for ids: what pages need to show people and teams referred to by id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.org.model import TICKET_HOLDER_ROLES
from floorlead.org.tables import Person, Team


def person_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def team_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Team.id, Team.name)).all())


def support_people(
    session: Session, team_ids: Iterable[int] | None
) -> list[tuple[int, str, int | None]]:
    """(id, name, team id) of people who take tickets, for assignment pickers."""
    query = select(Person.id, Person.name, Person.team_id).where(
        Person.role.in_([role.value for role in TICKET_HOLDER_ROLES]),
        Person.leave_date.is_(None),
    )
    if team_ids is not None:
        query = query.where(Person.team_id.in_(list(team_ids)))
    return [tuple(row) for row in session.execute(query.order_by(Person.name))]
