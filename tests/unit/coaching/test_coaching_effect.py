"""The before/after statistics: hand-worked intervals, recovery of known synthetic effects."""

import numpy as np
import pytest
from scipy import stats

from floorlead.coaching.effect import (
    Effect,
    Verdict,
    bootstrap_proportion_difference,
    describe_effect,
    judge,
    welch_difference,
)
from floorlead.coaching.model import Direction


def test_welch_interval_of_equal_spreads_matches_the_hand_worked_example() -> None:
    # Means 3 and 5, both variances 2.5, n = 5: se = sqrt(2.5/5 + 2.5/5) = 1,
    # df = 1 / (0.25/4 + 0.25/4) = 8, t(0.975, 8) = 2.306004: 2 ± 2.306004.
    effect = welch_difference([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])

    assert effect.difference == pytest.approx(2.0)
    assert effect.low == pytest.approx(2 - 2.306004, abs=1e-6)
    assert effect.high == pytest.approx(2 + 2.306004, abs=1e-6)


def test_welch_interval_of_unequal_spreads_uses_satterthwaite_degrees_of_freedom() -> None:
    # Before: mean 12, variance 4, n 3 (4/3); after: mean 24, variance 10, n 5 (2).
    # se = sqrt(10/3) = 1.825742; df = (10/3)^2 / ((4/3)^2/2 + 2^2/4) = 100/17 = 5.882353;
    # t(0.975, 5.882353) = 2.458824 (t tables, interpolated); margin = 4.489177.
    effect = welch_difference([10, 12, 14], [20, 22, 24, 26, 28])

    assert effect.difference == pytest.approx(12.0)
    assert (effect.low, effect.high) == pytest.approx((12 - 4.489177, 12 + 4.489177), abs=1e-5)
    reference = stats.ttest_ind([20, 22, 24, 26, 28], [10, 12, 14], equal_var=False)
    assert (effect.low, effect.high) == pytest.approx(tuple(reference.confidence_interval()))


def test_a_large_synthetic_fall_in_handle_time_is_recovered_and_called_an_improvement() -> None:
    rng = np.random.default_rng(11)
    before = rng.normal(300, 60, size=150)
    after = rng.normal(258, 60, size=150)  # the true effect: 42 s less

    effect = welch_difference(before.tolist(), after.tolist())

    assert effect.low is not None and effect.high is not None
    assert effect.low < -42 < effect.high
    assert effect.high < 0
    assert judge(effect, Direction.LOWER) is Verdict.IMPROVED


def test_no_synthetic_effect_gives_an_interval_around_zero_and_no_clear_change() -> None:
    rng = np.random.default_rng(12)
    before = rng.normal(300, 60, size=150)
    after = rng.normal(300, 60, size=150)

    effect = welch_difference(before.tolist(), after.tolist())

    assert effect.low is not None and effect.high is not None
    assert effect.low < 0 < effect.high
    assert judge(effect, Direction.LOWER) is Verdict.NO_CLEAR_CHANGE


def test_the_welch_interval_covers_the_true_difference_about_95_times_in_100() -> None:
    rng = np.random.default_rng(13)
    covered = 0
    for _ in range(400):
        before = rng.normal(10, 1, size=12)
        after = rng.normal(13, 4, size=20)
        effect = welch_difference(before.tolist(), after.tolist())
        covered += effect.low <= 3 <= effect.high  # type: ignore[operator]

    assert 0.92 <= covered / 400 <= 0.98


def test_bootstrap_recovers_a_rise_in_good_csat_answers_in_percentage_points() -> None:
    rng = np.random.default_rng(21)
    before = (rng.random(400) < 0.60).astype(float)
    after = (rng.random(400) < 0.80).astype(float)  # the true effect: +20 points

    effect = bootstrap_proportion_difference(before.tolist(), after.tolist(), seed=5)

    assert effect.method == "bootstrap"
    assert effect.low is not None and effect.high is not None
    assert effect.low < 20 < effect.high
    assert effect.low > 0
    assert judge(effect, Direction.HIGHER) is Verdict.IMPROVED


def test_bootstrap_with_no_effect_includes_zero() -> None:
    rng = np.random.default_rng(22)
    before = (rng.random(300) < 0.7).astype(float)
    after = (rng.random(300) < 0.7).astype(float)

    effect = bootstrap_proportion_difference(before.tolist(), after.tolist(), seed=5)

    assert effect.low is not None and effect.high is not None
    assert effect.low < 0 < effect.high


def test_bootstrap_is_repeatable_with_a_seed_and_centred_on_the_observed_difference() -> None:
    before = [1.0] * 6 + [0.0] * 4  # 60%
    after = [1.0] * 9 + [0.0] * 1  # 90%

    first = bootstrap_proportion_difference(before, after, seed=3)
    again = bootstrap_proportion_difference(before, after, seed=3)

    assert first == again
    assert first.difference == pytest.approx(30.0)
    assert first.low is not None and first.high is not None
    assert first.low < 30 < first.high


def test_bootstrap_refuses_values_that_are_not_outcomes() -> None:
    with pytest.raises(ValueError, match="only 0 and 1"):
        bootstrap_proportion_difference([0, 1, 2], [1, 1, 0])


def test_too_few_observations_give_no_interval_and_say_so() -> None:
    effect = welch_difference([300, 320], [250, 260, 270])

    assert effect.low is None and effect.difference == pytest.approx(-50)
    assert judge(effect, Direction.LOWER) is Verdict.TOO_FEW
    assert "too few observations" in describe_effect(
        effect, label="AHT", unit="s", better=Direction.LOWER
    )


@pytest.mark.parametrize(
    ("low", "high", "better", "verdict"),
    [
        (-66, -18, Direction.LOWER, Verdict.IMPROVED),
        (-66, -18, Direction.HIGHER, Verdict.WORSENED),
        (5, 9, Direction.HIGHER, Verdict.IMPROVED),
        (5, 9, None, Verdict.CHANGED),
        (-3, 9, Direction.HIGHER, Verdict.NO_CLEAR_CHANGE),
    ],
)
def test_the_verdict_follows_the_interval_and_the_better_direction(
    low: float, high: float, better: Direction | None, verdict: Verdict
) -> None:
    effect = Effect("welch", 20, 20, 1.0, 1.0, (low + high) / 2, low, high, 0.95)

    assert judge(effect, better) is verdict


def test_the_sentence_tells_the_fall_and_its_interval_plainly() -> None:
    effect = Effect("welch", 40, 38, 300.0, 258.0, -42.0, -66.0, -18.0, 0.95)

    sentence = describe_effect(effect, label="AHT", unit="s", better=Direction.LOWER)

    assert sentence == "AHT fell by 42 s (95% interval 18–66 s): likely a real improvement"


def test_an_interval_across_zero_reads_as_no_clear_change() -> None:
    effect = Effect("bootstrap", 30, 30, 70.0, 75.0, 5.0, -4.5, 14.2, 0.95)

    sentence = describe_effect(effect, label="CSAT", unit="points", better=Direction.HIGHER)

    assert sentence == "CSAT rose by 5.0 points (95% interval -4.5 to 14.2 points): no clear change"
