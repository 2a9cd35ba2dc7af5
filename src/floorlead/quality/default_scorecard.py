"""The default scorecard a new installation (and the demo) starts from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.quality.model import AnswerType
from floorlead.quality.schemas import CriterionIn, ScorecardCreate, SectionIn
from floorlead.quality.scorecards import create_scorecard, load_scorecard
from floorlead.quality.tables import QaScorecard

DEFAULT_SCORECARD = "Customer service standard"


def default_scorecard_input() -> ScorecardCreate:
    """A sensible starting scorecard for a support team (see docs/quality/guide.md)."""

    def yes_no(key: str, label: str, *, auto_fail: bool = False, na: bool = False) -> CriterionIn:
        return CriterionIn(
            key=key, label=label, answer_type=AnswerType.YES_NO, auto_fail=auto_fail, allow_na=na
        )

    def scale(key: str, label: str, weight: float = 1.0) -> CriterionIn:
        return CriterionIn(key=key, label=label, answer_type=AnswerType.SCALE, weight=weight)

    return ScorecardCreate(
        name=DEFAULT_SCORECARD,
        description="Compliance, resolution and communication of one customer interaction.",
        sections=[
            SectionIn(
                name="Compliance",
                weight=30,
                criteria=[
                    yes_no("verified_identity", "Verified identity", auto_fail=True, na=True),
                    yes_no("data_protection", "Kept to the data-protection rules", auto_fail=True),
                ],
            ),
            SectionIn(
                name="Resolution",
                weight=40,
                criteria=[
                    scale("understood_issue", "Understood the issue", 2),
                    scale("correct_answer", "Gave a correct, complete answer", 3),
                    yes_no("next_steps", "Set clear next steps", na=True),
                ],
            ),
            SectionIn(
                name="Communication",
                weight=30,
                criteria=[
                    scale("empathy", "Tone and empathy"),
                    scale("clarity", "Clear and well written"),
                    yes_no("greeting", "Personal greeting and close"),
                ],
            ),
        ],
    )


def seed_default_scorecard(session: Session, now: datetime) -> QaScorecard:
    """The default scorecard, created on first call (the same one is returned afterwards)."""
    found = session.scalar(select(QaScorecard.id).where(QaScorecard.name == DEFAULT_SCORECARD))
    if found is not None:
        return load_scorecard(session, found)
    return create_scorecard(session, actor=None, data=default_scorecard_input(), now=now)


def scorecard_markdown(data: ScorecardCreate) -> str:
    """The scorecard as the table docs/quality/guide.md shows."""
    rows = [
        "| section (weight) | criterion | type | weight | notes |",
        "|---|---|---|---|---|",
    ]
    for section in data.sections:
        for i, c in enumerate(section.criteria):
            head = f"{section.name} ({section.weight:g})" if i == 0 else ""
            kind = "yes/no" if c.answer_type is AnswerType.YES_NO else "1–5"
            notes = ", ".join(
                n for n, on in (("auto-fail", c.auto_fail), ("N/A allowed", c.allow_na)) if on
            )
            cells = (head, c.label, kind, f"{c.weight:g}", notes)
            rows.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    return "\n".join(rows)
