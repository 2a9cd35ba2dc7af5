"""eNPS arithmetic: % promoters (9-10) minus % detractors (0-6), shown from three answers."""

import pytest

from floorlead.coaching.enps import MIN_RESPONSES, enps


@pytest.mark.parametrize(
    ("scores", "promoters", "passives", "detractors", "score"),
    [
        ([10, 9, 8, 7, 6], 2, 2, 1, 20.0),  # 40% - 20%
        ([0, 3, 6], 0, 0, 3, -100.0),
        ([9, 10, 10, 9], 4, 0, 0, 100.0),
        ([7, 8, 7], 0, 3, 0, 0.0),
        ([10, 6, 8, 9, 2, 5, 9, 7], 3, 2, 3, 0.0),  # 37.5% - 37.5%
        ([10, 9, 5], 2, 0, 1, 100 / 3),  # 66.7% - 33.3%
    ],
)
def test_enps_is_promoters_minus_detractors_in_percent(
    scores: list[int], promoters: int, passives: int, detractors: int, score: float
) -> None:
    result = enps(scores)

    assert result is not None
    assert (result.promoters, result.passives, result.detractors) == (
        promoters,
        passives,
        detractors,
    )
    assert result.score == pytest.approx(score)


def test_fewer_than_three_answers_are_not_shown() -> None:
    two = enps([10, 0])
    three = enps([10, 0, 8])

    assert MIN_RESPONSES == 3
    assert two is not None and not two.shown
    assert three is not None and three.shown
    assert enps([]) is None


def test_an_answer_outside_0_to_10_is_refused() -> None:
    with pytest.raises(ValueError, match="0-10"):
        enps([5, 11])
