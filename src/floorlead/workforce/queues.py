"""Contact history per queue (a team and a channel), derived from the ticket events.

- **Volume** of an interval: inbound contacts of the channel that arrived in it, that is
  ``created`` events with ``via=customer``, counted for the team the ticket arrived in (the
  team before its first transfer, else its team).
- **AHT** of an interval: the total ``handle_segment`` time (talk, hold, wrap or work, whenever
  it happened) of the contacts that arrived in it and were handled, divided by how many were
  handled. Abandoned calls and untouched tickets count in the volume, not in the AHT.

Intervals follow the team's local clock (a 30-minute interval starts at :00 or :30 local time);
timestamps are UTC. The history is a complete grid: an interval without contacts has volume 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Integer, Select, cast, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from floorlead.auth.permissions import Action, Actor, require
from floorlead.clock import ensure_utc
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Team
from floorlead.tickets.model import Channel
from floorlead.tickets.tables import Ticket, TicketEvent
from floorlead.workforce.forecast import (
    SUPPORTED_INTERVALS,
    InsufficientHistory,
    IntervalSeries,
    series_from_records,
)
from floorlead.workforce.forecast.slots import local_wall_time, validate_timezone

CHANNEL_ORDER = tuple(channel.value for channel in Channel)


@dataclass(frozen=True)
class QueueRef:
    """One queue: a team's contacts on one channel, on the team's local clock."""

    team_id: int
    team_name: str
    channel: str
    timezone: str

    @property
    def name(self) -> str:
        return f"{self.team_name}/{self.channel}"


@dataclass(frozen=True, eq=False)
class QueueHistory:
    """Per interval (index ``interval_start``, UTC): ``volume``, ``handled``,
    ``handle_seconds`` and ``aht_seconds`` (NaN where nothing was handled)."""

    queue: QueueRef
    interval_minutes: int
    frame: pd.DataFrame

    def as_series(self) -> IntervalSeries:
        """The history for forecasting, from the local midnight before the first contact."""
        contacts = self.frame.index[self.frame["volume"] > 0]
        if contacts.empty:
            raise InsufficientHistory(f"{self.queue.name} has no contacts yet", field="history")
        first = local_floor(contacts[0].to_pydatetime(), 24 * 60, self.queue.timezone)
        rows = self.frame[self.frame.index >= first]
        records = [
            (stamp.to_pydatetime(), float(volume), None if np.isnan(aht) else float(aht))
            for stamp, volume, aht in zip(
                rows.index, rows["volume"], rows["aht_seconds"], strict=True
            )
        ]
        return series_from_records(
            records, interval_minutes=self.interval_minutes, timezone=self.queue.timezone
        )


def local_floor(moment: datetime, interval_minutes: int, timezone: str) -> datetime:
    """The start (UTC) of the local-clock interval that holds ``moment``.

    ``interval_minutes`` may be 15, 30, 60 or a whole day (1440: the local midnight)."""
    stamp = pd.DatetimeIndex([ensure_utc(moment, field="moment")]).floor("min")
    wall = local_wall_time(stamp, validate_timezone(timezone).key)
    if interval_minutes == 24 * 60:
        midnight = wall.normalize()[0].tz_localize(timezone, ambiguous=True)
        return midnight.tz_convert("UTC").to_pydatetime()
    minute_of_day = int(wall.hour[0] * 60 + wall.minute[0])
    return (stamp[0] - pd.Timedelta(minutes=minute_of_day % interval_minutes)).to_pydatetime()


def queue_for(session: Session, *, actor: Actor, team_id: int, channel: str) -> QueueRef:
    """The queue of ``channel`` in the team; the actor must manage the team's schedules."""
    team = _team(session, actor, team_id)
    if channel not in CHANNEL_ORDER:
        known = ", ".join(CHANNEL_ORDER)
        raise RuleViolation(f"channel must be one of {known}, got {channel!r}", field="channel")
    return QueueRef(team.id, team.name, channel, team.time_zone)


def team_zone(session: Session, *, actor: Actor, team_id: int) -> str:
    """The team's time zone (its queues' clock)."""
    return _team(session, actor, team_id).time_zone


def team_queues(
    session: Session, *, actor: Actor, team_id: int, since: datetime, until: datetime | None = None
) -> list[QueueRef]:
    """The team's queues: every channel with inbound contacts in ``[since, until)``."""
    team = _team(session, actor, team_id)
    until = None if until is None else ensure_utc(until, field="until")
    arrivals = _arrivals(team.id, ensure_utc(since, field="since"), until)
    found = set(session.scalars(arrivals.with_only_columns(Ticket.channel).distinct()))
    ordered = [channel for channel in CHANNEL_ORDER if channel in found]
    return [QueueRef(team.id, team.name, channel, team.time_zone) for channel in ordered]


