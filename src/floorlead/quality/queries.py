"""The read side of quality assurance: scorecards, samples, a reviewer's queue, review forms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, may, require
from floorlead.errors import NotFound
from floorlead.org.tables import Person, Team
from floorlead.quality.access import authorise, may_review, visible_reviews
from floorlead.quality.interactions import TimelineEntry, ticket_row, ticket_timeline
from floorlead.quality.model import AnswerType, AssignmentStatus, SampleMethod
from floorlead.quality.schemas import (
    AssignmentPublic,
    CriterionPublic,
    SamplePublic,
    ScorecardPublic,
    ScorecardSummary,
    ScorecardVersionPublic,
    ScorePreview,
    SectionPublic,
    SectionScorePublic,
)
from floorlead.quality.scorecard import score_review
from floorlead.quality.scorecards import current_version, load_scorecard, scorecard_value
from floorlead.quality.tables import (
    QaAssignment,
    QaReview,
    QaSample,
    QaScorecard,
    QaScorecardVersion,
)
from floorlead.tickets.tables import Customer, Ticket


def people_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def reviewable_teams(session: Session, *, actor: Actor) -> list[tuple[int, str]]:
    """The teams whose interactions ``actor`` may sample and review, by name."""
    if not may(actor, Action.REVIEW_QUALITY, scoped=False):
        return []
    query = select(Team.id, Team.name).order_by(Team.name)
    if actor.team_ids is not None:
        query = query.where(Team.id.in_(sorted(actor.team_ids)))
    return [(team_id, name) for team_id, name in session.execute(query).all()]


def version_public(version: QaScorecardVersion) -> ScorecardVersionPublic:
    return ScorecardVersionPublic(
        id=version.id,
        number=version.number,
        created_at=version.created_at,
        sections=[
            SectionPublic(
                name=s.name,
                weight=s.weight,
                criteria=[
                    CriterionPublic(
                        id=c.id,
                        key=c.key,
                        label=c.label,
                        answer_type=AnswerType(c.answer_type),
                        weight=c.weight,
                        auto_fail=c.auto_fail,
                        allow_na=c.allow_na,
                        guidance=c.guidance,
                    )
                    for c in s.criteria
                ],
            )
            for s in version.sections
        ],
    )


def list_scorecards(session: Session, *, actor: Actor) -> list[ScorecardSummary]:
    require(actor, Action.VIEW_OWN_REVIEWS, scoped=False)
    reviews = dict(
        session.execute(
            select(QaReview.scorecard_id, func.count()).group_by(QaReview.scorecard_id)
        ).all()
    )
    latest = dict(
        session.execute(
            select(QaScorecardVersion.scorecard_id, func.max(QaScorecardVersion.number)).group_by(
                QaScorecardVersion.scorecard_id
            )
        ).all()
    )
    return [
        ScorecardSummary(
            id=s.id,
            name=s.name,
            active=s.active,
            current_version=latest.get(s.id, 0),
            reviews=reviews.get(s.id, 0),
        )
        for s in session.scalars(select(QaScorecard).order_by(QaScorecard.name))
    ]


def scorecard_detail(
    session: Session, *, actor: Actor, scorecard_id: int, version: int | None = None
) -> ScorecardPublic:
    """The scorecard with its current version, or the numbered one asked for."""
    require(actor, Action.VIEW_OWN_REVIEWS, scoped=False)
    scorecard = load_scorecard(session, scorecard_id)
    chosen = current_version(scorecard)
    if version is not None:
        matches = [v for v in scorecard.versions if v.number == version]
        if not matches:
            raise NotFound(f"scorecard {scorecard_id} has no version {version}", field="version")
        chosen = matches[0]
    return ScorecardPublic(
        id=scorecard.id,
        name=scorecard.name,
        description=scorecard.description,
        active=scorecard.active,
        version=version_public(chosen),
        version_numbers=[v.number for v in scorecard.versions],
    )


def preview_score(
    session: Session,
    *,
    actor: Actor,
    scorecard_id: int,
    answers: Mapping[str, str],
    partial: bool = False,
) -> ScorePreview:
    """Score answers on the current version without saving anything (``partial``: a form
    still being filled in, unanswered criteria left out)."""
    require(actor, Action.REVIEW_QUALITY, scoped=False)
    scorecard = load_scorecard(session, scorecard_id)
    value = scorecard_value(scorecard.name, current_version(scorecard))
    result = score_review(value, answers, partial=partial)
    return ScorePreview(
        score=round(result.score, 2),
        auto_failed=result.auto_failed,
        sections=[
            SectionScorePublic(name=s.name, score=None if s.score is None else round(s.score, 2))
            for s in result.sections
        ],
        failed_criteria=list(result.failed_criteria),
    )


def _assignment_query() -> Select[Any]:
    return (
        select(QaAssignment, QaSample.week_start, Ticket.subject, Ticket.channel, QaReview.id)
        .join(QaSample, QaSample.id == QaAssignment.sample_id)
        .join(Ticket, Ticket.id == QaAssignment.ticket_id)
        .outerjoin(QaReview, QaReview.assignment_id == QaAssignment.id)
    )


def _assignments_public(session: Session, rows: Sequence[Row[Any]]) -> list[AssignmentPublic]:
    names = people_names(session, [r[0].agent_id for r in rows] + [r[0].reviewer_id for r in rows])
    return [
        AssignmentPublic(
            id=a.id,
            ticket_id=a.ticket_id,
            ticket_subject=subject,
            channel=channel,
            agent_id=a.agent_id,
            agent_name=names.get(a.agent_id, ""),
            reviewer_id=a.reviewer_id,
            reviewer_name=names.get(a.reviewer_id, ""),
            reasons=list(a.reasons),
            status=a.status,
            week_start=week_start,
            scorecard_id=a.scorecard_id,
            review_id=review_id,
        )
        for a, week_start, subject, channel, review_id in rows
    ]


def sample_detail(session: Session, *, actor: Actor | None, sample_id: int) -> SamplePublic:
    sample = session.get(QaSample, sample_id)
    if sample is None:
        raise NotFound(f"no sample {sample_id}", field="sample_id")
    authorise(actor, Action.REVIEW_QUALITY, team_id=sample.team_id)
    rows = session.execute(
        _assignment_query().where(QaAssignment.sample_id == sample.id).order_by(QaAssignment.id)
    ).all()
    return SamplePublic(
        id=sample.id,
        team_id=sample.team_id,
        scorecard_id=sample.scorecard_id,
        week_start=sample.week_start,
        method=SampleMethod(sample.method),
        per_agent=sample.per_agent,
        targets=list(sample.targets),
        seed=sample.seed,
        created_at=sample.created_at,
        assignments=_assignments_public(session, rows),
    )


def review_queue(
    session: Session, *, actor: Actor, mine_only: bool = True, include_done: bool = False
) -> list[AssignmentPublic]:
    """Sampled interactions waiting for review: the actor's own, or all they may see."""
    require(actor, Action.REVIEW_QUALITY, scoped=False)
    query = _assignment_query()
    if mine_only:
        query = query.where(QaAssignment.reviewer_id == actor.person_id)
    else:
        query = query.where(visible_reviews(actor, QaAssignment.agent_id, QaSample.team_id))
    if not include_done:
        query = query.where(QaAssignment.status == AssignmentStatus.OPEN.value)
    rows = session.execute(query.order_by(QaSample.week_start.desc(), QaAssignment.id)).all()
    return _assignments_public(session, rows)


@dataclass(frozen=True)
class ReviewForm:
    """What a reviewer needs to score an assignment: the ticket, its timeline, the scorecard."""

    assignment: AssignmentPublic
    customer_name: str
    timeline: list[TimelineEntry]
    scorecard: ScorecardPublic


def review_form(session: Session, *, actor: Actor, assignment_id: int) -> ReviewForm:
    row = session.execute(_assignment_query().where(QaAssignment.id == assignment_id)).first()
    if row is None:
        raise NotFound(f"no assignment {assignment_id}", field="assignment_id")
    assignment, sample_team = row[0], session.get_one(QaSample, row[0].sample_id).team_id
    if not may_review(actor, agent_id=assignment.agent_id, team_id=sample_team):
        raise NotFound(f"no assignment {assignment_id}", field="assignment_id")
    ticket = ticket_row(session, assignment.ticket_id)
    customer = session.get(Customer, ticket.requester_id)
    return ReviewForm(
        assignment=_assignments_public(session, [row])[0],
        customer_name=customer.name if customer else "",
        timeline=ticket_timeline(session, ticket.id),
        scorecard=scorecard_detail(session, actor=actor, scorecard_id=assignment.scorecard_id),
    )
