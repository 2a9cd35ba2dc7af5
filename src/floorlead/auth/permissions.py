"""Who may do what: the one place permissions are decided.

Two questions are asked of every request: may this role perform the action at all
(:data:`ROLE_ACTIONS`), and is the target inside the actor's scope (their own work, their
teams, their org subtree, or everything for an admin). Services call :func:`require`;
adapters never test roles themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from floorlead.errors import PermissionDenied
from floorlead.org.model import Role


class Action(StrEnum):
    VIEW_TICKET = "view_ticket"
    CREATE_TICKET = "create_ticket"
    WORK_TICKET = "work_ticket"  # reply, note, status, handle time, help request
    ASSIGN_TICKET = "assign_ticket"
    ESCALATE_TICKET = "escalate_ticket"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    MANAGE_TEAMS = "manage_teams"
    MANAGE_CUSTOMERS = "manage_customers"
    MANAGE_SERVICE_RULES = "manage_service_rules"  # SLA policies, calendars, escalation rules
    REQUEST_APPROVAL = "request_approval"
    DECIDE_APPROVAL = "decide_approval"
    VIEW_TEAM_DASHBOARD = "view_team_dashboard"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_APPROVAL_LIMITS = "manage_approval_limits"
    RECORD_AGENT_STATE = "record_agent_state"  # an agent's own states; leads for their teams
    VIEW_SCHEDULE = "view_schedule"  # an agent's own published schedule
    MANAGE_SCHEDULES = "manage_schedules"  # forecasts, schedules, adherence, payroll hours
    VIEW_OWN_REVIEWS = "view_own_reviews"  # an agent's quality reviews: acknowledge, dispute
    REVIEW_QUALITY = "review_quality"  # QA samples, reviews, disputes, calibration, reports
    MANAGE_SCORECARDS = "manage_scorecards"  # QA scorecards and their versions
    VIEW_TRAINING = "view_training"  # own training, career readiness, certifications
    MANAGE_TRAINING = "manage_training"  # programmes, assignments, certifications, skill matrix
    MANAGE_ROLES = "manage_roles"  # role definitions (job descriptions, career paths)
    MANAGE_HIRING = "manage_hiring"  # requisitions, candidates, interviews, hires
    VIEW_OWN_COACHING = "view_own_coaching"  # one's own 1:1s (shared notes), goals, reviews
    COACH = "coach"  # 1:1s, goals, performance reviews, team meetings, pulse surveys
    VIEW_CONFLICT_NOTES = "view_conflict_notes"  # record and read conflict notes
    VIEW_OUTBOX = "view_outbox"  # the e-mail outbox: what waits, was sent, was given up on


_AGENT = frozenset(
    {
        Action.VIEW_TICKET,
        Action.CREATE_TICKET,
        Action.WORK_TICKET,
        Action.ESCALATE_TICKET,
        Action.VIEW_PEOPLE,
        Action.MANAGE_CUSTOMERS,
        Action.REQUEST_APPROVAL,
        Action.DECIDE_APPROVAL,
        Action.RECORD_AGENT_STATE,
        Action.VIEW_SCHEDULE,
        Action.VIEW_OWN_REVIEWS,
        Action.VIEW_TRAINING,
        Action.VIEW_OWN_COACHING,
    }
)
_LEAD = _AGENT | {
    Action.ASSIGN_TICKET,
    Action.MANAGE_PEOPLE,
    Action.VIEW_TEAM_DASHBOARD,
    Action.MANAGE_SCHEDULES,
    Action.REVIEW_QUALITY,
    Action.MANAGE_TRAINING,
    Action.COACH,
}
_MANAGER = _LEAD | {
    Action.MANAGE_TEAMS,
    Action.MANAGE_SERVICE_RULES,
    Action.VIEW_AUDIT,
    Action.MANAGE_APPROVAL_LIMITS,
    Action.MANAGE_SCORECARDS,
    Action.MANAGE_ROLES,
    Action.MANAGE_HIRING,
    Action.VIEW_CONFLICT_NOTES,
}

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.AGENT: _AGENT,
    Role.SENIOR_AGENT: _AGENT | {Action.ASSIGN_TICKET},
    Role.TEAM_LEAD: _LEAD,
    Role.SUPERVISOR: _LEAD
    | {
        Action.MANAGE_SERVICE_RULES,
        Action.MANAGE_SCORECARDS,
        Action.MANAGE_HIRING,
        Action.VIEW_CONFLICT_NOTES,
    },
    Role.MANAGER: _MANAGER,
    Role.ADMIN: _MANAGER | {Action.MANAGE_USERS, Action.VIEW_OUTBOX},
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person and the scope their role gives them.

    ``team_ids`` is None for an admin (every team). ``person_ids`` is the set of people the
    actor manages (their org subtree, or their teams' members for a team lead/supervisor),
    None for an admin.
    """

    person_id: int
    role: Role
    name: str = ""
    team_id: int | None = None
    team_ids: frozenset[int] | None = field(default_factory=frozenset)
    person_ids: frozenset[int] | None = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def can(self, action: Action) -> bool:
        return action in ROLE_ACTIONS[self.role]

    def covers_team(self, team_id: int | None) -> bool:
        if self.team_ids is None:
            return True
        return team_id is not None and team_id in self.team_ids

    def covers_person(self, person_id: int | None) -> bool:
        if self.person_ids is None or person_id == self.person_id:
            return True
        return person_id is not None and person_id in self.person_ids


def may(
    actor: Actor,
    action: Action,
    *,
    team_id: int | None = None,
    person_id: int | None = None,
    scoped: bool = True,
) -> bool:
    """True when ``actor`` may perform ``action`` on a target in ``team_id``/``person_id``.

    A target belongs to the actor's scope when the actor covers its team or its person
    (an agent covers their own tickets and their team's). ``scoped=False`` asks about the
    action alone (e.g. creating a new record that has no owner yet).
    """
    if not actor.can(action):
        return False
    if not scoped or actor.is_admin:
        return True
    return actor.covers_team(team_id) or (person_id is not None and actor.covers_person(person_id))


def require(
    actor: Actor,
    action: Action,
    *,
    team_id: int | None = None,
    person_id: int | None = None,
    scoped: bool = True,
) -> None:
    """Raise :class:`PermissionDenied` unless :func:`may` allows it."""
    if not may(actor, action, team_id=team_id, person_id=person_id, scoped=scoped):
        raise PermissionDenied(f"{actor.role.value} may not {action.value.replace('_', ' ')}")
