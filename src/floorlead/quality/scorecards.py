"""Scorecards and their versions: create, edit (a new version once reviews use it), seed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.quality.access import authorise
from floorlead.quality.model import AnswerType, Criterion, Scorecard, Section
from floorlead.quality.schemas import ScorecardCreate, ScorecardUpdate, SectionIn
from floorlead.quality.scorecard import validate_scorecard
from floorlead.quality.tables import (
    QaCalibration,
    QaCriterion,
    QaReview,
    QaScorecard,
    QaScorecardVersion,
    QaSection,
)


class ScorecardNotFound(NotFound):
    pass


def scorecard_value(name: str, version: QaScorecardVersion) -> Scorecard:
    """The stored version as the value :func:`~floorlead.quality.scorecard.score_review` reads."""
    return Scorecard(
        name,
        tuple(
            Section(
                s.name,
                s.weight,
                tuple(
                    Criterion(
                        c.key,
                        c.label,
                        AnswerType(c.answer_type),
                        c.weight,
                        c.auto_fail,
                        c.allow_na,
                        c.guidance,
                    )
                    for c in s.criteria
                ),
            )
            for s in version.sections
        ),
    )


def _value_from_input(name: str, sections: Sequence[SectionIn]) -> Scorecard:
    return Scorecard(
        name,
        tuple(
            Section(
                s.name.strip(),
                s.weight,
                tuple(
                    Criterion(
                        c.key.strip(),
                        c.label.strip(),
                        c.answer_type,
                        c.weight,
                        c.auto_fail,
                        c.allow_na,
                        c.guidance.strip(),
                    )
                    for c in s.criteria
                ),
            )
            for s in sections
        ),
    )


def _section_rows(value: Scorecard) -> list[QaSection]:
    return [
        QaSection(
            position=i,
            name=s.name,
            weight=s.weight,
            criteria=[
                QaCriterion(
                    position=j,
                    key=c.key,
                    label=c.label,
                    guidance=c.guidance,
                    answer_type=c.answer_type.value,
                    weight=c.weight,
                    auto_fail=c.auto_fail,
                    allow_na=c.allow_na,
                )
                for j, c in enumerate(s.criteria)
            ],
        )
        for i, s in enumerate(value.sections)
    ]


def load_scorecard(session: Session, scorecard_id: int) -> QaScorecard:
    scorecard = session.scalars(
        select(QaScorecard)
        .where(QaScorecard.id == scorecard_id)
        .options(
            selectinload(QaScorecard.versions)
            .selectinload(QaScorecardVersion.sections)
            .selectinload(QaSection.criteria)
        )
    ).first()
    if scorecard is None:
        raise ScorecardNotFound(f"no scorecard {scorecard_id}", field="scorecard_id")
    return scorecard


def scorecard_id_by_name(session: Session, name: str, *, field: str = "scorecard") -> int:
    found = session.scalar(
        select(QaScorecard.id).where(func.lower(QaScorecard.name) == name.lower())
    )
    if found is None:
        raise ScorecardNotFound(f"no scorecard named {name!r}", field=field)
    return found


def current_version(scorecard: QaScorecard) -> QaScorecardVersion:
    return max(scorecard.versions, key=lambda v: v.number)


def active_scorecard(session: Session, scorecard_id: int) -> QaScorecard:
    scorecard = load_scorecard(session, scorecard_id)
    if not scorecard.active:
        raise RuleViolation(f"scorecard {scorecard.name!r} is retired", field="scorecard_id")
    return scorecard


def _ensure_name_free(session: Session, name: str, own_id: int | None) -> None:
    taken = session.scalar(
        select(QaScorecard.id).where(func.lower(QaScorecard.name) == name.lower())
    )
    if taken is not None and taken != own_id:
        raise Conflict(f"a scorecard named {name!r} exists", field="name")


def create_scorecard(
    session: Session, *, actor: Actor | None, data: ScorecardCreate, now: datetime
) -> QaScorecard:
    authorise(actor, Action.MANAGE_SCORECARDS, scoped=False)
    value = _value_from_input(data.name.strip(), data.sections)
    validate_scorecard(value)
    _ensure_name_free(session, value.name, None)
    scorecard = QaScorecard(
        name=value.name, description=data.description.strip(), created_at=now, updated_at=now
    )
    scorecard.versions = [_new_version(actor, value, 1, now)]
    session.add(scorecard)
    session.flush()
    _audit(session, actor, "create", scorecard, None, {"name": value.name, "version": 1}, now)
    session.commit()
    return scorecard


def _new_version(
    actor: Actor | None, value: Scorecard, number: int, now: datetime
) -> QaScorecardVersion:
    return QaScorecardVersion(
        number=number,
        created_by_id=actor.person_id if actor else None,
        created_at=now,
        sections=_section_rows(value),
    )


def version_in_use(session: Session, version_id: int) -> bool:
    reviewed = exists().where(QaReview.version_id == version_id)
    calibrated = exists().where(QaCalibration.version_id == version_id)
    return bool(session.scalar(select(reviewed | calibrated)))


def update_scorecard(
    session: Session,
    *,
    actor: Actor | None,
    scorecard_id: int,
    changes: ScorecardUpdate,
    now: datetime,
) -> QaScorecard:
    authorise(actor, Action.MANAGE_SCORECARDS, scoped=False)
    scorecard = load_scorecard(session, scorecard_id)
    before = {"name": scorecard.name, "active": scorecard.active}
    before["version"] = current_version(scorecard).number
    if changes.name is not None:
        _ensure_name_free(session, changes.name.strip(), scorecard.id)
        scorecard.name = changes.name.strip()
    if changes.description is not None:
        scorecard.description = changes.description.strip()
    if changes.active is not None:
        scorecard.active = changes.active
    if changes.sections is not None:
        _replace_sections(session, actor, scorecard, changes.sections, now)
    scorecard.updated_at = now
    after = {"name": scorecard.name, "active": scorecard.active}
    after["version"] = current_version(scorecard).number
    _audit(session, actor, "update", scorecard, before, after, now)
    session.commit()
    return scorecard


def _replace_sections(
    session: Session,
    actor: Actor | None,
    scorecard: QaScorecard,
    sections: Sequence[SectionIn],
    now: datetime,
) -> None:
    value = _value_from_input(scorecard.name, sections)
    validate_scorecard(value)
    current = current_version(scorecard)
    if version_in_use(session, current.id):
        scorecard.versions.append(_new_version(actor, value, current.number + 1, now))
    else:
        current.sections = _section_rows(value)
        current.created_at = now
    session.flush()


def _audit(
    session: Session,
    actor: Actor | None,
    action: str,
    scorecard: QaScorecard,
    before: dict[str, object] | None,
    after: dict[str, object],
    now: datetime,
) -> None:
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action=action,
        entity="qa_scorecard",
        entity_id=scorecard.id,
        before=before,
        after=after,
        now=now,
    )
