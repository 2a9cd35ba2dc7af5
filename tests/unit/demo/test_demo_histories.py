"""Every generated ticket history follows the event rules of docs/data-model.md."""

from __future__ import annotations

from demo_samples import END, generate, medium, small

from floorlead.demo import DemoConfig
from floorlead.demo.records import column_values
from floorlead.tickets.model import STATUS_MOVES, EventKind, SegmentKind, Status, Tier, Via

ESCALATION_LEVEL = {tier.value: tier.level for tier in Tier}


def test_the_same_seed_and_end_give_identical_rows() -> None:
    config = DemoConfig(end=END, weeks=1, agents=6, seed=11)

    again = generate(config)

    first = small()
    assert [column_values(t) for t in again.tickets] == [column_values(t) for t in first.tickets]
    assert [column_values(e) for e in again.events] == [column_values(e) for e in first.events]
    assert [column_values(a) for a in again.approvals] == [
        column_values(a) for a in first.approvals
    ]


def test_another_seed_gives_another_history() -> None:
    other = generate(DemoConfig(end=END, weeks=1, agents=6, seed=12))

    assert [t.subject for t in other.tickets[:50]] != [t.subject for t in small().tickets[:50]]


def test_ids_follow_ticket_order_and_event_order() -> None:
    generated = small()

    assert [t.id for t in generated.tickets] == list(range(1, len(generated.tickets) + 1))
    assert [e.id for e in generated.events] == list(range(1, len(generated.events) + 1))
    assert [e.ticket_id for e in generated.events] == sorted(e.ticket_id for e in generated.events)


def test_every_ticket_starts_with_its_created_event() -> None:
    for ticket_id, events in small().events_by_ticket().items():
        assert events[0].kind == EventKind.CREATED, ticket_id
        assert events[0].to_value == Status.NEW
        assert all(e.kind != EventKind.CREATED for e in events[1:])


def test_event_times_never_go_backwards_and_never_pass_the_end() -> None:
    for events in small().events_by_ticket().values():
        moments = [e.occurred_at for e in events]
        assert moments == sorted(moments)
        assert moments[-1] <= END
        assert all(e.recorded_at == e.occurred_at for e in events)


def test_status_changes_follow_the_lifecycle_from_the_previous_status() -> None:
    for events in small().events_by_ticket().values():
        status = Status.NEW
        for event in (e for e in events if e.kind == EventKind.STATUS_CHANGE):
            assert event.from_value == status
            assert Status(event.to_value) in STATUS_MOVES[status]
            status = Status(event.to_value)


def test_ticket_state_is_the_replay_of_its_events() -> None:
    generated = small()
    histories = generated.events_by_ticket()

    for ticket in generated.tickets:
        events = histories[ticket.id]
        statuses = [
            e.to_value for e in events if e.kind in (EventKind.CREATED, EventKind.STATUS_CHANGE)
        ]
        assignees = [e.to_value for e in events if e.kind == EventKind.ASSIGNED]
        reopens = [
            e
            for e in events
            if e.kind == EventKind.STATUS_CHANGE
            and e.from_value == "solved"
            and e.to_value == "open"
        ]
        assert ticket.status == statuses[-1]
        assert ticket.assignee_id == (int(assignees[-1]) if assignees and assignees[-1] else None)
        assert ticket.reopen_count == len(reopens)
        assert ticket.created_at == events[0].occurred_at
        assert ticket.updated_at == events[-1].occurred_at


def test_solved_and_closed_tickets_went_through_a_solve() -> None:
    generated = small()
    histories = generated.events_by_ticket()

    finished = [t for t in generated.tickets if t.status in (Status.SOLVED, Status.CLOSED)]

    assert finished
    for ticket in finished:
        assert any(
            e.kind == EventKind.STATUS_CHANGE and e.to_value == Status.SOLVED
            for e in histories[ticket.id]
        )


def test_handle_segments_have_a_kind_an_agent_and_end_when_recorded() -> None:
    segments = [e for e in small().events if e.kind == EventKind.HANDLE_SEGMENT]

    assert segments
    for segment in segments:
        assert segment.segment_start < segment.segment_end == segment.occurred_at
        assert SegmentKind(segment.segment_kind)
        assert segment.actor_id is not None


def test_calls_are_talk_hold_and_wrap_and_written_work_is_work() -> None:
    generated = small()
    channel = {t.id: t.channel for t in generated.tickets}

    kinds = {
        (channel[e.ticket_id] == "phone", e.segment_kind)
        for e in generated.events
        if e.kind == EventKind.HANDLE_SEGMENT and channel[e.ticket_id] in ("phone", "email")
    }

    assert kinds >= {(True, "talk"), (True, "wrap"), (False, "work")}
    assert (False, "talk") not in kinds


def test_survey_answers_are_within_their_scales() -> None:
    answers = [e for e in small().events if e.kind == EventKind.SATISFACTION]

    assert {e.survey for e in answers} == {"csat", "nps"}
    assert all(1 <= e.rating <= 5 for e in answers if e.survey == "csat")
    assert all(0 <= e.rating <= 10 for e in answers if e.survey == "nps")
    assert all(e.via == Via.CUSTOMER for e in answers)


def test_live_contacts_record_their_wait_and_written_ones_do_not() -> None:
    generated = small()
    channel = {t.id: t.channel for t in generated.tickets}

    for event in (e for e in generated.events if e.kind == EventKind.CREATED):
        if channel[event.ticket_id] in ("phone", "chat"):
            assert event.data["wait_seconds"] >= 0
            assert isinstance(event.data["abandoned"], bool)
        else:
            assert "wait_seconds" not in event.data


def test_escalations_only_ever_raise_the_tier() -> None:
    generated = small()

    for events in generated.events_by_ticket().values():
        tier = Tier.FRONTLINE.value
        for event in (e for e in events if e.kind == EventKind.ESCALATION):
            assert event.from_value == tier
            assert ESCALATION_LEVEL[event.to_value] > ESCALATION_LEVEL[tier]
            assert (event.via == Via.SYSTEM) == ("rule_id" in event.data)
            tier = event.to_value


def test_assignments_and_transfers_say_where_they_came_from() -> None:
    for events in small().events_by_ticket().values():
        assignee = ""
        for event in (e for e in events if e.kind == EventKind.ASSIGNED):
            assert event.from_value == assignee != event.to_value
            assert event.data["strategy"] in ("manual", "round_robin", "skill_based")
            assignee = event.to_value


def test_help_requests_alternate_with_their_resolution() -> None:
    for events in small().events_by_ticket().values():
        kinds = [
            e.kind for e in events if e.kind in (EventKind.HELP_REQUESTED, EventKind.HELP_RESOLVED)
        ]
        assert kinds == [EventKind.HELP_REQUESTED, EventKind.HELP_RESOLVED][: len(kinds)]


def test_the_floor_is_left_busy_at_the_end() -> None:
    tickets = medium().tickets

    unresolved = [t for t in tickets if Status(t.status).is_unresolved]

    assert len(unresolved) >= 20
    assert {t.status for t in unresolved} >= {"new", "open", "pending"}
    assert any(t.escalation_tier != Tier.FRONTLINE for t in unresolved)


def test_overnight_mail_waits_unassigned_until_the_morning() -> None:
    night = generate(DemoConfig(end=END.replace(hour=4), weeks=1, agents=6, seed=11))

    waiting = [t for t in night.tickets if t.assignee_id is None and t.status == Status.NEW]

    assert len(waiting) >= 5
    assert {t.channel for t in waiting} <= {"email", "web_form", "social"}
