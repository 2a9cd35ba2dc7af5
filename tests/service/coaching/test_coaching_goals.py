"""Goals: a measured baseline, progress from the KPI source, who sees them, bad input."""

from datetime import date, timedelta

import pytest
from coaching_floor import NOW, Floor
from event_kpis import EventKpis, answer_csat

from floorlead.coaching import agent_goals, set_goal, update_goal
from floorlead.errors import PermissionDenied, RuleViolation


def _csat_history(floor: Floor) -> None:
    """Six good answers of ten in the four weeks before NOW, four of five since."""
    ana = floor.ids["ana"]
    for day, rating in enumerate([5, 4, 2, 5, 1, 4, 3, 5, 2, 4]):
        answer_csat(floor.session, agent_id=ana, at=NOW - timedelta(days=day + 1), rating=rating)
    for day, rating in enumerate([5, 5, 3, 4, 5]):
        answer_csat(floor.session, agent_id=ana, at=NOW + timedelta(days=day), rating=rating)
    floor.session.commit()


def test_a_goal_measures_its_baseline_and_shows_progress_towards_the_target(floor: Floor) -> None:
    _csat_history(floor)
    kpis = EventKpis(floor.session)

    goal = set_goal(
        floor.session,
        actor=floor.actor("lee"),
        agent_id=floor.ids["ana"],
        kpi="csat",
        target=90.0,
        due_on=date(2026, 3, 31),
        kpis=kpis,
        now=NOW,
    )
    [shown] = agent_goals(
        floor.session,
        actor=floor.actor("ana"),
        agent_id=floor.ids["ana"],
        kpis=kpis,
        now=NOW + timedelta(days=6),
    )

    assert goal.baseline == pytest.approx(60.0)
    assert goal.direction == "higher"  # CSAT: higher is better, from the KPI catalogue
    assert shown.actual == pytest.approx(80.0)
    assert shown.progress == pytest.approx((80 - 60) / (90 - 60))
    assert shown.met is False
    assert shown.kpi_label == "Customer satisfaction (CSAT)"


def test_a_teammate_may_not_read_an_agents_goals_but_their_lead_may(floor: Floor) -> None:
    kpis = EventKpis(floor.session)
    set_goal(
        floor.session,
        actor=floor.actor("lee"),
        agent_id=floor.ids["ana"],
        kpi="average_handle_time",
        target=240,
        baseline=300,
        due_on=date(2026, 3, 31),
        now=NOW,
    )

    read_by_lee = agent_goals(
        floor.session, actor=floor.actor("lee"), agent_id=floor.ids["ana"], kpis=kpis, now=NOW
    )
    with pytest.raises(PermissionDenied):
        agent_goals(
            floor.session, actor=floor.actor("ben"), agent_id=floor.ids["ana"], kpis=kpis, now=NOW
        )

    assert [g.direction for g in read_by_lee] == ["lower"]
    assert read_by_lee[0].actual is None and read_by_lee[0].met is None


def test_a_cancelled_goal_leaves_the_list(floor: Floor) -> None:
    lee = floor.actor("lee")
    goal = set_goal(
        floor.session,
        actor=lee,
        agent_id=floor.ids["ana"],
        kpi="csat",
        target=85,
        due_on=date(2026, 4, 30),
        now=NOW,
    )

    update_goal(floor.session, actor=lee, goal_id=goal.id, status="cancelled", now=NOW)
    listed = agent_goals(
        floor.session, actor=lee, agent_id=floor.ids["ana"], kpis=EventKpis(floor.session), now=NOW
    )

    assert listed == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kpi": "happiness"}, "kpi"),
        ({"kpi": "occupancy"}, "direction"),  # neither way is better: say which
        ({"direction": "sideways"}, "direction"),
        ({"due_on": date(2026, 2, 1)}, "due_on"),
    ],
)
def test_bad_goals_name_the_field(floor: Floor, changes: dict, field: str) -> None:
    values = {"kpi": "csat", "target": 90.0, "due_on": date(2026, 3, 31)} | changes

    with pytest.raises(RuleViolation) as refused:
        set_goal(
            floor.session, actor=floor.actor("lee"), agent_id=floor.ids["ana"], now=NOW, **values
        )

    assert refused.value.field == field
