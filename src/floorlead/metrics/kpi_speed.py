"""Speed KPIs: reply and resolution times, SLA achievement, queue answer times."""

from __future__ import annotations

import ibis

from floorlead.metrics.definitions import ServiceLevelDenominator
from floorlead.metrics.kpi_base import Expr, Kpi, col
from floorlead.metrics.model import Better, Unit
from floorlead.metrics.views import Context

QUEUED = ("phone", "chat")


def _stats(name: str, label: str, view: str, column: str, **common: object) -> list[Kpi]:
    kpis = []
    for stat in ("median", "mean", "p90"):
        kpis.append(
            Kpi(
                name=f"{name}_{stat}",
                label=f"{label} ({stat})",
                group="speed",
                view=view,
                unit=Unit.SECONDS,
                better=Better.LOWER,
                kind="stat",
                value=col(column),
                stat=stat,  # type: ignore[arg-type]
                base=lambda v, c, column=column: v[column].notnull(),
                **common,  # type: ignore[arg-type]
            )
        )
    return kpis


def durations() -> list[Kpi]:
    kpis: list[Kpi] = []
    for name, label, view, column in (
        ("first_reply_time", "First reply time", "first_reply", "seconds"),
        ("next_reply_time", "Next reply time", "replies", "seconds"),
        ("full_resolution_time", "Full resolution time", "resolved", "resolution_seconds"),
        ("requester_wait_time", "Requester wait time", "resolved", "requester_wait_seconds"),
    ):
        business = column.replace("seconds", "business_seconds")
        kpis += _stats(name, label, view, column)
        kpis += _stats(f"{name}_business", f"{label}, business hours", view, business)
    return kpis


def sla() -> list[Kpi]:
    def completed(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return v.completed_at.notnull()

    def achieved(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return v.state == "achieved"

    def active_breached(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        overdue = (v.state == "running") & (v.due_at <= ibis.literal(c.as_of))
        return v.completed_at.isnull() & ((v.state == "breached") | overdue)

    def of_metric(metric: str) -> Expr:
        return lambda v, c: completed(v, c) & (v.metric == metric)

    common = {"group": "speed", "view": "sla"}
    kpis = [
        Kpi(
            "sla_achievement",
            "SLA achievement",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            base=completed,
            hit=achieved,
            **common,
        ),
        Kpi(
            "sla_achieved",
            "SLA targets achieved",
            unit=Unit.COUNT,
            better=Better.HIGHER,
            kind="count",
            base=lambda v, c: completed(v, c) & achieved(v, c),
            **common,
        ),
        Kpi(
            "sla_breached",
            "SLA targets breached",
            unit=Unit.COUNT,
            better=Better.LOWER,
            kind="count",
            base=lambda v, c: completed(v, c) & (v.state == "breached"),
            **common,
        ),
        Kpi(
            "sla_active",
            "SLA targets still running",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            base=lambda v, c: v.completed_at.isnull(),
            **common,
        ),
        Kpi(
            "sla_active_breached",
            "SLA targets running and already breached",
            unit=Unit.COUNT,
            better=Better.LOWER,
            kind="count",
            base=active_breached,
            **common,
        ),
    ]
    for metric in ("first_reply", "next_reply", "resolution"):
        kpis.append(
            Kpi(
                f"sla_{metric}_achievement",
                f"SLA achievement, {metric.replace('_', ' ')}",
                unit=Unit.PERCENT,
                better=Better.HIGHER,
                kind="share",
                base=of_metric(metric),
                hit=achieved,
                **common,
            )
        )
    return kpis


def queue() -> list[Kpi]:
    def queued(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return v.channel.isin(QUEUED) & (v.queue_wait_seconds.notnull() | v.abandoned.notnull())

    def answered(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return queued(v, c) & ~v.abandoned.fill_null(False)

    def service_base(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        if c.definitions.service_level_denominator is ServiceLevelDenominator.ANSWERED:
            return answered(v, c)
        return queued(v, c)

    def in_time(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        limit = c.definitions.service_level_seconds
        return ~v.abandoned.fill_null(False) & (v.queue_wait_seconds.fill_null(0) <= limit)

    common = {"group": "speed", "view": "created"}
    return [
        Kpi(
            "contacts_offered",
            "Phone and chat contacts offered",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            base=queued,
            **common,
        ),
        Kpi(
            "average_speed_of_answer",
            "Average speed of answer",
            unit=Unit.SECONDS,
            better=Better.LOWER,
            kind="stat",
            stat="mean",
            value=col("queue_wait_seconds"),
            base=lambda v, c: answered(v, c) & v.queue_wait_seconds.notnull(),
            **common,
        ),
        Kpi(
            "abandonment_rate",
            "Abandonment rate",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="share",
            base=queued,
            hit=lambda v, c: v.abandoned.fill_null(False),
            **common,
        ),
        Kpi(
            "service_level",
            "Service level",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            base=service_base,
            hit=in_time,
            **common,
        ),
    ]
