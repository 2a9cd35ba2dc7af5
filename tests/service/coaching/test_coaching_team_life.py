"""Team life: the kudos wall, meetings, anonymous pulse surveys and guarded conflict notes."""

from datetime import date, timedelta

import pytest
from coaching_floor import NOW, Floor
from sqlalchemy import select

from floorlead.coaching import (
    answer_pulse_survey,
    conflict_parties,
    conflicts_page,
    give_kudos,
    hold_meeting,
    kudos_wall,
    meeting_detail,
    open_pulse_survey,
    plan_meeting,
    pulse_results,
    record_conflict,
    record_meeting,
    resolve_conflict,
    team_meetings,
)
from floorlead.coaching.tables import PulseResponse
from floorlead.errors import Conflict, PermissionDenied, RuleViolation


def test_kudos_from_a_teammate_appear_on_the_team_wall(floor: Floor) -> None:
    give_kudos(
        floor.session,
        actor=floor.actor("ben"),
        recipient_id=floor.ids["ana"],
        message="Saved my angry caller",
        now=NOW,
    )
    give_kudos(
        floor.session,
        actor=floor.actor("sam"),
        recipient_id=floor.ids["ben"],
        message="Cleared the backlog",
        now=NOW + timedelta(hours=1),
    )

    wall = kudos_wall(floor.session, actor=floor.actor("ana"), team_id=floor.ids["billing"])

    assert [(k.giver_name, k.recipient_name, k.message) for k in wall] == [
        ("Sam Supervisor", "Ben Agent", "Cleared the backlog"),
        ("Ben Agent", "Ana Agent", "Saved my angry caller"),
    ]
    with pytest.raises(PermissionDenied):
        kudos_wall(floor.session, actor=floor.actor("bo"), team_id=floor.ids["billing"])


def test_kudos_go_to_a_teammate_never_to_oneself_or_another_team(floor: Floor) -> None:
    ana = floor.actor("ana")

    with pytest.raises(PermissionDenied, match="someone else"):
        give_kudos(floor.session, actor=ana, recipient_id=ana.person_id, message="Me!", now=NOW)
    with pytest.raises(PermissionDenied, match="teammate"):
        give_kudos(floor.session, actor=ana, recipient_id=floor.ids["bo"], message="Hi", now=NOW)
    with pytest.raises(RuleViolation) as empty:
        give_kudos(floor.session, actor=ana, recipient_id=floor.ids["ben"], message=" ", now=NOW)
    assert empty.value.field == "message"


