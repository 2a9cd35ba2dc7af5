"""Training: programmes and modules, quizzes, assignments and progress, certifications,
the skill matrix, skill gaps and onboarding plans.

This is the area's public surface: other areas import from here. Names load on first use, so
importing ``floorlead.training.tables`` (as the schema does) pulls in nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.training.access import person_to_manage, person_to_view
    from floorlead.training.catalogue import (
        add_module,
        certification_ids,
        certification_labels,
        create_certification,
        create_program,
        program_ids,
        program_labels,
        seed_training_catalogue,
        skill_ids,
    )
    from floorlead.training.certificates import record_certification
    from floorlead.training.certification_queries import (
        certification_record,
        certifications_held,
        expiring_certifications,
        list_certifications,
        person_certifications,
    )
    from floorlead.training.gaps import FailedCriterion, ProgramTeaching, SkillGap, skill_gaps
    from floorlead.training.model import AssignmentStatus, ExpiryStatus, GapKind, ProgramKind
    from floorlead.training.plan_queries import onboarding_plan
    from floorlead.training.queries import (
        assignment_detail,
        list_programs,
        overdue_assignments,
        person_assignments,
        program_detail,
    )
    from floorlead.training.quiz import QuizResult, score_quiz
    from floorlead.training.reminders import RemindersQueued, queue_training_reminders
    from floorlead.training.service import (
        add_assignments,
        assign_program,
        complete_module,
        submit_quiz,
    )
    from floorlead.training.skill_queries import (
        completed_programs_of,
        skill_levels,
        skill_levels_of,
        skill_matrix,
        teaching_catalogue,
        team_members,
    )

_MODULES = {
    "access": ("person_to_manage", "person_to_view"),
    "catalogue": (
        "add_module",
        "certification_ids",
        "certification_labels",
        "create_certification",
        "create_program",
        "program_ids",
        "program_labels",
        "seed_training_catalogue",
        "skill_ids",
    ),
    "certificates": ("record_certification",),
    "certification_queries": (
        "certification_record",
        "certifications_held",
        "expiring_certifications",
        "list_certifications",
        "person_certifications",
    ),
    "gaps": ("FailedCriterion", "ProgramTeaching", "SkillGap", "skill_gaps"),
    "model": ("AssignmentStatus", "ExpiryStatus", "GapKind", "ProgramKind"),
    "plan_queries": ("onboarding_plan",),
    "queries": (
        "assignment_detail",
        "list_programs",
        "overdue_assignments",
        "person_assignments",
        "program_detail",
    ),
    "quiz": ("QuizResult", "score_quiz"),
    "reminders": ("RemindersQueued", "queue_training_reminders"),
    "service": (
        "add_assignments",
        "assign_program",
        "complete_module",
        "submit_quiz",
    ),
    "skill_queries": (
        "completed_programs_of",
        "skill_levels",
        "skill_levels_of",
        "skill_matrix",
        "teaching_catalogue",
        "team_members",
    ),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AssignmentStatus",
    "ExpiryStatus",
    "FailedCriterion",
    "GapKind",
    "ProgramKind",
    "ProgramTeaching",
    "QuizResult",
    "RemindersQueued",
    "SkillGap",
    "add_assignments",
    "add_module",
    "assign_program",
    "assignment_detail",
    "certification_ids",
    "certification_labels",
    "certification_record",
    "certifications_held",
    "complete_module",
    "completed_programs_of",
    "create_certification",
    "create_program",
    "expiring_certifications",
    "list_certifications",
    "list_programs",
    "onboarding_plan",
    "overdue_assignments",
    "person_assignments",
    "person_certifications",
    "person_to_manage",
    "person_to_view",
    "program_detail",
    "program_ids",
    "program_labels",
    "queue_training_reminders",
    "record_certification",
    "score_quiz",
    "seed_training_catalogue",
    "skill_gaps",
    "skill_ids",
    "skill_levels",
    "skill_levels_of",
    "skill_matrix",
    "submit_quiz",
    "teaching_catalogue",
    "team_members",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.training' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.training.{module}"), name)
