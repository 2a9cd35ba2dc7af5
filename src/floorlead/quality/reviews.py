"""Reviews: score an interaction, tell the agent; the agent acknowledges or disputes; another
reviewer resolves a dispute by upholding or amending the score."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.notifications import MailKind, dedupe_key, queue_email
from floorlead.org.tables import Person, Team
from floorlead.quality.access import may_see_review
from floorlead.quality.interactions import ticket_row, week_of
from floorlead.quality.model import (
    AssignmentStatus,
    DisputeOutcome,
    ReviewScore,
    ReviewStatus,
)
from floorlead.quality.notifications import notify
from floorlead.quality.schemas import AnswerIn, DisputeResolution, ReviewCreate
from floorlead.quality.scorecard import score_review
from floorlead.quality.scorecards import active_scorecard, current_version, scorecard_value
from floorlead.quality.tables import QaAnswer, QaAssignment, QaReview, QaScorecardVersion


class ReviewNotFound(NotFound):
    pass


def record_review(
    session: Session, *, actor: Actor, data: ReviewCreate, now: datetime, notify_agent: bool = True
) -> QaReview:
    """Score the ticket on the scorecard's current version; completes its assignment, if any.

    The agent reviewed is the assignment's agent (or the ticket's assignee). One review per
    ticket and scorecard: a second attempt is refused.
    """
    ticket = ticket_row(session, data.ticket_id)
    scorecard = active_scorecard(session, data.scorecard_id)
    assignment = session.scalar(
        select(QaAssignment).where(
            QaAssignment.scorecard_id == scorecard.id, QaAssignment.ticket_id == ticket.id
        )
    )
    agent_id = assignment.agent_id if assignment else ticket.assignee_id
    if agent_id is None:
        raise RuleViolation(f"ticket {ticket.id} has no agent to review", field="ticket_id")
    agent = session.get(Person, agent_id)
    team = session.get(Team, agent.team_id) if agent and agent.team_id else None
    require(actor, Action.REVIEW_QUALITY, team_id=team.id if team else None, person_id=agent_id)
    if actor.person_id == agent_id:
        raise RuleViolation("nobody reviews their own interaction", field="ticket_id")
    _ensure_not_reviewed(session, scorecard.id, ticket.id)
    version = current_version(scorecard)
    result = score_review(scorecard_value(scorecard.name, version), _values(data.answers))
    review = QaReview(
        scorecard_id=scorecard.id,
        version_id=version.id,
        assignment_id=assignment.id if assignment else None,
        ticket_id=ticket.id,
        agent_id=agent_id,
        reviewer_id=actor.person_id,
        team_id=team.id if team else None,
        week_start=week_of(ticket.created_at, team.time_zone if team else "UTC"),
        strengths=data.strengths.strip(),
        improvements=data.improvements.strip(),
        status=ReviewStatus.SUBMITTED.value,
        created_at=now,
    )
    _apply_score(review, version, result, data.answers)
    session.add(review)
    if assignment is not None:
        assignment.status = AssignmentStatus.REVIEWED.value
    session.flush()
    if notify_agent:
        title = f"Your ticket #{ticket.id} was reviewed"
        _tell(session, agent_id, "qa_review", title, review, now)
        _mail_agent(session, actor, title, review, now)
    _audit(session, actor, "create", review, None, {"score": review.score}, now)
    session.commit()
    return review


def _ensure_not_reviewed(session: Session, scorecard_id: int, ticket_id: int) -> None:
    existing = session.scalar(
        select(QaReview.id).where(
            QaReview.scorecard_id == scorecard_id, QaReview.ticket_id == ticket_id
        )
    )
    if existing is not None:
        raise Conflict(
            f"ticket {ticket_id} is already reviewed on this scorecard (review {existing})",
            field="ticket_id",
        )


def _values(answers: Mapping[str, AnswerIn]) -> dict[str, str]:
    return {key: answer.value for key, answer in answers.items()}


def _apply_score(
    review: QaReview,
    version: QaScorecardVersion,
    result: ReviewScore,
    answers: Mapping[str, AnswerIn],
) -> None:
    review.score = round(result.score, 4)
    review.auto_failed = result.auto_failed
    review.section_scores = [
        {"name": s.name, "score": None if s.score is None else round(s.score, 4)}
        for s in result.sections
    ]
    review.answers = [
        QaAnswer(
            criterion_id=c.id,
            criterion_key=c.key,
            value=answers[c.key].value.strip().lower(),
            points=result.points[c.key],
            comment=answers[c.key].comment.strip(),
        )
        for section in version.sections
        for c in section.criteria
    ]


def load_review(session: Session, review_id: int) -> QaReview:
    review = session.scalars(
        select(QaReview).where(QaReview.id == review_id).options(selectinload(QaReview.answers))
    ).first()
    if review is None:
        raise ReviewNotFound(f"no review {review_id}", field="review_id")
    return review


def _own_review(session: Session, actor: Actor, review_id: int) -> QaReview:
    review = load_review(session, review_id)
    if not may_see_review(actor, agent_id=review.agent_id, team_id=review.team_id):
        raise ReviewNotFound(f"no review {review_id}", field="review_id")
    if actor.person_id != review.agent_id:
        raise PermissionDenied("only the agent reviewed may answer a review", field="review_id")
    return review


def acknowledge_review(
    session: Session, *, actor: Actor, review_id: int, now: datetime
) -> QaReview:
    """The agent has read the review (or the resolution of their dispute)."""
    review = _own_review(session, actor, review_id)
    if review.status not in {ReviewStatus.SUBMITTED, ReviewStatus.RESOLVED}:
        raise Conflict(f"the review is {review.status}", field="review_id")
    before = review.status
    review.status = ReviewStatus.ACKNOWLEDGED.value
    review.acknowledged_at = now
    _audit(
        session, actor, "acknowledge", review, {"status": before}, {"status": review.status}, now
    )
    session.commit()
    return review


def dispute_review(
    session: Session, *, actor: Actor, review_id: int, reason: str, now: datetime
) -> QaReview:
    """The agent disagrees; another reviewer will resolve it."""
    review = _own_review(session, actor, review_id)
    if review.status != ReviewStatus.SUBMITTED:
        raise Conflict(
            f"only a new review can be disputed; this one is {review.status}", field="review_id"
        )
    reason = reason.strip()
    if not reason:
        raise RuleViolation("say why you dispute the review", field="reason")
    review.status = ReviewStatus.DISPUTED.value
    review.dispute_reason = reason[:2000]
    review.disputed_at = now
    for person_id in _dispute_watchers(session, review):
        title = f"Review of ticket #{review.ticket_id} disputed"
        _tell(session, person_id, "qa_dispute", title, review, now)
    _audit(session, actor, "dispute", review, {"status": "submitted"}, {"status": "disputed"}, now)
    session.commit()
    return review


def _dispute_watchers(session: Session, review: QaReview) -> list[int]:
    """The original reviewer, and the agent's team supervisor (who can resolve it)."""
    watchers = [review.reviewer_id]
    team = session.get(Team, review.team_id) if review.team_id else None
    if team and team.supervisor_id and team.supervisor_id not in watchers:
        watchers.append(team.supervisor_id)
    return watchers


