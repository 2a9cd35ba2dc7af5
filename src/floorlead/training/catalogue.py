"""Programme and certification use cases, and the seed catalogue (``catalogue.yaml``).

Authoring programmes is for those who manage training (team leads and above). Skills are the
organisation's skill catalogue; a seed adds the skills it names when they are missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.org import SkillCreate, add_skill
from floorlead.org.tables import Skill
from floorlead.training import quiz
from floorlead.training.access import authorise
from floorlead.training.schemas import CertificationCreate, ModuleIn, ProgramCreate
from floorlead.training.tables import (
    Certification,
    ProgramCriterion,
    ProgramSkill,
    QuizQuestion,
    TrainingModule,
    TrainingProgram,
)


def skill_ids(
    session: Session,
    names: Iterable[str],
    *,
    field: str = "skills",
    create_missing: bool = False,
    now: datetime | None = None,
) -> dict[str, int]:
    """Skill ids by name (case-insensitive). Unknown names are refused, or added for a seed."""
    wanted = {name: " ".join(name.split()) for name in names}
    rows = session.execute(select(Skill.id, Skill.name)).all()
    known = {name.lower(): skill_id for skill_id, name in rows}
    found: dict[str, int] = {}
    for given, clean in wanted.items():
        skill_id = known.get(clean.lower())
        if skill_id is None and create_missing and now is not None:
            skill_id = add_skill(session, data=SkillCreate(name=clean), actor=None, now=now).id
            known[clean.lower()] = skill_id
        if skill_id is None:
            raise NotFound(f"no skill named {clean!r}", field=field)
        found[given] = skill_id
    return found


def _module(data: ModuleIn, position: int, *, field: str) -> TrainingModule:
    if (data.pass_mark is None) != (not data.questions):
        raise RuleViolation(
            f"{field}: a quiz needs both a pass mark and questions", field=f"{field}.pass_mark"
        )
    module = TrainingModule(
        position=position,
        title=" ".join(data.title.split()),
        content_url=data.content_url.strip(),
        content_text=data.content_text.strip(),
        duration_minutes=data.duration_minutes,
        pass_mark=None if data.pass_mark is None else quiz.check_pass_mark(data.pass_mark),
    )
    if not module.content_url and not module.content_text:
        raise RuleViolation(f"{field}: give a content link or text", field=f"{field}.content_url")
    for index, question in enumerate(data.questions):
        prompt, choices, correct = quiz.check_question(
            question.prompt, question.choices, question.correct, field=f"{field}.questions[{index}]"
        )
        module.questions.append(
            QuizQuestion(
                position=index, prompt=prompt, choices=list(choices), correct_choice=correct
            )
        )
    return module


def _ensure_slug_free(session: Session, model: Any, slug: str) -> None:
    if session.scalar(select(model.id).where(model.slug == slug)) is not None:
        raise Conflict(f"the slug {slug!r} is already taken", field="slug")


def create_program(
    session: Session, *, actor: Actor | None, data: ProgramCreate, now: datetime
) -> TrainingProgram:
    authorise(actor, Action.MANAGE_TRAINING, scoped=False)
    _ensure_slug_free(session, TrainingProgram, data.slug)
    program = TrainingProgram(
        slug=data.slug,
        title=" ".join(data.title.split()),
        kind=data.kind.value,
        description=data.description.strip(),
        active=True,
        created_at=now,
        updated_at=now,
    )
    program.modules = [
        _module(module, index, field=f"modules[{index}]")
        for index, module in enumerate(data.modules)
    ]
    ids = skill_ids(session, data.skills, create_missing=actor is None, now=now)
    program.skills = [
        ProgramSkill(skill_id=ids[name], level=lvl) for name, lvl in data.skills.items()
    ]
    program.criteria = [ProgramCriterion(criterion_key=key) for key in sorted(set(data.criteria))]
    session.add(program)
    session.flush()
    _audit(
        session,
        actor,
        "training_program.create",
        "training_program",
        program.id,
        now,
        {"slug": program.slug, "modules": len(program.modules)},
    )
    session.commit()
    return program


def add_module(
    session: Session, *, actor: Actor | None, program_id: int, data: ModuleIn, now: datetime
) -> TrainingModule:
    """Add a module at the end of a programme. Those who finished it keep their completion."""
    authorise(actor, Action.MANAGE_TRAINING, scoped=False)
    program = get_program(session, program_id)
    module = _module(data, len(program.modules), field="module")
    program.modules.append(module)
    program.updated_at = now
    session.flush()
    _audit(
        session,
        actor,
        "training_module.create",
        "training_module",
        module.id,
        now,
        {"program_id": program.id, "title": module.title},
    )
    session.commit()
    return module


def get_program(session: Session, program_id: int) -> TrainingProgram:
    program = session.get(TrainingProgram, program_id)
    if program is None:
        raise NotFound(f"no training programme with id {program_id}", field="program_id")
    return program


def program_ids(session: Session, slugs: Iterable[str], *, field: str) -> dict[str, int]:
    wanted = set(slugs)
    found = dict(
        session.execute(
            select(TrainingProgram.slug, TrainingProgram.id).where(TrainingProgram.slug.in_(wanted))
        ).all()
    )
    missing = sorted(wanted - set(found))
    if missing:
        raise NotFound(f"no training programme {missing[0]!r}", field=field)
    return found


def certification_ids(session: Session, slugs: Iterable[str], *, field: str) -> dict[str, int]:
    wanted = set(slugs)
    found = dict(
        session.execute(
            select(Certification.slug, Certification.id).where(Certification.slug.in_(wanted))
        ).all()
    )
    missing = sorted(wanted - set(found))
    if missing:
        raise NotFound(f"no certification {missing[0]!r}", field=field)
    return found


def create_certification(
    session: Session, *, actor: Actor | None, data: CertificationCreate, now: datetime
) -> Certification:
    authorise(actor, Action.MANAGE_TRAINING, scoped=False)
    _ensure_slug_free(session, Certification, data.slug)
    name = " ".join(data.name.split())
    if session.scalar(
        select(Certification.id).where(func.lower(Certification.name) == name.lower())
    ):
        raise Conflict(f"the certification {name!r} already exists", field="name")
    program_id = None
    if data.program is not None:
        program_id = program_ids(session, [data.program], field="program")[data.program]
    certification = Certification(
        slug=data.slug,
        name=name,
        description=data.description.strip(),
        valid_months=data.valid_months,
        program_id=program_id,
    )
    session.add(certification)
    session.flush()
    _audit(
        session,
        actor,
        "certification.create",
        "certification",
        certification.id,
        now,
        {"slug": certification.slug, "valid_months": certification.valid_months},
    )
    session.commit()
    return certification


def _audit(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int,
    now: datetime,
    after: dict[str, Any],
) -> None:
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=None,
        after=after,
        now=now,
    )


def seed_training_catalogue(session: Session, now: datetime) -> None:
    """Add the programmes and certifications of ``catalogue.yaml`` that do not exist yet."""
    text = resources.files("floorlead.training").joinpath("catalogue.yaml").read_text("utf-8")
    catalogue = yaml.safe_load(text)
    existing = set(session.scalars(select(TrainingProgram.slug)))
    for entry in catalogue["programs"]:
        if entry["slug"] not in existing:
            create_program(session, actor=None, data=ProgramCreate.model_validate(entry), now=now)
    existing = set(session.scalars(select(Certification.slug)))
    for entry in catalogue["certifications"]:
        if entry["slug"] not in existing:
            data = CertificationCreate.model_validate(entry)
            create_certification(session, actor=None, data=data, now=now)


def program_labels(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Programme id → (slug, title)."""
    rows = session.execute(
        select(TrainingProgram.id, TrainingProgram.slug, TrainingProgram.title).where(
            TrainingProgram.id.in_(set(ids))
        )
    ).all()
    return {pid: (slug, title) for pid, slug, title in rows}


def certification_labels(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Certification id → (slug, name)."""
    rows = session.execute(
        select(Certification.id, Certification.slug, Certification.name).where(
            Certification.id.in_(set(ids))
        )
    ).all()
    return {cid: (slug, name) for cid, slug, name in rows}
