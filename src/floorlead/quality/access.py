"""Who may see and do what in quality assurance, on top of :mod:`floorlead.auth.permissions`.

Agents see only reviews of their own interactions; team leads and supervisors those of their
teams' members; managers their org subtree; admins everything. ``actor=None`` is the system
itself (the command line run by the operator, or the demo seeding data): it is not checked.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true

from floorlead.auth.permissions import Action, Actor, may, require


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


def may_see_review(actor: Actor, *, agent_id: int, team_id: int | None) -> bool:
    return may(actor, Action.REVIEW_QUALITY, team_id=team_id, person_id=agent_id) or (
        may(actor, Action.VIEW_OWN_REVIEWS, person_id=agent_id)
    )


def may_review(actor: Actor, *, agent_id: int, team_id: int | None) -> bool:
    return may(actor, Action.REVIEW_QUALITY, team_id=team_id, person_id=agent_id)


def is_reviewer(actor: Actor) -> bool:
    return may(actor, Action.REVIEW_QUALITY, scoped=False)


def visible_reviews(
    actor: Actor, agent_column: ColumnElement[int], team_column: ColumnElement[int | None]
) -> ColumnElement[bool]:
    """A WHERE clause keeping the reviews (or assignments) ``actor`` may see."""
    if actor.is_admin:
        return true()
    own = agent_column == actor.person_id
    if not is_reviewer(actor):
        return own if may(actor, Action.VIEW_OWN_REVIEWS, scoped=False) else false()
    clauses = [own]
    if actor.team_ids:
        clauses.append(team_column.in_(sorted(actor.team_ids)))
    if actor.person_ids:
        clauses.append(agent_column.in_(sorted(actor.person_ids)))
    return or_(*clauses)
