"""Recording certifications: earned by completing a programme, or recorded by a lead (a renewal
adds a record; the newest one counts)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Actor
from floorlead.errors import NotFound, RuleViolation
from floorlead.training import deadlines
from floorlead.training.access import person_to_manage
from floorlead.training.tables import Certification, PersonCertification


def award_certification(
    session: Session,
    actor: Actor | None,
    person_id: int,
    certification: Certification,
    earned_on: date,
    now: datetime,
) -> PersonCertification:
    held = PersonCertification(
        person_id=person_id,
        certification_id=certification.id,
        earned_on=earned_on,
        expires_on=deadlines.certification_expiry(earned_on, certification.valid_months),
        recorded_by_id=actor.person_id if actor else None,
        created_at=now,
    )
    session.add(held)
    session.flush()
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action="person_certification.create",
        entity="person_certification",
        entity_id=held.id,
        before=None,
        after={
            "person_id": person_id,
            "certification_id": certification.id,
            "earned_on": earned_on.isoformat(),
        },
        now=now,
    )
    return held


def record_certification(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    certification_id: int,
    earned_on: date,
    now: datetime,
) -> PersonCertification:
    """Record a certification earned (or renewed) on ``earned_on``."""
    person_to_manage(session, actor, person_id)
    certification = session.get(Certification, certification_id)
    if certification is None:
        raise NotFound(f"no certification with id {certification_id}", field="certification_id")
    if earned_on > now.date():
        raise RuleViolation("earned_on is in the future", field="earned_on")
    held = award_certification(session, actor, person_id, certification, earned_on, now)
    session.commit()
    return held
