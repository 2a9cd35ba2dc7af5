"""Column values for the organisation, customer and reference tables of a simulation."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from floorlead.demo.customers import Customers
from floorlead.demo.organisation import Organisation
from floorlead.demo.reference import ReferenceData
from floorlead.demo.timeline import LOCAL_ZONE, LOCAL_ZONE_NAME, Timeline
from floorlead.org.model import Role

Row = dict[str, Any]


def team_rows(org: Organisation, created_at: datetime) -> list[Row]:
    return [
        {
            "id": team.id,
            "name": team.name,
            "kind": str(team.kind),
            "description": team.description,
            "supervisor_id": None,
            "time_zone": LOCAL_ZONE_NAME,
            "created_at": created_at,
        }
        for team in org.teams
    ]


def skill_rows(org: Organisation) -> list[Row]:
    return [{"id": n, "name": name, "description": text} for n, name, text in org.skills]


def people_rows(
    org: Organisation, timeline: Timeline, admin_hash: str, staff_hash: str
) -> list[Row]:
    rows = []
    for person in org.people:
        joined = datetime.combine(person.hire_date, time(9), tzinfo=LOCAL_ZONE).astimezone(UTC)
        created = max(joined, timeline.start)
        rows.append(
            {
                "id": person.id,
                "email": person.email,
                "name": person.name,
                "role": person.role.value,
                "team_id": person.team_id,
                "manager_id": person.manager_id,
                "hire_date": person.hire_date,
                "leave_date": person.leave_date,
                "hourly_cost": person.hourly_cost,
                "time_zone": person.time_zone,
                "password_hash": admin_hash if person.role == Role.ADMIN else staff_hash,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def customer_rows(customers: Customers) -> list[Row]:
    return [
        {
            "id": c.id,
            "name": c.name,
            "email": c.email,
            "organisation": c.organisation,
            "tier": c.tier.value,
            "created_at": c.created_at,
        }
        for c in customers.customers
    ]


def reference_rows(reference: ReferenceData, created_at: datetime) -> dict[str, list[Row]]:
    """Rows per table, in an order that satisfies the foreign keys."""
    return {
        "business_calendars": [
            {"id": c.id, "name": c.name, "time_zone": c.time_zone, "weekly_hours": c.weekly_hours}
            for c in reference.calendars
        ],
        "holidays": [
            {"calendar_id": c.id, "day": day, "name": name}
            for c in reference.calendars
            for day, name in c.holidays
        ],
        "sla_policies": _policy_rows(reference, created_at),
        "sla_targets": [
            {"policy_id": p.id, "priority": priority, "metric": metric, "minutes": minutes}
            for p in reference.policies
            for (priority, metric), minutes in sorted(p.targets.items())
        ],
        "escalation_rules": _rule_rows(reference, created_at),
        "approval_limits": [
            {
                "approval_type": limit.approval_type,
                "role": limit.role.value if limit.role else None,
                "person_id": limit.person_id,
                "max_amount": limit.max_amount,
            }
            for limit in reference.approval_limits
        ],
    }


def _policy_rows(reference: ReferenceData, created_at: datetime) -> list[Row]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "position": p.position,
            "customer_tier": p.customer_tier,
            "channel": p.channel,
            "calendar_id": p.calendar_id,
            "pause_statuses": list(p.pause_statuses),
            "active": True,
            "created_at": created_at,
        }
        for p in reference.policies
    ]


def _rule_rows(reference: ReferenceData, created_at: datetime) -> list[Row]:
    return [
        {
            "id": r.id,
            "name": r.name,
            "condition": r.condition.value,
            "threshold": r.threshold,
            "target_tier": r.target_tier.value,
            "active": True,
            "created_at": created_at,
        }
        for r in reference.rules
    ]
