from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy.orm import Session
from wfm_floor import add_contact, build_floor

from floorlead.auth.actors import load_actor
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.tickets.tables import TicketEvent
from floorlead.workforce.forecast import InsufficientHistory
from floorlead.workforce.queues import local_floor, queue_for, queue_history, team_queues

from factories import make_team

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday; London is on UTC


def at(minutes: int) -> datetime:
    return NINE + timedelta(minutes=minutes)


def test_volume_counts_the_teams_inbound_contacts_of_the_channel_per_interval(
    session: Session,
) -> None:
    floor = build_floor(session)
    other = make_team(session, name="Technical")
    for minute in (2, 15, 29, 30):
        add_contact(session, floor.team, at(minute))
    add_contact(session, floor.team, at(10), channel="email")
    add_contact(session, other, at(5))
    add_contact(session, floor.team, at(20), via="agent")  # an outbound call is no arrival
    session.commit()
    queue = queue_for(session, actor=floor.actor(session), team_id=floor.team.id, channel="phone")

    history = queue_history(session, queue, start=at(0), end=at(90), interval_minutes=30)

    assert list(history.frame.index) == [at(0), at(30), at(60)]
    assert history.frame["volume"].tolist() == [3, 1, 0]


def test_aht_is_the_handle_time_of_handled_contacts_over_how_many_were_handled(
    session: Session,
) -> None:
    floor = build_floor(session)
    add_contact(session, floor.team, at(2), segments=(("talk", 60, 300), ("wrap", 360, 120)))
    add_contact(
        session,
        floor.team,
        at(15),
        segments=(("talk", 30, 240), ("hold", 270, 60), ("talk", 330, 60), ("wrap", 390, 0)),
    )
    add_contact(session, floor.team, at(29), segments=())  # abandoned: never handled
    session.commit()
    queue = queue_for(session, actor=floor.actor(session), team_id=floor.team.id, channel="phone")

    history = queue_history(session, queue, start=at(0), end=at(60), interval_minutes=30)

    first = history.frame.iloc[0]
    assert (first["volume"], first["handled"]) == (3, 2)
    assert first["aht_seconds"] == pytest.approx((420 + 360) / 2)
    assert np.isnan(history.frame.iloc[1]["aht_seconds"])


def test_a_transferred_contact_counts_for_the_team_it_arrived_in(session: Session) -> None:
    floor = build_floor(session)
    technical = make_team(session, name="Technical")
    ticket = add_contact(session, floor.team, at(5))
    ticket.team_id = technical.id
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind="transfer",
            occurred_at=at(20),
            recorded_at=at(20),
            from_value=str(floor.team.id),
            to_value=str(technical.id),
            data={},
        )
    )
    session.commit()
    actor = floor.actor(session)

    billing = queue_for(session, actor=actor, team_id=floor.team.id, channel="phone")
    counted = queue_history(session, billing, start=at(0), end=at(30), interval_minutes=30)

    assert counted.frame["volume"].tolist() == [1]


def test_intervals_follow_the_teams_local_clock(session: Session) -> None:
    floor = build_floor(session, zone="Asia/Kolkata")  # UTC+05:30
    add_contact(session, floor.team, datetime(2026, 3, 2, 3, 40, tzinfo=UTC))  # 09:10 local
    add_contact(session, floor.team, datetime(2026, 3, 2, 4, 29, tzinfo=UTC))  # 09:59 local
    add_contact(session, floor.team, datetime(2026, 3, 2, 4, 30, tzinfo=UTC))  # 10:00 local
    session.commit()
    queue = queue_for(session, actor=floor.actor(session), team_id=floor.team.id, channel="phone")

    history = queue_history(
        session,
        queue,
        start=datetime(2026, 3, 2, 3, 45, tzinfo=UTC),  # taken to its local hour, 03:30 UTC
        end=datetime(2026, 3, 2, 5, 30, tzinfo=UTC),
        interval_minutes=60,
    )

    assert list(history.frame.index) == [
        datetime(2026, 3, 2, 3, 30, tzinfo=UTC),
        datetime(2026, 3, 2, 4, 30, tzinfo=UTC),
    ]
    assert history.frame["volume"].tolist() == [2, 1]


def test_local_floor_finds_interval_starts_and_local_midnight() -> None:
    moment = datetime(2026, 7, 1, 22, 50, tzinfo=UTC)  # 23:50 in London (summer time)

    assert local_floor(moment, 30, "Europe/London") == datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert local_floor(moment, 24 * 60, "Europe/London") == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)


def test_the_series_for_forecasting_starts_at_the_local_midnight_before_the_first_contact(
    session: Session,
) -> None:
    floor = build_floor(session)
    add_contact(session, floor.team, at(30))
    session.commit()
    queue = queue_for(session, actor=floor.actor(session), team_id=floor.team.id, channel="phone")
    history = queue_history(
        session, queue, start=at(-3 * 24 * 60), end=at(120), interval_minutes=30
    )

    series = history.as_series()

    assert series.volume.index[0] == datetime(2026, 3, 2, tzinfo=UTC)
    assert series.volume.sum() == 1


def test_a_queue_without_contacts_cannot_be_forecast(session: Session) -> None:
    floor = build_floor(session)
    queue = queue_for(session, actor=floor.actor(session), team_id=floor.team.id, channel="chat")
    history = queue_history(session, queue, start=at(0), end=at(60), interval_minutes=30)

    with pytest.raises(InsufficientHistory, match="no contacts"):
        history.as_series()


def test_team_queues_are_the_channels_with_contacts_in_the_window(session: Session) -> None:
    floor = build_floor(session)
    add_contact(session, floor.team, at(0), channel="chat")
    add_contact(session, floor.team, at(0), channel="email")
    add_contact(session, floor.team, at(-7 * 24 * 60), channel="social")  # before the window
    session.commit()

    queues = team_queues(
        session, actor=floor.actor(session), team_id=floor.team.id, since=at(-60), until=at(60)
    )

    assert [q.name for q in queues] == ["Billing/email", "Billing/chat"]


@pytest.mark.parametrize(
    ("channel", "minutes", "field"),
    [("fax", 30, "channel"), ("phone", 20, "interval_minutes")],
)
def test_bad_queue_requests_name_the_field(
    session: Session, channel: str, minutes: int, field: str
) -> None:
    floor = build_floor(session)

    with pytest.raises(RuleViolation) as refused:
        queue = queue_for(
            session, actor=floor.actor(session), team_id=floor.team.id, channel=channel
        )
        queue_history(session, queue, start=at(0), end=at(60), interval_minutes=minutes)

    assert refused.value.field == field


def test_agents_may_not_read_queue_history(session: Session) -> None:
    floor = build_floor(session)

    with pytest.raises(PermissionDenied):
        queue_for(
            session,
            actor=load_actor(session, floor.agents[0].id),
            team_id=floor.team.id,
            channel="phone",
        )
