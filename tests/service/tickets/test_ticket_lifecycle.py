from datetime import timedelta

import pytest
from sqlalchemy import delete
from ticket_world import Floor, audit_actions, count, events_of

from floorlead.errors import Conflict, RuleViolation
from floorlead.tickets import (
    AppendOnlyHistory,
    add_message,
    change_priority,
    change_status,
    update_ticket,
)
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import T0

MINUTE = timedelta(minutes=1)


def test_a_ticket_moves_through_its_lifecycle_and_a_reopen_is_counted(floor: Floor) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)
    moves = ["open", "pending", "solved", "open", "solved", "closed"]

    for i, status in enumerate(moves, start=1):
        change_status(
            floor.session, ticket_id=ticket.id, status=status, actor=agent, now=T0 + i * MINUTE
        )

    floor.session.refresh(ticket)
    assert (ticket.status, ticket.reopen_count, ticket.version) == ("closed", 1, 7)
    changes = [(e.from_value, e.to_value) for e in events_of(floor.session, ticket.id)[1:]]
    assert changes == list(zip(["new", *moves[:-1]], moves, strict=True))
    assert audit_actions(floor.session)[-6:] == ["ticket.status_change"] * 6


def test_a_move_outside_the_lifecycle_is_refused_and_writes_nothing(floor: Floor) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)
    change_status(floor.session, ticket_id=ticket.id, status="open", actor=agent, now=T0)

    def written() -> tuple[int, int, int]:
        floor.session.expire_all()
        version = floor.session.get(Ticket, ticket.id).version
        return count(floor.session, TicketEvent), version, len(audit_actions(floor.session))

    before = written()
    for status, message in [
        ("closed", "is open and cannot become closed"),
        ("open", "already open"),
        ("archived", "status must be one of"),
    ]:
        with pytest.raises(RuleViolation, match=message) as error:
            change_status(floor.session, ticket_id=ticket.id, status=status, actor=agent, now=T0)
        assert error.value.field == "status"

    assert written() == before


def test_a_closed_ticket_refuses_reopening_and_replies_but_takes_notes(floor: Floor) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)
    for status in ("solved", "closed"):
        change_status(floor.session, ticket_id=ticket.id, status=status, actor=agent, now=T0)
    events = count(floor.session, TicketEvent)

    with pytest.raises(RuleViolation, match="cannot become open"):
        change_status(floor.session, ticket_id=ticket.id, status="open", actor=agent, now=T0)
    with pytest.raises(RuleViolation, match="closed"):
        add_message(
            floor.session, ticket_id=ticket.id, kind="public_reply", body="Hi", actor=agent, now=T0
        )
    note = add_message(
        floor.session, ticket_id=ticket.id, kind="internal_note", body="QA", actor=agent, now=T0
    )

    assert note.kind == "internal_note" and count(floor.session, TicketEvent) == events + 1


def test_the_first_reply_opens_the_ticket_and_a_customer_answer_puts_it_back_to_work(
    floor: Floor,
) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)

    def say(kind: str, minute: int) -> None:
        add_message(
            floor.session,
            ticket_id=ticket.id,
            kind=kind,
            body=f"{kind} at {minute}",
            actor=agent,
            now=T0 + minute * MINUTE,
        )

    say("public_reply", 5)
    change_status(
        floor.session, ticket_id=ticket.id, status="pending", actor=agent, now=T0 + 6 * MINUTE
    )
    say("customer_message", 30)
    change_status(
        floor.session, ticket_id=ticket.id, status="solved", actor=agent, now=T0 + 40 * MINUTE
    )
    say("customer_message", 50)

    floor.session.refresh(ticket)
    assert (ticket.status, ticket.reopen_count) == ("open", 1)
    timeline = [
        (e.kind, e.via, e.actor_id, e.to_value) for e in events_of(floor.session, ticket.id)
    ]
    assert timeline == [
        ("created", "agent", floor.ava.id, "new"),
        ("public_reply", "agent", floor.ava.id, None),
        ("status_change", "agent", floor.ava.id, "open"),
        ("status_change", "agent", floor.ava.id, "pending"),
        ("customer_message", "customer", None, None),
        ("status_change", "customer", None, "open"),
        ("status_change", "agent", floor.ava.id, "solved"),
        ("customer_message", "customer", None, None),
        ("status_change", "customer", None, "open"),
    ]


def test_a_priority_change_is_recorded_from_and_to(floor: Floor) -> None:
    ticket = floor.ticket()

    event = change_priority(
        floor.session, ticket_id=ticket.id, priority="urgent", actor=floor.actor(floor.ava), now=T0
    )

    assert (event.kind, event.from_value, event.to_value) == ("priority_change", "normal", "urgent")
    assert event.ticket.priority == "urgent"
    with pytest.raises(RuleViolation) as same:
        change_priority(
            floor.session,
            ticket_id=ticket.id,
            priority="urgent",
            actor=floor.actor(floor.ava),
            now=T0,
        )
    assert same.value.field == "priority"


def test_historical_events_must_follow_the_ticket_and_its_latest_event(floor: Floor) -> None:
    ticket = floor.ticket(occurred_at=T0 - timedelta(hours=5), now=T0)
    agent = floor.actor(floor.ava)
    note = {"ticket_id": ticket.id, "kind": "internal_note", "body": "n", "actor": agent, "now": T0}
    add_message(floor.session, **note, occurred_at=T0 - timedelta(hours=2))

    for when in (T0 - timedelta(hours=6), T0 - timedelta(hours=3), T0 + timedelta(hours=1)):
        with pytest.raises(RuleViolation) as refused:
            add_message(floor.session, **note, occurred_at=when)
        assert refused.value.field == "occurred_at"
    later = add_message(floor.session, **note, occurred_at=T0 - timedelta(hours=1))

    assert later.occurred_at == T0 - timedelta(hours=1) and later.recorded_at == T0
    assert later.ticket.updated_at == T0 - timedelta(hours=1)


def test_editing_a_ticket_needs_the_version_last_seen(floor: Floor) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)

    edited = update_ticket(
        floor.session,
        ticket_id=ticket.id,
        version=1,
        subject="Refund still not received",
        priority="high",
        status="open",
        tags=["VIP"],
        actor=agent,
        now=T0 + MINUTE,
    )

    assert (edited.subject, edited.priority, edited.status, edited.tags) == (
        "Refund still not received",
        "high",
        "open",
        ["vip"],
    )
    assert edited.version == 2
    kinds = [e.kind for e in events_of(floor.session, ticket.id)]
    assert kinds == ["created", "priority_change", "status_change"]
    with pytest.raises(Conflict) as stale:
        update_ticket(
            floor.session, ticket_id=ticket.id, version=1, subject="Lost", actor=agent, now=T0
        )
    assert stale.value.field == "version"
    assert floor.session.get(Ticket, ticket.id).subject == "Refund still not received"


def test_ticket_events_cannot_be_rewritten_or_deleted(floor: Floor) -> None:
    ticket = floor.ticket()
    [created] = events_of(floor.session, ticket.id)

    created.body = "rewritten"
    with pytest.raises(AppendOnlyHistory):
        floor.session.flush()
    floor.session.rollback()
    floor.session.delete(floor.session.get(TicketEvent, created.id))
    with pytest.raises(AppendOnlyHistory):
        floor.session.flush()
    floor.session.rollback()
    with pytest.raises(AppendOnlyHistory):
        floor.session.execute(delete(TicketEvent).where(TicketEvent.id == created.id))
    floor.session.rollback()

    assert events_of(floor.session, ticket.id)[0].body == ticket.description
