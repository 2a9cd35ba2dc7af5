"""Training gaps of a person, or of a team: the skills below their job role, and the quality
criteria they failed repeatedly in reviews — each with the programmes that teach it.

The job role sets the skill levels required (see :mod:`floorlead.careers.readiness_queries`
for a role that is inferred); the quality area says which criteria were failed repeatedly
(:func:`floorlead.quality.repeatedly_failed_criteria`, reading only the reviews the viewer may
see); the training rule (:func:`floorlead.training.skill_gaps`) turns both into gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead import quality, training
from floorlead.auth.permissions import Actor
from floorlead.careers.queries import role_spec
from floorlead.careers.tables import PersonJobRole, RoleDefinition
from floorlead.org.tables import Person
from floorlead.training.schemas import GapPublic, PersonGaps, RecommendationPublic


def job_roles_of(session: Session, people: Sequence[Person]) -> dict[int, RoleDefinition | None]:
    """Person id → their job role: the recorded one, else the first active role definition
    of their permission role (as :func:`current_job_role`), else None."""
    links = dict(
        session.execute(
            select(PersonJobRole.person_id, PersonJobRole.role_id).where(
                PersonJobRole.person_id.in_([p.id for p in people])
            )
        ).all()
    )
    recorded = {
        r.id: r
        for r in session.scalars(
            select(RoleDefinition).where(RoleDefinition.id.in_(sorted(set(links.values()))))
        )
    }
    by_permission: dict[str, RoleDefinition] = {}
    for role in session.scalars(
        select(RoleDefinition)
        .where(RoleDefinition.active.is_(True), RoleDefinition.system_role.is_not(None))
        .order_by(RoleDefinition.id)
    ):
        by_permission.setdefault(role.system_role or "", role)
    return {
        p.id: recorded[links[p.id]] if p.id in links else by_permission.get(p.role) for p in people
    }


def _public(gaps: Sequence[training.SkillGap]) -> list[GapPublic]:
    return [
        GapPublic(
            kind=g.kind,
            key=g.key,
            label=g.label,
            reason=g.reason,
            required=g.required,
            actual=g.actual,
            failures=g.failures,
            reviews=g.reviews,
            programs=[
                RecommendationPublic(program_id=p.program_id, title=p.title, refresher=p.refresher)
                for p in g.programs
            ],
        )
        for g in gaps
    ]


def _people_gaps(
    session: Session, *, actor: Actor | None, people: Sequence[Person], now: datetime
) -> list[PersonGaps]:
    ids = [p.id for p in people]
    roles = job_roles_of(session, people)
    required: dict[str, Mapping[str, int]] = {}
    for role in {r.slug: r for r in roles.values() if r is not None}.values():
        required[role.slug] = {s.skill: s.level for s in role_spec(session, slug=role.slug).skills}
    levels = training.skill_levels_of(session, ids)
    completed = training.completed_programs_of(session, ids)
    failed = quality.repeatedly_failed_criteria(session, actor=actor, agent_ids=ids, now=now)
    teaching = training.teaching_catalogue(session)
    found = []
    for person in people:
        role = roles[person.id]
        gaps = training.skill_gaps(
            required=required[role.slug] if role else {},
            levels=levels[person.id],
            teaching=teaching,
            failed_criteria=[
                training.FailedCriterion(f.key, f.label, f.failures, f.reviews, f.last_failed_at)
                for f in failed[person.id]
            ],
            completed=completed[person.id],
            role=role.title if role else "",
        )
        found.append(
            PersonGaps(
                person_id=person.id,
                name=person.name,
                job_role=role.title if role else None,
                gaps=_public(gaps),
            )
        )
    return found


def training_gaps(
    session: Session, *, actor: Actor | None, person_id: int, now: datetime
) -> list[GapPublic]:
    """Skills below the person's job role, then quality criteria they failed repeatedly —
    each with the programmes that teach it."""
    person = training.person_to_view(session, actor, person_id)
    [found] = _people_gaps(session, actor=actor, people=[person], now=now)
    return found.gaps


def team_training_gaps(
    session: Session, *, actor: Actor | None, team_id: int, now: datetime
) -> list[PersonGaps]:
    """The training gaps of everyone working in the team today, by name (for those who
    manage the team's training)."""
    people = training.team_members(session, actor=actor, team_id=team_id, today=now.date())
    return _people_gaps(session, actor=actor, people=people, now=now)
