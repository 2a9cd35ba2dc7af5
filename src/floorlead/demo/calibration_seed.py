"""One closed calibration session: the manager asks the three supervisors to score the same
five reviewed interactions blind. One supervisor is harsher than the others and one more
lenient, so the results show a spread and a reviewer to talk to."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from sqlalchemy.orm import Session

from floorlead.demo.qa_answers import CriterionSpec, DoneReview, answer
from floorlead.demo.quality_texts import CALIBRATION_NAMES
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.quality.schemas import CalibrationCreate, CalibrationScores
from floorlead.quality.service import (
    close_calibration,
    open_calibration,
    submit_calibration_scores,
)

INTERACTIONS = 5
PANEL_LENIENCY = (-0.08, 0.0, 0.06)
SESSION_LENGTH = timedelta(hours=2)


def hold_calibration(
    context: SeedContext,
    session: Session,
    scorecard_id: int,
    criteria: list[CriterionSpec],
    done: list[DoneReview],
) -> int:
    """Hold the session two days after the chosen reviews; returns 1, or 0 without reviews."""
    picked = _interactions(context.rng, done)
    if not picked:
        return 0
    panel = [context.supervisor(team.id).id for team in context.org.support_teams]
    manager = context.actor(session, context.manager().id)
    latest = max(review.at for review in picked)
    opened = context.before_end(
        local_moment(latest.date() + timedelta(days=2), 10), margin=SESSION_LENGTH
    )
    calibration = open_calibration(
        session,
        actor=manager,
        data=CalibrationCreate(
            name=CALIBRATION_NAMES[int(context.rng.integers(len(CALIBRATION_NAMES)))],
            scorecard_id=scorecard_id,
            ticket_ids=[review.ticket_id for review in picked],
            panel_ids=panel,
        ),
        now=opened,
    )
    _score_blind(context, session, calibration.id, panel, picked, criteria, opened)
    close_calibration(
        session, actor=manager, calibration_id=calibration.id, now=opened + SESSION_LENGTH
    )
    return 1


def _score_blind(
    context: SeedContext,
    session: Session,
    calibration_id: int,
    panel: list[int],
    picked: list[DoneReview],
    criteria: list[CriterionSpec],
    opened: datetime,
) -> None:
    """Each panelist scores every interaction, one harsher and one more lenient."""
    for n, (person_id, leniency) in enumerate(zip(panel, PANEL_LENIENCY, strict=False)):
        panelist = context.actor(session, person_id)
        for k, review in enumerate(picked):
            submit_calibration_scores(
                session,
                actor=panelist,
                calibration_id=calibration_id,
                data=CalibrationScores(
                    ticket_id=review.ticket_id,
                    answers=answer(criteria, review.quality, context.rng, leniency=leniency),
                ),
                now=opened + timedelta(minutes=10 + 20 * n + 3 * k),
            )


def _interactions(rng: np.random.Generator, done: list[DoneReview]) -> list[DoneReview]:
    """Five reviewed interactions, taking the teams in turn, without auto-fails (there is
    nothing to debate in those)."""
    candidates = [review for review in done if not review.auto_failed]
    if len(candidates) < INTERACTIONS:
        return []
    shuffled = [candidates[int(i)] for i in rng.permutation(len(candidates))]
    queues = [
        [r for r in shuffled if r.team_id == team] for team in sorted({r.team_id for r in shuffled})
    ]
    picked: list[DoneReview] = []
    while len(picked) < INTERACTIONS:
        for queue in queues:
            if queue and len(picked) < INTERACTIONS:
                picked.append(queue.pop())
    return sorted(picked, key=lambda review: review.ticket_id)
