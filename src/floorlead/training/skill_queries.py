"""Skills as training sees them: the team skill matrix, what each programme teaches, and the
inputs of the skill-gap rule for one person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor
from floorlead.errors import NotFound
from floorlead.org.tables import Person, PersonSkill, Skill, Team
from floorlead.training.access import authorise
from floorlead.training.gaps import ProgramTeaching
from floorlead.training.schemas import MatrixRow, SkillMatrix
from floorlead.training.tables import (
    ProgramCriterion,
    ProgramSkill,
    TrainingAssignment,
    TrainingProgram,
)

COVERED_LEVEL = 3


def team_members(
    session: Session, *, actor: Actor | None, team_id: int, today: date
) -> list[Person]:
    """The team's members working there ``today``, by name; for those who manage its training."""
    if session.get(Team, team_id) is None:
        raise NotFound(f"no team with id {team_id}", field="team_id")
    authorise(actor, Action.MANAGE_TRAINING, team_id=team_id)
    return list(
        session.scalars(
            select(Person)
            .where(
                Person.team_id == team_id,
                Person.hire_date <= today,
                or_(Person.leave_date.is_(None), Person.leave_date > today),
            )
            .order_by(Person.name, Person.id)
        )
    )


def skill_matrix(
    session: Session, *, actor: Actor | None, team_id: int, today: date
) -> SkillMatrix:
    """The team's active members × every skill any of them holds, with levels (None: none)."""
    people = team_members(session, actor=actor, team_id=team_id, today=today)
    by_person = skill_levels_of(session, [p.id for p in people])
    skills = sorted({skill for levels in by_person.values() for skill in levels})
    rows = [
        MatrixRow(
            person_id=p.id,
            name=p.name,
            role=p.role,
            levels={skill: by_person[p.id].get(skill) for skill in skills},
        )
        for p in people
    ]
    coverage = {
        skill: sum(1 for row in rows if (row.levels[skill] or 0) >= COVERED_LEVEL)
        for skill in skills
    }
    return SkillMatrix(team_id=team_id, skills=skills, rows=rows, coverage=coverage)


def skill_levels(session: Session, person_id: int) -> dict[str, int]:
    """Skill name → the person's level."""
    return skill_levels_of(session, [person_id])[person_id]


def skill_levels_of(session: Session, person_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """Person id → (skill name → level), for each of ``person_ids``."""
    levels: dict[int, dict[str, int]] = {person_id: {} for person_id in person_ids}
    rows = session.execute(
        select(PersonSkill.person_id, Skill.name, PersonSkill.level)
        .join(Skill, Skill.id == PersonSkill.skill_id)
        .where(PersonSkill.person_id.in_(sorted(levels)))
    )
    for person_id, skill, level in rows:
        levels[person_id][skill] = level
    return levels


def teaching_catalogue(session: Session) -> list[ProgramTeaching]:
    """What every active programme teaches: skills with levels, and quality criteria."""
    programs = session.execute(
        select(TrainingProgram.id, TrainingProgram.title).where(TrainingProgram.active.is_(True))
    ).all()
    skills: dict[int, dict[str, int]] = defaultdict(dict)
    for program_id, name, level in session.execute(
        select(ProgramSkill.program_id, Skill.name, ProgramSkill.level).join(
            Skill, Skill.id == ProgramSkill.skill_id
        )
    ):
        skills[program_id][name] = level
    criteria: dict[int, set[str]] = defaultdict(set)
    for program_id, key in session.execute(
        select(ProgramCriterion.program_id, ProgramCriterion.criterion_key)
    ):
        criteria[program_id].add(key)
    return [
        ProgramTeaching(pid, title, dict(skills[pid]), frozenset(criteria[pid]))
        for pid, title in programs
    ]


def completed_programs_of(
    session: Session, person_ids: Collection[int]
) -> dict[int, dict[int, datetime]]:
    """Person id → (id of a programme they completed → when), for each of ``person_ids``."""
    done: dict[int, dict[int, datetime]] = {person_id: {} for person_id in person_ids}
    rows = session.execute(
        select(
            TrainingAssignment.person_id,
            TrainingAssignment.program_id,
            TrainingAssignment.completed_at,
        ).where(
            TrainingAssignment.person_id.in_(sorted(done)),
            TrainingAssignment.completed_at.is_not(None),
        )
    )
    for person_id, program_id, completed_at in rows:
        done[person_id][program_id] = completed_at
    return done
