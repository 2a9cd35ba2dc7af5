"""Performance reviews per period: KPIs against targets, QA, attendance and goals met, with the
supervisor's rating and comments; the agent reads and acknowledges their review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_coach
from floorlead.coaching.audit import audit
from floorlead.coaching.catalogue import kpi_info
from floorlead.coaching.goals import day_start
from floorlead.coaching.model import (
    AttendanceSource,
    Direction,
    GoalStatus,
    KpiSource,
    QaSource,
)
from floorlead.coaching.progress import is_met
from floorlead.coaching.tables import Goal, PerformanceReview
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation


@dataclass(frozen=True)
class KpiTarget:
    kpi: str
    target: float
    direction: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where the figures of a review come from."""

    kpis: KpiSource
    qa: QaSource | None = None
    attendance: AttendanceSource | None = None


def window(start: date, end: date, now: datetime) -> tuple[datetime, datetime]:
    """[first day 00:00, the day after the last 00:00), cut at ``now``."""
    return day_start(start), min(day_start(end + timedelta(days=1)), now)


def kpi_result(
    kpis: KpiSource, person_id: int, target: KpiTarget, span: tuple[datetime, datetime]
) -> dict[str, Any]:
    info = kpi_info(target.kpi, field="kpi_targets")
    if target.direction is not None:
        direction = fields.choice(Direction, target.direction, field="kpi_targets")
    elif info.better is not None:
        direction = info.better
    else:
        raise RuleViolation(f"say which way {info.label} is better", field="kpi_targets")
    actual = kpis(person_id, info.name, *span)
    met = (
        None if actual is None else is_met(target=target.target, direction=direction, actual=actual)
    )
    return {
        "kpi": info.name,
        "target": target.target,
        "direction": direction.value,
        "actual": actual,
        "met": met,
    }


def goals_due(session: Session, person_id: int, start: date, end: date) -> list[Goal]:
    return list(
        session.scalars(
            select(Goal)
            .where(
                Goal.agent_id == person_id,
                Goal.status == GoalStatus.ACTIVE.value,
                Goal.due_on.between(start, end),
            )
            .order_by(Goal.due_on, Goal.id)
        )
    )


def _goals_met(kpis: KpiSource, goals: Sequence[Goal], now: datetime) -> int:
    met = 0
    for goal in goals:
        actual = kpis(goal.agent_id, goal.kpi, *window(goal.start_on, goal.due_on, now))
        direction = Direction(goal.direction)
        if actual is not None and is_met(target=goal.target, direction=direction, actual=actual):
            met += 1
    return met


def _check_period(session: Session, agent_id: int, start: date, end: date, today: date) -> None:
    if end < start:
        raise RuleViolation("the period ends before it starts", field="period_end")
    if start > today:
        raise RuleViolation("the period has not started yet", field="period_start")
    taken = session.scalar(
        select(PerformanceReview.id).where(
            PerformanceReview.agent_id == agent_id,
            PerformanceReview.period_start == start,
            PerformanceReview.period_end == end,
        )
    )
    if taken is not None:
        raise Conflict("this period is already reviewed", field="period_start")


def write_review(
    session: Session,
    *,
    actor: Actor,
    agent_id: int,
    period_start: date,
    period_end: date,
    rating: int,
    evidence: Evidence,
    comments: str = "",
    qa_score: float | None = None,
    kpi_targets: Sequence[KpiTarget] = (),
    now: datetime,
) -> PerformanceReview:
    """Review a period. KPI targets default to the goals due in it; the QA score, when not
    given, comes from ``evidence.qa``; attendance from the published shifts."""
    agent = roster.person(session, agent_id, field="agent_id")
    require_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    _check_period(session, agent.id, period_start, period_end, now.date())
    fields.number_between(rating, field="rating", low=1, high=5)
    span = window(period_start, period_end, now)
    goals = goals_due(session, agent.id, period_start, period_end)
    targets = list(kpi_targets) or [KpiTarget(g.kpi, g.target, g.direction) for g in goals]
    if qa_score is not None:
        fields.number_between(qa_score, field="qa_score", low=0, high=100)
    elif evidence.qa is not None:
        qa_score = evidence.qa(agent.id, *span)
    attended = evidence.attendance(agent.id, *span) if evidence.attendance else None
    review = PerformanceReview(
        agent_id=agent.id,
        team_id=agent.team_id,
        reviewer_id=actor.person_id,
        period_start=period_start,
        period_end=period_end,
        rating=int(rating),
        comments=fields.text(comments, field="comments", max_length=20000),
        kpi_results=[kpi_result(evidence.kpis, agent.id, t, span) for t in targets],
        goals_met=_goals_met(evidence.kpis, goals, now),
        goals_total=len(goals),
        qa_score=qa_score,
        attendance=asdict(attended) if attended is not None else None,
        created_at=now,
        acknowledged_at=None,
        agent_comment="",
    )
    session.add(review)
    session.flush()
    audit(session, actor=actor, action="create", row=review, before=None, now=now)
    session.commit()
    return review


def load_review(session: Session, review_id: int) -> PerformanceReview:
    review = session.get(PerformanceReview, review_id)
    if review is None:
        raise NotFound(f"no performance review {review_id}", field="review_id")
    return review


def acknowledge_review(
    session: Session, *, actor: Actor, review_id: int, comment: str = "", now: datetime
) -> PerformanceReview:
    """The agent confirms they have read their review, with an optional reply."""
    review = load_review(session, review_id)
    if review.agent_id != actor.person_id:
        raise PermissionDenied("only the reviewed agent acknowledges a review")
    if review.acknowledged_at is not None:
        raise Conflict("the review is already acknowledged", field="review_id")
    before = snapshot(review)
    review.acknowledged_at = now
    review.agent_comment = fields.text(comment, field="comment", max_length=5000)
    audit(session, actor=actor, action="acknowledge", row=review, before=before, now=now)
    session.commit()
    return review
