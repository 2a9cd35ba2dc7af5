"""The discrete-event simulation agrees with Erlang C and Erlang A within its confidence intervals."""

from __future__ import annotations

import numpy as np
import pytest

from floorlead.workforce.erlang import erlang_c
from floorlead.workforce.erlang_a import ServiceLevelDefinition, ServiceLevelRule, erlang_a
from floorlead.workforce.queue_simulation import HandleTimes, HandleTimeShape, simulate_queue
from floorlead.workforce.staffing import InvalidStaffingInput

FIGURES = ("service_level", "asa_seconds", "wait_probability", "occupancy")


@pytest.mark.parametrize(("calls", "agents"), [(100, 14), (100, 12), (900, 95)])
def test_simulation_agrees_with_erlang_c(calls: float, agents: int) -> None:
    simulated = simulate_queue(
        calls=calls,
        interval_seconds=1800,
        handle_times=HandleTimes(180),
        agents=agents,
        answer_seconds=20,
        callers=120_000,
        confidence=0.99,
        seed=3,
    )
    formula = erlang_c(
        calls=calls, aht_seconds=180, interval_seconds=1800, agents=agents, answer_seconds=20
    )

    for name in FIGURES:
        assert getattr(simulated, name).contains(float(getattr(formula, name))), name
    assert simulated.abandon_rate.mean == 0.0


@pytest.mark.parametrize(
    "rule",
    [
        ServiceLevelRule(),
        ServiceLevelRule(ServiceLevelDefinition.ANSWERED),
        ServiceLevelRule(ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS, 10.0),
    ],
)
def test_simulation_agrees_with_erlang_a_under_every_definition(rule: ServiceLevelRule) -> None:
    simulated = simulate_queue(
        calls=100,
        interval_seconds=1800,
        handle_times=HandleTimes(180),
        agents=10,
        answer_seconds=20,
        patience_seconds=120,
        rule=rule,
        callers=120_000,
        confidence=0.99,
        seed=4,
    )
    formula = erlang_a(
        calls=100,
        aht_seconds=180,
        interval_seconds=1800,
        agents=10,
        patience_seconds=120,
        answer_seconds=20,
        rule=rule,
    )

    for name in (*FIGURES, "abandon_rate", "mean_wait_seconds"):
        assert getattr(simulated, name).contains(float(getattr(formula, name))), name
    assert simulated.rule == rule


def test_steady_handle_times_answer_faster_than_erlang_c_predicts() -> None:
    steady = HandleTimes(180, HandleTimeShape.LOGNORMAL, cv=0.3)

    simulated = simulate_queue(
        calls=100,
        interval_seconds=1800,
        handle_times=steady,
        agents=12,
        answer_seconds=20,
        callers=60_000,
        seed=5,
    )
    formula = erlang_c(
        calls=100, aht_seconds=180, interval_seconds=1800, agents=12, answer_seconds=20
    )

    assert simulated.service_level.low > float(formula.service_level)
    assert simulated.asa_seconds.high < float(formula.asa_seconds)
    assert simulated.occupancy.contains(10 / 12)


def test_lognormal_handle_times_have_the_asked_mean_and_variation() -> None:
    times = HandleTimes(240, HandleTimeShape.LOGNORMAL, cv=1.5).sample(
        np.random.default_rng(0), 400_000
    )

    assert times.mean() == pytest.approx(240, rel=0.02)
    assert times.std() / times.mean() == pytest.approx(1.5, rel=0.05)


def test_the_same_seed_gives_the_same_figures() -> None:
    question = {
        "calls": 100,
        "interval_seconds": 1800,
        "handle_times": HandleTimes(180),
        "agents": 13,
        "answer_seconds": 20,
        "patience_seconds": 90,
        "callers": 20_000,
    }

    assert simulate_queue(**question, seed=9) == simulate_queue(**question, seed=9)
    assert simulate_queue(**question, seed=9) != simulate_queue(**question, seed=10)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"agents": 10}, "agents"),
        ({"agents": 0, "patience_seconds": 60}, "agents"),
        ({"calls": 0}, "calls"),
        ({"patience_seconds": 0}, "patience_seconds"),
        ({"batches": 1}, "batches"),
        ({"callers": 500}, "callers"),
    ],
)
def test_simulation_refuses_bad_inputs(arguments: dict[str, object], field: str) -> None:
    question: dict[str, object] = {
        "calls": 100,
        "interval_seconds": 1800,
        "handle_times": HandleTimes(180),
        "agents": 14,
        "answer_seconds": 20,
    } | arguments

    with pytest.raises(InvalidStaffingInput) as refused:
        simulate_queue(**question)  # type: ignore[arg-type]

    assert refused.value.field == field


def test_handle_times_refuse_a_mean_of_zero() -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        HandleTimes(0)

    assert refused.value.field == "aht_seconds"
