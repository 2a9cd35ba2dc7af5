"""Organisation: people, teams, roles, reporting lines, skills and approval authority.

This is the area's public surface: other areas import from here. Names load on first use,
because the permission rules (``floorlead.auth``) themselves import the org model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.org.approval_queries import (
        WaitingFor,
        approval_detail,
        approvals_page,
        list_approval_limits,
    )
    from floorlead.org.approvals import decide_approval, reporting_chain, request_approval
    from floorlead.org.audit_queries import audit_page
    from floorlead.org.authority import (
        ApprovalAboveAuthority,
        ChainLink,
        Limit,
        approver_for,
        default_approval_limits,
        limit_for,
        may_decide,
    )
    from floorlead.org.hierarchy import check_reporting_line, may_grant_role
    from floorlead.org.limits import (
        remove_approval_limit,
        seed_approval_limits,
        set_approval_limit,
    )
    from floorlead.org.model import ApprovalStatus, Role, TeamKind
    from floorlead.org.queries import (
        list_people,
        org_tree,
        people_page,
        person_detail,
        person_id_by_email,
        team_id_by_name,
    )
    from floorlead.org.schemas import (
        ApprovalCreate,
        ApprovalLimitSet,
        Decision,
        PersonCreate,
        PersonUpdate,
        SkillCreate,
        TeamCreate,
        TeamUpdate,
    )
    from floorlead.org.service import (
        add_person,
        set_person_password,
        set_person_skills,
        update_person,
    )
    from floorlead.org.team_queries import list_skills, list_teams, open_ticket_load, team_detail
    from floorlead.org.teams import add_skill, add_team, update_skill, update_team

_MODULES = {
    "approval_queries": ("WaitingFor", "approval_detail", "approvals_page", "list_approval_limits"),
    "approvals": ("decide_approval", "reporting_chain", "request_approval"),
    "audit_queries": ("audit_page",),
    "authority": (
        "ApprovalAboveAuthority",
        "ChainLink",
        "Limit",
        "approver_for",
        "default_approval_limits",
        "limit_for",
        "may_decide",
    ),
    "hierarchy": ("check_reporting_line", "may_grant_role"),
    "limits": ("remove_approval_limit", "seed_approval_limits", "set_approval_limit"),
    "model": ("ApprovalStatus", "Role", "TeamKind"),
    "queries": (
        "list_people",
        "org_tree",
        "people_page",
        "person_detail",
        "person_id_by_email",
        "team_id_by_name",
    ),
    "team_queries": ("list_skills", "list_teams", "open_ticket_load", "team_detail"),
    "schemas": (
        "ApprovalCreate",
        "ApprovalLimitSet",
        "Decision",
        "PersonCreate",
        "PersonUpdate",
        "SkillCreate",
        "TeamCreate",
        "TeamUpdate",
    ),
    "service": ("add_person", "set_person_password", "set_person_skills", "update_person"),
    "teams": ("add_skill", "add_team", "update_skill", "update_team"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "ApprovalAboveAuthority",
    "ApprovalCreate",
    "ApprovalLimitSet",
    "ApprovalStatus",
    "ChainLink",
    "Decision",
    "Limit",
    "PersonCreate",
    "PersonUpdate",
    "Role",
    "SkillCreate",
    "TeamCreate",
    "TeamKind",
    "TeamUpdate",
    "WaitingFor",
    "add_person",
    "add_skill",
    "add_team",
    "approval_detail",
    "approvals_page",
    "approver_for",
    "audit_page",
    "check_reporting_line",
    "decide_approval",
    "default_approval_limits",
    "limit_for",
    "list_approval_limits",
    "list_people",
    "list_skills",
    "list_teams",
    "may_decide",
    "may_grant_role",
    "open_ticket_load",
    "org_tree",
    "people_page",
    "person_detail",
    "person_id_by_email",
    "remove_approval_limit",
    "reporting_chain",
    "request_approval",
    "seed_approval_limits",
    "set_approval_limit",
    "set_person_password",
    "set_person_skills",
    "team_detail",
    "team_id_by_name",
    "update_person",
    "update_skill",
    "update_team",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.org' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.org.{module}"), name)
