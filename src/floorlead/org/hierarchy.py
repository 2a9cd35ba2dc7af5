"""Reporting lines and role grants: pure rules about the org tree. No SQLAlchemy here.

Role grants: a role is given (on creating a person or changing their role) only by someone
who outranks it, and only an admin gives the roles ``manager`` and ``admin`` — so no one can
raise a person, themselves included, to their own level or above. The same rank rule limits
whom a non-admin may manage: only people ranked below them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from floorlead.errors import RuleViolation
from floorlead.org.model import Role

ADMIN_ONLY_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def may_grant_role(granter: Role, role: Role) -> bool:
    """May someone with role ``granter`` give a person the role ``role``?"""
    if granter is Role.ADMIN:
        return True
    return role not in ADMIN_ONLY_ROLES and role.rank < granter.rank


def may_manage_rank(actor: Role, target: Role) -> bool:
    """Non-admins manage only people ranked below them."""
    return actor is Role.ADMIN or target.rank < actor.rank


def managers_above(person_id: int, managers: Mapping[int, int | None]) -> Iterator[int]:
    """The manager, the manager's manager, … of ``person_id`` (stops at a loop)."""
    seen = {person_id}
    current = managers.get(person_id)
    while current is not None and current not in seen:
        yield current
        seen.add(current)
        current = managers.get(current)


def check_reporting_line(
    *, person_id: int | None, manager_id: int | None, managers: Mapping[int, int | None]
) -> None:
    """Refuse self-management and loops in the org tree.

    ``managers`` maps every person to their current manager; ``person_id`` is None for a
    person not created yet (who cannot be anyone's manager, so no loop is possible).
    """
    if manager_id is None or person_id is None:
        return
    if manager_id == person_id:
        raise RuleViolation("a person cannot be their own manager", field="manager_id")
    if person_id in managers_above(manager_id, managers):
        raise RuleViolation(
            f"person {manager_id} reports to person {person_id}, directly or indirectly; "
            "making them their manager would create a loop in the reporting lines",
            field="manager_id",
        )
