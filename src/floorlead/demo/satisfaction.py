"""How satisfied a customer is, and whether they answer the survey.

A latent score falls with the wait for the first answer (relative to what is normal for the
channel), with the time to resolution and with every reopen and escalation, and rises with the
skill of the agent who solved it. The CSAT (1-5) and NPS (0-10) answers are cut from it, and
customers with strong feelings (either way) answer more often.
"""

from __future__ import annotations

import math

NORMAL_WAIT_SECONDS = {"phone": 90.0, "chat": 60.0}
NORMAL_WRITTEN_WAIT_SECONDS = 4 * 3600.0
CSAT_CUTS = (-1.2, -0.5, 0.2, 0.9)
RESPONSE_BASE = 0.17
RESPONSE_PER_EXTREMITY = 0.08
NPS_SHARE = 0.45


def satisfaction_score(
    *,
    channel: str,
    wait_seconds: float,
    resolution_hours: float,
    reopens: int,
    escalated: bool,
    skill_level: int,
) -> float:
    """The expected latent satisfaction (before the customer's own mood is added)."""
    normal = NORMAL_WAIT_SECONDS.get(channel, NORMAL_WRITTEN_WAIT_SECONDS)
    return (
        1.6
        - 0.45 * math.log1p(max(wait_seconds, 0.0) / normal)
        - 0.3 * math.log1p(max(resolution_hours, 0.0) / 24)
        - 0.9 * reopens
        - 0.3 * escalated
        + 0.12 * (skill_level - 3)
    )


def response_chance(score: float) -> float:
    return min(RESPONSE_BASE + RESPONSE_PER_EXTREMITY * abs(score - 0.9), 0.6)


def csat_rating(score: float) -> int:
    """1 to 5."""
    return 1 + sum(score >= cut for cut in CSAT_CUTS)


def nps_rating(score: float) -> int:
    """0 to 10."""
    return min(max(round(6.9 + 1.5 * score), 0), 10)
