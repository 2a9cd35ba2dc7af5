"""Who sees which figures: the actor's scope applied to the KPI engine's filters.

The metrics engine computes whatever it is asked; this module is the one place the dashboard
and the KPI API narrow a request to the actor's scope. Team leads and up
(``view_team_dashboard``) see the teams they cover (an admin every team); everyone else sees
only their own figures, plus the median of their own team on their scorecard.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from floorlead.auth.permissions import Action, Actor, may, require
from floorlead.errors import PermissionDenied


def scoped_filters(actor: Actor, filters: Mapping[str, Sequence[int | str]]) -> dict[str, list]:
    """``filters`` narrowed to what ``actor`` may see; asking for more is refused (403)."""
    wanted = {name: list(values) for name, values in filters.items() if values}
    if not actor.can(Action.VIEW_TEAM_DASHBOARD):
        if any(agent != actor.person_id for agent in wanted.get("agent", [])):
            raise PermissionDenied("you may only see your own figures", field="agent")
        return {**wanted, "agent": [actor.person_id]}
    if actor.team_ids is None:
        return wanted
    teams = wanted.get("team")
    if teams is None:
        wanted["team"] = sorted(actor.team_ids)
    elif not set(teams) <= actor.team_ids:
        raise PermissionDenied("that team is outside the teams you lead", field="team")
    for agent in wanted.get("agent", []):
        if not isinstance(agent, int) or not actor.covers_person(agent):
            raise PermissionDenied("that person is outside the teams you lead", field="agent")
    return wanted


def team_median_filters(actor: Actor, *, person_id: int, team_id: int | None) -> dict[str, list]:
    """Filters of the team median shown beside one person's scorecard.

    A median is a figure of the whole team, so an agent sees it for their own team; a lead
    sees it for any team they cover.
    """
    require_scorecard(actor, person_id=person_id, team_id=team_id)
    return {"team": [team_id]} if team_id is not None else {"agent": [person_id]}


def require_team_dashboard(actor: Actor) -> None:
    require(actor, Action.VIEW_TEAM_DASHBOARD, scoped=False)


def require_scorecard(actor: Actor, *, person_id: int, team_id: int | None) -> None:
    """Anyone sees their own scorecard; leads and up the scorecards of people they cover."""
    if person_id == actor.person_id:
        return
    if not may(actor, Action.VIEW_TEAM_DASHBOARD, team_id=team_id, person_id=person_id):
        raise PermissionDenied("you may not see that person's scorecard", field="agent")


def visible_teams(actor: Actor, teams: Mapping[int, str]) -> dict[int, str]:
    """The teams a filter may offer the actor."""
    if not actor.can(Action.VIEW_TEAM_DASHBOARD):
        return {}
    if actor.team_ids is None:
        return dict(teams)
    return {tid: name for tid, name in teams.items() if tid in actor.team_ids}
