"""Read side of performance reviews: one review, an agent's reviews, all the reader may see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.coaching import roster
from floorlead.coaching.access import may_read_record, require_record, visible_records
from floorlead.coaching.catalogue import kpi_info
from floorlead.coaching.model import AttendanceSummary, Direction
from floorlead.coaching.reviews import load_review
from floorlead.coaching.schemas import AttendancePublic, KpiResult, ReviewPublic
from floorlead.coaching.tables import PerformanceReview
from floorlead.org.directory import person_names
from floorlead.org.tables import Person

LIST_SIZE = 200


def _attendance(values: dict[str, int] | None) -> AttendancePublic | None:
    if values is None:
        return None
    summary = AttendanceSummary(**values)
    return AttendancePublic(**values, rate=summary.rate)


def _kpi_result(values: dict) -> KpiResult:
    info = kpi_info(values["kpi"])
    return KpiResult(
        kpi=info.name,
        label=info.label,
        unit=info.unit,
        target=values["target"],
        direction=Direction(values["direction"]),
        actual=values["actual"],
        met=values["met"],
    )


def review_public(review: PerformanceReview, names: dict[int, str]) -> ReviewPublic:
    return ReviewPublic(
        id=review.id,
        agent_id=review.agent_id,
        agent_name=names.get(review.agent_id, ""),
        reviewer_id=review.reviewer_id,
        reviewer_name=names.get(review.reviewer_id, ""),
        period_start=review.period_start,
        period_end=review.period_end,
        rating=review.rating,
        comments=review.comments,
        kpi_results=[_kpi_result(v) for v in review.kpi_results],
        goals_met=review.goals_met,
        goals_total=review.goals_total,
        qa_score=review.qa_score,
        attendance=_attendance(review.attendance),
        created_at=review.created_at,
        acknowledged_at=review.acknowledged_at,
        agent_comment=review.agent_comment,
    )


def review_detail(session: Session, *, actor: Actor, review_id: int) -> ReviewPublic:
    """A review, for the reviewed agent and their coaches."""
    review = load_review(session, review_id)
    agent = roster.person(session, review.agent_id, field="agent_id")
    if review.reviewer_id != actor.person_id:
        require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    return review_public(review, person_names(session, [review.agent_id, review.reviewer_id]))


def agent_reviews(session: Session, *, actor: Actor, agent_id: int) -> list[ReviewPublic]:
    """The agent's reviews, latest period first."""
    agent = roster.person(session, agent_id, field="agent_id")
    require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    rows = session.scalars(
        select(PerformanceReview)
        .where(PerformanceReview.agent_id == agent.id)
        .order_by(PerformanceReview.period_end.desc(), PerformanceReview.id.desc())
    ).all()
    names = person_names(session, [agent.id, *(r.reviewer_id for r in rows)])
    return [review_public(r, names) for r in rows]


def reviews_for(session: Session, *, actor: Actor, limit: int = LIST_SIZE) -> list[ReviewPublic]:
    """The reviews the reader may see, latest period first: their own, those they wrote and
    those of the people they coach."""
    rows = session.scalars(
        select(PerformanceReview)
        .where(
            visible_records(
                actor,
                PerformanceReview.agent_id,
                PerformanceReview.team_id,
                PerformanceReview.reviewer_id,
            )
        )
        .order_by(PerformanceReview.period_end.desc(), PerformanceReview.id.desc())
        .limit(limit)
    ).all()
    agents = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_({r.agent_id for r in rows})))
    }
    readable = [
        r
        for r in rows
        if r.reviewer_id == actor.person_id
        or may_read_record(
            actor,
            person_id=r.agent_id,
            team_id=agents[r.agent_id].team_id,
            role=agents[r.agent_id].role,
        )
    ]
    names = person_names(session, [n for r in readable for n in (r.agent_id, r.reviewer_id)])
    return [review_public(r, names) for r in readable]
