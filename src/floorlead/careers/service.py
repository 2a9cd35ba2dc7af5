"""Giving someone a job role: the link is recorded and the role's training is assigned.

``people.role`` (the permission role) is not changed here; the organisation area does that.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from floorlead import training
from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Actor
from floorlead.careers.catalogue import role_by_slug
from floorlead.careers.tables import PersonJobRole
from floorlead.errors import RuleViolation

if TYPE_CHECKING:
    from floorlead.training.tables import TrainingAssignment

ROLE_REASON = "role:{slug}"


def assign_role(
    session: Session, *, actor: Actor | None, person_id: int, role_slug: str, now: datetime
) -> tuple[PersonJobRole, list[TrainingAssignment]]:
    """Record that the person takes the role, and assign its training with due dates.

    Training starts on the later of today and the hire date; a programme the person already
    has (finished or not) is not assigned again.
    """
    person = training.person_to_manage(session, actor, person_id)
    role = role_by_slug(session, role_slug)
    if not role.active:
        raise RuleViolation(f"the role {role.title} is no longer in use", field="role")
    start = max(now.date(), person.hire_date)
    link = session.get(PersonJobRole, person.id)
    before = None if link is None else {"role_id": link.role_id}
    if link is None:
        link = PersonJobRole(person_id=person.id, role_id=role.id, started_on=start)
        session.add(link)
    elif link.role_id != role.id:
        link.role_id, link.started_on = role.id, start
    link.assigned_by_id = actor.person_id if actor else None
    link.updated_at = now
    wanted = [(r.program_id, start + timedelta(days=r.due_days)) for r in role.programs]
    created = training.add_assignments(
        session,
        actor=actor,
        person_id=person.id,
        wanted=wanted,
        reason=ROLE_REASON.format(slug=role.slug),
        now=now,
    )
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action="person.job_role",
        entity="person",
        entity_id=person.id,
        before=before,
        after={"role_id": role.id, "assignments": [a.id for a in created]},
        now=now,
    )
    session.commit()
    return link, created
