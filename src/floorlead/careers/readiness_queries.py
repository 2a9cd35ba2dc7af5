"""A person's career: their job role, and how ready they are for the next roles.

Visible to the person, to those who lead their team, to managers above them, and to admins.
A person without a recorded job role is taken to hold the first role definition whose
permission role matches theirs.

KPI targets are checked against the person's own KPI values over the last
:data:`KPI_WINDOW_DAYS` whole UTC days before ``today`` (today is not over yet), read from
``kpis`` — the KPI engine through :class:`floorlead.coaching.MetricsKpis`. Without ``kpis`` the
targets are reported as unchecked ("no KPI data"); a target whose KPI has no value for the
person in the window (no rated tickets, say, or a KPI not measured per person) is unchecked too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead import training
from floorlead.auth.permissions import Actor
from floorlead.careers.model import RoleSpec
from floorlead.careers.queries import role_spec
from floorlead.careers.readiness import PersonRecord, assess_readiness, tenure_months
from floorlead.careers.schemas import (
    CareerPublic,
    KpiPeriodPublic,
    ReadinessGap,
    ReadinessPublic,
    RoleLinkPublic,
)
from floorlead.careers.tables import PersonJobRole, RoleDefinition
from floorlead.org.tables import Person

KPI_WINDOW_DAYS = 90


class PersonKpis(Protocol):
    """Where a person's KPI values come from (the KPI engine: ``MetricsKpis``)."""

    def values(
        self, person_id: int, kpis: Sequence[str], start: datetime, end: datetime
    ) -> Mapping[str, float]: ...


def kpi_period(today: date) -> KpiPeriodPublic:
    """The :data:`KPI_WINDOW_DAYS` whole days before ``today``."""
    return KpiPeriodPublic(
        first_day=today - timedelta(days=KPI_WINDOW_DAYS),
        last_day=today - timedelta(days=1),
        days=KPI_WINDOW_DAYS,
    )


def current_job_role(session: Session, person: Person) -> tuple[RoleDefinition | None, bool]:
    """The person's job role, and whether it was recorded (False: inferred)."""
    link = session.get(PersonJobRole, person.id)
    if link is not None:
        return session.get_one(RoleDefinition, link.role_id), True
    inferred = session.scalar(
        select(RoleDefinition)
        .where(RoleDefinition.system_role == person.role, RoleDefinition.active.is_(True))
        .order_by(RoleDefinition.id)
        .limit(1)
    )
    return inferred, False


def _record(session: Session, person: Person) -> PersonRecord:
    return PersonRecord(
        hire_date=person.hire_date,
        skills=training.skill_levels(session, person.id),
        certifications=training.certifications_held(session, person.id),
    )


def _kpi_values(
    person: Person, specs: Sequence[RoleSpec], kpis: PersonKpis | None, today: date
) -> Mapping[str, float] | None:
    """The person's values of the KPIs the roles set targets for (None: not read)."""
    if kpis is None:
        return None
    from floorlead.metrics import KPIS

    names = list(dict.fromkeys(t.kpi for spec in specs for t in spec.kpis if t.kpi in KPIS))
    if not names:
        return {}
    end = datetime.combine(today, time(0), tzinfo=UTC)
    return kpis.values(person.id, names, end - timedelta(days=KPI_WINDOW_DAYS), end)


def _readiness(
    person: Person,
    record: PersonRecord,
    spec: RoleSpec,
    *,
    today: date,
    kpi_values: Mapping[str, float] | None,
) -> ReadinessPublic:
    result = assess_readiness(spec, record, today=today, kpi_values=kpi_values)
    return ReadinessPublic(
        person_id=person.id,
        role=RoleLinkPublic(slug=spec.slug, title=spec.title),
        ready=result.ready,
        percent_met=result.percent_met,
        met=list(result.met),
        gaps=[
            ReadinessGap(
                area=g.area.value,
                item=g.item,
                required=g.required,
                actual=g.actual,
                value=g.kpi.value if g.kpi else None,
                target=g.kpi.target if g.kpi else None,
                direction=g.kpi.direction if g.kpi else None,
                better=g.kpi.direction.better if g.kpi else None,
            )
            for g in result.gaps
        ],
        unchecked=list(result.unchecked),
        kpi_data=kpi_values is not None,
        kpi_period=kpi_period(today) if kpi_values is not None else None,
    )


def role_readiness(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    role_slug: str,
    today: date,
    kpis: PersonKpis | None = None,
) -> ReadinessPublic:
    person = training.person_to_view(session, actor, person_id)
    spec = role_spec(session, slug=role_slug)
    values = _kpi_values(person, [spec], kpis, today)
    return _readiness(person, _record(session, person), spec, today=today, kpi_values=values)


def career_readiness(
    session: Session,
    *,
    actor: Actor | None,
    person_id: int,
    today: date,
    kpis: PersonKpis | None = None,
) -> CareerPublic:
    """The person's job role and their readiness for each next role on its career path."""
    person = training.person_to_view(session, actor, person_id)
    role, recorded = current_job_role(session, person)
    specs: list[RoleSpec] = []
    if role is not None:
        next_slugs = session.scalars(
            select(RoleDefinition.slug)
            .where(RoleDefinition.id.in_([s.next_role_id for s in role.next_steps]))
            .where(RoleDefinition.active.is_(True))
            .order_by(RoleDefinition.title)
        ).all()
        specs = [role_spec(session, slug=slug) for slug in next_slugs]
    values = _kpi_values(person, specs, kpis, today)
    record = _record(session, person)
    return CareerPublic(
        person_id=person.id,
        name=person.name,
        tenure_months=tenure_months(person.hire_date, today),
        current_role=RoleLinkPublic(slug=role.slug, title=role.title) if role else None,
        job_role_assigned=recorded,
        next_roles=[
            _readiness(person, record, spec, today=today, kpi_values=values) for spec in specs
        ],
        kpi_period=kpi_period(today) if kpis is not None else None,
    )
