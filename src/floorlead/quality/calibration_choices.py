"""What a calibration session may be opened with: recent interactions the facilitator may
review, and the people who may sit on the panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import ROLE_ACTIONS, Action, Actor, require
from floorlead.org.tables import Person, Team
from floorlead.quality.interactions import REVIEWABLE_STATUSES
from floorlead.quality.queries import people_names
from floorlead.tickets.tables import Ticket

CANDIDATES = 40
REVIEWER_ROLES = tuple(
    sorted(role.value for role, actions in ROLE_ACTIONS.items() if Action.REVIEW_QUALITY in actions)
)


@dataclass(frozen=True)
class CandidateInteraction:
    ticket_id: int
    subject: str
    agent_name: str
    team_name: str
    created_at: datetime


def calibration_candidates(
    session: Session, *, actor: Actor, since: datetime, limit: int = CANDIDATES
) -> list[CandidateInteraction]:
    """Solved or closed tickets created since ``since`` in the teams the actor reviews,
    newest first."""
    require(actor, Action.REVIEW_QUALITY, scoped=False)
    query = (
        select(Ticket.id, Ticket.subject, Ticket.assignee_id, Team.name, Ticket.created_at)
        .outerjoin(Team, Team.id == Ticket.team_id)
        .where(
            Ticket.status.in_(REVIEWABLE_STATUSES),
            Ticket.assignee_id.is_not(None),
            Ticket.created_at >= since,
        )
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    if actor.team_ids is not None:
        query = query.where(Ticket.team_id.in_(sorted(actor.team_ids)))
    rows = session.execute(query).all()
    names = people_names(session, [assignee for _, _, assignee, _, _ in rows])
    return [
        CandidateInteraction(
            ticket_id=ticket_id,
            subject=subject,
            agent_name=names.get(assignee, ""),
            team_name=team or "",
            created_at=created_at,
        )
        for ticket_id, subject, assignee, team, created_at in rows
    ]


def calibration_reviewers(session: Session, *, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the active people whose role reviews quality, for the panel."""
    require(actor, Action.REVIEW_QUALITY, scoped=False)
    rows = session.execute(
        select(Person.id, Person.name)
        .where(Person.role.in_(REVIEWER_ROLES), Person.leave_date.is_(None))
        .order_by(Person.name, Person.id)
    ).all()
    return [(pid, name) for pid, name in rows]
