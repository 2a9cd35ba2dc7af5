"""1:1s on a real database: plan, notes shared or not, actions, calendar, overdue, permissions."""

from datetime import date, timedelta

import pytest
from coaching_floor import NOW, Floor

from floorlead.coaching import (
    Reason,
    add_action_item,
    coaching_calendar,
    complete_action_item,
    link_reason,
    overdue_actions,
    plan_session,
    session_detail,
    update_session,
)
from floorlead.errors import Conflict, PermissionDenied, RuleViolation

TODAY = NOW.date()


def _one_on_one(floor: Floor, *, days: int = 0, coach: str = "lee", agent: str = "ana"):
    return plan_session(
        floor.session,
        actor=floor.actor(coach),
        agent_id=floor.ids[agent],
        scheduled_at=NOW + timedelta(days=days, hours=2),
        agenda="Refund calls run long",
        reasons=[
            Reason("qa_review", "17", "Missed the refund policy check"),
            Reason("kpi", "average_handle_time", "AHT 20% above the team"),
        ],
        now=NOW,
    )


def test_a_lead_plans_a_1_1_with_the_reasons_that_prompted_it(floor: Floor) -> None:
    row = _one_on_one(floor)

    detail = session_detail(floor.session, actor=floor.actor("lee"), session_id=row.id, today=TODAY)

    assert (detail.agent_name, detail.coach_name, detail.status) == (
        "Ana Agent",
        "Lee Lead",
        "planned",
    )
    assert [(link.kind, link.ref) for link in detail.links] == [
        ("qa_review", "17"),
        ("kpi", "average_handle_time"),
    ]
    assert detail.may_edit


def test_the_agent_reads_the_notes_only_once_they_are_shared(floor: Floor) -> None:
    row = _one_on_one(floor)
    lee = floor.actor("lee")
    update_session(floor.session, actor=lee, session_id=row.id, notes="Practise the close", now=NOW)

    hidden = session_detail(floor.session, actor=floor.actor("ana"), session_id=row.id, today=TODAY)
    update_session(floor.session, actor=lee, session_id=row.id, notes_shared=True, now=NOW)
    shown = session_detail(floor.session, actor=floor.actor("ana"), session_id=row.id, today=TODAY)

    assert hidden.notes is None and hidden.agenda == "Refund calls run long"
    assert shown.notes == "Practise the close"
    assert not shown.may_edit


def test_teammates_agents_and_other_teams_cannot_coach_or_read(floor: Floor) -> None:
    row = _one_on_one(floor)

    with pytest.raises(PermissionDenied):
        session_detail(floor.session, actor=floor.actor("ben"), session_id=row.id, today=TODAY)
    with pytest.raises(PermissionDenied):
        session_detail(floor.session, actor=floor.actor("sue"), session_id=row.id, today=TODAY)
    with pytest.raises(PermissionDenied):
        _one_on_one(floor, coach="ana", agent="ben")
    with pytest.raises(PermissionDenied):
        _one_on_one(floor, coach="sue", agent="ana")
    with pytest.raises(PermissionDenied, match="coach this person"):
        _one_on_one(floor, coach="lee", agent="sam")


def test_action_items_go_overdue_and_their_owner_closes_them(floor: Floor) -> None:
    row = _one_on_one(floor)
    lee = floor.actor("lee")
    late = add_action_item(
        floor.session,
        actor=lee,
        session_id=row.id,
        description="Listen to two model refund calls",
        owner_id=floor.ids["ana"],
        due_on=TODAY - timedelta(days=1),
        now=NOW,
    )
    add_action_item(
        floor.session,
        actor=lee,
        session_id=row.id,
        description="Share the refund checklist",
        owner_id=floor.ids["lee"],
        due_on=TODAY + timedelta(days=3),
        now=NOW,
    )

    seen_by_sam = overdue_actions(floor.session, actor=floor.actor("sam"), today=TODAY)
    seen_by_sue = overdue_actions(floor.session, actor=floor.actor("sue"), today=TODAY)
    complete_action_item(floor.session, actor=floor.actor("ana"), action_id=late.id, now=NOW)
    after = overdue_actions(floor.session, actor=floor.actor("sam"), today=TODAY)

    assert [(i.description, i.owner_name, i.overdue) for i in seen_by_sam] == [
        ("Listen to two model refund calls", "Ana Agent", True)
    ]
    assert seen_by_sue == []
    assert after == []


def test_only_the_owner_or_a_coach_closes_an_action_item(floor: Floor) -> None:
    row = _one_on_one(floor)
    item = add_action_item(
        floor.session,
        actor=floor.actor("lee"),
        session_id=row.id,
        description="Read the refund policy",
        owner_id=floor.ids["ana"],
        due_on=TODAY,
        now=NOW,
    )

    with pytest.raises(PermissionDenied):
        complete_action_item(floor.session, actor=floor.actor("ben"), action_id=item.id, now=NOW)


def test_the_calendar_lists_the_weeks_1_1s_by_day_for_the_coach(floor: Floor) -> None:
    monday = _one_on_one(floor)
    wednesday = _one_on_one(floor, days=2, agent="ben")
    _one_on_one(floor, days=7)  # next week
    _one_on_one(floor, coach="sue", agent="bo")

    calendar = coaching_calendar(
        floor.session, actor=floor.actor("lee"), week_of=date(2026, 3, 4), today=TODAY
    )

    assert calendar.week_start == date(2026, 3, 2)
    assert [[s.id for s in day.sessions] for day in calendar.days] == [
        [monday.id],
        [],
        [wednesday.id],
        [],
        [],
        [],
        [],
    ]


def test_bad_links_and_moves_name_the_field(floor: Floor) -> None:
    row = _one_on_one(floor)
    lee = floor.actor("lee")
    update_session(floor.session, actor=lee, session_id=row.id, status="held", now=NOW)

    with pytest.raises(RuleViolation) as unknown_kind:
        link_reason(floor.session, actor=lee, session_id=row.id, reason=Reason("gut", "x"), now=NOW)
    with pytest.raises(RuleViolation) as unknown_kpi:
        link_reason(
            floor.session, actor=lee, session_id=row.id, reason=Reason("kpi", "speed"), now=NOW
        )
    with pytest.raises(RuleViolation) as not_an_id:
        link_reason(
            floor.session, actor=lee, session_id=row.id, reason=Reason("ticket", "#12"), now=NOW
        )
    with pytest.raises(Conflict):
        update_session(floor.session, actor=lee, session_id=row.id, status="planned", now=NOW)

    assert unknown_kind.value.field == "link.kind"
    assert unknown_kpi.value.field == "link.ref"
    assert not_an_id.value.field == "link.ref"
