"""Performance reviews under /api/coaching: write one from the evidence, acknowledge it."""

from __future__ import annotations

from fastapi import APIRouter

from floorlead.api.coaching_deps import FiguresDep
from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.coaching import review_queries, reviews
from floorlead.coaching import schemas as s
from floorlead.coaching.sources import quality_average, workforce_attendance

router = APIRouter(prefix="/coaching", tags=["coaching"])


@router.post("/reviews", status_code=201)
def write_review(
    body: s.ReviewCreate, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.ReviewPublic:
    """KPIs against the given targets (default: the goals due in the period), the QA score
    given (default: the mean of the agent's QA reviews in the period), attendance from
    published shifts, and the rating."""
    review = reviews.write_review(
        db,
        actor=actor,
        agent_id=body.agent_id,
        period_start=body.period_start,
        period_end=body.period_end,
        rating=body.rating,
        comments=body.comments,
        qa_score=body.qa_score,
        kpi_targets=[
            reviews.KpiTarget(t.kpi, t.target, t.direction.value if t.direction else None)
            for t in body.kpi_targets
        ],
        evidence=reviews.Evidence(
            kpis=figures.kpis,
            qa=quality_average(db),
            attendance=workforce_attendance(db, now=now),
        ),
        now=now,
    )
    return review_queries.review_detail(db, actor=actor, review_id=review.id)


@router.get("/reviews/{review_id}")
def get_review(review_id: int, db: SessionDep, actor: ActorDep) -> s.ReviewPublic:
    return review_queries.review_detail(db, actor=actor, review_id=review_id)


@router.post("/reviews/{review_id}/acknowledge")
def acknowledge_review(
    review_id: int, body: s.Acknowledgement, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ReviewPublic:
    reviews.acknowledge_review(db, actor=actor, review_id=review_id, comment=body.comment, now=now)
    return review_queries.review_detail(db, actor=actor, review_id=review_id)


@router.get("/agents/{agent_id}/reviews")
def agent_reviews(agent_id: int, db: SessionDep, actor: ActorDep) -> list[s.ReviewPublic]:
    return review_queries.agent_reviews(db, actor=actor, agent_id=agent_id)
