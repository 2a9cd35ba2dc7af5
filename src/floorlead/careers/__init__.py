"""Careers: roles as data (job descriptions, career paths), career readiness, and hiring.

This is the area's public surface: other areas import from here. Names load on first use, so
importing ``floorlead.careers.tables`` (as the schema does) pulls in nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.careers.catalogue import create_role, seed_role_definitions, update_role
    from floorlead.careers.gap_queries import team_training_gaps, training_gaps
    from floorlead.careers.hiring import (
        add_candidate,
        close_requisition,
        hire_candidate,
        open_requisition,
        reject_candidate,
        submit_scorecard,
    )
    from floorlead.careers.hiring_queries import (
        candidate_detail,
        list_requisitions,
        requisition_detail,
    )
    from floorlead.careers.interviews import interview_items, summarise_interviews
    from floorlead.careers.job_description import job_description_markdown, job_description_pdf
    from floorlead.careers.model import Direction, KpiTarget, Recommendation, RoleSpec
    from floorlead.careers.queries import (
        list_roles,
        render_job_description,
        render_job_description_pdf,
        role_detail,
        role_spec,
    )
    from floorlead.careers.readiness import assess_readiness
    from floorlead.careers.readiness_queries import (
        KPI_WINDOW_DAYS,
        PersonKpis,
        career_readiness,
        role_readiness,
    )
    from floorlead.careers.service import assign_role

_MODULES = {
    "catalogue": ("create_role", "seed_role_definitions", "update_role"),
    "gap_queries": ("team_training_gaps", "training_gaps"),
    "hiring": (
        "add_candidate",
        "close_requisition",
        "hire_candidate",
        "open_requisition",
        "reject_candidate",
        "submit_scorecard",
    ),
    "hiring_queries": ("candidate_detail", "list_requisitions", "requisition_detail"),
    "interviews": ("interview_items", "summarise_interviews"),
    "job_description": ("job_description_markdown", "job_description_pdf"),
    "model": ("Direction", "KpiTarget", "Recommendation", "RoleSpec"),
    "queries": (
        "render_job_description",
        "render_job_description_pdf",
        "list_roles",
        "role_detail",
        "role_spec",
    ),
    "readiness": ("assess_readiness",),
    "readiness_queries": ("KPI_WINDOW_DAYS", "PersonKpis", "career_readiness", "role_readiness"),
    "service": ("assign_role",),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "KPI_WINDOW_DAYS",
    "Direction",
    "KpiTarget",
    "PersonKpis",
    "Recommendation",
    "RoleSpec",
    "add_candidate",
    "assess_readiness",
    "assign_role",
    "candidate_detail",
    "career_readiness",
    "close_requisition",
    "create_role",
    "hire_candidate",
    "interview_items",
    "job_description_markdown",
    "job_description_pdf",
    "list_requisitions",
    "list_roles",
    "open_requisition",
    "reject_candidate",
    "render_job_description",
    "render_job_description_pdf",
    "requisition_detail",
    "role_detail",
    "role_readiness",
    "role_spec",
    "seed_role_definitions",
    "submit_scorecard",
    "summarise_interviews",
    "team_training_gaps",
    "training_gaps",
    "update_role",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.careers' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.careers.{module}"), name)
