"""Krippendorff's alpha against the published worked examples.

Reference: Klaus Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
University of Pennsylvania, ScholarlyCommons, Departmental Papers (ASC) 43. Example A
(binary data, two observers, no missing values) gives α = 0.095; example C (four observers,
twelve units, five values, missing data) gives α_nominal = 0.743, α_ordinal = 0.815,
α_interval = 0.849 and α_ratio = 0.797, with value frequencies n_c = 9, 13, 10, 5, 3.
"""

import pytest

from floorlead.quality.calibration import (
    Level,
    coincidence_matrix,
    krippendorff_alpha,
    reviewer_deviations,
    score_spread,
)

# Example C: rows are observers A–D, columns units 1–12 (None = missing).
N = None
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
UNITS = [list(unit) for unit in zip(*OBSERVERS, strict=True)]


@pytest.mark.parametrize(
    ("level", "published"),
    [
        (Level.NOMINAL, 0.743),
        (Level.ORDINAL, 0.815),
        (Level.INTERVAL, 0.849),
        (Level.RATIO, 0.797),
    ],
)
def test_alpha_matches_krippendorffs_published_example_c(level: Level, published: float) -> None:
    assert krippendorff_alpha(UNITS, level) == pytest.approx(published, abs=5e-4)


def test_the_coincidence_matrix_of_example_c_has_the_published_value_frequencies() -> None:
    values, matrix = coincidence_matrix(UNITS)

    assert values == [1, 2, 3, 4, 5]
    assert [sum(row) for row in matrix] == pytest.approx([9, 13, 10, 5, 3])
    # Unit 12 holds a single value: it cannot be paired and contributes nothing.
    assert sum(map(sum, matrix)) == pytest.approx(40)
    # Coincidences are symmetric.
    assert all(matrix[c][k] == pytest.approx(matrix[k][c]) for c in range(5) for k in range(5))


def test_alpha_matches_krippendorffs_published_binary_example_a() -> None:
    observer_a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    observer_b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]

    alpha = krippendorff_alpha(list(zip(observer_a, observer_b, strict=True)), Level.NOMINAL)

    assert alpha == pytest.approx(0.095, abs=5e-4)


def test_perfect_agreement_is_one_and_no_variation_is_undefined() -> None:
    assert krippendorff_alpha([["yes", "yes"], ["no", "no", None]], Level.NOMINAL) == 1.0
    assert krippendorff_alpha([["yes", "yes"], ["yes", "yes"]], Level.NOMINAL) is None
    assert krippendorff_alpha([["yes"], [None, "no"]], Level.NOMINAL) is None


def test_systematic_disagreement_is_below_zero() -> None:
    # Two coders who always disagree on a binary variable.
    assert krippendorff_alpha([[0, 1], [1, 0], [0, 1], [1, 0]], Level.NOMINAL) < 0


def test_ordinal_alpha_ignores_the_spacing_of_values_but_interval_does_not() -> None:
    close = [[1, 2], [2, 3], [3, 3], [1, 1], [4, 5], [5, 5]]
    stretched = [[{1: 1, 2: 2, 3: 3, 4: 40, 5: 50}[v] for v in unit] for unit in close]

    assert krippendorff_alpha(close, Level.ORDINAL) == pytest.approx(
        krippendorff_alpha(stretched, Level.ORDINAL)
    )
    assert krippendorff_alpha(close, Level.INTERVAL) != pytest.approx(
        krippendorff_alpha(stretched, Level.INTERVAL)
    )


def test_score_spread_is_the_sample_standard_deviation_and_range() -> None:
    spread = score_spread([70.0, 80.0, 90.0])

    assert (spread.mean, spread.std_dev, spread.range, spread.count) == (80.0, 10.0, 20.0, 3)


def test_the_reviewer_furthest_from_the_panel_mean_comes_first() -> None:
    scores = {
        101: {1: 80.0, 2: 82.0, 3: 50.0},  # panel mean 70.67
        102: {1: 90.0, 2: 87.0, 3: 71.0},  # panel mean 82.67
        103: {1: 60.0},  # a single score: no panel to compare with
    }

    deviations = reviewer_deviations(scores)

    # Mean absolute deviations: reviewer 3 16.17, reviewer 1 8.33, reviewer 2 7.83.
    assert [d.reviewer_id for d in deviations] == [3, 1, 2]
    worst = deviations[0]
    assert worst.mean_deviation == pytest.approx(((50 - 212 / 3) + (71 - 248 / 3)) / 2)
    assert worst.mean_absolute_deviation == pytest.approx(-worst.mean_deviation)
    assert worst.interactions == 2
