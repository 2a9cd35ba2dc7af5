"""Staff KPIs: efficiency (handle time, productive time, occupancy), attendance, people."""

from __future__ import annotations

import ibis

from floorlead.metrics.kpi_base import Kpi, col, total
from floorlead.metrics.model import Better, Unit
from floorlead.metrics.views import Context


def efficiency() -> list[Kpi]:
    days = {"group": "efficiency", "view": "agent_days"}
    return [
        Kpi(
            "average_handle_time",
            "Average handle time",
            group="efficiency",
            view="handling",
            unit=Unit.SECONDS,
            better=Better.LOWER,
            kind="ratio",
            numerator=total("seconds"),
            denominator=lambda v, c: v.ticket_id.nunique(),
        ),
        Kpi(
            "contacts_handled",
            "Contacts handled (ticket-days worked)",
            unit=Unit.COUNT,
            better=Better.HIGHER,
            kind="ratio",
            numerator=total("contacts"),
            denominator=lambda v, c: ibis.literal(1.0),
            **days,
        ),
        Kpi(
            "productive_hours",
            "Productive agent-hours",
            unit=Unit.HOURS,
            better=Better.NEITHER,
            kind="ratio",
            numerator=total("productive_seconds"),
            denominator=lambda v, c: ibis.literal(3600.0),
            **days,
        ),
        Kpi(
            "contacts_per_agent_hour",
            "Contacts per productive agent-hour",
            unit=Unit.RATIO,
            better=Better.HIGHER,
            kind="ratio",
            numerator=total("contacts"),
            denominator=total("productive_seconds"),
            scale=3600.0,
            **days,
        ),
        Kpi(
            "occupancy",
            "Occupancy",
            unit=Unit.PERCENT,
            better=Better.NEITHER,
            kind="ratio",
            numerator=total("busy_seconds"),
            denominator=total("productive_seconds"),
            scale=100.0,
            **days,
        ),
        Kpi(
            "state_measured_days",
            "Agent-days measured from agent states",
            unit=Unit.PERCENT,
            better=Better.NEITHER,
            kind="share",
            hit=lambda v, c: v.measured,
            **days,
        ),
        Kpi(
            "cost_per_contact",
            "Cost per contact",
            unit=Unit.CURRENCY,
            better=Better.LOWER,
            kind="ratio",
            numerator=total("cost"),
            denominator=total("contacts"),
            **days,
        ),
    ]


def attendance() -> list[Kpi]:
    def attended(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return v.attended

    def absent(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return ~v.attended

    common = {"group": "attendance", "view": "shifts"}
    return [
        Kpi(
            "scheduled_shifts",
            "Scheduled shifts",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            **common,
        ),
        Kpi(
            "scheduled_hours",
            "Scheduled paid hours",
            unit=Unit.HOURS,
            better=Better.NEITHER,
            kind="ratio",
            numerator=total("scheduled_seconds"),
            denominator=lambda v, c: ibis.literal(3600.0),
            **common,
        ),
        Kpi(
            "attendance_rate",
            "Attendance",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            hit=attended,
            **common,
        ),
        Kpi(
            "absenteeism_rate",
            "Absenteeism (unplanned)",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="ratio",
            hit=absent,
            numerator=total("absent_seconds"),
            denominator=total("scheduled_seconds"),
            scale=100.0,
            **common,
        ),
        Kpi(
            "absence_hours",
            "Scheduled hours absent",
            unit=Unit.HOURS,
            better=Better.LOWER,
            kind="ratio",
            hit=absent,
            numerator=total("absent_seconds"),
            denominator=lambda v, c: ibis.literal(3600.0),
            **common,
        ),
        Kpi(
            "late_start_rate",
            "Late starts",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="share",
            base=attended,
            hit=lambda v, c: v.late,
            **common,
        ),
    ]


def people() -> list[Kpi]:
    def average_headcount(v: ibis.Table, c: Context) -> ibis.Value:
        return (v.active_start.sum() + v.active_end.sum()) / 2.0

    common = {"group": "people", "view": "people"}
    return [
        Kpi(
            "headcount",
            "Headcount (agents)",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            base=lambda v, c: v.active_end == 1,
            **common,
        ),
        Kpi(
            "turnover_annualised",
            "Annualised turnover",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="ratio",
            numerator=lambda v, c: v.leavers.sum() * 365.0 / v.days.max(),
            denominator=average_headcount,
            scale=100.0,
            **common,
        ),
        Kpi(
            "tenure_mean",
            "Mean tenure",
            unit=Unit.YEARS,
            better=Better.NEITHER,
            kind="stat",
            stat="mean",
            value=col("tenure_years"),
            base=lambda v, c: v.active_end == 1,
            **common,
        ),
    ]
