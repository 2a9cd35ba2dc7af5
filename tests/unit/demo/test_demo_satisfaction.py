"""Satisfaction: the latent score and the survey answers cut from it."""

from __future__ import annotations

import pytest

from floorlead.demo.satisfaction import csat_rating, nps_rating, response_chance, satisfaction_score

BASE = {
    "channel": "email",
    "wait_seconds": 3600.0,
    "resolution_hours": 4.0,
    "reopens": 0,
    "escalated": False,
    "skill_level": 3,
}


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("wait_seconds", 3 * 86_400.0),
        ("resolution_hours", 120.0),
        ("reopens", 1),
        ("escalated", True),
        ("skill_level", 1),
    ],
)
def test_each_frustration_lowers_satisfaction(change: str, value: object) -> None:
    assert satisfaction_score(**{**BASE, change: value}) < satisfaction_score(**BASE)


def test_a_long_phone_queue_hurts_more_than_the_same_wait_for_an_email() -> None:
    phone = satisfaction_score(**{**BASE, "channel": "phone", "wait_seconds": 600.0})
    email = satisfaction_score(**{**BASE, "wait_seconds": 600.0})

    assert phone < email


@pytest.mark.parametrize(("score", "csat"), [(-3.0, 1), (-1.0, 2), (0.0, 3), (0.5, 4), (2.0, 5)])
def test_csat_is_cut_from_the_score(score: float, csat: int) -> None:
    assert csat_rating(score) == csat


@pytest.mark.parametrize("score", [-10.0, -1.0, 0.0, 1.0, 10.0])
def test_nps_stays_on_its_scale(score: float) -> None:
    assert 0 <= nps_rating(score) <= 10


def test_strong_feelings_answer_surveys_more_often() -> None:
    assert response_chance(-2.0) > response_chance(0.9) < response_chance(3.0)
