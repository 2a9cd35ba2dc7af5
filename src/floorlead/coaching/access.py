"""Who may see and do what in coaching, on top of :mod:`floorlead.auth.permissions`.

- A person reads their own 1:1s (notes only when shared with them), goals and reviews.
- Coaching someone (1:1s, goals, reviews, and reading them) needs ``COACH`` (team leads and
  above) over the person's team or the person, and a role above theirs: nobody coaches
  themselves or a peer. Admins coach anyone.
- Team meetings and the kudos wall are read by the team's members and whoever covers the team;
  meetings and pulse surveys are run by those who may ``COACH`` the team.
- Pulse answers come from the survey team's members; results go to the team's coaches.
- Conflict notes need ``VIEW_CONFLICT_NOTES``: supervisors, managers and admins. Team leads
  do not see them — a conflict often involves the team lead or their own peers.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true

from floorlead.auth.permissions import Action, Actor, may, require
from floorlead.errors import PermissionDenied
from floorlead.org.model import Role


def may_coach(actor: Actor, *, person_id: int, team_id: int | None, role: str) -> bool:
    """True when ``actor`` may coach (and read the coaching record of) the person."""
    if actor.is_admin:
        return person_id != actor.person_id
    if Role(role).rank >= actor.role.rank:
        return False
    return may(actor, Action.COACH, team_id=team_id, person_id=person_id)


def require_coach(actor: Actor, *, person_id: int, team_id: int | None, role: str) -> None:
    if not may_coach(actor, person_id=person_id, team_id=team_id, role=role):
        if person_id == actor.person_id:
            raise PermissionDenied("nobody coaches themselves", field="agent_id")
        raise PermissionDenied(f"{actor.role.value} may not coach this person", field="agent_id")


def may_read_record(actor: Actor, *, person_id: int, team_id: int | None, role: str) -> bool:
    """The person themself, or one of their coaches."""
    if person_id == actor.person_id:
        return actor.can(Action.VIEW_OWN_COACHING)
    return may_coach(actor, person_id=person_id, team_id=team_id, role=role)


def require_record(actor: Actor, *, person_id: int, team_id: int | None, role: str) -> None:
    if not may_read_record(actor, person_id=person_id, team_id=team_id, role=role):
        raise PermissionDenied(f"{actor.role.value} may not see this coaching record")


def may_run_team(actor: Actor, team_id: int) -> bool:
    """Hold team meetings and pulse surveys, and read pulse results."""
    return may(actor, Action.COACH, team_id=team_id)


def require_team_coach(actor: Actor, team_id: int) -> None:
    require(actor, Action.COACH, team_id=team_id)


def may_see_team(actor: Actor, team_id: int | None) -> bool:
    """Members and whoever covers the team (team meetings, the kudos wall)."""
    return actor.covers_team(team_id)


def require_team_member_view(actor: Actor, team_id: int | None) -> None:
    if not may_see_team(actor, team_id):
        raise PermissionDenied("only the team and its leaders see this", field="team_id")


def may_thank(actor: Actor, *, person_id: int, team_id: int | None) -> bool:
    """Kudos go to a teammate, or to anyone the giver leads; never to oneself."""
    if person_id == actor.person_id:
        return False
    return actor.covers_team(team_id) or (
        actor.person_ids is not None and person_id in actor.person_ids
    )


def require_conflict_access(actor: Actor, team_id: int | None) -> None:
    require(actor, Action.VIEW_CONFLICT_NOTES, team_id=team_id)


def visible_records(
    actor: Actor,
    person_column: ColumnElement[int],
    team_column: ColumnElement[int | None],
    coach_column: ColumnElement[int] | None = None,
) -> ColumnElement[bool]:
    """A WHERE clause keeping the records (of people) ``actor`` may read.

    A coach's scope is their teams and the people they manage; the role rank is checked
    again per row where it matters (:func:`may_read_record`).
    """
    if actor.is_admin:
        return true()
    own = person_column == actor.person_id
    if not actor.can(Action.COACH):
        return own if actor.can(Action.VIEW_OWN_COACHING) else false()
    clauses = [own]
    if coach_column is not None:
        clauses.append(coach_column == actor.person_id)
    if actor.team_ids:
        clauses.append(team_column.in_(sorted(actor.team_ids)))
    if actor.person_ids:
        clauses.append(person_column.in_(sorted(actor.person_ids)))
    return or_(*clauses)
