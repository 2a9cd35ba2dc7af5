"""Reading reviews: one review with its answers, a page of reviews, a reviewed ticket's history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.paging import Page, PageParams
from floorlead.quality.access import may_review, may_see_review, visible_reviews
from floorlead.quality.interactions import TimelineEntry, ticket_timeline
from floorlead.quality.model import AnswerType, ReviewStatus
from floorlead.quality.queries import people_names
from floorlead.quality.reviews import ReviewNotFound, load_review
from floorlead.quality.schemas import (
    AnswerPublic,
    ReviewPublic,
    ReviewSummary,
    SectionScorePublic,
)
from floorlead.quality.tables import (
    QaCriterion,
    QaReview,
    QaScorecard,
    QaScorecardVersion,
    QaSection,
)
from floorlead.tickets.tables import Ticket

SORTABLE = {"created_at", "score", "week_start", "id"}


def _visible_review(session: Session, actor: Actor, review_id: int) -> QaReview:
    review = load_review(session, review_id)
    if not may_see_review(actor, agent_id=review.agent_id, team_id=review.team_id):
        raise ReviewNotFound(f"no review {review_id}", field="review_id")
    return review


def review_detail(session: Session, *, actor: Actor, review_id: int) -> ReviewPublic:
    review = _visible_review(session, actor, review_id)
    version = session.get_one(QaScorecardVersion, review.version_id)
    scorecard = session.get_one(QaScorecard, review.scorecard_id)
    criteria = {
        c.id: (c, section.name)
        for c, section in session.execute(
            select(QaCriterion, QaSection)
            .join(QaSection, QaSection.id == QaCriterion.section_id)
            .where(QaSection.version_id == version.id)
        ).all()
    }
    names = people_names(session, [review.agent_id, review.reviewer_id, review.resolver_id])
    subject = session.scalar(select(Ticket.subject).where(Ticket.id == review.ticket_id)) or ""
    answers = [
        AnswerPublic(
            criterion_key=a.criterion_key,
            label=criteria[a.criterion_id][0].label,
            section=criteria[a.criterion_id][1],
            answer_type=AnswerType(criteria[a.criterion_id][0].answer_type),
            value=a.value,
            points=a.points,
            comment=a.comment,
        )
        for a in sorted(review.answers, key=lambda a: _order(criteria, a.criterion_id))
    ]
    return ReviewPublic(
        **_summary(review, subject, names).model_dump(),
        scorecard_id=scorecard.id,
        scorecard_name=scorecard.name,
        version=version.number,
        reviewer_id=review.reviewer_id,
        team_id=review.team_id,
        sections=[SectionScorePublic(**s) for s in review.section_scores],
        answers=answers,
        strengths=review.strengths,
        improvements=review.improvements,
        acknowledged_at=review.acknowledged_at,
        dispute_reason=review.dispute_reason,
        disputed_at=review.disputed_at,
        resolver_id=review.resolver_id,
        resolver_name=names.get(review.resolver_id) if review.resolver_id else None,
        resolution=review.resolution,
        resolution_comment=review.resolution_comment,
        resolved_at=review.resolved_at,
        original_score=review.original_score,
    )


def _order(criteria: dict[int, tuple[QaCriterion, str]], criterion_id: int) -> tuple[int, int]:
    criterion = criteria[criterion_id][0]
    return criterion.section_id, criterion.position


def _summary(review: QaReview, subject: str, names: dict[int, str]) -> ReviewSummary:
    return ReviewSummary(
        id=review.id,
        ticket_id=review.ticket_id,
        ticket_subject=subject,
        agent_id=review.agent_id,
        agent_name=names.get(review.agent_id, ""),
        reviewer_name=names.get(review.reviewer_id, ""),
        score=review.score,
        auto_failed=review.auto_failed,
        status=review.status,
        week_start=review.week_start,
        created_at=review.created_at,
    )


def reviews_page(
    session: Session,
    *,
    actor: Actor,
    page: PageParams,
    agent_id: int | None = None,
    team_id: int | None = None,
    status: ReviewStatus | None = None,
    week: date | None = None,
) -> Page[ReviewSummary]:
    """Reviews the actor may see (an agent: their own), newest first unless sorted."""
    require(actor, Action.VIEW_OWN_REVIEWS, scoped=False)
    conditions = [visible_reviews(actor, QaReview.agent_id, QaReview.team_id)]
    if agent_id is not None:
        conditions.append(QaReview.agent_id == agent_id)
    if team_id is not None:
        conditions.append(QaReview.team_id == team_id)
    if status is not None:
        conditions.append(QaReview.status == status.value)
    if week is not None:
        conditions.append(QaReview.week_start == week)
    total = session.scalar(select(func.count()).select_from(QaReview).where(*conditions)) or 0
    rows = session.execute(
        select(QaReview, Ticket.subject)
        .join(Ticket, Ticket.id == QaReview.ticket_id)
        .where(*conditions)
        .order_by(_sort(page.sort), QaReview.id.desc())
        .offset(page.offset)
        .limit(page.per_page)
    ).all()
    names = people_names(session, [r.agent_id for r, _ in rows] + [r.reviewer_id for r, _ in rows])
    items = [_summary(review, subject, names) for review, subject in rows]
    return Page(items=items, total=total, page=page.page, per_page=page.per_page)


def _sort(sort: str | None) -> ColumnElement[Any]:
    key = (sort or "-created_at").lstrip("-")
    if key not in SORTABLE:
        raise RuleViolation(f"sort by one of {', '.join(sorted(SORTABLE))}", field="sort")
    column = getattr(QaReview, key)
    return column.desc() if (sort or "-created_at").startswith("-") else column.asc()


def review_timeline(session: Session, *, actor: Actor, review_id: int) -> list[TimelineEntry]:
    """The reviewed ticket's history, for whoever may see the review."""
    review = _visible_review(session, actor, review_id)
    return ticket_timeline(session, review.ticket_id)


def may_resolve(actor: Actor, review: ReviewPublic) -> bool:
    """Whether to offer ``actor`` the resolve-dispute form (the service decides for real)."""
    return (
        review.status == ReviewStatus.DISPUTED
        and actor.person_id not in {review.reviewer_id, review.agent_id}
        and may_review(actor, agent_id=review.agent_id, team_id=review.team_id)
    )


def average_review_score(
    session: Session, *, agent_id: int, start: datetime, end: datetime
) -> float | None:
    """The mean score (0-100) of the agent's reviews recorded in [start, end); None without
    any. Amended reviews count with their amended score. For performance reviews."""
    mean = session.scalar(
        select(func.avg(QaReview.score)).where(
            QaReview.agent_id == agent_id,
            QaReview.created_at >= start,
            QaReview.created_at < end,
        )
    )
    return None if mean is None else round(float(mean), 2)
