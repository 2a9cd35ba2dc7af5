from datetime import date, datetime, timedelta

import pytest
from ticket_world import Floor, events_of

from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.org.tables import PersonSkill, Skill
from floorlead.tickets import assign_ticket, transfer_ticket
from floorlead.tickets.tables import Ticket

from factories import T0, make_person

MINUTE = timedelta(minutes=1)


def test_a_supervisor_assigns_by_hand_and_unassigns(floor: Floor) -> None:
    ticket = floor.ticket()
    sam = floor.actor(floor.sam)

    assigned = assign_ticket(
        floor.session, ticket_id=ticket.id, assignee_id=floor.ben.id, actor=sam, now=T0
    )
    cleared = assign_ticket(
        floor.session, ticket_id=ticket.id, assignee_id=None, actor=sam, now=T0 + MINUTE
    )

    assert (assigned.from_value, assigned.to_value, assigned.data) == (
        "",
        str(floor.ben.id),
        {"strategy": "manual"},
    )
    assert (cleared.from_value, cleared.to_value) == (str(floor.ben.id), "")
    assert floor.session.get(Ticket, ticket.id).assignee_id is None


def test_manual_assignment_refuses_people_who_do_not_take_tickets(floor: Floor) -> None:
    ticket = floor.ticket()
    sam = floor.actor(floor.sam)
    gone = make_person(floor.session, team_id=floor.billing.id, leave_date=date(2026, 1, 1))
    floor.session.commit()

    for person_id in (gone.id, floor.max.id, 999):
        with pytest.raises(RuleViolation) as refused:
            assign_ticket(
                floor.session, ticket_id=ticket.id, assignee_id=person_id, actor=sam, now=T0
            )
        assert refused.value.field == "assignee_id"
    assert len(events_of(floor.session, ticket.id)) == 1


def test_an_agent_may_not_assign_but_a_senior_agent_may(floor: Floor) -> None:
    ticket = floor.ticket()

    with pytest.raises(PermissionDenied):
        assign_ticket(
            floor.session,
            ticket_id=ticket.id,
            assignee_id=floor.ava.id,
            actor=floor.actor(floor.ava),
            now=T0,
        )
    event = assign_ticket(
        floor.session,
        ticket_id=ticket.id,
        assignee_id=floor.ava.id,
        actor=floor.actor(floor.cy),
        now=T0,
    )

    assert event.ticket.assignee_id == floor.ava.id


def test_round_robin_continues_after_the_teams_last_assignee_and_skips_people_off_shift(
    floor: Floor,
) -> None:
    sam = floor.actor(floor.sam)
    tickets = [floor.ticket() for _ in range(4)]
    order = sorted([floor.ava.id, floor.ben.id, floor.cy.id])

    def off_shift_for_middle(person_ids: frozenset[int], now: datetime) -> set[int]:
        assert person_ids == frozenset(order) and now == T0 + 3 * MINUTE
        return {order[0], order[2]}

    picked = [
        assign_ticket(
            floor.session, ticket_id=t.id, strategy="round_robin", actor=sam, now=T0 + i * MINUTE
        ).ticket.assignee_id
        for i, t in enumerate(tickets[:3])
    ]
    fourth = assign_ticket(
        floor.session,
        ticket_id=tickets[3].id,
        strategy="round_robin",
        on_shift=off_shift_for_middle,
        actor=sam,
        now=T0 + 3 * MINUTE,
    )

    assert picked == order
    assert fourth.ticket.assignee_id == order[0]
    assert fourth.data == {"strategy": "round_robin"}


def test_skill_based_assignment_picks_the_least_loaded_qualified_agent(floor: Floor) -> None:
    session = floor.session
    sam = floor.actor(floor.sam)
    german = Skill(name="German")
    session.add(german)
    session.flush()
    session.add_all(
        [
            PersonSkill(person_id=floor.ava.id, skill_id=german.id, level=4),
            PersonSkill(person_id=floor.ben.id, skill_id=german.id, level=2),
        ]
    )
    session.commit()
    busy = floor.ticket()
    assign_ticket(session, ticket_id=busy.id, assignee_id=floor.ava.id, actor=sam, now=T0)
    ticket = floor.ticket(required_skill_id=german.id)

    least_loaded = assign_ticket(
        session, ticket_id=ticket.id, strategy="skill_based", actor=sam, now=T0
    )
    assert least_loaded.ticket.assignee_id == floor.ben.id
    other = floor.ticket(required_skill_id=german.id)
    with pytest.raises(RuleViolation) as nobody:
        assign_ticket(
            session, ticket_id=other.id, strategy="skill_based", min_level=5, actor=sam, now=T0
        )
    assert nobody.value.field == "strategy"
    expert = assign_ticket(
        session, ticket_id=other.id, strategy="skill_based", min_level=3, actor=sam, now=T0
    )
    assert expert.ticket.assignee_id == floor.ava.id


def test_routed_assignment_needs_a_team_and_takes_no_assignee(floor: Floor) -> None:
    ada = floor.actor(floor.ada)
    teamless = floor.ticket(by=floor.ada)

    with pytest.raises(RuleViolation) as no_team:
        assign_ticket(
            floor.session, ticket_id=teamless.id, strategy="round_robin", actor=ada, now=T0
        )
    with pytest.raises(RuleViolation) as both:
        assign_ticket(
            floor.session,
            ticket_id=teamless.id,
            strategy="skill_based",
            assignee_id=floor.ava.id,
            actor=ada,
            now=T0,
        )

    assert (no_team.value.field, both.value.field) == ("team_id", "assignee_id")


def test_a_transfer_moves_the_ticket_and_drops_an_assignee_from_the_old_team(floor: Floor) -> None:
    ticket = floor.ticket()
    sam = floor.actor(floor.sam)
    assign_ticket(floor.session, ticket_id=ticket.id, assignee_id=floor.ava.id, actor=sam, now=T0)

    moved = transfer_ticket(
        floor.session,
        ticket_id=ticket.id,
        team_id=floor.returns.id,
        note="Return label",
        actor=sam,
        now=T0,
    )

    assert (moved.ticket.team_id, moved.ticket.assignee_id) == (floor.returns.id, None)
    kinds = [(e.kind, e.from_value, e.to_value) for e in events_of(floor.session, ticket.id)]
    assert kinds[-2:] == [
        ("transfer", str(floor.billing.id), str(floor.returns.id)),
        ("assigned", str(floor.ava.id), ""),
    ]
    with pytest.raises(PermissionDenied):
        transfer_ticket(
            floor.session, ticket_id=ticket.id, team_id=floor.billing.id, actor=sam, now=T0
        )
    with pytest.raises(RuleViolation) as same:
        transfer_ticket(
            floor.session,
            ticket_id=ticket.id,
            team_id=floor.returns.id,
            actor=floor.actor(floor.sue),
            now=T0,
        )
    assert same.value.field == "team_id"
