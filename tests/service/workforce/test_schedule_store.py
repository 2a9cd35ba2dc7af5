from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.workforce.reports import payroll_csv, payroll_hours, team_adherence
from floorlead.workforce.schedules import (
    PlannedShift,
    ScheduleQuality,
    add_time_off,
    coverage,
    get_schedule,
    on_shift,
    publish_schedule,
    save_schedule,
    swap_shifts,
)
from floorlead.workforce.states import record_agent_state

from factories import make_person, make_team

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def _floor(session: Session):
    team = make_team(session, name="Billing")
    lead = make_person(session, role="supervisor", team_id=team.id, email="lead@example.com")
    team.supervisor_id = lead.id
    ana = make_person(session, team_id=team.id, name="Ana", manager_id=lead.id)
    ben = make_person(session, team_id=team.id, name="Ben", manager_id=lead.id)
    session.commit()
    return team, load_actor(session, lead.id), ana, ben


def _week(session: Session, team, lead):
    shifts = [
        PlannedShift(ana_id, at(9), at(13), (("break", at(11), at(11, 15)),))
        for ana_id in [_floor_ids(session, team)[0]]
    ]
    shifts.append(PlannedShift(_floor_ids(session, team)[1], at(11), at(15)))
    requirements = [(at(9) + timedelta(minutes=30 * i), 1.0) for i in range(12)]
    return save_schedule(
        session,
        actor=lead,
        team_id=team.id,
        week_start=MONDAY,
        interval_minutes=30,
        shifts=shifts,
        requirements=requirements,
        quality=ScheduleQuality(objective=3.0, lower_bound=3.0),
        now=MONDAY,
    )


def _floor_ids(session: Session, team) -> list[int]:
    return sorted(p.id for p in team.members if p.role == "agent")


def test_coverage_counts_working_agents_per_interval_and_not_breaks(session: Session) -> None:
    team, lead, _ana, _ben = _floor(session)

    schedule = _week(session, team, lead)
    slots = coverage(get_schedule(session, actor=lead, schedule_id=schedule.id))

    by_start = {s.interval_start: s.scheduled for s in slots}
    assert by_start[at(9)] == 1  # Ana alone
    assert by_start[at(11)] == 1.5  # Ana on a 15-minute break half the slot, Ben working
    assert by_start[at(12)] == 2
    assert by_start[at(14, 30)] == 1  # Ben only
    assert [s.gap for s in slots if s.interval_start == at(13)] == [0]


def test_time_off_removes_the_overlapping_shift(session: Session) -> None:
    team, lead, ana, _ben = _floor(session)
    schedule = _week(session, team, lead)

    add_time_off(
        session, actor=lead, person_id=ana.id, start=at(0), end=at(23), reason="sick", now=MONDAY
    )

    slots = coverage(get_schedule(session, actor=lead, schedule_id=schedule.id))
    assert {s.interval_start: s.scheduled for s in slots}[at(9)] == 0


def test_swapping_shifts_exchanges_the_agents(session: Session) -> None:
    team, lead, ana, ben = _floor(session)
    schedule = _week(session, team, lead)
    first, second = schedule.shifts

    swap_shifts(session, actor=lead, first_shift_id=first.id, second_shift_id=second.id, now=MONDAY)

    session.refresh(first)
    session.refresh(second)
    assert (first.person_id, second.person_id) == (ben.id, ana.id)


def test_agents_may_not_build_schedules(session: Session) -> None:
    team, _lead, ana, _ben = _floor(session)

    with pytest.raises(PermissionDenied):
        _week(session, team, load_actor(session, ana.id))


def test_a_shift_with_a_break_outside_it_is_refused(session: Session) -> None:
    team, lead, ana, _ben = _floor(session)

    with pytest.raises(RuleViolation, match="inside the shift"):
        save_schedule(
            session,
            actor=lead,
            team_id=team.id,
            week_start=MONDAY,
            interval_minutes=30,
            shifts=[PlannedShift(ana.id, at(9), at(13), (("break", at(12, 50), at(13, 5)),))],
            requirements=[],
            quality=ScheduleQuality(),
            now=MONDAY,
        )


