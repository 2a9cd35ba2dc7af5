"""Certifications: the catalogue, what someone holds, and what is expiring (renewal reminders).

A person's standing in a certification is their newest record of it (a renewal adds one).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Person
from floorlead.training import deadlines
from floorlead.training.access import authorise, person_to_view, visible_people
from floorlead.training.schemas import CertificationPublic, HeldCertification
from floorlead.training.tables import Certification, PersonCertification

DEFAULT_WARN_DAYS = 30


def list_certifications(session: Session, *, actor: Actor | None) -> list[CertificationPublic]:
    authorise(actor, Action.VIEW_TRAINING, scoped=False)
    rows = session.scalars(select(Certification).order_by(Certification.name))
    return [
        CertificationPublic(
            id=c.id,
            slug=c.slug,
            name=c.name,
            description=c.description,
            valid_months=c.valid_months,
            program_id=c.program_id,
        )
        for c in rows
    ]


def _newest(*where: ColumnElement[bool]) -> ColumnElement[bool]:
    """Keep each person's newest record of each certification."""
    newest = (
        select(func.max(PersonCertification.id))
        .where(*where)
        .group_by(PersonCertification.person_id, PersonCertification.certification_id)
    )
    return PersonCertification.id.in_(newest)


def _held(
    session: Session,
    where: Sequence[ColumnElement[bool]],
    *,
    today: date,
    warn_days: int,
    newest_only: bool = True,
) -> list[HeldCertification]:
    rows = session.execute(
        select(PersonCertification, Certification.name, Person.name)
        .join(Certification, Certification.id == PersonCertification.certification_id)
        .join(Person, Person.id == PersonCertification.person_id)
        .where(_newest(*where) if newest_only else true(), *where)
        .order_by(PersonCertification.expires_on, Person.name, Certification.name)
    ).all()
    return [
        HeldCertification(
            id=held.id,
            person_id=held.person_id,
            person_name=person_name,
            certification_id=held.certification_id,
            name=name,
            earned_on=held.earned_on,
            expires_on=held.expires_on,
            status=deadlines.expiry_status(held.expires_on, today=today, warn_days=warn_days),
            days_left=None if held.expires_on is None else (held.expires_on - today).days,
        )
        for held, name, person_name in rows
    ]


def person_certifications(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    today: date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> list[HeldCertification]:
    person = person_to_view(session, actor, person_id)
    return _held(
        session, [PersonCertification.person_id == person.id], today=today, warn_days=warn_days
    )


def certification_record(
    session: Session, *, actor: Actor | None, record_id: int, today: date
) -> HeldCertification:
    """One recorded certification (any record, not only the newest)."""
    held = session.get(PersonCertification, record_id)
    if held is None:
        raise NotFound(f"no certification record {record_id}", field="record_id")
    person_to_view(session, actor, held.person_id)
    [found] = _held(
        session,
        [PersonCertification.id == held.id],
        today=today,
        warn_days=DEFAULT_WARN_DAYS,
        newest_only=False,
    )
    return found


def expiring_certifications(
    session: Session, *, actor: Actor | None, today: date, days: int = DEFAULT_WARN_DAYS
) -> list[HeldCertification]:
    """Certifications lapsing within ``days`` or already lapsed, of active people, soonest first."""
    if days < 0:
        raise RuleViolation("days must not be negative", field="days")
    held = _held(
        session,
        [
            PersonCertification.person_id.in_(select(Person.id).where(Person.leave_date.is_(None))),
            visible_people(actor, PersonCertification.person_id),
        ],
        today=today,
        warn_days=days,
    )
    horizon = today + timedelta(days=days)
    return [h for h in held if h.expires_on is not None and h.expires_on <= horizon]


def certifications_held(session: Session, person_id: int) -> dict[str, date | None]:
    """Name → expiry day of each certification the person holds (newest record of each)."""
    rows = session.execute(
        select(Certification.name, PersonCertification.expires_on)
        .join(Certification, Certification.id == PersonCertification.certification_id)
        .where(_newest(PersonCertification.person_id == person_id))
    ).all()
    return dict(rows)
