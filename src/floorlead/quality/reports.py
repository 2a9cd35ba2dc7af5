"""QA reports: average score per agent, team or criterion per week, and the criteria that
fail most (a criterion fails when it earns under half its points: "no", or 1–2 of 5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import RuleViolation
from floorlead.org.tables import Person, Team
from floorlead.quality.access import visible_reviews
from floorlead.quality.interactions import week_monday
from floorlead.quality.model import FAILED_BELOW, ReportGroup
from floorlead.quality.schemas import FailingCriterion, QualityReport, TrendPoint
from floorlead.quality.tables import QaAnswer, QaCriterion, QaReview

MAX_WEEKS = 104


def default_weeks(today: date, weeks: int = 8) -> tuple[date, date]:
    last = week_monday(today)
    return last - timedelta(weeks=weeks - 1), last


def quality_report(
    session: Session,
    *,
    actor: Actor | None,
    first_week: date,
    last_week: date,
    group: ReportGroup = ReportGroup.AGENT,
    team_id: int | None = None,
) -> QualityReport:
    first_week, last_week = week_monday(first_week), week_monday(last_week)
    if last_week < first_week:
        raise RuleViolation("last_week is before first_week", field="last_week")
    if (last_week - first_week).days > MAX_WEEKS * 7:
        raise RuleViolation(f"report at most {MAX_WEEKS} weeks", field="first_week")
    where = [QaReview.week_start.between(first_week, last_week)]
    if actor is not None:  # None: the operator at the command line sees everything
        require(actor, Action.REVIEW_QUALITY, team_id=team_id, scoped=team_id is not None)
        where.append(visible_reviews(actor, QaReview.agent_id, QaReview.team_id))
    if team_id is not None:
        where.append(QaReview.team_id == team_id)
    count, average = session.execute(
        select(func.count(), func.avg(QaReview.score)).where(*where)
    ).one()
    return QualityReport(
        first_week=first_week,
        last_week=last_week,
        group=group,
        team_id=team_id,
        reviews=count,
        average=None if average is None else round(float(average), 2),
        trend=_trend(session, where, group),
        failing=failing_criteria(session, where),
    )


def _trend(
    session: Session, where: list[ColumnElement[bool]], group: ReportGroup
) -> list[TrendPoint]:
    if group is ReportGroup.CRITERION:
        return _criterion_trend(session, where)
    column: Any = QaReview.agent_id if group is ReportGroup.AGENT else QaReview.team_id
    rows = session.execute(
        select(QaReview.week_start, column, func.avg(QaReview.score), func.count())
        .where(*where)
        .group_by(QaReview.week_start, column)
        .order_by(QaReview.week_start, column)
    ).all()
    table: Any = Person if group is ReportGroup.AGENT else Team
    ids = sorted({key for _, key, _, _ in rows if key is not None})
    names = dict(session.execute(select(table.id, table.name).where(table.id.in_(ids))).all())
    return [
        TrendPoint(
            week_start=week,
            key=str(key) if key is not None else "",
            label=names.get(key, "No team"),
            score=round(float(score), 2),
            reviews=n,
        )
        for week, key, score, n in rows
    ]


def _criterion_trend(session: Session, where: list[ColumnElement[bool]]) -> list[TrendPoint]:
    rows = session.execute(
        select(QaReview.week_start, QaAnswer.criterion_key, func.avg(QaAnswer.points), func.count())
        .join(QaAnswer, QaAnswer.review_id == QaReview.id)
        .where(*where, QaAnswer.points.is_not(None))
        .group_by(QaReview.week_start, QaAnswer.criterion_key)
        .order_by(QaReview.week_start, QaAnswer.criterion_key)
    ).all()
    labels = _labels(session, {key for _, key, _, _ in rows})
    return [
        TrendPoint(
            week_start=week,
            key=key,
            label=labels.get(key, key),
            score=round(100 * float(share), 2),
            reviews=n,
        )
        for week, key, share, n in rows
    ]


def failing_criteria(
    session: Session, where: list[ColumnElement[bool]], limit: int = 10
) -> list[FailingCriterion]:
    """Criteria by how often they fail among the reviews matching ``where`` (N/A not counted)."""
    failed = func.sum(case((QaAnswer.points < FAILED_BELOW, 1), else_=0))
    rows = session.execute(
        select(QaAnswer.criterion_key, func.count(), failed)
        .join(QaReview, QaReview.id == QaAnswer.review_id)
        .where(*where, QaAnswer.points.is_not(None))
        .group_by(QaAnswer.criterion_key)
    ).all()
    labels = _labels(session, {key for key, _, _ in rows})
    found = [
        FailingCriterion(
            key=key,
            label=labels.get(key, key),
            answered=answered,
            failed=int(fails or 0),
            fail_rate=round(int(fails or 0) / answered, 4),
        )
        for key, answered, fails in rows
        if answered
    ]
    found.sort(key=lambda f: (-f.fail_rate, -f.failed, f.key))
    return found[:limit]


def _labels(session: Session, keys: set[str]) -> dict[str, str]:
    """Each criterion key's label in its newest version."""
    if not keys:
        return {}
    rows = session.execute(
        select(QaCriterion.key, QaCriterion.label)
        .where(QaCriterion.key.in_(sorted(keys)))
        .order_by(QaCriterion.id)
    ).all()
    return dict(rows)
