"""The read side of teams: every team, one team with its members' load, the skill catalogue.

Team names and supervisors are not private: everyone sees the list. A team's members and
their load are for those whose scope includes the team.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import NotFound
from floorlead.org.model import Role, TeamKind
from floorlead.org.queries import is_active
from floorlead.org.schemas import SkillPublic, TeamDetail, TeamMember, TeamPublic
from floorlead.org.tables import Person, Skill, Team
from floorlead.tickets.model import Status
from floorlead.tickets.tables import Ticket

UNRESOLVED = [status.value for status in Status if status.is_unresolved]


def _team_public(team: Team, member_count: int, supervisor_name: str | None) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": team.name,
        "kind": TeamKind(team.kind),
        "description": team.description,
        "supervisor_id": team.supervisor_id,
        "supervisor_name": supervisor_name,
        "time_zone": team.time_zone,
        "member_count": member_count,
    }


def list_teams(session: Session, *, actor: Actor, today: date) -> list[TeamPublic]:
    """Every team (names and supervisors are not private), by name."""
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    counts = dict(
        session.execute(
            select(Person.team_id, func.count()).where(is_active(today)).group_by(Person.team_id)
        ).all()
    )
    supervisors = select(Person.id, Person.name).where(Person.id.in_(select(Team.supervisor_id)))
    names = dict(session.execute(supervisors).all())
    teams = session.scalars(select(Team).order_by(Team.name)).all()
    return [
        TeamPublic(**_team_public(t, counts.get(t.id, 0), names.get(t.supervisor_id or 0)))
        for t in teams
    ]


def open_ticket_load(session: Session, person_ids: Sequence[int]) -> dict[int, int]:
    """Unresolved tickets assigned to each person (people with none are left out)."""
    rows = session.execute(
        select(Ticket.assignee_id, func.count())
        .where(Ticket.assignee_id.in_(person_ids), Ticket.status.in_(UNRESOLVED))
        .group_by(Ticket.assignee_id)
    )
    return {pid: count for pid, count in rows if pid is not None}


def team_detail(session: Session, *, actor: Actor, team_id: int, today: date) -> TeamDetail:
    """The team with its active members and each one's open-ticket load.

    ``open_tickets`` counts the team's unresolved tickets, assigned or not.
    """
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team with id {team_id}", field="team_id")
    require(actor, Action.VIEW_PEOPLE, team_id=team.id)
    members = session.scalars(
        select(Person).where(Person.team_id == team.id, is_active(today)).order_by(Person.name)
    ).all()
    load = open_ticket_load(session, [m.id for m in members])
    queue = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.team_id == team.id, Ticket.status.in_(UNRESOLVED))
    )
    supervisor = session.get(Person, team.supervisor_id) if team.supervisor_id else None
    return TeamDetail(
        **_team_public(team, len(members), supervisor.name if supervisor else None),
        members=[
            TeamMember(id=m.id, name=m.name, role=Role(m.role), open_tickets=load.get(m.id, 0))
            for m in members
        ],
        open_tickets=queue or 0,
    )


def list_skills(session: Session, *, actor: Actor) -> list[SkillPublic]:
    require(actor, Action.VIEW_PEOPLE, scoped=False)
    skills = session.scalars(select(Skill).order_by(Skill.name)).all()
    return [SkillPublic.model_validate(skill) for skill in skills]
