"""Agents answering their quality reviews: most acknowledge within a few days, two dispute a
low score, and the manager (not the original reviewer) resolves the first dispute; the agent
has not yet read the resolution."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from floorlead.demo.qa_answers import CriterionSpec, DoneReview, amended
from floorlead.demo.quality_texts import DISPUTE_REASONS, RESOLUTIONS
from floorlead.demo.seed_context import SeedContext
from floorlead.quality import AnswerIn
from floorlead.quality.model import DisputeOutcome
from floorlead.quality.schemas import DisputeResolution
from floorlead.quality.service import acknowledge_review, dispute_review, resolve_dispute

ACKNOWLEDGE_CHANCE = 0.6
ANSWER_DAYS = (0.1, 3.0)
DISPUTES = 2
DISPUTE_AFTER = timedelta(hours=20)
RESOLVE_AFTER = timedelta(days=1, hours=2)
SETTLED = timedelta(days=3)  # a dispute needs this long before the end to be resolved


def answer_reviews(
    context: SeedContext, session: Session, done: list[DoneReview], criteria: list[CriterionSpec]
) -> tuple[int, int]:
    """Acknowledgements and disputes; returns how many of each."""
    disputed = _pick_disputes(context, done)
    for n, review in enumerate(disputed):
        _dispute(context, session, review, n, criteria)
    acknowledged = 0
    waiting = {review.review_id for review in disputed}
    draws = context.rng.random((len(done), 2))
    for review, (roll, delay) in zip(done, draws, strict=True):
        if review.review_id in waiting or roll >= ACKNOWLEDGE_CHANCE:
            continue
        days = ANSWER_DAYS[0] + delay * (ANSWER_DAYS[1] - ANSWER_DAYS[0])
        at = review.at + timedelta(days=days)
        if at < context.end:
            agent = context.actor(session, review.agent_id)
            acknowledge_review(session, actor=agent, review_id=review.review_id, now=at)
            acknowledged += 1
    return acknowledged, len(disputed)


def _pick_disputes(context: SeedContext, done: list[DoneReview]) -> list[DoneReview]:
    """The lowest scores of two different agents, early enough to be seen to (the first one
    also resolved) before the end."""
    early = [r for r in done if r.at + SETTLED < context.end]
    chosen: list[DoneReview] = []
    for review in sorted(early, key=lambda r: (r.score, r.review_id)):
        if all(review.agent_id != other.agent_id for other in chosen):
            chosen.append(review)
        if len(chosen) == DISPUTES:
            break
    return chosen


def _dispute(
    context: SeedContext,
    session: Session,
    review: DoneReview,
    position: int,
    criteria: list[CriterionSpec],
) -> None:
    agent = context.actor(session, review.agent_id)
    disputed_at = review.at + DISPUTE_AFTER
    reason = DISPUTE_REASONS[0 if review.auto_failed else 1 + position % 2]
    dispute_review(session, actor=agent, review_id=review.review_id, reason=reason, now=disputed_at)
    if position > 0:
        return  # the second dispute is still waiting for a reviewer
    manager = context.actor(session, context.manager().id)
    resolved_at = disputed_at + RESOLVE_AFTER
    outcome = DisputeOutcome.AMENDED if review.auto_failed else DisputeOutcome.UPHELD
    corrected = amended(criteria, review.answers) if review.auto_failed else None
    resolve_dispute(
        session,
        actor=manager,
        review_id=review.review_id,
        data=DisputeResolution(
            outcome=outcome,
            comment=RESOLUTIONS[outcome.value],
            answers={k: AnswerIn(value=v) for k, v in corrected.items()} if corrected else None,
        ),
        now=resolved_at,
    )
