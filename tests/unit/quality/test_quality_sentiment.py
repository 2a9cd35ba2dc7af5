"""The lexicon sentiment score used to target negative conversations."""

import math

import pytest

from floorlead.quality.sentiment import is_negative, sentiment_score, valence_sum


@pytest.mark.parametrize(
    ("text", "valence"),
    [
        ("This is terrible, I am angry and still waiting", -3 - 2 - 1),
        ("Thanks, that was great", 2 + 3),
        ("The agent was not helpful", -0.5 * 2),
        ("not bad at all", -0.5 * -2),
        ("It wasn't really helpful", -0.5 * 2),
        ("It wasn't. Helpful though", 2),  # a full stop ends the negation
        ("I never said this, but the answer was helpful", 2),  # too far from the negator
        ("Where is my parcel?", 0),
        ("TERRIBLE service", -3),
        ("Don’t worry, it’s fine", 1),
    ],
)
def test_valences_add_up_with_negation_flipping_and_damping(text: str, valence: float) -> None:
    assert valence_sum(text) == valence


def test_the_score_is_squashed_between_minus_one_and_one() -> None:
    score = sentiment_score(["This is terrible, I am angry and still waiting"])

    assert score == pytest.approx(-6 / math.sqrt(36 + 15))
    assert sentiment_score([]) == 0.0
    assert -1 < sentiment_score(["terrible " * 100]) < -0.99


@pytest.mark.parametrize(
    ("texts", "negative"),
    [
        (["terrible"], True),  # −3 / √24 = −0.61
        (["still waiting", "parcel late"], True),  # −2 / √19 = −0.46
        (["still waiting"], False),  # −1 / 4 = −0.25
        (["waiting, but thanks"], False),
    ],
)
def test_negative_means_at_or_below_minus_0_3(texts: list[str], negative: bool) -> None:
    assert is_negative(sentiment_score(texts)) is negative
