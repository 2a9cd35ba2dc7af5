"""A small support week whose KPIs are worked out by hand in the tests (docs/metrics.md).

Office hours are Monday to Friday 09:00-17:00 UTC; the "Standard" SLA policy (pausing in
``pending``) targets 60 minutes to the first reply, 120 to the next one and 480 to resolution
on that calendar. Monday 2 March 2026 is ``T0``'s day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from floorlead.metrics.model import Period
from floorlead.tickets.tables import BusinessCalendar, SlaPolicy, SlaTarget, Ticket, TicketEvent

from factories import make_customer, make_person, make_team

WEEK = Period(date(2026, 3, 2), date(2026, 3, 15))
AS_OF = datetime(2026, 3, 16, 0, 0, tzinfo=UTC)
OFFICE = {str(day): [["09:00", "17:00"]] for day in range(5)}


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A UTC instant in March 2026."""
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Story:
    """Writes tickets and their events straight into the operational tables."""

    session: Session
    tickets: dict[str, Ticket] = field(default_factory=dict)

    def ticket(
        self,
        name: str,
        *,
        created: datetime,
        via: str = "customer",
        channel: str = "email",
        body: str = "Where is my refund?",
        data: dict[str, Any] | None = None,
        **values: Any,
    ) -> Ticket:
        defaults: dict[str, Any] = {
            "subject": name,
            "channel": channel,
            "priority": "normal",
            "category": "billing",
            "tags": [],
            "status": "new",
            "requester_id": make_customer(self.session).id,
            "created_at": created,
            "updated_at": created,
        }
        ticket = Ticket(**{**defaults, **values})
        self.session.add(ticket)
        self.session.flush()
        self.tickets[name] = ticket
        self.event(name, "created", created, via=via, body=body, to_value="new", data=data or {})
        return ticket

    def event(self, name: str, kind: str, when: datetime, **values: Any) -> None:
        ticket = self.tickets[name]
        row = {"via": "agent", "data": {}, **values}
        self.session.add(
            TicketEvent(ticket_id=ticket.id, kind=kind, occurred_at=when, recorded_at=when, **row)
        )
        if kind == "status_change":
            ticket.status = values["to_value"]
        if kind == "assigned":
            ticket.assignee_id = int(values["to_value"]) if values["to_value"] else None
        ticket.updated_at = max(ticket.updated_at, when)
        self.session.flush()

    def move(self, name: str, when: datetime, status: str) -> None:
        self.event(
            name, "status_change", when, from_value=self.tickets[name].status, to_value=status
        )

    def segment(self, name: str, agent: int, kind: str, start: datetime, seconds: int) -> None:
        end = start + timedelta(seconds=seconds)
        self.event(
            name,
            "handle_segment",
            end,
            actor_id=agent,
            segment_kind=kind,
            segment_start=start,
            segment_end=end,
        )


def add_office_rules(session: Session) -> None:
    calendar = BusinessCalendar(name="Office", time_zone="UTC", weekly_hours=OFFICE)
    session.add(calendar)
    session.flush()
    policy = SlaPolicy(
        name="Standard",
        position=0,
        calendar_id=calendar.id,
        pause_statuses=["pending"],
        active=True,
        created_at=at(1, 0),
    )
    session.add(policy)
    session.flush()
    for metric, minutes in (("first_reply", 60), ("next_reply", 120), ("resolution", 480)):
        session.add(
            SlaTarget(policy_id=policy.id, priority="normal", metric=metric, minutes=minutes)
        )
    session.flush()


@dataclass(frozen=True)
class Cast:
    team: int
    ada: int
    bo: int
    cy: int
    dee: int
    lee: int
    tickets: dict[str, int]


