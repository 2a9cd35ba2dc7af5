"""Customer and resolution KPIs."""

from __future__ import annotations

import ibis

from floorlead.metrics.definitions import ZeroReplyFcr
from floorlead.metrics.kpi_base import Kpi, col
from floorlead.metrics.model import Better, Unit
from floorlead.metrics.views import Context


def customer() -> list[Kpi]:
    def csat(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return (v.survey == "csat") & v.rating.notnull()

    def nps(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return (v.survey == "nps") & v.rating.notnull()

    def net(v: ibis.Table, c: Context) -> ibis.Value:
        return v.count(where=nps(v, c) & (v.rating >= 9)) - v.count(
            where=nps(v, c) & (v.rating <= 6)
        )

    common = {"group": "customer", "view": "surveys"}
    return [
        Kpi(
            "csat",
            "Customer satisfaction (CSAT)",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            base=csat,
            hit=lambda v, c: v.rating >= c.definitions.csat_good_min,
            **common,
        ),
        Kpi(
            "csat_responses",
            "CSAT responses",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            base=csat,
            **common,
        ),
        Kpi(
            "nps",
            "Net promoter score (NPS)",
            unit=Unit.SCORE,
            better=Better.HIGHER,
            kind="ratio",
            base=nps,
            numerator=net,
            denominator=lambda v, c: v.count(where=nps(v, c)),
            scale=100.0,
            **common,
        ),
        Kpi(
            "nps_responses",
            "NPS responses",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            base=nps,
            **common,
        ),
        Kpi(
            "survey_response_rate",
            "Survey response rate",
            group="customer",
            view="solved",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            hit=lambda v, c: v.survey_responses > 0,
        ),
    ]


def resolution() -> list[Kpi]:
    def contact(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        return ~v.abandoned.fill_null(False)

    def first_contact(v: ibis.Table, c: Context) -> ibis.BooleanValue:
        allowed = v.touches == 1
        if c.definitions.fcr_zero_replies is ZeroReplyFcr.INCLUDE:
            allowed = allowed | (v.touches == 0)
        return (v.reopens == 0) & allowed

    solved = {"group": "resolution", "view": "solved"}
    created = {"group": "resolution", "view": "created"}
    return [
        Kpi(
            "tickets_created",
            "Tickets created",
            unit=Unit.COUNT,
            better=Better.NEITHER,
            kind="count",
            **created,
        ),
        Kpi(
            "tickets_solved",
            "Tickets solved",
            unit=Unit.COUNT,
            better=Better.HIGHER,
            kind="count",
            **solved,
        ),
        Kpi(
            "first_contact_resolution",
            "First contact resolution",
            unit=Unit.PERCENT,
            better=Better.HIGHER,
            kind="share",
            base=contact,
            hit=first_contact,
            **solved,
        ),
        Kpi(
            "zero_reply_rate",
            "Solved with no agent reply",
            unit=Unit.PERCENT,
            better=Better.NEITHER,
            kind="share",
            base=contact,
            hit=lambda v, c: (v.touches == 0) & (v.reopens == 0),
            **solved,
        ),
        Kpi(
            "reopen_rate",
            "Reopen rate",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="share",
            hit=lambda v, c: v.reopens > 0,
            **solved,
        ),
        Kpi(
            "escalation_rate",
            "Escalation rate",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="share",
            hit=lambda v, c: v.escalations > 0,
            **created,
        ),
        Kpi(
            "transfer_rate",
            "Transfer rate",
            unit=Unit.PERCENT,
            better=Better.LOWER,
            kind="share",
            hit=lambda v, c: v.transfers > 0,
            **created,
        ),
        Kpi(
            "backlog",
            "Backlog (unresolved tickets)",
            group="resolution",
            view="backlog",
            unit=Unit.COUNT,
            better=Better.LOWER,
            kind="count",
        ),
        Kpi(
            "backlog_age_mean",
            "Backlog age (mean)",
            group="resolution",
            view="backlog",
            unit=Unit.SECONDS,
            better=Better.LOWER,
            kind="stat",
            stat="mean",
            value=col("age_seconds"),
        ),
        Kpi(
            "backlog_age_median",
            "Backlog age (median)",
            group="resolution",
            view="backlog",
            unit=Unit.SECONDS,
            better=Better.LOWER,
            kind="stat",
            stat="median",
            value=col("age_seconds"),
        ),
    ]
