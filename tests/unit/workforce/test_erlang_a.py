"""Erlang A (M/M/N+M): checked against the birth-death chain solved numerically, published figures
and the Erlang C limit; staffing searches checked against a scan of every agent count."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import expm

from floorlead.workforce.erlang import erlang_c
from floorlead.workforce.erlang_a import (
    ServiceLevelDefinition,
    ServiceLevelRule,
    erlang_a,
    required_agents_erlang_a,
    required_chat_agents,
)
from floorlead.workforce.staffing import InvalidStaffingInput, StaffingTargets

SHORT_ABANDONS = ServiceLevelRule(ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS, 5.0)
RULES = [ServiceLevelRule(), ServiceLevelRule(ServiceLevelDefinition.ANSWERED), SHORT_ABANDONS]


def chain_oracle(
    agents: int, load: float, aht: float, patience: float, answer: float, short: float
) -> dict[str, float]:
    """The M/M/N+M queue solved numerically, independently of the closed forms.

    The stationary law comes from the birth-death chain truncated deep in its tail. A caller who
    finds j others waiting races, in a small absorbing chain, between reaching an agent (rate
    N/AHT + j/patience from position j) and hanging up (rate 1/patience); its transient law by the
    matrix exponential gives "answered within t" and "abandoned within t", and first-step analysis
    gives the mean wait of answered callers."""
    mu, theta = 1 / aht, 1 / patience
    lam = load * mu
    weights, k = [1.0], 0
    while k <= agents or weights[-1] > 1e-18 * sum(weights):
        k += 1
        weights.append(weights[-1] * lam / (min(k, agents) * mu + max(k - agents, 0) * theta))
    p = np.array(weights) / sum(weights)
    queue = p[agents:]
    positions = queue.size
    generator = np.zeros((positions + 2, positions + 2))
    answered, abandoned = positions, positions + 1
    for j in range(positions):
        advance = agents * mu + j * theta
        generator[j, answered if j == 0 else j - 1] += advance
        generator[j, abandoned] += theta
        generator[j, j] -= advance + theta
    within = expm(generator * answer)[:positions]
    early = expm(generator * short)[:positions]
    served, mean_wait = np.zeros(positions), np.zeros(positions)
    for j in range(positions):
        advance = agents * mu + j * theta
        total = advance + theta
        served[j] = advance / total * (1.0 if j == 0 else served[j - 1])
        mean_wait[j] = served[j] / total + advance / total * (0.0 if j == 0 else mean_wait[j - 1])
    abandon = float(queue @ (1 - served))
    in_time = float(p[:agents].sum() + queue @ within[:, answered])
    return {
        "wait_probability": float(queue.sum()),
        "abandon_rate": abandon,
        "all_arrivals": in_time,
        "answered": in_time / (1 - abandon),
        "exclude_short_abandons": in_time / (1 - float(queue @ early[:, abandoned])),
        "asa_seconds": float(queue @ mean_wait) / (1 - abandon),
        "mean_wait_seconds": float((np.arange(positions) * queue).sum()) / lam,
    }


CASES = [
    (14, 10.0, 180.0, 300.0, 20.0),
    (8, 10.0, 180.0, 120.0, 20.0),
    (12, 10.5, 180.0, 60.0, 30.0),
    (3, 5.0, 200.0, 400.0, 15.0),
    (1, 0.3, 100.0, 50.0, 5.0),
    (40, 52.0, 240.0, 90.0, 0.0),
]


@pytest.mark.parametrize(("agents", "load", "aht", "patience", "answer"), CASES)
def test_closed_forms_match_the_birth_death_chain(
    agents: int, load: float, aht: float, patience: float, answer: float
) -> None:
    oracle = chain_oracle(agents, load, aht, patience, answer, short=5.0)

    for rule in RULES:
        result = erlang_a(
            calls=load * 1800 / aht,
            aht_seconds=aht,
            interval_seconds=1800,
            agents=agents,
            patience_seconds=patience,
            answer_seconds=answer,
            rule=rule,
        )

        assert float(result.service_level) == pytest.approx(oracle[rule.definition.value], rel=1e-8)
        assert float(result.wait_probability) == pytest.approx(oracle["wait_probability"], rel=1e-9)
        assert float(result.abandon_rate) == pytest.approx(oracle["abandon_rate"], rel=1e-9)
        assert float(result.asa_seconds) == pytest.approx(oracle["asa_seconds"], rel=1e-8)
        assert float(result.mean_wait_seconds) == pytest.approx(
            oracle["mean_wait_seconds"], rel=1e-9
        )
        assert result.rule == rule


def test_pyworkforce_published_erlang_a_figures_are_reproduced() -> None:
    # pyworkforce 0.5.4's Erlang A regression test (its exact birth-death solution): 100 calls in
    # 30 minutes, AHT 3 min, mean patience 5 min, 14 agents, 20 s: waiting probability 0.14526,
    # abandonment 0.013984, occupancy 0.704297, mean wait of all callers 0.069919 min, service
    # level 0.916792 (answered within 20 s over all arrivals).
    result = erlang_a(
        calls=100,
        aht_seconds=180,
        interval_seconds=1800,
        agents=14,
        patience_seconds=300,
        answer_seconds=20,
    )

    assert round(float(result.wait_probability), 5) == 0.14526
    assert round(float(result.abandon_rate), 6) == 0.013984
    assert round(float(result.occupancy), 6) == 0.704297
    assert round(float(result.mean_wait_seconds) / 60, 6) == 0.069919
    assert round(float(result.service_level), 6) == 0.916792


def test_very_patient_callers_behave_like_erlang_c() -> None:
    patient = erlang_a(
        calls=100,
        aht_seconds=180,
        interval_seconds=1800,
        agents=[12, 14, 16],
        patience_seconds=1e9,
        answer_seconds=20,
    )
    never_leave = erlang_c(
        calls=100, aht_seconds=180, interval_seconds=1800, agents=[12, 14, 16], answer_seconds=20
    )

    np.testing.assert_allclose(patient.service_level, never_leave.service_level, rtol=1e-5)
    np.testing.assert_allclose(patient.wait_probability, never_leave.wait_probability, rtol=1e-5)
    np.testing.assert_allclose(patient.asa_seconds, never_leave.asa_seconds, rtol=1e-5)


def test_abandonment_lets_fewer_agents_than_the_load_meet_a_target() -> None:
    result = required_agents_erlang_a(
        calls=1000,
        aht_seconds=180,
        interval_seconds=1800,
        patience_seconds=30,
        answer_seconds=20,
        targets=StaffingTargets(service_level=0.5),
    )

    assert int(result.agents) < 100
    assert float(result.service_level) >= 0.5


def test_no_agents_means_every_caller_hangs_up() -> None:
    result = erlang_a(
        calls=100,
        aht_seconds=180,
        interval_seconds=1800,
        agents=0,
        patience_seconds=120,
        answer_seconds=20,
    )

    assert float(result.abandon_rate) == 1.0
    assert float(result.service_level) == 0.0
    assert float(result.mean_wait_seconds) == 120.0


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(
    "targets",
    [
        StaffingTargets(service_level=0.8),
        StaffingTargets(service_level=0.9, max_abandon_rate=0.02),
        StaffingTargets(max_asa_seconds=10),
        StaffingTargets(service_level=0.6, max_occupancy=0.8),
    ],
)
def test_required_agents_is_the_smallest_count_meeting_every_target(
    targets: StaffingTargets, rule: ServiceLevelRule
) -> None:
    calls = np.array([3.0, 40.0, 170.0, 420.0])
    question = {
        "aht_seconds": 210,
        "interval_seconds": 1800,
        "patience_seconds": 100,
        "answer_seconds": 20,
    }

    result = required_agents_erlang_a(calls=calls, targets=targets, rule=rule, **question)

    counts = np.arange(0, 80)
    for volume, agents in zip(calls, result.agents, strict=True):
        scan = erlang_a(calls=volume, agents=counts, rule=rule, **question)
        met = targets.met(
            {
                "service_level": scan.service_level,
                "asa_seconds": scan.asa_seconds,
                "occupancy": scan.occupancy,
                "abandon_rate": scan.abandon_rate,
            }
        )
        assert int(agents) == int(counts[met][0])


def test_vectorised_results_equal_scalar_results() -> None:
    rng = np.random.default_rng(5)
    calls = rng.uniform(0, 500, 12)
    patience = rng.uniform(20, 400, 12)
    targets = StaffingTargets(service_level=0.8)

    many = required_agents_erlang_a(
        calls=calls,
        aht_seconds=180,
        interval_seconds=1800,
        patience_seconds=patience,
        answer_seconds=20,
        targets=targets,
    )

    for i in range(calls.size):
        one = required_agents_erlang_a(
            calls=calls[i],
            aht_seconds=180,
            interval_seconds=1800,
            patience_seconds=patience[i],
            answer_seconds=20,
            targets=targets,
        )
        assert many.agents[i] == one.agents
        assert many.service_level[i] == pytest.approx(float(one.service_level), rel=1e-12)
        assert many.asa_seconds[i] == pytest.approx(float(one.asa_seconds), rel=1e-12)


@pytest.mark.parametrize("load", [5_000.0, 20_000.0])
def test_large_loads_give_finite_sensible_answers(load: float) -> None:
    result = required_agents_erlang_a(
        calls=load * 10,
        aht_seconds=180,
        interval_seconds=1800,
        patience_seconds=120,
        answer_seconds=20,
        targets=StaffingTargets(service_level=0.8, max_asa_seconds=5),
    )

    figures = [result.service_level, result.asa_seconds, result.abandon_rate, result.occupancy]
    assert all(np.isfinite(value).all() for value in figures)
    assert 0.9 * load < int(result.agents) < 1.1 * load
    assert float(result.service_level) >= 0.8
    assert 0 < float(result.abandon_rate) < 0.2


def test_service_level_definitions_order_as_expected() -> None:
    question = {
        "calls": 200,
        "aht_seconds": 180,
        "interval_seconds": 1800,
        "agents": 18,
        "patience_seconds": 60,
        "answer_seconds": 20,
    }

    levels = {
        rule.definition: float(erlang_a(**question, rule=rule).service_level) for rule in RULES
    }

    assert (
        levels[ServiceLevelDefinition.ALL_ARRIVALS]
        < levels[ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS]
    )
    assert (
        levels[ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS]
        < levels[ServiceLevelDefinition.ANSWERED]
    )


def test_chat_agents_open_enough_slots_for_the_queue() -> None:
    targets = StaffingTargets(service_level=0.8)

    chat = required_chat_agents(
        chats=[200, 0, 35],
        aht_seconds=600,
        interval_seconds=1800,
        concurrency=3,
        answer_seconds=60,
        targets=targets,
    )
    slots_needed = [75, 0, 15]

    assert chat.agents.tolist() == [25, 0, 5]
    assert chat.slots.tolist() == slots_needed
    assert (chat.queue.service_level >= 0.8).all()


def test_chat_with_patience_uses_erlang_a_on_slots() -> None:
    targets = StaffingTargets(service_level=0.8)

    chat = required_chat_agents(
        chats=200,
        aht_seconds=600,
        interval_seconds=1800,
        concurrency=2,
        answer_seconds=60,
        targets=targets,
        patience_seconds=300,
    )
    slots = required_agents_erlang_a(
        calls=200,
        aht_seconds=600,
        interval_seconds=1800,
        patience_seconds=300,
        answer_seconds=60,
        targets=targets,
    ).agents

    assert int(chat.agents) == -(-int(slots) // 2)
    assert float(chat.queue.abandon_rate) > 0


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"patience_seconds": 0}, "patience_seconds"),
        ({"patience_seconds": -10}, "patience_seconds"),
        ({"calls": -3}, "calls"),
        ({"aht_seconds": 0}, "aht_seconds"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(arguments: dict[str, float], field: str) -> None:
    question = {
        "calls": 100,
        "aht_seconds": 180,
        "interval_seconds": 1800,
        "agents": 10,
        "patience_seconds": 120,
        "answer_seconds": 20,
    } | arguments

    with pytest.raises(InvalidStaffingInput) as refused:
        erlang_a(**question)  # type: ignore[arg-type]

    assert refused.value.field == field


@pytest.mark.parametrize(
    ("definition", "threshold"),
    [
        (ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS, None),
        (ServiceLevelDefinition.ANSWERED, 5.0),
        (ServiceLevelDefinition.EXCLUDE_SHORT_ABANDONS, 0.0),
    ],
)
def test_short_abandon_threshold_goes_with_its_definition(
    definition: ServiceLevelDefinition, threshold: float | None
) -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        ServiceLevelRule(definition, threshold)

    assert refused.value.field == "short_abandon_seconds"


def test_concurrency_must_be_a_whole_number_of_chats() -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        required_chat_agents(
            chats=10,
            aht_seconds=600,
            interval_seconds=1800,
            concurrency=0,
            answer_seconds=60,
            targets=StaffingTargets(service_level=0.8),
        )

    assert refused.value.field == "concurrency"
