from datetime import timedelta

import pytest
from sqlalchemy import select
from ticket_world import Floor, audit_actions, events_of

from floorlead.auth.tables import AuditEntry
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.tickets import (
    apply_escalation_rules,
    assign_ticket,
    change_status,
    create_escalation_rule,
    create_sla_policy,
    escalate_ticket,
    run_escalation_rules,
)
from floorlead.tickets.tables import Ticket

from factories import T0

MINUTE = timedelta(minutes=1)


def test_an_agent_escalates_one_tier_up_with_a_reason(floor: Floor) -> None:
    ticket = floor.ticket()

    event = escalate_ticket(
        floor.session,
        ticket_id=ticket.id,
        reason="Customer asks for a manager",
        actor=floor.actor(floor.ava),
        now=T0,
    )

    assert (event.kind, event.from_value, event.to_value) == ("escalation", "frontline", "senior")
    assert (event.body, event.via, event.actor_id) == (
        "Customer asks for a manager",
        "agent",
        floor.ava.id,
    )
    assert event.ticket.escalation_tier == "senior"


def test_a_bad_escalation_names_the_field_and_changes_nothing(floor: Floor) -> None:
    ticket = floor.ticket()
    ava = floor.actor(floor.ava)
    cases = [
        ({"reason": "  "}, "reason"),
        ({"reason": "x", "to_tier": "frontline"}, "to_tier"),
        ({"reason": "x", "to_tier": "board"}, "to_tier"),
        ({"reason": "x", "to_tier": "department"}, "department_team_id"),
        (
            {"reason": "x", "to_tier": "department", "department_team_id": floor.returns.id},
            "department_team_id",
        ),
        ({"reason": "x", "department_team_id": floor.legal.id}, "department_team_id"),
    ]

    for values, field in cases:
        with pytest.raises(RuleViolation) as refused:
            escalate_ticket(floor.session, ticket_id=ticket.id, actor=ava, now=T0, **values)
        assert refused.value.field == field, values

    assert len(events_of(floor.session, ticket.id)) == 1
    assert floor.session.get(Ticket, ticket.id).escalation_tier == "frontline"


def test_escalating_to_a_department_hands_the_ticket_over(floor: Floor) -> None:
    ticket = floor.ticket()
    sam = floor.actor(floor.sam)
    assign_ticket(floor.session, ticket_id=ticket.id, assignee_id=floor.ava.id, actor=sam, now=T0)

    escalate_ticket(
        floor.session,
        ticket_id=ticket.id,
        reason="Chargeback dispute",
        to_tier="department",
        department_team_id=floor.legal.id,
        actor=sam,
        now=T0 + MINUTE,
    )

    floor.session.refresh(ticket)
    assert (ticket.escalation_tier, ticket.team_id, ticket.assignee_id) == (
        "department",
        floor.legal.id,
        None,
    )
    kinds = [e.kind for e in events_of(floor.session, ticket.id)]
    assert kinds == ["created", "assigned", "escalation", "transfer", "assigned"]
    with pytest.raises(RuleViolation) as top:
        escalate_ticket(
            floor.session,
            ticket_id=ticket.id,
            reason="again",
            actor=floor.actor(floor.ada),
            now=T0 + MINUTE,
        )
    assert top.value.field == "tier"


def test_the_rules_escalate_urgent_unassigned_and_reopened_tickets_once(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    create_escalation_rule(
        floor.session,
        name="Urgent waits",
        condition="urgent_unassigned_for",
        threshold=30,
        target_tier="supervisor",
        actor=sue,
        now=T0,
    )
    create_escalation_rule(
        floor.session,
        name="Bouncing",
        condition="reopened_times",
        threshold=1,
        target_tier="senior",
        actor=sue,
        now=T0,
    )
    urgent = floor.ticket(priority="urgent")
    calm = floor.ticket()
    reopened = floor.ticket()
    ava = floor.actor(floor.ava)
    for status in ("solved", "open"):
        change_status(floor.session, ticket_id=reopened.id, status=status, actor=ava, now=T0)
    solved = floor.ticket(priority="urgent")
    change_status(floor.session, ticket_id=solved.id, status="solved", actor=ava, now=T0)

    too_early = apply_escalation_rules(floor.session, now=T0 + 29 * MINUTE)
    decisions = apply_escalation_rules(floor.session, now=T0 + 30 * MINUTE)
    again = apply_escalation_rules(floor.session, now=T0 + 31 * MINUTE)

    assert [(d.ticket_id, d.to_tier) for d in too_early] == [(reopened.id, "senior")]
    assert [(d.ticket_id, d.from_tier, d.to_tier) for d in decisions] == [
        (urgent.id, "frontline", "supervisor")
    ]
    assert again == []
    floor.session.expire_all()
    assert floor.session.get(Ticket, calm.id).escalation_tier == "frontline"
    assert floor.session.get(Ticket, solved.id).escalation_tier == "frontline"
    last = events_of(floor.session, urgent.id)[-1]
    assert (last.kind, last.via, last.actor_id, last.data) == (
        "escalation",
        "system",
        None,
        {"rule_id": decisions[0].rule_id},
    )
    assert "Urgent waits" in last.body
    system = floor.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "ticket.escalation")
    )
    assert [entry.actor_id for entry in system] == [None, None]


def test_a_rule_escalates_a_ticket_close_to_its_resolution_target(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    create_sla_policy(
        floor.session, name="Standard", targets=[("normal", "resolution", 120)], actor=sue, now=T0
    )
    create_escalation_rule(
        floor.session,
        name="Nearly late",
        condition="resolution_breach_within",
        threshold=30,
        target_tier="senior",
        actor=sue,
        now=T0,
    )
    ticket = floor.ticket()

    assert apply_escalation_rules(floor.session, now=T0 + 89 * MINUTE) == []
    [decision] = apply_escalation_rules(floor.session, now=T0 + 90 * MINUTE)

    assert decision.ticket_id == ticket.id and "resolution due in 30 min" in decision.reason


def test_running_the_rules_on_request_needs_the_service_rules_permission(floor: Floor) -> None:
    with pytest.raises(PermissionDenied):
        run_escalation_rules(floor.session, actor=floor.actor(floor.ava), now=T0)

    assert run_escalation_rules(floor.session, actor=floor.actor(floor.sam), now=T0) == []
    assert audit_actions(floor.session) == []
