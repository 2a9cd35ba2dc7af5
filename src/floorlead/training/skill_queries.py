"""Skills as training sees them: the team skill matrix, what each programme teaches, and the
inputs of the skill-gap rule for one person."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

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


def skill_matrix(
    session: Session, *, actor: Actor | None, team_id: int, today: date
) -> SkillMatrix:
    """The team's active members × every skill any of them holds, with levels (None: none)."""
    if session.get(Team, team_id) is None:
        raise NotFound(f"no team with id {team_id}", field="team_id")
    authorise(actor, Action.MANAGE_TRAINING, team_id=team_id)
    people = session.execute(
        select(Person.id, Person.name, Person.role)
        .where(
            Person.team_id == team_id,
            Person.hire_date <= today,
            or_(Person.leave_date.is_(None), Person.leave_date > today),
        )
        .order_by(Person.name)
    ).all()
    levels = session.execute(
        select(PersonSkill.person_id, Skill.name, PersonSkill.level)
        .join(Skill, Skill.id == PersonSkill.skill_id)
        .where(PersonSkill.person_id.in_([p.id for p in people]))
    ).all()
    by_person: dict[int, dict[str, int]] = defaultdict(dict)
    for person_id, skill, level in levels:
        by_person[person_id][skill] = level
    skills = sorted({skill for _, skill, _ in levels})
    rows = [
        MatrixRow(
            person_id=pid,
            name=name,
            role=role,
            levels={skill: by_person[pid].get(skill) for skill in skills},
        )
        for pid, name, role in people
    ]
    coverage = {
        skill: sum(1 for row in rows if (row.levels[skill] or 0) >= COVERED_LEVEL)
        for skill in skills
    }
    return SkillMatrix(team_id=team_id, skills=skills, rows=rows, coverage=coverage)


def skill_levels(session: Session, person_id: int) -> dict[str, int]:
    """Skill name → the person's level."""
    rows = session.execute(
        select(Skill.name, PersonSkill.level)
        .join(Skill, Skill.id == PersonSkill.skill_id)
        .where(PersonSkill.person_id == person_id)
    ).all()
    return dict(rows)


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


def completed_program_ids(session: Session, person_id: int) -> frozenset[int]:
    return frozenset(
        session.scalars(
            select(TrainingAssignment.program_id).where(
                TrainingAssignment.person_id == person_id,
                TrainingAssignment.completed_at.is_not(None),
            )
        )
    )
