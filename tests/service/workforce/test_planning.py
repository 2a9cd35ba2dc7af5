from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session
from wfm_floor import (
    CALLS_PER_HALF_HOUR,
    TALK_SECONDS,
    WEEK,
    add_contact,
    add_phone_history,
    build_floor,
)

from floorlead.auth.actors import load_actor
from floorlead.errors import PermissionDenied
from floorlead.workforce.erlang import required_agents
from floorlead.workforce.planning import (
    build_schedule,
    forecast_queue_week,
    planning_week,
    staff_team_week,
)
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings
from floorlead.workforce.schedules import coverage, get_schedule, publish_schedule
from floorlead.workforce.staffing import StaffingTargets, scheduled_agents
from floorlead.workforce.states import record_agent_state
from floorlead.workforce.understaffing import staffing_outlook

NOW = WEEK - timedelta(days=3)  # Friday before the week planned
INPUTS = StaffingInputs(service_level=0.8, answer_seconds=20, max_occupancy=0.85, shrinkage=0.3)


def erlang_agents(calls: float) -> int:
    answer = required_agents(
        calls=calls,
        aht_seconds=TALK_SECONDS,
        interval_seconds=1800,
        answer_seconds=20,
        targets=StaffingTargets(service_level=0.8, max_occupancy=0.85),
    )
    return int(answer.agents)


def test_a_week_is_monday_to_sunday_on_the_teams_clock() -> None:
    week = planning_week("Europe/Paris", team_id=1, day=date(2026, 3, 5))

    assert week.start == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    assert week.end == datetime(2026, 3, 8, 23, 0, tzinfo=UTC)


def test_the_forecast_of_a_week_holds_its_actuals_so_far(session: Session) -> None:
    floor = build_floor(session)
    add_phone_history(session, floor.team)
    add_contact(session, floor.team, WEEK + timedelta(hours=9, minutes=5))
    session.commit()

    week = forecast_queue_week(
        session,
        actor=floor.actor(session),
        team_id=floor.team.id,
        channel="phone",
        day=WEEK.date(),
        now=WEEK + timedelta(hours=10, minutes=5),
        model="seasonal_naive",
    )

    frame = week.forecast.frame
    assert len(frame) == 7 * 48
    assert frame.loc[WEEK + timedelta(hours=9), "volume"] == CALLS_PER_HALF_HOUR
    assert week.actuals["volume"].tolist()[18:20] == [1, 0]  # 09:00 and 09:30 so far
    assert len(week.actuals) == 20  # the intervals completed by 10:05


def test_required_agents_for_an_interval_are_the_erlang_answer_after_shrinkage(
    session: Session,
) -> None:
    floor = build_floor(session)
    add_phone_history(session, floor.team)

    staffing = staff_team_week(
        session,
        actor=floor.actor(session),
        team_id=floor.team.id,
        day=WEEK.date(),
        now=NOW,
        inputs=INPUTS,
        model="seasonal_naive",
    )

    requirement = staffing.requirement
    monday_nine = list(requirement.interval_starts).index(WEEK + timedelta(hours=9))
    agents = erlang_agents(CALLS_PER_HALF_HOUR)
    assert requirement.by_channel["phone"][monday_nine] == agents
    assert requirement.scheduled[monday_nine] == scheduled_agents(agents, 0.3)
    assert requirement.scheduled[monday_nine + 2] == 0  # 10:00: no calls
    assert requirement.scheduled.sum() == 10 * scheduled_agents(agents, 0.3)


def test_a_tiny_schedule_is_built_from_the_team_and_stored_as_a_draft(session: Session) -> None:
    floor = build_floor(session, agents=2)
    add_phone_history(session, floor.team)
    actor = floor.actor(session)

    built = build_schedule(
        session,
        actor=actor,
        team_id=floor.team.id,
        day=WEEK.date(),
        now=NOW,
        inputs=INPUTS,
        settings=ScheduleSettings(time_limit_seconds=5, min_hours=0, max_hours=40),
        model="seasonal_naive",
    )

    stored = get_schedule(session, actor=actor, schedule_id=built.schedule_id)
    assert stored.status == "draft"
    assert stored.week_start == WEEK
    assert len(stored.requirements) == 7 * 48
    assert {shift.person_id for shift in stored.shifts} == {a.id for a in floor.agents}
    assert len(stored.shifts) == len(built.result.schedule.shifts)
    kinds = {(row.person_id, row.start): [a.kind for a in row.activities] for row in stored.shifts}
    for shift in built.result.schedule.shifts:
        expected = ["break" if rest.paid else "lunch" for rest in shift.breaks]
        assert kinds[(int(shift.agent_id), shift.start)] == expected
    nine = {slot.interval_start: slot for slot in coverage(stored)}[WEEK + timedelta(hours=9)]
    assert nine.required == scheduled_agents(erlang_agents(CALLS_PER_HALF_HOUR), 0.3)
    assert nine.scheduled == 2  # both agents start at 09:00 on Monday
    assert stored.objective == pytest.approx(built.result.objective.total)


def test_agents_may_not_build_schedules(session: Session) -> None:
    floor = build_floor(session)
    add_phone_history(session, floor.team)

    with pytest.raises(PermissionDenied):
        build_schedule(
            session,
            actor=load_actor(session, floor.agents[0].id),
            team_id=floor.team.id,
            day=WEEK.date(),
            now=NOW,
            inputs=INPUTS,
            settings=ScheduleSettings(time_limit_seconds=5),
        )


MONDAY_0910 = WEEK + timedelta(hours=9, minutes=10)


def test_too_few_agents_signed_in_shows_the_gap_of_the_next_intervals(session: Session) -> None:
    floor = build_floor(session, agents=2)
    add_phone_history(session, floor.team)
    agent = floor.agents[0]
    record_agent_state(
        session,
        actor=load_actor(session, agent.id),
        person_id=agent.id,
        state="available",
        at=MONDAY_0910 - timedelta(minutes=15),
        now=MONDAY_0910,
    )

    outlook = staffing_outlook(
        session, actor=floor.actor(session), team_id=floor.team.id, now=MONDAY_0910
    )

    needed = erlang_agents(CALLS_PER_HALF_HOUR)
    assert outlook.basis == "agents signed in now"
    assert len(outlook.intervals) == 8
    assert [(c.interval_start, c.required, c.working) for c in outlook.gaps] == [
        (WEEK + timedelta(hours=9), needed, 1.0),
        (WEEK + timedelta(hours=9, minutes=30), needed, 1.0),
    ]
    assert outlook.gaps[0].short == needed - 1


def test_published_shifts_that_cover_the_need_leave_no_gap(session: Session) -> None:
    floor = build_floor(session, agents=4)
    add_phone_history(session, floor.team)
    actor = floor.actor(session)
    built = build_schedule(
        session,
        actor=actor,
        team_id=floor.team.id,
        day=WEEK.date(),
        now=NOW,
        inputs=StaffingInputs(shrinkage=0),
        settings=ScheduleSettings(time_limit_seconds=5, min_hours=0, max_hours=40),
        model="seasonal_naive",
    )
    publish_schedule(session, actor=actor, schedule_id=built.schedule_id, now=NOW)

    outlook = staffing_outlook(session, actor=actor, team_id=floor.team.id, now=MONDAY_0910)

    assert outlook.basis == "published shifts"
    assert outlook.intervals[0].required == erlang_agents(CALLS_PER_HALF_HOUR)
    assert outlook.intervals[0].working >= outlook.intervals[0].required
    assert not outlook.understaffed
