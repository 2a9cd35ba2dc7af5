"""Organisation values: roles and their rank in the hierarchy. No SQLAlchemy here."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SENIOR_AGENT = "senior_agent"
    TEAM_LEAD = "team_lead"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return ROLE_RANK[self]

    @property
    def leads_teams(self) -> bool:
        return self in {Role.TEAM_LEAD, Role.SUPERVISOR}


ROLE_RANK = {
    Role.AGENT: 1,
    Role.SENIOR_AGENT: 2,
    Role.TEAM_LEAD: 3,
    Role.SUPERVISOR: 4,
    Role.MANAGER: 5,
    Role.ADMIN: 6,
}


# Roles that hold tickets: whom a ticket may be assigned to by hand.
TICKET_HOLDER_ROLES = frozenset({Role.AGENT, Role.SENIOR_AGENT, Role.TEAM_LEAD, Role.SUPERVISOR})


class TeamKind(StrEnum):
    SUPPORT = "support"
    DEPARTMENT = "department"


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
