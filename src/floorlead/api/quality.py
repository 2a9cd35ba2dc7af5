"""Quality assurance (/api/quality/...): scorecards, samples, reviews and disputes,
calibration sessions and reports; and a person's notifications (/api/notifications)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.api.paging import Page, PageDep
from floorlead.quality import calibration_queries, notifications, queries, reports, service
from floorlead.quality.model import ReportGroup, ReviewStatus
from floorlead.quality.review_queries import review_detail, review_timeline, reviews_page
from floorlead.quality.schemas import (
    AssignmentPublic,
    CalibrationCreate,
    CalibrationPublic,
    CalibrationResults,
    CalibrationScores,
    CalibrationSummary,
    DisputeCreate,
    DisputeResolution,
    NotificationPublic,
    QualityReport,
    ReviewCreate,
    ReviewPublic,
    ReviewSummary,
    SampleCreate,
    SamplePublic,
    ScorecardCreate,
    ScorecardPublic,
    ScorecardSummary,
    ScorecardUpdate,
    ScorePreview,
    ScorePreviewRequest,
    TimelineEntryPublic,
)

router = APIRouter(tags=["quality"])


@router.get("/quality/scorecards")
def list_scorecards(session: SessionDep, actor: ActorDep) -> list[ScorecardSummary]:
    return queries.list_scorecards(session, actor=actor)


@router.post("/quality/scorecards", status_code=201)
def create_scorecard(
    body: ScorecardCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ScorecardPublic:
    card = service.create_scorecard(session, actor=actor, data=body, now=now)
    return queries.scorecard_detail(session, actor=actor, scorecard_id=card.id)


@router.get("/quality/scorecards/{scorecard_id}")
def get_scorecard(
    scorecard_id: int,
    session: SessionDep,
    actor: ActorDep,
    version: Annotated[int | None, Query(ge=1, description="default: the current one")] = None,
) -> ScorecardPublic:
    return queries.scorecard_detail(
        session, actor=actor, scorecard_id=scorecard_id, version=version
    )


@router.patch("/quality/scorecards/{scorecard_id}")
def update_scorecard(
    scorecard_id: int, body: ScorecardUpdate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ScorecardPublic:
    service.update_scorecard(session, actor=actor, scorecard_id=scorecard_id, changes=body, now=now)
    return queries.scorecard_detail(session, actor=actor, scorecard_id=scorecard_id)


@router.delete("/quality/scorecards/{scorecard_id}", status_code=204)
def retire_scorecard(
    scorecard_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> Response:
    """Retire the scorecard: it takes no new reviews; its reviews stay."""
    service.update_scorecard(
        session,
        actor=actor,
        scorecard_id=scorecard_id,
        changes=ScorecardUpdate(active=False),
        now=now,
    )
    return Response(status_code=204)


@router.post("/quality/scorecards/{scorecard_id}/score")
def preview_score(
    scorecard_id: int, body: ScorePreviewRequest, session: SessionDep, actor: ActorDep
) -> ScorePreview:
    """Score answers on the current version without saving them."""
    return queries.preview_score(
        session, actor=actor, scorecard_id=scorecard_id, answers=body.answers
    )


@router.post("/quality/samples", status_code=201)
def draw_sample(
    body: SampleCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> SamplePublic:
    """Draw the week's interactions to review for a team, assigned to reviewers in turn."""
    sample = service.draw_review_sample(session, actor=actor, data=body, now=now)
    return queries.sample_detail(session, actor=actor, sample_id=sample.id)


@router.get("/quality/samples/{sample_id}")
def get_sample(sample_id: int, session: SessionDep, actor: ActorDep) -> SamplePublic:
    return queries.sample_detail(session, actor=actor, sample_id=sample_id)


@router.get("/quality/queue")
def review_queue(
    session: SessionDep,
    actor: ActorDep,
    everyone: Annotated[bool, Query(description="all reviewers' assignments you may see")] = False,
    include_done: bool = False,
) -> list[AssignmentPublic]:
    return queries.review_queue(
        session, actor=actor, mine_only=not everyone, include_done=include_done
    )


