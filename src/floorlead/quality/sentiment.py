"""A small lexicon sentiment score of what a customer wrote, for targeting QA samples.

Each known word carries a valence from −3 (very negative) to +3 (very positive); a word
within three words after a negator ("not", "never", "don't"…) in the same clause (punctuation
ends it) counts −0.5 times its valence ("not helpful" is mildly negative, "not bad" mildly
positive, "don't worry, it's fine" positive). The sum ``s`` is squashed to
−1…+1 with ``s / sqrt(s² + 15)``, the normalisation VADER uses. A conversation scoring
:data:`NEGATIVE_AT` or lower counts as negative: one strongly negative word ("terrible",
−0.61) or two mild ones ("still waiting, parcel late", −0.46) reach it, one mild word (−0.25)
does not. It is deliberately simple, transparent and fast; it is a pointer for sampling,
not a judgement of the agent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

NEGATIVE_AT = -0.3
NEGATION_REACH = 3
NEGATION_FACTOR = -0.5
SQUASH_ALPHA = 15.0

_TOKENS = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;:!?]")


def _valued(valence: float, text: str) -> dict[str, float]:
    return dict.fromkeys(text.split(), valence)


NEGATORS = frozenset(
    _valued(
        0,
        "not no never nothing nobody cannot can't don't doesn't didn't isn't wasn't won't "
        "haven't hasn't aren't weren't couldn't wouldn't shouldn't",
    )
)
LEXICON: dict[str, float] = {
    **_valued(
        -3,
        "terrible awful horrible furious disgusting worst useless unacceptable ridiculous "
        "scam outraged incompetent hate pathetic appalling",
    ),
    **_valued(
        -2,
        "angry annoyed frustrated frustrating disappointed disappointing upset rude broken "
        "wrong poor bad complaint complain failed failure unhappy ignored damaged "
        "misleading unresolved",
    ),
    **_valued(
        -1,
        "waiting wait delay delayed late again problem issue error confused slow lost "
        "cancel missing charged twice",
    ),
    **_valued(1, "fine works quick fast okay"),
    **_valued(2, "thanks thank happy pleased helpful resolved appreciate good solved kind"),
    **_valued(3, "great excellent perfect love amazing brilliant wonderful"),
}


def tokens(text: str) -> list[str]:
    """Lower-case words and clause-ending punctuation."""
    return _TOKENS.findall(text.lower().replace("’", "'"))


def valence_sum(text: str) -> float:
    total = 0.0
    last_negator = -NEGATION_REACH - 1
    for position, word in enumerate(tokens(text)):
        if not word[0].isalpha():
            last_negator = -NEGATION_REACH - 1
            continue
        if word in NEGATORS:
            last_negator = position
            continue
        valence = LEXICON.get(word, 0.0)
        if valence and position - last_negator <= NEGATION_REACH:
            valence *= NEGATION_FACTOR
        total += valence
    return total


def sentiment_score(texts: Iterable[str]) -> float:
    """Sentiment of everything the customer wrote, from −1 (negative) to +1 (positive)."""
    total = sum(valence_sum(text) for text in texts)
    return total / math.sqrt(total * total + SQUASH_ALPHA)


def is_negative(score: float) -> bool:
    return score <= NEGATIVE_AT
