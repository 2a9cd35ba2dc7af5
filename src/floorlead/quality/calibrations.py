"""Calibration sessions: a panel scores the same interactions blind, then the session closes
and everyone sees the agreement (see :mod:`floorlead.quality.calibration` for the maths)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.actors import load_actor
from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor, may, require
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.org.tables import Person
from floorlead.quality.interactions import ticket_row
from floorlead.quality.model import CalibrationStatus
from floorlead.quality.schemas import CalibrationCreate, CalibrationScores
from floorlead.quality.scorecard import score_review
from floorlead.quality.scorecards import active_scorecard, current_version, scorecard_value
from floorlead.quality.tables import (
    QaCalibration,
    QaCalibrationEntry,
    QaCalibrationPanelist,
    QaCalibrationTicket,
    QaScorecardVersion,
)


class CalibrationNotFound(NotFound):
    pass


def load_calibration(session: Session, calibration_id: int) -> QaCalibration:
    calibration = session.scalars(
        select(QaCalibration)
        .where(QaCalibration.id == calibration_id)
        .options(selectinload(QaCalibration.tickets), selectinload(QaCalibration.panelists))
    ).first()
    if calibration is None:
        raise CalibrationNotFound(
            f"no calibration session {calibration_id}", field="calibration_id"
        )
    return calibration


def panel_ids(calibration: QaCalibration) -> set[int]:
    return {p.person_id for p in calibration.panelists}


def may_follow(actor: Actor, calibration: QaCalibration) -> bool:
    """Panelists, the facilitator and admins follow a session."""
    return actor.is_admin or actor.person_id in panel_ids(calibration) | {
        calibration.facilitator_id
    }


def open_calibration(
    session: Session, *, actor: Actor, data: CalibrationCreate, now: datetime
) -> QaCalibration:
    require(actor, Action.REVIEW_QUALITY, scoped=False)
    scorecard = active_scorecard(session, data.scorecard_id)
    ticket_ids = list(dict.fromkeys(data.ticket_ids))
    for ticket_id in ticket_ids:
        ticket = ticket_row(session, ticket_id)
        require(actor, Action.REVIEW_QUALITY, team_id=ticket.team_id, person_id=ticket.assignee_id)
    panel = list(dict.fromkeys(data.panel_ids))
    _check_panel(session, panel)
    calibration = QaCalibration(
        name=data.name.strip(),
        scorecard_id=scorecard.id,
        version_id=current_version(scorecard).id,
        facilitator_id=actor.person_id,
        status=CalibrationStatus.OPEN.value,
        created_at=now,
        tickets=[QaCalibrationTicket(ticket_id=t, position=i) for i, t in enumerate(ticket_ids)],
        panelists=[QaCalibrationPanelist(person_id=p) for p in panel],
    )
    session.add(calibration)
    session.flush()
    _audit(
        session, actor, "create", calibration, None, {"panel": panel, "tickets": ticket_ids}, now
    )
    session.commit()
    return calibration


def _check_panel(session: Session, panel: list[int]) -> None:
    if len(panel) < 2:
        raise RuleViolation("a calibration needs at least two reviewers", field="panel_ids")
    for person_id in panel:
        if session.get(Person, person_id) is None:
            raise NotFound(f"no person {person_id}", field="panel_ids")
        if not may(load_actor(session, person_id), Action.REVIEW_QUALITY, scoped=False):
            raise RuleViolation(f"person {person_id} is not a reviewer", field="panel_ids")


def submit_calibration_scores(
    session: Session, *, actor: Actor, calibration_id: int, data: CalibrationScores, now: datetime
) -> QaCalibrationEntry:
    """A panelist's answers for one interaction; sent again while open, they replace it."""
    calibration = load_calibration(session, calibration_id)
    if actor.person_id not in panel_ids(calibration):
        raise PermissionDenied("only the panel scores a calibration", field="calibration_id")
    if calibration.status != CalibrationStatus.OPEN:
        raise Conflict("the calibration session is closed", field="calibration_id")
    if data.ticket_id not in {t.ticket_id for t in calibration.tickets}:
        raise RuleViolation(
            f"ticket {data.ticket_id} is not part of this calibration", field="ticket_id"
        )
    version = session.get_one(QaScorecardVersion, calibration.version_id)
    answers = {k: v.strip().lower() for k, v in data.answers.items()}
    result = score_review(scorecard_value("", version), answers)
    entry = session.scalar(
        select(QaCalibrationEntry).where(
            QaCalibrationEntry.calibration_id == calibration.id,
            QaCalibrationEntry.ticket_id == data.ticket_id,
            QaCalibrationEntry.reviewer_id == actor.person_id,
        )
    )
    if entry is None:
        entry = QaCalibrationEntry(
            calibration_id=calibration.id, ticket_id=data.ticket_id, reviewer_id=actor.person_id
        )
        session.add(entry)
    entry.answers = answers
    entry.score = round(result.score, 4)
    entry.auto_failed = result.auto_failed
    entry.submitted_at = now
    session.commit()
    return entry


def close_calibration(
    session: Session, *, actor: Actor, calibration_id: int, now: datetime
) -> QaCalibration:
    """Close the session: no more scores, and the results become visible to the panel."""
    calibration = load_calibration(session, calibration_id)
    if not (actor.is_admin or actor.person_id == calibration.facilitator_id):
        raise PermissionDenied("only the facilitator closes a calibration", field="calibration_id")
    if calibration.status == CalibrationStatus.CLOSED:
        raise Conflict("the calibration session is already closed", field="calibration_id")
    calibration.status = CalibrationStatus.CLOSED.value
    calibration.closed_at = now
    _audit(session, actor, "close", calibration, {"status": "open"}, {"status": "closed"}, now)
    session.commit()
    return calibration


def _audit(
    session: Session,
    actor: Actor,
    action: str,
    calibration: QaCalibration,
    before: dict[str, object] | None,
    after: dict[str, object],
    now: datetime,
) -> None:
    record_change(
        session,
        actor_id=actor.person_id,
        action=action,
        entity="qa_calibration",
        entity_id=calibration.id,
        before=before,
        after=after,
        now=now,
    )
