"""Drill-down: the tickets behind one number, a page at a time.

The KPI engine names the tickets (the rows a KPI counted, or only those that hit its
condition); their facts come from the analytics store and their subjects from the ticket
list the viewer may see.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.errors import RuleViolation
from floorlead.metrics import Kpi, KpiEngine, Period, kpi_named
from floorlead.tickets import visible_to
from floorlead.tickets.tables import Ticket
from floorlead.web.dashboard.exports import plain
from floorlead.web.dashboard.state import BUCKETS, parse_day

PER_PAGE = 50
CHUNK = 5_000
FACT_COLUMNS = (
    "ticket_id",
    "created_at",
    "channel",
    "priority",
    "category",
    "customer_tier",
    "status",
    "team_id",
    "assignee_id",
    "first_reply_seconds",
    "resolution_seconds",
    "handle_seconds",
    "reopens",
)


@dataclass(frozen=True)
class DrillPage:
    kpi: Kpi
    numerator: bool
    ticket_ids: list[int]
    rows: list[dict]
    page: int
    per_page: int

    @property
    def total(self) -> int:
        return len(self.ticket_ids)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def bucket_slice(params: Mapping[str, str]) -> dict[str, date]:
    """A day, week or month a drill-down is narrowed to (a point of a trend chart)."""
    chosen = {name: parse_day(params[name], name) for name in BUCKETS if params.get(name)}
    if len(chosen) > 1:
        raise RuleViolation("narrow to one of day, week and month", field="by")
    return chosen


def drill_ids(
    engine: KpiEngine,
    *,
    kpi: str,
    period: Period,
    filters: Mapping[str, list],
    slice_values: Mapping[str, object],
    numerator: bool,
    as_of: datetime,
) -> list[int]:
    return engine.drill_down(
        kpi_named(kpi).name,
        period=period,
        slice_values=dict(slice_values),
        filters=filters,
        numerator=numerator,
        as_of=as_of,
    )


def drill_page(
    engine: KpiEngine,
    session: Session,
    actor: Actor,
    *,
    kpi: str,
    ids: Sequence[int],
    numerator: bool,
    page: int,
    per_page: int = PER_PAGE,
) -> DrillPage:
    """One page of the tickets, newest id first, with their facts and subjects."""
    ordered = sorted(ids, reverse=True)
    shown = ordered[(page - 1) * per_page : page * per_page]
    frame = ticket_facts(engine, session, actor, shown)
    rows = [{**row, "created_at": utc_instant(row["created_at"])} for row in json_records(frame)]
    return DrillPage(kpi_named(kpi), numerator, ordered, rows, page, per_page)


def ticket_facts(
    engine: KpiEngine, session: Session, actor: Actor, ids: Sequence[int]
) -> pd.DataFrame:
    """Facts of the tickets ``ids`` (in that order), with the subject where the actor sees it."""
    facts = engine.warehouse.table("ticket_facts")
    parts = [
        engine.warehouse.backend.to_pandas(
            facts.filter(facts.ticket_id.isin(list(chunk))).select(*FACT_COLUMNS)
        )
        for chunk in _chunks(ids)
    ]
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=list(FACT_COLUMNS))
    frame = frame.set_index("ticket_id").reindex(list(ids)).reset_index()
    for column in ("ticket_id", "team_id", "assignee_id", "reopens"):
        frame[column] = frame[column].astype("Int64")
    subjects = ticket_subjects(session, actor, ids)
    frame.insert(1, "subject", [subjects.get(int(i)) for i in frame.ticket_id])
    return frame


def ticket_subjects(session: Session, actor: Actor, ids: Iterable[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        query = select(Ticket.id, Ticket.subject).where(Ticket.id.in_(chunk), visible_to(actor))
        found.update(dict(session.execute(query).all()))
    return found


def json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def utc_instant(value: Any) -> datetime | None:
    """A stored instant (naive UTC, or aware) as an aware UTC datetime."""
    if value is None:
        return None
    moment = pd.Timestamp(value).to_pydatetime()
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + CHUNK]) for i in range(0, len(ids), CHUNK)]
