"""Permission checks of the careers area (see :mod:`floorlead.auth.permissions`).

Role definitions are read by everyone signed in and changed by managers and admins; hiring is
for supervisors and above, within their teams. ``actor=None`` is the operator at the command
line or a seed, and is not checked.
"""

from __future__ import annotations

from floorlead.auth.permissions import Action, Actor, require


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


def authorise_hiring(actor: Actor | None, team_id: int | None) -> None:
    """Hiring for a team needs ``manage_hiring`` over it; for no team, the action alone."""
    authorise(actor, Action.MANAGE_HIRING, team_id=team_id, scoped=team_id is not None)
