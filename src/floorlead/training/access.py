"""Who may see and change whose training, on top of :mod:`floorlead.auth.permissions`.

Everyone sees their own training, certifications and readiness; team leads and supervisors
those of their teams' members; managers their org subtree; admins everyone's. Changing
someone's training (assigning, recording a certification) needs ``manage_training`` over them.
``actor=None`` is the operator at the command line or a seed: it is not checked.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound
from floorlead.org.tables import Person


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


def get_person(session: Session, person_id: int, *, field: str = "person_id") -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}", field=field)
    return person


def person_to_view(session: Session, actor: Actor | None, person_id: int) -> Person:
    """The person, when ``actor`` may see their training (themself, or someone they lead)."""
    person = get_person(session, person_id)
    authorise(actor, Action.VIEW_TRAINING, person_id=person.id)
    return person


def person_to_manage(session: Session, actor: Actor | None, person_id: int) -> Person:
    person = get_person(session, person_id)
    authorise(actor, Action.MANAGE_TRAINING, team_id=person.team_id, person_id=person.id)
    return person


def visible_people(actor: Actor | None, column: ColumnElement[int]) -> ColumnElement[bool]:
    """A WHERE clause keeping the people whose training ``actor`` may see."""
    if actor is None or actor.is_admin:
        return true()
    return column.in_(sorted({actor.person_id} | set(actor.person_ids or ())))