@router.post("/quality/reviews", status_code=201)
def create_review(
    body: ReviewCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ReviewPublic:
    review = service.record_review(session, actor=actor, data=body, now=now)
    return review_detail(session, actor=actor, review_id=review.id)


@router.get("/quality/reviews")
def list_reviews(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    agent_id: int | None = None,
    team_id: int | None = None,
    status: ReviewStatus | None = None,
    week: date | None = None,
) -> Page[ReviewSummary]:
    """Reviews you may see (an agent: their own); sort by created_at, score or week_start."""
    return reviews_page(
        session,
        actor=actor,
        page=page,
        agent_id=agent_id,
        team_id=team_id,
        status=status,
        week=week,
    )


@router.get("/quality/reviews/{review_id}")
def get_review(review_id: int, session: SessionDep, actor: ActorDep) -> ReviewPublic:
    return review_detail(session, actor=actor, review_id=review_id)


@router.get("/quality/reviews/{review_id}/timeline")
def get_review_timeline(
    review_id: int, session: SessionDep, actor: ActorDep
) -> list[TimelineEntryPublic]:
    entries = review_timeline(session, actor=actor, review_id=review_id)
    return [TimelineEntryPublic.model_validate(e, from_attributes=True) for e in entries]


@router.post("/quality/reviews/{review_id}/acknowledge")
def acknowledge(review_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> ReviewPublic:
    service.acknowledge_review(session, actor=actor, review_id=review_id, now=now)
    return review_detail(session, actor=actor, review_id=review_id)


@router.post("/quality/reviews/{review_id}/dispute")
def dispute(
    review_id: int, body: DisputeCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> ReviewPublic:
    service.dispute_review(session, actor=actor, review_id=review_id, reason=body.reason, now=now)
    return review_detail(session, actor=actor, review_id=review_id)


@router.post("/quality/reviews/{review_id}/resolve")
def resolve(
    review_id: int, body: DisputeResolution, session: SessionDep, actor: ActorDep, now: NowDep
) -> ReviewPublic:
    service.resolve_dispute(session, actor=actor, review_id=review_id, data=body, now=now)
    return review_detail(session, actor=actor, review_id=review_id)


@router.get("/quality/calibrations")
def list_calibrations(session: SessionDep, actor: ActorDep) -> list[CalibrationSummary]:
    return calibration_queries.list_calibrations(session, actor=actor)


@router.post("/quality/calibrations", status_code=201)
def open_calibration(
    body: CalibrationCreate, session: SessionDep, actor: ActorDep, now: NowDep
) -> CalibrationPublic:
    calibration = service.open_calibration(session, actor=actor, data=body, now=now)
    return calibration_queries.calibration_detail(
        session, actor=actor, calibration_id=calibration.id
    )


@router.get("/quality/calibrations/{calibration_id}")
def get_calibration(calibration_id: int, session: SessionDep, actor: ActorDep) -> CalibrationPublic:
    """The session; while open you see only your own answers."""
    return calibration_queries.calibration_detail(
        session, actor=actor, calibration_id=calibration_id
    )


@router.post("/quality/calibrations/{calibration_id}/scores")
def submit_scores(
    calibration_id: int,
    body: CalibrationScores,
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
) -> CalibrationPublic:
    service.submit_calibration_scores(
        session, actor=actor, calibration_id=calibration_id, data=body, now=now
    )
    return calibration_queries.calibration_detail(
        session, actor=actor, calibration_id=calibration_id
    )


@router.post("/quality/calibrations/{calibration_id}/close")
def close_calibration(
    calibration_id: int, session: SessionDep, actor: ActorDep, now: NowDep
) -> CalibrationPublic:
    service.close_calibration(session, actor=actor, calibration_id=calibration_id, now=now)
    return calibration_queries.calibration_detail(
        session, actor=actor, calibration_id=calibration_id
    )


@router.get("/quality/calibrations/{calibration_id}/results")
def calibration_results(
    calibration_id: int, session: SessionDep, actor: ActorDep
) -> CalibrationResults:
    """Agreement (Krippendorff's alpha), spread and outliers; only once closed."""
    return calibration_queries.calibration_results(
        session, actor=actor, calibration_id=calibration_id
    )


@router.get("/quality/reports")
def quality_report(
    session: SessionDep,
    actor: ActorDep,
    now: NowDep,
    first_week: Annotated[date | None, Query(description="default: 7 weeks before last")] = None,
    last_week: Annotated[date | None, Query(description="default: this week")] = None,
    group: ReportGroup = ReportGroup.AGENT,
    team_id: int | None = None,
) -> QualityReport:
    """Average score per agent, team or criterion per week, and the criteria failing most."""
    default_first, default_last = reports.default_weeks(now.date())
    return reports.quality_report(
        session,
        actor=actor,
        first_week=first_week or default_first,
        last_week=last_week or default_last,
        group=group,
        team_id=team_id,
    )


@router.get("/notifications")
def my_notifications(
    session: SessionDep, actor: ActorDep, unread: bool = False
) -> list[NotificationPublic]:
    rows = notifications.my_notifications(session, actor=actor, unread_only=unread)
    return [NotificationPublic.model_validate(r, from_attributes=True) for r in rows]


@router.post("/notifications/{notification_id}/read", status_code=204)
def mark_read(notification_id: int, session: SessionDep, actor: ActorDep, now: NowDep) -> Response:
    notifications.mark_read(session, actor=actor, notification_id=notification_id, now=now)
    return Response(status_code=204)
