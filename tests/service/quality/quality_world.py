"""A small support floor for quality tests: two teams, their leads, agents and tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.org.tables import Person, Team
from floorlead.quality.schemas import AnswerIn, ReviewCreate
from floorlead.quality.service import seed_default_scorecard
from floorlead.quality.tables import QaScorecard
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import make_person, make_team, make_ticket

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)  # the fixtures' "now" is 09:00 that day
NOW = MONDAY + timedelta(days=7, hours=9)  # reviews happen the week after

# The worked example of docs/quality/guide.md: 77.5 %.
GOOD_ANSWERS = {
    "verified_identity": "na",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "empathy": "5",
    "clarity": "4",
    "greeting": "yes",
}


@dataclass
class Floor:
    billing: Team
    returns: Team
    admin: Person
    manager: Person
    lead: Person  # supervises Billing
    second_lead: Person  # a team lead in Billing too
    returns_lead: Person
    ana: Person
    ben: Person
    cid: Person  # an agent in Returns
    scorecard: QaScorecard

    def actor(self, session: Session, person: Person) -> Actor:
        return load_actor(session, person.id)


def build_floor(session: Session) -> Floor:
    admin = make_person(session, role="admin", name="Ada Admin", email="ada@example.com")
    manager = make_person(session, role="manager", name="Max Manager", email="max@example.com")
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    lead = make_person(
        session,
        role="supervisor",
        name="Sam Supervisor",
        email="sam@example.com",
        team_id=billing.id,
        manager_id=manager.id,
    )
    second = make_person(
        session, role="team_lead", name="Tess Lead", email="tess@example.com", team_id=billing.id
    )
    returns_lead = make_person(
        session, role="team_lead", name="Rita Lead", email="rita@example.com", team_id=returns.id
    )
    billing.supervisor_id, returns.supervisor_id = lead.id, returns_lead.id
    ana = make_person(
        session, name="Ana Agent", email="ana@example.com", team_id=billing.id, manager_id=lead.id
    )
    ben = make_person(
        session, name="Ben Agent", email="ben@example.com", team_id=billing.id, manager_id=lead.id
    )
    cid = make_person(session, name="Cid Agent", email="cid@example.com", team_id=returns.id)
    session.commit()
    scorecard = seed_default_scorecard(session, MONDAY)
    return Floor(
        billing, returns, admin, manager, lead, second, returns_lead, ana, ben, cid, scorecard
    )


def add_event(session: Session, ticket: Ticket, kind: str, **values: Any) -> None:
    at = values.pop("occurred_at", ticket.created_at + timedelta(minutes=30))
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind=kind,
            occurred_at=at,
            recorded_at=at,
            via=values.pop("via", "agent"),
            data={},
            **values,
        )
    )
    session.flush()


def handled_ticket(
    session: Session,
    agent: Person,
    *,
    day: int = 0,
    channel: str = "email",
    status: str = "solved",
    **overrides: Any,
) -> Ticket:
    """A ticket the agent handled, created on day ``day`` (0 = Monday) of the test week."""
    values: dict[str, Any] = {"created_at": MONDAY + timedelta(days=day, hours=10)}
    values.update(overrides)
    ticket = make_ticket(
        session,
        assignee_id=agent.id,
        team_id=agent.team_id,
        channel=channel,
        status=status,
        **values,
    )
    add_event(session, ticket, "public_reply", actor_id=agent.id, body="Happy to help.")
    return ticket


def answers(values: dict[str, str] | None = None, **changes: str) -> dict[str, AnswerIn]:
    chosen = {**(values or GOOD_ANSWERS), **changes}
    return {key: AnswerIn(value=value) for key, value in chosen.items()}


def review_input(floor: Floor, ticket: Ticket, **changes: str) -> ReviewCreate:
    return ReviewCreate(
        scorecard_id=floor.scorecard.id,
        ticket_id=ticket.id,
        answers=answers(**changes),
        strengths="Warm and clear.",
        improvements="Confirm next steps.",
    )
