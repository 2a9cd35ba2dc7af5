"""The rota: who worked when, as exposed for the workforce module."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import pairwise

import numpy as np
from demo_samples import END, medium

from floorlead.demo.timeline import LOCAL_ZONE
from floorlead.org.model import Role


def test_shifts_start_before_the_end_and_hold_their_breaks() -> None:
    shifts = medium().simulation.shifts

    assert shifts
    for shift in shifts:
        assert shift.start < END
        assert shift.end - shift.start == timedelta(hours=8, minutes=30) or shift.kind == "weekend"
        assert all(shift.start < b.start < b.end < shift.end for b in shift.breaks)


def test_nobody_works_two_shifts_at_once() -> None:
    by_person = defaultdict(list)
    for shift in medium().simulation.shifts:
        by_person[shift.person_id].append(shift)

    for shifts in by_person.values():
        assert all(a.end <= b.start for a, b in pairwise(shifts))


def test_people_work_only_while_employed() -> None:
    simulation = medium().simulation
    people = simulation.organisation.by_id

    for shift in simulation.shifts:
        person = people[shift.person_id]
        assert person.is_active_on(shift.start.astimezone(LOCAL_ZONE).date())
        assert person.team_id == shift.team_id


def test_weekends_have_a_crew_and_weekdays_a_fuller_floor() -> None:
    simulation = medium().simulation
    staffed = simulation.roster.staffed().sum(axis=0)
    timeline = simulation.timeline
    midday = timeline.minute_of_day == 12 * 60
    before_end = np.arange(timeline.intervals) < timeline.end_interval

    weekday = staffed[midday & before_end & (timeline.weekday < 5)]
    weekend = staffed[midday & before_end & (timeline.weekday >= 5)]

    assert weekend.min() >= 1
    assert weekday.mean() > 2 * weekend.mean()


def test_only_agents_take_contacts_and_leaders_work_office_hours() -> None:
    simulation = medium().simulation
    org = simulation.organisation
    on_floor = {p for team in simulation.roster.available for interval in team for p in interval}
    office = {s.person_id for s in simulation.shifts if s.kind == "office"}

    assert {org.by_id[p].role for p in on_floor} == {Role.AGENT, Role.SENIOR_AGENT}
    assert {org.by_id[p].role for p in office} == {Role.SUPERVISOR, Role.TEAM_LEAD}