def test_adherence_and_payroll_from_recorded_states(session: Session) -> None:
    team, lead, ana, _ben = _floor(session)
    schedule = _week(session, team, lead)
    publish_schedule(session, actor=lead, schedule_id=schedule.id, now=MONDAY)
    me = load_actor(session, ana.id)
    now = at(18)
    for when, state in [
        (at(9, 10), "available"),
        (at(11), "break"),
        (at(11, 15), "on_contact"),
        (at(13), "offline"),
    ]:
        record_agent_state(session, actor=me, person_id=ana.id, state=state, at=when, now=now)

    rows = team_adherence(
        session, actor=lead, team_id=team.id, day=date(2026, 3, 2), zone="UTC", now=now
    )
    hours = payroll_hours(
        session,
        actor=lead,
        team_id=team.id,
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 3),
        zone="UTC",
        now=now,
    )

    ana_day = next(r for r in rows if r.person_id == ana.id)
    # Shift 09:00–13:00 = 14,400 s; late 10 minutes = 600 s out of adherence.
    assert ana_day.adherence.adherence == pytest.approx(13_800 / 14_400)
    assert ana_day.attendance[0].late_seconds == 600
    # Signed in 09:10–13:00 = 3 h 50 m = 3.83 h.
    assert [(r.name, r.day, r.hours) for r in hours] == [("Ana", date(2026, 3, 2), 3.83)]
    assert payroll_csv(hours).splitlines()[1].endswith(",2026-03-02,3.83")


def test_states_must_arrive_in_time_order_and_only_for_oneself(session: Session) -> None:
    _team, _lead, ana, ben = _floor(session)
    me = load_actor(session, ana.id)
    record_agent_state(session, actor=me, person_id=ana.id, state="available", at=at(9), now=at(10))

    with pytest.raises(RuleViolation, match="time order"):
        record_agent_state(session, actor=me, person_id=ana.id, state="break", at=at(8), now=at(10))
    with pytest.raises(PermissionDenied):
        record_agent_state(
            session, actor=me, person_id=ben.id, state="available", at=at(9), now=at(10)
        )
    with pytest.raises(RuleViolation, match="unknown state"):
        record_agent_state(
            session, actor=me, person_id=ana.id, state="napping", at=None, now=at(10)
        )


def test_on_shift_knows_who_is_working_now(session: Session) -> None:
    team, lead, ana, ben = _floor(session)
    schedule = _week(session, team, lead)
    ids = [ana.id, ben.id]

    before_publishing = on_shift(session, ids, at(11, 5))
    publish_schedule(session, actor=lead, schedule_id=schedule.id, now=MONDAY)

    assert before_publishing is None
    assert on_shift(session, ids, at(11, 5)) == {ben.id}  # Ana is on her break
    assert on_shift(session, ids, at(12)) == {ana.id, ben.id}


def test_adherence_during_a_shift_counts_only_what_has_happened(session: Session) -> None:
    team, lead, ana, _ben = _floor(session)
    schedule = _week(session, team, lead)
    publish_schedule(session, actor=lead, schedule_id=schedule.id, now=MONDAY)
    me = load_actor(session, ana.id)
    record_agent_state(session, actor=me, person_id=ana.id, state="available", at=at(9), now=at(9))

    rows = team_adherence(
        session, actor=lead, team_id=team.id, day=date(2026, 3, 2), zone="UTC", now=at(10, 30)
    )

    ana_day = next(r for r in rows if r.person_id == ana.id)
    # 09:00–10:30 of her 09:00–13:00 shift has happened, all of it available.
    assert ana_day.adherence.scheduled_seconds == 5_400
    assert ana_day.adherence.adherence == 1.0
    assert ana_day.attendance[0].early_leave_seconds == 0
    assert all(r.person_id != _ben.id for r in rows)  # Ben's 11:00 shift has not started
