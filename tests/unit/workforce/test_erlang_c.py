"""Erlang B and Erlang C: published worked examples, an independent birth-death oracle, staffing."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from floorlead.workforce.erlang import erlang_b, erlang_c, required_agents
from floorlead.workforce.staffing import InvalidStaffingInput, StaffingTargets, scheduled_agents

EIGHTY_TWENTY = StaffingTargets(service_level=0.8)


def erlang_b_by_recurrence(agents: int, load: float) -> float:
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def mmn_oracle(agents: int, load: float, aht: float, answer: float) -> dict[str, float]:
    """M/M/N solved from its birth-death chain (truncated far in the tail), independently of the
    closed form: a caller finding j waiting waits an Erlang(j + 1, N / AHT) time."""
    weights = [1.0]
    for k in range(1, agents + 3000):
        weights.append(weights[-1] * load / min(k, agents))
    p = np.array(weights) / sum(weights)
    queued = np.arange(p.size - agents)
    rate = agents / aht
    late = stats.gamma.sf(answer, queued + 1, scale=1 / rate)
    return {
        "wait_probability": float(p[agents:].sum()),
        "service_level": float(1 - (p[agents:] * late).sum()),
        "asa_seconds": float((p[agents:] * (queued + 1) / rate).sum()),
    }


@pytest.mark.parametrize(("agents", "load"), [(10, 5.0), (1, 0.5), (30, 25.3), (80, 64.0)])
def test_erlang_b_matches_the_classic_recurrence(agents: int, load: float) -> None:
    assert erlang_b(agents, load) == pytest.approx(erlang_b_by_recurrence(agents, load), rel=1e-12)


def test_erlang_b_table_value_for_ten_lines_and_five_erlangs() -> None:
    # Erlang B tables: 5 Erlangs offered to 10 lines block 1.84% of calls.
    assert float(erlang_b(10, 5.0)) == pytest.approx(0.018385, abs=5e-7)


def test_callcentrehelper_worked_example_needs_fourteen_agents_and_twenty_scheduled() -> None:
    # The callcentrehelper.com Erlang C worked example (100 calls in 30 minutes, AHT 180 s,
    # 80% answered in 20 s, occupancy at most 85%, shrinkage 30%), as reproduced in the pyworkforce
    # documentation and tests: 14 agents, 20 scheduled, service level 0.888, occupancy 0.714,
    # probability of waiting 0.174.
    targets = StaffingTargets(service_level=0.8, max_occupancy=0.85)

    result = required_agents(
        calls=100, aht_seconds=180, interval_seconds=1800, answer_seconds=20, targets=targets
    )

    assert int(result.agents) == 14
    assert int(scheduled_agents(result.agents, 0.3)) == 20
    assert float(result.service_level) == pytest.approx(0.888, abs=5e-4)
    assert float(result.occupancy) == pytest.approx(0.714, abs=5e-4)
    assert float(result.wait_probability) == pytest.approx(0.174, abs=5e-4)


def test_thirteen_agents_miss_the_worked_example_target() -> None:
    result = erlang_c(
        calls=100, aht_seconds=180, interval_seconds=1800, agents=13, answer_seconds=20
    )

    assert float(result.service_level) < 0.8


@pytest.mark.parametrize(
    ("calls", "aht", "agents", "answer"),
    [
        (100, 180, 14, 20),
        (360, 240, 55, 15),
        (100, 180, 11, 20),
        (2000, 300, 345, 30),
        (3, 600, 2, 0),
    ],
)
def test_closed_form_matches_the_birth_death_chain(
    calls: float, aht: float, agents: int, answer: float
) -> None:
    load = calls * aht / 1800

    result = erlang_c(
        calls=calls, aht_seconds=aht, interval_seconds=1800, agents=agents, answer_seconds=answer
    )
    oracle = mmn_oracle(agents, load, aht, answer)

    assert float(result.wait_probability) == pytest.approx(oracle["wait_probability"], rel=1e-9)
    assert float(result.service_level) == pytest.approx(oracle["service_level"], rel=1e-9)
    assert float(result.asa_seconds) == pytest.approx(oracle["asa_seconds"], rel=1e-9)
    assert float(result.occupancy) == pytest.approx(load / agents)


def test_too_few_agents_leave_an_unbounded_queue() -> None:
    result = erlang_c(
        calls=100, aht_seconds=180, interval_seconds=1800, agents=[0, 5, 10], answer_seconds=20
    )

    assert result.wait_probability.tolist() == [1.0, 1.0, 1.0]
    assert result.service_level.tolist() == [0.0, 0.0, 0.0]
    assert np.isinf(result.asa_seconds).all()


def test_an_interval_without_calls_needs_no_agents() -> None:
    result = required_agents(
        calls=0, aht_seconds=180, interval_seconds=1800, answer_seconds=20, targets=EIGHTY_TWENTY
    )

    assert int(result.agents) == 0
    assert float(result.service_level) == 1.0
    assert float(result.occupancy) == 0.0


def test_occupancy_cap_met_exactly_is_allowed() -> None:
    # 17 calls x 300 s / 600 s = 8.5 Erlangs; 8.5 / 0.85 is 10.000000000000002 in floating point.
    targets = StaffingTargets(max_occupancy=0.85)

    result = required_agents(
        calls=17, aht_seconds=300, interval_seconds=600, answer_seconds=20, targets=targets
    )

    assert int(result.agents) == 10
    assert float(result.occupancy) == pytest.approx(0.85)


def test_a_loose_target_is_met_by_the_fewest_stable_agents() -> None:
    # 10.6 Erlangs: 11 agents keep the queue finite; a 10% target needs no more.
    targets = StaffingTargets(service_level=0.1)

    result = required_agents(
        calls=106, aht_seconds=180, interval_seconds=1800, answer_seconds=20, targets=targets
    )

    assert int(result.agents) == 11


@pytest.mark.parametrize(
    "targets",
    [
        StaffingTargets(service_level=0.8),
        StaffingTargets(service_level=0.95, max_occupancy=0.8),
        StaffingTargets(max_asa_seconds=15),
        StaffingTargets(service_level=0.7, max_asa_seconds=30, max_occupancy=0.9),
    ],
)
def test_required_agents_is_the_smallest_count_meeting_every_target(
    targets: StaffingTargets,
) -> None:
    calls = np.random.default_rng(7).uniform(0.5, 400, 60)

    result = required_agents(
        calls=calls, aht_seconds=240, interval_seconds=1800, answer_seconds=20, targets=targets
    )

    def meets(volume: float, agents: int) -> bool:
        figures = erlang_c(
            calls=volume, aht_seconds=240, interval_seconds=1800, agents=agents, answer_seconds=20
        )
        return bool(
            (targets.service_level is None or figures.service_level >= targets.service_level)
            and (targets.max_asa_seconds is None or figures.asa_seconds <= targets.max_asa_seconds)
            and (targets.max_occupancy is None or figures.occupancy <= targets.max_occupancy)
        )

    for volume, agents in zip(calls, result.agents, strict=True):
        assert meets(volume, int(agents))
        assert not meets(volume, int(agents) - 1)


def test_vectorised_results_equal_scalar_results() -> None:
    rng = np.random.default_rng(11)
    calls = rng.uniform(0, 600, (4, 6))
    aht = rng.uniform(120, 600, (4, 6))

    grid = required_agents(
        calls=calls,
        aht_seconds=aht,
        interval_seconds=1800,
        answer_seconds=20,
        targets=EIGHTY_TWENTY,
    )

    for i, j in np.ndindex(calls.shape):
        single = required_agents(
            calls=calls[i, j],
            aht_seconds=aht[i, j],
            interval_seconds=1800,
            answer_seconds=20,
            targets=EIGHTY_TWENTY,
        )
        assert grid.agents[i, j] == single.agents
        assert grid.service_level[i, j] == single.service_level
        assert grid.asa_seconds[i, j] == single.asa_seconds


def test_arrays_broadcast_against_each_other() -> None:
    result = erlang_c(
        calls=[[100], [200]],
        aht_seconds=180,
        interval_seconds=1800,
        agents=[14, 15, 16],
        answer_seconds=20,
    )

    assert result.service_level.shape == (2, 3)
    assert result.agents.shape == (2, 3)


@pytest.mark.parametrize("load", [5_000.0, 20_000.0])
def test_large_loads_give_finite_sensible_answers(load: float) -> None:
    result = required_agents(
        calls=load * 10,
        aht_seconds=180,
        interval_seconds=1800,
        answer_seconds=20,
        targets=EIGHTY_TWENTY,
    )

    agents = int(result.agents)
    assert load < agents < load + 3 * math.sqrt(load)
    assert 0.8 <= float(result.service_level) < 1
    assert np.isfinite(result.asa_seconds).all()
    below = erlang_c(
        calls=load * 10,
        aht_seconds=180,
        interval_seconds=1800,
        agents=agents - 1,
        answer_seconds=20,
    )
    assert float(below.service_level) < 0.8


def test_a_very_strict_target_far_above_the_load_is_still_found() -> None:
    targets = StaffingTargets(max_asa_seconds=1e-6)

    result = required_agents(
        calls=50_000, aht_seconds=180, interval_seconds=1800, answer_seconds=20, targets=targets
    )

    assert float(result.asa_seconds) <= 1e-6
    below = erlang_c(
        calls=50_000,
        aht_seconds=180,
        interval_seconds=1800,
        agents=result.agents - 1,
        answer_seconds=20,
    )
    assert float(below.asa_seconds) > 1e-6


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"calls": -1}, "calls"),
        ({"calls": [10, -1]}, "calls"),
        ({"calls": float("nan")}, "calls"),
        ({"aht_seconds": 0}, "aht_seconds"),
        ({"interval_seconds": -1800}, "interval_seconds"),
        ({"answer_seconds": -5}, "answer_seconds"),
        ({"agents": 3.5}, "agents"),
        ({"agents": -1}, "agents"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(overrides: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {
        "calls": 100,
        "aht_seconds": 180,
        "interval_seconds": 1800,
        "agents": 14,
        "answer_seconds": 20,
    } | overrides

    with pytest.raises(InvalidStaffingInput) as refused:
        erlang_c(**arguments)  # type: ignore[arg-type]

    assert refused.value.field == field
    assert field in refused.value.message


@pytest.mark.parametrize(
    ("targets", "field"),
    [
        ({"service_level": 1.2}, "service_level"),
        ({"service_level": 0}, "service_level"),
        ({"max_occupancy": 0}, "max_occupancy"),
        ({"max_occupancy": 1.01}, "max_occupancy"),
        ({"max_asa_seconds": 0}, "max_asa_seconds"),
        ({}, "targets"),
    ],
)
def test_bad_targets_are_refused_naming_the_field(targets: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        StaffingTargets(**targets)

    assert refused.value.field == field


def test_an_abandonment_target_needs_erlang_a() -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        required_agents(
            calls=100,
            aht_seconds=180,
            interval_seconds=1800,
            answer_seconds=20,
            targets=StaffingTargets(max_abandon_rate=0.05),
        )

    assert refused.value.field == "max_abandon_rate"


def test_required_agents_reports_the_erlang_c_figures_at_that_staffing() -> None:
    calls = np.random.default_rng(3).uniform(0, 2000, 500)
    targets = StaffingTargets(service_level=0.9, max_asa_seconds=8)

    staffed = required_agents(
        calls=calls, aht_seconds=300, interval_seconds=1800, answer_seconds=15, targets=targets
    )
    direct = erlang_c(
        calls=calls,
        aht_seconds=300,
        interval_seconds=1800,
        agents=staffed.agents,
        answer_seconds=15,
    )

    for name in ("wait_probability", "service_level", "asa_seconds", "occupancy"):
        np.testing.assert_allclose(
            getattr(staffed, name), getattr(direct, name), rtol=1e-10, atol=1e-15
        )