def resolve_dispute(
    session: Session, *, actor: Actor, review_id: int, data: DisputeResolution, now: datetime
) -> QaReview:
    """Another reviewer upholds the score, or amends the answers (and so the score)."""
    review = load_review(session, review_id)
    require(actor, Action.REVIEW_QUALITY, team_id=review.team_id, person_id=review.agent_id)
    if review.status != ReviewStatus.DISPUTED:
        raise Conflict(f"the review is {review.status}, not disputed", field="review_id")
    if actor.person_id in {review.reviewer_id, review.agent_id}:
        raise RuleViolation(
            "a dispute is resolved by a reviewer other than the original one", field="review_id"
        )
    before = {"status": review.status, "score": review.score}
    if data.outcome is DisputeOutcome.AMENDED:
        _amend(session, review, data.answers)
    review.status = ReviewStatus.RESOLVED.value
    review.resolver_id = actor.person_id
    review.resolution = data.outcome.value
    review.resolution_comment = data.comment.strip()
    review.resolved_at = now
    title = f"Your dispute of ticket #{review.ticket_id} was {data.outcome.value}"
    _tell(session, review.agent_id, "qa_dispute_resolved", title, review, now)
    after = {"status": review.status, "score": review.score}
    _audit(session, actor, "resolve", review, before, after, now)
    session.commit()
    return review


def _amend(session: Session, review: QaReview, answers: Mapping[str, AnswerIn] | None) -> None:
    if not answers:
        raise RuleViolation("amending a review needs the corrected answers", field="answers")
    version = session.get_one(QaScorecardVersion, review.version_id)
    result = score_review(scorecard_value("", version), _values(answers))
    review.original_score = review.score
    review.answers.clear()
    session.flush()
    _apply_score(review, version, result, answers)


def _tell(
    session: Session, person_id: int, kind: str, title: str, review: QaReview, now: datetime
) -> None:
    body = f"Score {review.score:.1f}%" + (" (auto-fail)" if review.auto_failed else "")
    notify(
        session,
        person_id=person_id,
        kind=kind,
        title=title,
        body=body,
        link=f"/quality/reviews/{review.id}",
        now=now,
    )


def _mail_agent(
    session: Session, actor: Actor, title: str, review: QaReview, now: datetime
) -> None:
    """E-mail the agent about a new review (sent after this transaction commits)."""
    auto_fail = " (auto-fail)" if review.auto_failed else ""
    queue_email(
        session,
        person_id=review.agent_id,
        kind=MailKind.QA_REVIEW,
        subject=title,
        body=f"{actor.name or 'A reviewer'} reviewed your ticket #{review.ticket_id}: "
        f"score {review.score:.1f}%{auto_fail}.\nRead the review, then acknowledge or "
        "dispute it.",
        link=f"/quality/reviews/{review.id}",
        dedupe_key=dedupe_key(MailKind.QA_REVIEW, review.id),
        now=now,
    )


def _audit(
    session: Session,
    actor: Actor,
    action: str,
    review: QaReview,
    before: dict[str, object] | None,
    after: dict[str, object],
    now: datetime,
) -> None:
    record_change(
        session,
        actor_id=actor.person_id,
        action=action,
        entity="qa_review",
        entity_id=review.id,
        before=before,
        after=after,
        now=now,
    )
