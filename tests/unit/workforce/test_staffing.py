"""Shrinkage, measured shrinkage, deferred work and the search for the fewest agents."""

from __future__ import annotations

import numpy as np
import pytest

from floorlead.workforce.staffing import (
    InvalidStaffingInput,
    deferred_work_agents,
    measured_shrinkage,
    scheduled_agents,
    smallest_meeting,
)


@pytest.mark.parametrize(
    ("required", "shrinkage", "scheduled"),
    [
        (14, 0.3, 20),
        (1, 0.8, 5),  # 1 / (1 - 0.8) is 5.000000000000001 in floating point
        (10, 0.0, 10),
        (0, 0.35, 0),
        (10.2, 0.3, 15),
        (7, 0.3, 10),
    ],
)
def test_scheduled_agents_cover_shrinkage_without_round_up(
    required: float, shrinkage: float, scheduled: int
) -> None:
    assert int(scheduled_agents(required, shrinkage)) == scheduled


def test_scheduled_agents_work_on_arrays() -> None:
    assert scheduled_agents([14, 7, 0], [0.3, 0.3, 0.5]).tolist() == [20, 10, 0]


@pytest.mark.parametrize("shrinkage", [1.0, -0.1, 1.5])
def test_shrinkage_must_be_at_least_zero_and_below_one(shrinkage: float) -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        scheduled_agents(10, shrinkage)

    assert refused.value.field == "shrinkage"


def test_measured_shrinkage_is_hours_lost_over_paid_hours() -> None:
    measured = measured_shrinkage(
        paid_hours=160, lost_hours={"breaks": 16, "training": 8, "absence": 12}
    )

    assert measured.shrinkage == pytest.approx(0.225)
    assert measured.lost_hours == 36
    assert measured.by_reason == pytest.approx({"breaks": 0.1, "training": 0.05, "absence": 0.075})


def test_measured_shrinkage_feeds_the_schedule() -> None:
    measured = measured_shrinkage(paid_hours=100, lost_hours={"breaks": 30})

    assert int(scheduled_agents(14, measured.shrinkage)) == 20


@pytest.mark.parametrize(
    ("paid", "lost", "field"),
    [
        (0, {"breaks": 0}, "paid_hours"),
        (100, {"breaks": -1}, "lost_hours[breaks]"),
        (100, {"breaks": 60, "absence": 50}, "lost_hours"),
    ],
)
def test_measured_shrinkage_refuses_impossible_hours(
    paid: float, lost: dict[str, float], field: str
) -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        measured_shrinkage(paid_hours=paid, lost_hours=lost)

    assert refused.value.field == field


def test_email_backlog_sets_the_agents_when_the_deadline_is_tight() -> None:
    # 400 emails of 6 minutes due within 8 hours: 50 an hour, 5 hours of work an hour.
    staffing = deferred_work_agents(
        backlog_items=400, arrivals_per_hour=30, aht_seconds=360, deadline_hours=8
    )

    assert int(staffing.agents) == 5
    assert float(staffing.backlog_hours) == 40
    assert float(staffing.required_items_per_hour) == 50


def test_steady_arrivals_set_the_agents_when_the_backlog_is_small() -> None:
    staffing = deferred_work_agents(
        backlog_items=10, arrivals_per_hour=45, aht_seconds=360, deadline_hours=24
    )

    assert int(staffing.agents) == 5
    assert float(staffing.required_items_per_hour) == 45


def test_deferred_work_respects_an_occupancy_cap_met_exactly() -> None:
    # 8.5 hours of work an hour at 85% occupancy is exactly 10 agents.
    staffing = deferred_work_agents(
        backlog_items=0, arrivals_per_hour=85, aht_seconds=360, deadline_hours=4, max_occupancy=0.85
    )

    assert int(staffing.agents) == 10


def test_a_deferred_staffing_answers_every_item_within_the_deadline() -> None:
    backlog, rate, aht, deadline = 500, 20, 300, 6
    agents = int(
        deferred_work_agents(
            backlog_items=backlog, arrivals_per_hour=rate, aht_seconds=aht, deadline_hours=deadline
        ).agents
    )

    def latest_lateness(capacity_per_hour: float) -> float:
        arrivals = np.concatenate([np.zeros(backlog), np.arange(1, 48 * rate + 1) / rate])
        done = np.arange(1, arrivals.size + 1) / capacity_per_hour
        return float((done - arrivals).max())

    assert latest_lateness(agents * 3600 / aht) <= deadline
    assert latest_lateness((agents - 1) * 3600 / aht) > deadline


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"backlog_items": -1}, "backlog_items"),
        ({"arrivals_per_hour": -2}, "arrivals_per_hour"),
        ({"aht_seconds": 0}, "aht_seconds"),
        ({"deadline_hours": 0}, "deadline_hours"),
        ({"max_occupancy": 1.2}, "max_occupancy"),
    ],
)
def test_deferred_work_refuses_bad_inputs(arguments: dict[str, float], field: str) -> None:
    question = {
        "backlog_items": 100,
        "arrivals_per_hour": 10,
        "aht_seconds": 300,
        "deadline_hours": 4,
    } | arguments

    with pytest.raises(InvalidStaffingInput) as refused:
        deferred_work_agents(**question)

    assert refused.value.field == field


def test_search_finds_the_smallest_count_from_any_lower_bound() -> None:
    thresholds = np.array([0, 1, 5, 17, 1000, 123_456])

    found = smallest_meeting(np.zeros(6, dtype=np.int64), lambda index, n: n >= thresholds[index])

    assert found.tolist() == thresholds.tolist()


def test_search_keeps_a_lower_bound_that_already_meets_the_target() -> None:
    found = smallest_meeting(np.array([7, 9]), lambda index, n: n >= 3)

    assert found.tolist() == [7, 9]


def test_search_gives_up_on_a_target_no_count_meets() -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        smallest_meeting(np.array([1]), lambda index, n: np.zeros(n.shape, dtype=bool))

    assert refused.value.field == "targets"