def build_week(session: Session) -> Cast:
    """Eight tickets, three working agents, one idle agent, one leaver and a team lead."""
    add_office_rules(session)
    team = make_team(session, name="Billing")
    ada, bo, cy = (make_person(session, name=n, team_id=team.id).id for n in ("Ada", "Bo", "Cy"))
    dee = make_person(session, name="Dee", team_id=team.id, leave_date=date(2026, 3, 10)).id
    lee = make_person(session, name="Lee", role="team_lead", team_id=team.id).id
    s = Story(session)
    common = {"team_id": team.id}

    s.ticket("T1", created=at(2, 9), **common)  # quick email, CSAT 5
    s.event("T1", "assigned", at(2, 9, 5), to_value=str(ada), actor_id=lee)
    s.segment("T1", ada, "work", at(2, 9, 20), 600)
    s.event("T1", "public_reply", at(2, 9, 30), actor_id=ada, body="Refunded.")
    s.move("T1", at(2, 9, 31), "solved")
    s.event("T1", "satisfaction", at(2, 10), via="customer", survey="csat", rating=5)

    s.ticket("T2", created=at(6, 16), category="shipping", **common)  # over the weekend, reopened
    s.event("T2", "assigned", at(6, 16, 1), to_value=str(bo), actor_id=lee)
    s.event("T2", "public_reply", at(9, 10), actor_id=bo, body="On its way.")
    s.move("T2", at(9, 10), "open")
    s.move("T2", at(9, 11), "solved")
    s.event("T2", "customer_message", at(9, 12), via="customer", body="Still nothing.")
    s.move("T2", at(9, 12), "open")
    s.event("T2", "public_reply", at(9, 13), actor_id=bo, body="Found it.")
    s.move("T2", at(9, 13, 30), "solved")

    queue = {"wait_seconds": 15.0, "abandoned": False}
    s.ticket("T3", created=at(3, 10), channel="chat", data=queue, **common)
    s.event("T3", "assigned", at(3, 10), to_value=str(ada), actor_id=ada)
    s.segment("T3", ada, "work", at(3, 10), 600)
    s.event("T3", "public_reply", at(3, 10, 1), actor_id=ada, body="Hello!")
    s.move("T3", at(3, 10, 10), "solved")

    s.ticket(
        "T4",
        created=at(3, 11),
        channel="phone",  # abandoned call, still open
        data={"wait_seconds": 40.0, "abandoned": True},
        **common,
    )

    s.ticket(
        "T5",
        created=at(4, 9),
        channel="phone",
        data={"wait_seconds": 30.0, "abandoned": False},
        **common,
    )
    s.event("T5", "assigned", at(4, 9), to_value=str(bo), actor_id=bo)
    s.segment("T5", bo, "talk", at(4, 9, 0, 30), 300)
    s.segment("T5", bo, "hold", at(4, 9, 5, 30), 60)
    s.segment("T5", bo, "talk", at(4, 9, 6, 30), 120)
    s.segment("T5", bo, "wrap", at(4, 9, 8, 30), 180)
    s.move("T5", at(4, 9, 11, 30), "solved")
    s.event("T5", "satisfaction", at(4, 10), via="customer", survey="nps", rating=9)
    s.event("T5", "satisfaction", at(4, 10), via="customer", survey="csat", rating=2)

    s.ticket("T6", created=at(4, 12), channel="web_form", **common)  # paused SLA, still open
    s.event("T6", "assigned", at(4, 12), to_value=str(bo), actor_id=lee)
    s.move("T6", at(4, 12, 30), "pending")
    s.event("T6", "escalation", at(4, 12, 35), from_value="frontline", to_value="senior")
    s.event("T6", "transfer", at(4, 12, 40), from_value=str(team.id), to_value=str(team.id))
    s.event("T6", "customer_message", at(4, 15), via="customer", body="Here is the receipt.")
    s.move("T6", at(4, 15), "open")
    s.event("T6", "public_reply", at(4, 15, 20), actor_id=bo, body="Thanks, checking.")

    s.ticket("T7", created=at(5, 9), via="agent", body="We saw a double charge.", **common)
    s.event("T7", "assigned", at(5, 9), to_value=str(ada), actor_id=ada)
    s.event("T7", "customer_message", at(5, 10), via="customer", body="Yes please fix it.")
    s.event("T7", "public_reply", at(5, 11), actor_id=ada, body="Fixed.")
    s.move("T7", at(5, 11, 30), "solved")

    s.ticket("T8", created=at(5, 14), **common)  # solved without a reply
    s.event("T8", "assigned", at(5, 14), to_value=str(bo), actor_id=bo)
    s.move("T8", at(5, 14, 5), "solved")

    session.commit()
    return Cast(team.id, ada, bo, cy, dee, lee, {n: t.id for n, t in s.tickets.items()})
