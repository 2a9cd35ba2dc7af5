"""The read side of repeated criterion failures: per agent, the criteria they fail again and
again (the rule is :mod:`floorlead.quality.failing_criteria`).

A review counts once it stands: reviews disputed and waiting for their resolution are left out
(a resolved review counts with its amended answers, if amended). Only reviews ``actor`` may see
are read; ``actor=None`` is the system and reads all.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.quality.access import visible_reviews
from floorlead.quality.failing_criteria import (
    DEFAULT_RULE,
    CriterionAnswer,
    RepeatedFailure,
    RepeatRule,
    repeated_failures,
)
from floorlead.quality.model import ReviewStatus
from floorlead.quality.tables import QaAnswer, QaCriterion, QaReview


def repeatedly_failed_criteria(
    session: Session,
    *,
    actor: Actor | None,
    agent_ids: Collection[int],
    now: datetime,
    rule: RepeatRule = DEFAULT_RULE,
) -> dict[int, list[RepeatedFailure]]:
    """Agent id → the criteria they failed repeatedly (an empty list for each agent without)."""
    ids = sorted(set(agent_ids))
    if not ids:
        return {}
    found: dict[int, list[CriterionAnswer]] = {agent_id: [] for agent_id in ids}
    query = (
        select(
            QaReview.agent_id,
            QaAnswer.criterion_key,
            QaCriterion.label,
            QaReview.id,
            QaReview.created_at,
            QaAnswer.points,
        )
        .join(QaAnswer, QaAnswer.review_id == QaReview.id)
        .join(QaCriterion, QaCriterion.id == QaAnswer.criterion_id)
        .where(
            QaReview.agent_id.in_(ids),
            QaReview.created_at >= now - timedelta(days=rule.lookback_days),
            QaReview.created_at <= now,
            QaReview.status != ReviewStatus.DISPUTED.value,
            QaAnswer.points.is_not(None),
        )
    )
    if actor is not None:
        query = query.where(visible_reviews(actor, QaReview.agent_id, QaReview.team_id))
    for agent_id, key, label, review_id, reviewed_at, points in session.execute(query):
        found[agent_id].append(CriterionAnswer(key, label, review_id, reviewed_at, points))
    return {
        agent_id: repeated_failures(answers, now=now, rule=rule)
        for agent_id, answers in found.items()
    }
