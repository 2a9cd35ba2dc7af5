"""A small support floor with a contact history for workforce planning tests.

Team "Billing" on the London clock (UTC in March before the clocks change), a supervisor and
agents; phone calls arrive on weekdays in the 09:00 and 09:30 half hours, each talked for
``talk_seconds``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.org.tables import Person, Team
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import make_customer, make_person, make_team

HISTORY_START = datetime(2026, 2, 16, tzinfo=UTC)  # a Monday; two weeks before the week below
WEEK = datetime(2026, 3, 2, tzinfo=UTC)  # the Monday planned (London = UTC in early March)
CALLS_PER_HALF_HOUR = 10
TALK_SECONDS = 180


@dataclass
class Floor:
    team: Team
    lead: Person
    agents: list[Person]

    def actor(self, session: Session) -> Actor:
        return load_actor(session, self.lead.id)


def build_floor(session: Session, *, agents: int = 2, zone: str = "Europe/London") -> Floor:
    team = make_team(session, name="Billing", time_zone=zone)
    lead = make_person(
        session, role="supervisor", team_id=team.id, name="Sam Supervisor", email="sam@example.com"
    )
    team.supervisor_id = lead.id
    people = [
        make_person(session, team_id=team.id, name=f"Agent {n}", email=f"agent.{n}@example.com")
        for n in range(1, agents + 1)
    ]
    session.commit()
    return Floor(team, lead, people)


def add_contact(
    session: Session,
    team: Team,
    arrived: datetime,
    *,
    channel: str = "phone",
    segments: tuple[tuple[str, int, int], ...] = (("talk", 60, TALK_SECONDS),),
    via: str = "customer",
    requester_id: int | None = None,
) -> Ticket:
    """One contact; ``segments`` are (kind, seconds after arrival, length in seconds)."""
    ticket = Ticket(
        subject="Refund not received",
        channel=channel,
        requester_id=requester_id or make_customer(session).id,
        team_id=team.id,
        status="solved",
        created_at=arrived,
        updated_at=arrived,
    )
    session.add(ticket)
    session.flush()
    events = [
        TicketEvent(
            ticket_id=ticket.id,
            kind="created",
            occurred_at=arrived,
            recorded_at=arrived,
            via=via,
            to_value="new",
            data={},
        )
    ]
    for kind, offset, length in segments:
        start = arrived + timedelta(seconds=offset)
        end = start + timedelta(seconds=length)
        events.append(
            TicketEvent(
                ticket_id=ticket.id,
                kind="handle_segment",
                occurred_at=end,
                recorded_at=end,
                segment_kind=kind,
                segment_start=start,
                segment_end=end,
                data={},
            )
        )
    session.add_all(events)
    return ticket


def add_phone_history(
    session: Session, team: Team, *, start: datetime = HISTORY_START, weeks: int = 2
) -> None:
    """Weekday calls: ``CALLS_PER_HALF_HOUR`` in each of 09:00-09:30 and 09:30-10:00."""
    caller = make_customer(session).id
    for day in range(7 * weeks):
        midnight = start + timedelta(days=day)
        if midnight.weekday() >= 5:
            continue
        for half_hour in (0, 1):
            for n in range(CALLS_PER_HALF_HOUR):
                arrived = midnight + timedelta(hours=9, minutes=30 * half_hour + 2 * n)
                add_contact(session, team, arrived, requester_id=caller)
    session.commit()
