from datetime import timedelta

import pytest
from ticket_world import Floor, events_of

from floorlead.errors import Conflict, RuleViolation
from floorlead.tickets import (
    change_status,
    record_handle_segment,
    record_satisfaction,
    request_help,
    resolve_help,
)

from factories import T0

MINUTE = timedelta(minutes=1)


def test_an_agent_asks_for_help_and_the_supervisor_clears_it(floor: Floor) -> None:
    ticket = floor.ticket()

    asked = request_help(
        floor.session,
        ticket_id=ticket.id,
        note="Refund over my limit",
        actor=floor.actor(floor.ava),
        now=T0,
    )
    with pytest.raises(RuleViolation) as twice:
        request_help(floor.session, ticket_id=ticket.id, actor=floor.actor(floor.ava), now=T0)
    cleared = resolve_help(
        floor.session,
        ticket_id=ticket.id,
        note="Approved",
        actor=floor.actor(floor.sam),
        now=T0 + MINUTE,
    )

    assert (asked.kind, asked.body, asked.actor_id) == (
        "help_requested",
        "Refund over my limit",
        floor.ava.id,
    )
    assert (cleared.kind, cleared.actor_id, cleared.ticket.needs_help) == (
        "help_resolved",
        floor.sam.id,
        False,
    )
    assert twice.value.field == "needs_help"
    with pytest.raises(RuleViolation) as not_asked:
        resolve_help(
            floor.session, ticket_id=ticket.id, actor=floor.actor(floor.sam), now=T0 + MINUTE
        )
    assert not_asked.value.field == "needs_help"


def test_handle_segments_fit_the_channel_and_their_times(floor: Floor) -> None:
    call = floor.ticket(channel="phone", via="customer")
    email = floor.ticket()
    ava = floor.actor(floor.ava)
    now = T0 + 30 * MINUTE

    talk = record_handle_segment(
        floor.session,
        ticket_id=call.id,
        segment_kind="talk",
        start=T0,
        end=T0 + 8 * MINUTE,
        actor=ava,
        now=now,
    )
    cases = [
        ({"ticket_id": email.id, "segment_kind": "talk"}, "segment_kind"),
        ({"ticket_id": call.id, "segment_kind": "work"}, "segment_kind"),
        ({"ticket_id": call.id, "segment_kind": "nap"}, "segment_kind"),
        ({"ticket_id": call.id, "segment_kind": "wrap", "end": T0}, "segment_end"),
        ({"ticket_id": call.id, "segment_kind": "wrap", "start": T0 - MINUTE}, "segment_start"),
        ({"ticket_id": call.id, "segment_kind": "wrap", "end": now + 10 * MINUTE}, "segment_end"),
    ]
    for values, field in cases:
        arguments = {"start": T0 + 8 * MINUTE, "end": T0 + 9 * MINUTE, **values}
        with pytest.raises(RuleViolation) as refused:
            record_handle_segment(floor.session, actor=ava, now=now, **arguments)
        assert refused.value.field == field, values

    assert (talk.segment_kind, talk.segment_start, talk.segment_end) == (
        "talk",
        T0,
        T0 + 8 * MINUTE,
    )
    assert talk.occurred_at == T0 + 8 * MINUTE and talk.actor_id == floor.ava.id
    assert [e.kind for e in events_of(floor.session, call.id)] == ["created", "handle_segment"]


def test_a_ticket_takes_one_csat_and_one_nps_response(floor: Floor) -> None:
    ticket = floor.ticket()
    ava = floor.actor(floor.ava)
    change_status(floor.session, ticket_id=ticket.id, status="solved", actor=ava, now=T0)

    csat = record_satisfaction(
        floor.session,
        ticket_id=ticket.id,
        survey="csat",
        rating=5,
        comment="Quick!",
        actor=ava,
        now=T0 + MINUTE,
    )
    nps = record_satisfaction(
        floor.session, ticket_id=ticket.id, survey="nps", rating=0, actor=ava, now=T0 + MINUTE
    )

    assert (csat.via, csat.actor_id, csat.survey, csat.rating, csat.body) == (
        "customer",
        None,
        "csat",
        5,
        "Quick!",
    )
    assert (nps.survey, nps.rating) == ("nps", 0)
    with pytest.raises(Conflict) as again:
        record_satisfaction(
            floor.session, ticket_id=ticket.id, survey="csat", rating=4, actor=ava, now=T0
        )
    assert again.value.field == "survey"
    for survey, rating in [("csat", 0), ("csat", 6), ("nps", 11)]:
        other = floor.ticket()
        with pytest.raises(RuleViolation) as out_of_scale:
            record_satisfaction(
                floor.session, ticket_id=other.id, survey=survey, rating=rating, actor=ava, now=T0
            )
        assert out_of_scale.value.field == "rating"