def test_a_meeting_records_notes_decisions_and_who_attended(floor: Floor) -> None:
    meeting = plan_meeting(
        floor.session,
        actor=floor.actor("lee"),
        team_id=floor.ids["billing"],
        kind="briefing",
        title="Monday briefing",
        held_at=NOW,
        agenda="Refund backlog",
        now=NOW,
    )

    record_meeting(
        floor.session,
        actor=floor.actor("lee"),
        meeting_id=meeting.id,
        notes="Backlog at 140",
        decisions=["Ana takes refunds first", "Overtime on Thursday"],
        attendance={floor.ids["ana"]: True, floor.ids["ben"]: False},
        now=NOW,
    )
    shown = meeting_detail(floor.session, actor=floor.actor("ana"), meeting_id=meeting.id)

    assert shown.decisions == ["Ana takes refunds first", "Overtime on Thursday"]
    assert [(p.name, p.present) for p in shown.attendance] == [
        ("Ana Agent", True),
        ("Ben Agent", False),
    ]
    with pytest.raises(PermissionDenied):
        record_meeting(
            floor.session,
            actor=floor.actor("ana"),
            meeting_id=meeting.id,
            notes="",
            decisions=[],
            attendance={},
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        meeting_detail(floor.session, actor=floor.actor("bo"), meeting_id=meeting.id)


def _survey(floor: Floor):
    return open_pulse_survey(
        floor.session,
        actor=floor.actor("sam"),
        team_id=floor.ids["billing"],
        question="Would you recommend Billing as a place to work?",
        closes_at=NOW + timedelta(days=7),
        now=NOW,
    )


def test_pulse_results_appear_from_three_answers_with_the_enps(floor: Floor) -> None:
    survey = _survey(floor)
    sam = floor.actor("sam")
    answer_pulse_survey(
        floor.session,
        actor=floor.actor("ana"),
        survey_id=survey.id,
        score=10,
        comment="Good team",
        now=NOW,
    )
    answer_pulse_survey(
        floor.session, actor=floor.actor("ben"), survey_id=survey.id, score=4, now=NOW
    )

    two = pulse_results(floor.session, actor=sam, survey_id=survey.id)
    answer_pulse_survey(
        floor.session, actor=floor.actor("lee"), survey_id=survey.id, score=8, now=NOW
    )
    three = pulse_results(floor.session, actor=sam, survey_id=survey.id)

    assert (two.responses, two.shown, two.enps, two.comments) == (2, False, None, [])
    assert (three.promoters, three.passives, three.detractors) == (1, 1, 1)
    assert three.enps == pytest.approx(0.0)
    assert three.comments == ["Good team"]


def test_pulse_answers_are_anonymous_once_per_member_and_only_while_open(floor: Floor) -> None:
    survey = _survey(floor)
    ana = floor.actor("ana")
    answer_pulse_survey(floor.session, actor=ana, survey_id=survey.id, score=9, now=NOW)

    with pytest.raises(Conflict):
        answer_pulse_survey(floor.session, actor=ana, survey_id=survey.id, score=3, now=NOW)
    with pytest.raises(PermissionDenied):
        answer_pulse_survey(
            floor.session, actor=floor.actor("bo"), survey_id=survey.id, score=3, now=NOW
        )
    with pytest.raises(RuleViolation, match="not open"):
        answer_pulse_survey(
            floor.session,
            actor=floor.actor("ben"),
            survey_id=survey.id,
            score=3,
            now=NOW + timedelta(days=8),
        )
    with pytest.raises(PermissionDenied):
        pulse_results(floor.session, actor=ana, survey_id=survey.id)
    columns = set(PulseResponse.__table__.columns.keys())  # type: ignore[attr-defined]
    assert columns == {"id", "survey_id", "score", "comment"}
    assert floor.session.scalars(select(PulseResponse.score)).all() == [9]


def _conflict(floor: Floor, who: str = "sam"):
    return record_conflict(
        floor.session,
        actor=floor.actor(who),
        party_ids=[floor.ids["ana"], floor.ids["ben"]],
        occurred_on=date(2026, 2, 27),
        summary="Argument over shift swaps",
        now=NOW,
    )


def test_conflict_notes_are_for_supervisors_and_above_never_agents_or_team_leads(
    floor: Floor,
) -> None:
    note = _conflict(floor)
    resolve_conflict(
        floor.session,
        actor=floor.actor("sam"),
        note_id=note.id,
        outcome="Swap rota agreed",
        now=NOW,
    )

    for reader in ("sam", "max", "ada"):
        [seen] = conflicts_page(floor.session, actor=floor.actor(reader))
        assert (seen.status, seen.outcome) == ("resolved", "Swap rota agreed")
        assert [p.name for p in seen.parties] == ["Ana Agent", "Ben Agent"]
    for refused in ("ana", "lee"):
        with pytest.raises(PermissionDenied):
            conflicts_page(floor.session, actor=floor.actor(refused))
        with pytest.raises(PermissionDenied):
            _conflict(floor, who=refused)
    assert conflicts_page(floor.session, actor=floor.actor("sue")) == []
    with pytest.raises(PermissionDenied):
        conflicts_page(floor.session, actor=floor.actor("sue"), team_id=floor.ids["billing"])


def test_a_meeting_already_held_is_saved_whole_or_not_at_all(floor: Floor) -> None:
    lee = floor.actor("lee")
    values: dict = {
        "team_id": floor.ids["billing"],
        "title": "Friday wrap-up",
        "held_at": NOW,
        "agenda": "The week",
        "notes": "Good week",
        "now": NOW,
    }

    held = hold_meeting(
        floor.session,
        actor=lee,
        decisions=["Keep the refund rota"],
        attendance={floor.ids["ana"]: True, floor.ids["ben"]: False},
        **values,
    )
    with pytest.raises(RuleViolation) as blank:
        hold_meeting(floor.session, actor=lee, decisions=["Fine", " "], **values)
    floor.session.rollback()
    listed = team_meetings(floor.session, actor=floor.actor("ben"), team_id=floor.ids["billing"])

    assert blank.value.field == "decisions"
    assert [(m.id, m.notes, m.decisions) for m in listed] == [
        (held.id, "Good week", ["Keep the refund rota"])
    ]
    assert [(p.name, p.present) for p in listed[0].attendance] == [
        ("Ana Agent", True),
        ("Ben Agent", False),
    ]
    with pytest.raises(PermissionDenied):
        hold_meeting(floor.session, actor=floor.actor("ana"), **values)


def test_conflict_notes_may_name_the_people_of_the_writers_teams(floor: Floor) -> None:
    sam = conflict_parties(floor.session, actor=floor.actor("sam"))
    sue = conflict_parties(floor.session, actor=floor.actor("sue"))

    assert [name for _, name in sam] == ["Ana Agent", "Ben Agent", "Lee Lead", "Sam Supervisor"]
    assert [name for _, name in sue] == ["Bo Agent", "Sue Supervisor"]
    assert len(conflict_parties(floor.session, actor=floor.actor("ada"))) == 8
    for refused in ("ana", "lee"):
        with pytest.raises(PermissionDenied):
            conflict_parties(floor.session, actor=floor.actor(refused))