def queue_history(
    session: Session, queue: QueueRef, *, start: datetime, end: datetime, interval_minutes: int
) -> QueueHistory:
    """Volume and AHT of every interval of ``[start, end)`` (start taken to its interval)."""
    if interval_minutes not in SUPPORTED_INTERVALS:
        raise RuleViolation(
            f"interval_minutes must be 15, 30 or 60, got {interval_minutes}",
            field="interval_minutes",
        )
    first = local_floor(start, interval_minutes, queue.timezone)
    end = ensure_utc(end, field="end")
    if end <= first:
        raise RuleViolation("the history must end after it starts", field="end")
    contacts = _contacts(session, queue, first, end)
    grid = pd.date_range(first, end, freq=f"{interval_minutes}min", inclusive="left", tz="UTC")
    frame = _per_interval(contacts, interval_minutes, queue.timezone).reindex(grid, fill_value=0)
    frame.index.name = "interval_start"
    with np.errstate(invalid="ignore", divide="ignore"):
        aht = frame["handle_seconds"] / frame["handled"]
    frame["aht_seconds"] = aht.where(frame["handled"] > 0)
    return QueueHistory(queue, interval_minutes, frame.astype(float))


def _team(session: Session, actor: Actor, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team {team_id}", field="team_id")
    require(actor, Action.MANAGE_SCHEDULES, team_id=team.id)
    return team


def _arrival_team() -> ColumnElement[int | None]:
    """The team a ticket arrived in: before its first transfer, else its current team."""
    transfer = aliased(TicketEvent)
    first_transfer_from = (
        select(func.nullif(transfer.from_value, ""))
        .where(transfer.ticket_id == Ticket.id, transfer.kind == "transfer")
        .order_by(transfer.occurred_at, transfer.id)
        .limit(1)
        .correlate(Ticket)
        .scalar_subquery()
    )
    return func.coalesce(cast(first_transfer_from, Integer), Ticket.team_id)


def _arrivals(team_id: int, start: datetime, end: datetime | None = None) -> Select[tuple[int]]:
    created = (
        select(TicketEvent.ticket_id)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(
            TicketEvent.kind == "created",
            TicketEvent.via == "customer",
            TicketEvent.occurred_at >= start,
            _arrival_team() == team_id,
        )
    )
    return created if end is None else created.where(TicketEvent.occurred_at < end)


def _contacts(session: Session, queue: QueueRef, start: datetime, end: datetime) -> pd.DataFrame:
    """One row per contact: ``arrived`` (UTC) and ``handle_seconds`` (NaN if never handled)."""
    arrivals = _arrivals(queue.team_id, start, end).where(Ticket.channel == queue.channel)
    rows = session.execute(arrivals.add_columns(TicketEvent.occurred_at)).all()
    contacts = pd.DataFrame(rows, columns=["ticket_id", "arrived"])
    segment = aliased(TicketEvent)
    seconds = _seconds_between(segment.segment_start, segment.segment_end, _dialect(session))
    handled = session.execute(
        select(segment.ticket_id, func.sum(seconds))
        .where(segment.kind == "handle_segment", segment.ticket_id.in_(arrivals))
        .group_by(segment.ticket_id)
    ).all()
    per_ticket = {ticket_id: max(float(total or 0.0), 0.0) for ticket_id, total in handled}
    contacts["handle_seconds"] = contacts["ticket_id"].map(per_ticket).astype(float)
    return contacts


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _seconds_between(
    start: ColumnElement[datetime], end: ColumnElement[datetime], dialect: str
) -> ColumnElement[float]:
    """``end - start`` in seconds, computed by the database (no rows of datetimes to convert)."""
    if dialect == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


def _per_interval(contacts: pd.DataFrame, interval_minutes: int, timezone: str) -> pd.DataFrame:
    columns = ["volume", "handled", "handle_seconds"]
    if contacts.empty:
        return pd.DataFrame(columns=columns, dtype=float)
    stamps = pd.DatetimeIndex(pd.to_datetime(contacts["arrived"], utc=True)).floor("min")
    wall = local_wall_time(stamps, timezone)
    minute_of_day = np.asarray(wall.hour * 60 + wall.minute)
    buckets = stamps - pd.to_timedelta(minute_of_day % interval_minutes, unit="min")
    handled = contacts["handle_seconds"].notna().to_numpy()
    parts = pd.DataFrame(
        {
            "volume": 1.0,
            "handled": handled.astype(float),
            "handle_seconds": contacts["handle_seconds"].fillna(0.0).to_numpy(),
        },
        index=buckets,
    )
    return parts.groupby(level=0).sum()[columns]
