"""What people write: subjects, descriptions, replies, notes and survey comments from templates."""

from __future__ import annotations

from floorlead.demo.draws import Draws
from floorlead.demo.phrases import (
    CATEGORY_TOPIC,
    DESCRIPTIONS,
    DEVICES,
    PHRASES,
    PRODUCTS,
    SUBJECTS,
    SURVEY_COMMENTS,
)

LANGUAGE_NOTE = {
    "spanish": " (El cliente prefiere hablar en español.)",
    "french": " (Le client préfère être servi en français.)",
}


class Texts:
    """Fills templates with details drawn for each ticket."""

    def __init__(self, draws: Draws) -> None:
        self._draws = draws

    def ticket_details(self, category: str) -> dict[str, str]:
        draws = self._draws
        return {
            "order": f"#{draws.integer(100_000, 999_999)}",
            "invoice": f"INV-{draws.integer(20_000, 99_999)}",
            "amount": f"£{draws.lognormal(45.0, 0.8):.2f}",
            "device": draws.pick(DEVICES),
            "product": draws.pick(PRODUCTS),
            "days": str(draws.integer(2, 14)),
            "topic": CATEGORY_TOPIC[category],
        }

    def subject(self, category: str, details: dict[str, str]) -> str:
        return self._draws.pick(SUBJECTS[category]).format(**details)

    def description(self, category: str, details: dict[str, str], language: str | None) -> str:
        text = self._draws.pick(DESCRIPTIONS[category]).format(**details)
        return text + LANGUAGE_NOTE.get(language or "", "")

    def phrase(self, kind: str, details: dict[str, str]) -> str:
        """A line of the given kind (reply, note, customer message ...) about this ticket."""
        return self._draws.pick(PHRASES[kind]).format(**details)

    def survey_comment(self, survey: str, rating: int) -> str:
        """A comment for some survey answers (empty for the others)."""
        if not self._draws.chance(0.45):
            return ""
        band = _band(survey, rating)
        return self._draws.pick(SURVEY_COMMENTS[band])


def _band(survey: str, rating: int) -> str:
    if survey == "csat":
        return "low" if rating <= 2 else "mid" if rating == 3 else "high"
    return "low" if rating <= 6 else "mid" if rating <= 8 else "high"
