"""The fact views KPIs are written over: one row per thing counted, with standard columns.

Every view has ``at`` (the instant that places a row in a period), the slice columns
``agent_id``, ``team_id``, ``channel``, ``priority``, ``category``, ``customer_tier`` and
``ticket_id`` (null where they do not apply), plus its own measures. Which agent a row is
credited to differs per view and is documented in docs/metrics.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import ibis
import pyarrow as pa
from ibis.backends import BaseBackend

from floorlead.metrics.definitions import Definitions, FirstReplyStart, ProductiveTime
from floorlead.metrics.model import TICKET_DIMENSIONS, Dimension

Tables = Callable[[str], ibis.Table]
Reader = tuple[BaseBackend, Tables]  # a connection to run a query on, and its tables
SLICE_COLUMNS = ("agent_id", "team_id", "channel", "priority", "category", "customer_tier")
HANDLING = ("talk", "hold", "wrap", "work")
STAFF_ROLES = ("agent", "senior_agent")


@dataclass(frozen=True)
class Context:
    """What a view or a measure may depend on besides the facts."""

    definitions: Definitions
    as_of: datetime  # naive UTC: "now" for clocks still running
    # The instants of the period asked for (naive UTC), so that a view may read less; the
    # engine places rows in the period all the same.
    window: tuple[datetime, datetime] | None = None


@dataclass(frozen=True)
class Snapshot:
    """The instants a point-in-time view is read at: one per time bucket."""

    rows: pa.Table  # bucket (date), start_date, end_date, days, at (timestamp), at_epoch


def _standard(
    table: ibis.Table, *, at: ibis.Value, agent: ibis.Value, **extra: ibis.Value
) -> ibis.Table:
    return table.mutate(at=at, agent_id=agent, **extra)


def created(tables: Tables, ctx: Context) -> ibis.Table:
    facts = tables("ticket_facts")
    return _standard(facts, at=facts.created_at, agent=facts.assignee_id)


def first_reply(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("ticket_facts")
    prefix = (
        "first_reply"
        if ctx.definitions.first_reply_start is FirstReplyStart.CREATED
        else "inbound_reply"
    )
    view = _standard(
        f,
        at=f[f"{prefix}_at"],
        agent=f[f"{prefix}_agent_id"],
        seconds=f[f"{prefix}_seconds"],
        business_seconds=f[f"{prefix}_business_seconds"],
    )
    return view.filter(view.at.notnull())


def solved(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("ticket_facts")
    view = _standard(f, at=f.first_solved_at, agent=f.assignee_id)
    return view.filter(view.at.notnull())


def resolved(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("ticket_facts")
    view = _standard(f, at=f.solved_at, agent=f.assignee_id)
    return view.filter(view.at.notnull())


def replies(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("reply_facts")
    return f.mutate(at=f.replied_at)


def surveys(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("survey_facts")
    return f.filter(f.latest).mutate(at=f.responded_at)


def handling(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("activity_facts")
    return f.filter(f.activity.isin(HANDLING)).mutate(at=f.ended_at)


def sla(tables: Tables, ctx: Context) -> ibis.Table:
    f = tables("sla_facts")
    return f.mutate(at=f.completed_at.fill_null(f.started_at))


def agent_days(tables: Tables, ctx: Context) -> ibis.Table:
    """Per agent and UTC day: productive and busy time, contacts and cost.

    With ``productive_time = agent_states`` a day with signed-in states is measured from
    them (``measured``); any other day by its working span (first to last recorded work).
    """
    acts = _within(tables("activity_facts"), "started_at", ctx)
    work = acts.group_by(agent_id=acts.agent_id, at=acts.started_at.truncate("D")).aggregate(
        first_epoch=acts.started_epoch.min(),
        last_epoch=acts.ended_epoch.max(),
        handle_seconds=acts.seconds.sum(),
        contacts=acts.ticket_id.nunique(),
    )
    work = work.mutate(span_seconds=work.last_epoch - work.first_epoch)
    if ctx.definitions.productive_time is ProductiveTime.AGENT_STATES:
        days = _with_states(work, signed_in_days(tables, ctx))
    else:
        days = work.mutate(measured=ibis.literal(False), productive_seconds=work.span_seconds)
        days = days.mutate(busy_seconds=days.handle_seconds)
    people = tables("src_people").select(pid="id", team_id="team_id", hourly_cost="hourly_cost")
    joined = days.left_join(people, days.agent_id == people.pid)
    return joined.mutate(
        contacts=joined.contacts.fill_null(0),
        cost=joined.productive_seconds / 3600.0 * joined.hourly_cost.fill_null(0.0),
        **_no_ticket_columns(),
    ).drop("pid")


def signed_in_days(tables: Tables, ctx: Context) -> ibis.Table:
    """Per agent and UTC day: seconds available, on contact and in after-contact work, up to
    ``as_of`` (a current state ends there)."""
    pieces = _within(tables("state_facts"), "started_at", ctx)
    now = ibis.literal(_epoch(ctx.as_of))
    pieces = pieces.filter(pieces.start_epoch < now)
    end = ibis.least(pieces.end_epoch.fill_null(now), pieces.day_end_epoch, now)
    seconds = ibis.greatest(end - pieces.start_epoch, 0.0)

    def of(state: str) -> ibis.Value:
        return seconds.sum(where=pieces.state == state).fill_null(0.0)

    return pieces.group_by(s_agent=pieces.agent_id, s_at=pieces.started_at.truncate("D")).aggregate(
        available=of("available"), on_contact=of("on_contact"), wrap=of("after_contact_work")
    )


def _with_states(work: ibis.Table, states: ibis.Table) -> ibis.Table:
    days = work.outer_join(states, [work.agent_id == states.s_agent, work.at == states.s_at])
    measured = days.s_agent.notnull()
    busy = days.on_contact + days.wrap
    return days.mutate(
        agent_id=ibis.coalesce(days.agent_id, days.s_agent),
        at=ibis.coalesce(days.at, days.s_at),
        measured=measured,
        productive_seconds=ibis.ifelse(measured, days.available + busy, days.span_seconds),
        busy_seconds=ibis.ifelse(measured, busy, days.handle_seconds),
    ).drop("s_agent", "s_at", "available", "on_contact", "wrap")


def shifts(tables: Tables, ctx: Context) -> ibis.Table:
    """Published shifts started by ``as_of``: paid time so far, attended, late, absent."""
    facts = _within(tables("shift_facts"), "start_at", ctx)
    spans = tables("shift_paid_spans")
    now = ibis.literal(_epoch(ctx.as_of))
    elapsed = ibis.greatest(ibis.least(spans.end_epoch, now) - spans.start_epoch, 0.0)
    paid = spans.group_by(paid_shift="shift_id").aggregate(scheduled_seconds=elapsed.sum())
    started = facts.filter(facts.start_epoch < now)
    joined = started.left_join(paid, started.shift_id == paid.paid_shift).drop("paid_shift")
    people = tables("src_people").select(pid="id", team_id="team_id")
    joined = joined.left_join(people, joined.agent_id == people.pid).drop("pid")
    attended = joined.first_sign_in_epoch.notnull() & (
        joined.first_sign_in_epoch < ibis.least(joined.end_epoch, now)
    )
    scheduled = joined.scheduled_seconds.fill_null(0.0)
    return joined.mutate(
        at=joined.start_at,
        scheduled_seconds=scheduled,
        attended=attended,
        late=attended & (joined.late_seconds > 0),
        absent_seconds=ibis.ifelse(attended, 0.0, scheduled),
        **_no_ticket_columns(),
    )


def _within(table: ibis.Table, column: str, ctx: Context) -> ibis.Table:
    """The rows whose ``column`` lies in the period (all of them when no period is set)."""
    if ctx.window is None:
        return table
    start, end = (ibis.literal(moment) for moment in ctx.window)
    return table.filter((table[column] >= start) & (table[column] < end))


def _no_ticket_columns() -> dict[str, ibis.Value]:
    return {
        "ticket_id": ibis.null("int64"),
        **{c: ibis.null("string") for c in ("channel", "priority", "category", "customer_tier")},
    }


def _epoch(moment: datetime) -> float:
    """Seconds since 1970 of a naive UTC instant (what the stored ``*_epoch`` columns hold)."""
    return moment.replace(tzinfo=UTC).timestamp()


def backlog(tables: Tables, ctx: Context, snapshot: Snapshot) -> ibis.Table:
    """Tickets unresolved at each instant of the snapshot, with their age then."""
    spans = tables("backlog_spans")
    first, last = _instant_range(snapshot)
    spans = spans.filter(
        (spans.start_at <= last) & (spans.end_at.isnull() | (spans.end_at > first))
    )
    moments = ibis.memtable(snapshot.rows)
    joined = spans.join(
        moments,
        [
            spans.start_at <= moments.at,
            spans.end_at.isnull() | (spans.end_at > moments.at),
            spans.created_at <= moments.at,
        ],
    )
    return joined.mutate(age_seconds=joined.at_epoch - joined.created_epoch)


def _instant_range(snapshot: Snapshot) -> tuple[ibis.Value, ibis.Value]:
    """The earliest and latest instants a snapshot is read at (spans outside cannot count)."""
    moments = snapshot.rows["at"].to_pylist() or [datetime(1970, 1, 1, tzinfo=UTC)]
    first, last = min(moments), max(moments)
    return ibis.literal(first.replace(tzinfo=None)), ibis.literal(last.replace(tzinfo=None))


def people(tables: Tables, ctx: Context, snapshot: Snapshot) -> ibis.Table:
    """Front-line staff per bucket: there at its start and end, leaving in it, tenure."""
    staff = tables("src_people")
    staff = staff.filter(staff.role.isin(STAFF_ROLES))
    moments = ibis.memtable(snapshot.rows)
    joined = staff.cross_join(moments)

    def active_on(day: ibis.Value) -> ibis.BooleanValue:
        return (joined.hire_date <= day) & (joined.leave_date.isnull() | (joined.leave_date > day))

    return joined.mutate(
        agent_id=joined.id,
        ticket_id=ibis.null("int64"),
        channel=ibis.null("string"),
        priority=ibis.null("string"),
        category=ibis.null("string"),
        customer_tier=ibis.null("string"),
        active_start=ibis.ifelse(active_on(joined.start_date), 1, 0),
        active_end=ibis.ifelse(active_on(joined.end_date), 1, 0),
        leavers=ibis.ifelse(joined.leave_date.between(joined.start_date, joined.end_date), 1, 0),
        tenure_years=joined.end_date.delta(joined.hire_date, unit="day") / 365.25,
    )


FLOW_VIEWS: dict[str, Callable[[Tables, Context], ibis.Table]] = {
    "created": created,
    "first_reply": first_reply,
    "solved": solved,
    "resolved": resolved,
    "replies": replies,
    "surveys": surveys,
    "handling": handling,
    "sla": sla,
    "agent_days": agent_days,
    "shifts": shifts,
}
SNAPSHOT_VIEWS: dict[str, Callable[[Tables, Context, Snapshot], ibis.Table]] = {
    "backlog": backlog,
    "people": people,
}
# Views that cannot be split or filtered by ticket attributes (their KPIs come out empty).
STAFF_VIEWS = frozenset({"agent_days", "people", "shifts"})


def supports(view: str, dimensions: frozenset[Dimension]) -> bool:
    return view not in STAFF_VIEWS or not (dimensions & TICKET_DIMENSIONS)


def bucket_column(view: ibis.Table, dimension: Dimension) -> ibis.Value:
    unit = {Dimension.DAY: "D", Dimension.WEEK: "W", Dimension.MONTH: "M"}[dimension]
    return view.at.truncate(unit).cast("date")
