import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from ticket_world import Floor, count, events_of

from floorlead.errors import Conflict
from floorlead.storage import make_session_factory
from floorlead.tickets import add_message, update_ticket
from floorlead.tickets.history import one_transaction
from floorlead.tickets.tables import Ticket, TicketEvent

from factories import T0

WRITERS = 4
NOTES_EACH = 5


def test_the_second_of_two_edits_from_the_same_version_gets_a_conflict(
    floor: Floor, engine: Engine
) -> None:
    ticket = floor.ticket()
    first, second = make_session_factory(engine)(), make_session_factory(engine)()
    seen_first = first.get(Ticket, ticket.id).version  # type: ignore[union-attr]
    seen_second = second.get(Ticket, ticket.id).version  # type: ignore[union-attr]
    agent = floor.actor(floor.ava)

    update_ticket(
        first, ticket_id=ticket.id, version=seen_first, subject="Mine", actor=agent, now=T0
    )
    with pytest.raises(Conflict) as conflict:
        update_ticket(
            second, ticket_id=ticket.id, version=seen_second, subject="Theirs", actor=agent, now=T0
        )

    assert conflict.value.field == "version"
    floor.session.expire_all()
    assert floor.session.get(Ticket, ticket.id).subject == "Mine"
    first.close()
    second.close()


def test_a_flush_that_loses_the_race_becomes_a_conflict(floor: Floor, engine: Engine) -> None:
    ticket = floor.ticket()
    stale = make_session_factory(engine)()
    old_copy = stale.get(Ticket, ticket.id)
    assert old_copy is not None
    update_ticket(
        floor.session,
        ticket_id=ticket.id,
        version=1,
        subject="Won",
        actor=floor.actor(floor.ava),
        now=T0,
    )

    @one_transaction
    def rename(session: Session, *, version: int) -> None:
        old_copy.subject = "Lost"
        session.flush()

    with pytest.raises(Conflict) as conflict:
        rename(stale, version=1)

    assert conflict.value.field == "version"
    stale.close()
    floor.session.expire_all()
    assert floor.session.get(Ticket, ticket.id).subject == "Won"


def test_notes_appended_at_the_same_time_are_all_kept(floor: Floor, engine: Engine) -> None:
    ticket = floor.ticket()
    agent = floor.actor(floor.ava)
    sessions = make_session_factory(engine)
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            with sessions() as session:
                start.wait()
                for n in range(NOTES_EACH):
                    add_message(
                        session,
                        ticket_id=ticket.id,
                        kind="internal_note",
                        body=f"writer {writer} note {n}",
                        actor=agent,
                        now=T0 + timedelta(seconds=1),
                    )
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    notes = [e.body for e in events_of(floor.session, ticket.id) if e.kind == "internal_note"]
    assert len(notes) == WRITERS * NOTES_EACH == len(set(notes))
    assert (
        count(floor.session, TicketEvent, TicketEvent.ticket_id == ticket.id)
        == 1 + WRITERS * NOTES_EACH
    )
    assert floor.session.get(Ticket, ticket.id).version == 1 + WRITERS * NOTES_EACH
