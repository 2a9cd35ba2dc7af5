"""Read side of 1:1s: a session with its notes and actions, the coaching calendar, overdue
action items. Every list keeps only what the reader may see (see :mod:`.access`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Actor
from floorlead.coaching import roster
from floorlead.coaching.access import (
    may_coach,
    may_read_record,
    require_record,
    visible_records,
)
from floorlead.coaching.model import LinkKind, SessionStatus
from floorlead.coaching.one_on_ones import load_session
from floorlead.coaching.schemas import (
    ActionItemPublic,
    CalendarDay,
    CoachingCalendar,
    LinkPublic,
    SessionDetail,
    SessionSummary,
)
from floorlead.coaching.tables import CoachingAction, CoachingSession
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.directory import person_names
from floorlead.org.tables import Person


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleViolation(f"unknown time zone {name!r}", field="zone") from None


def _readable(
    session: Session, actor: Actor, rows: Sequence[CoachingSession]
) -> list[CoachingSession]:
    """The rows whose agent the actor may read about (role ranks checked per person)."""
    people = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_({r.agent_id for r in rows})))
    }
    return [
        r
        for r in rows
        if r.coach_id == actor.person_id
        or may_read_record(
            actor,
            person_id=r.agent_id,
            team_id=people[r.agent_id].team_id,
            role=people[r.agent_id].role,
        )
    ]


def _visible(actor: Actor) -> ColumnElement[bool]:
    return visible_records(
        actor, CoachingSession.agent_id, CoachingSession.team_id, CoachingSession.coach_id
    )


def _action_items(
    session: Session, items: Iterable[CoachingAction], today: date
) -> list[ActionItemPublic]:
    items = list(items)
    names = person_names(session, [i.owner_id for i in items] + [i.session.agent_id for i in items])
    return [
        ActionItemPublic(
            id=i.id,
            session_id=i.session_id,
            agent_id=i.session.agent_id,
            agent_name=names.get(i.session.agent_id, ""),
            description=i.description,
            owner_id=i.owner_id,
            owner_name=names.get(i.owner_id, ""),
            due_on=i.due_on,
            done_at=i.done_at,
            overdue=i.done_at is None and i.due_on < today,
        )
        for i in items
    ]


def _summaries(session: Session, rows: Sequence[CoachingSession]) -> list[SessionSummary]:
    names = person_names(session, [r.agent_id for r in rows] + [r.coach_id for r in rows])
    return [
        SessionSummary(
            id=r.id,
            agent_id=r.agent_id,
            agent_name=names.get(r.agent_id, ""),
            coach_id=r.coach_id,
            coach_name=names.get(r.coach_id, ""),
            team_id=r.team_id,
            scheduled_at=r.scheduled_at,
            duration_minutes=r.duration_minutes,
            status=SessionStatus(r.status),
            open_actions=sum(1 for a in r.actions if a.done_at is None),
        )
        for r in rows
    ]


def session_detail(
    session: Session, *, actor: Actor, session_id: int, today: date
) -> SessionDetail:
    """A 1:1 as the reader may see it: the agent reads the notes only once they are shared."""
    row = load_session(session, session_id)
    agent = roster.person(session, row.agent_id, field="agent_id")
    if row.coach_id != actor.person_id:
        require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    coaches = row.coach_id == actor.person_id or may_coach(
        actor, person_id=agent.id, team_id=agent.team_id, role=agent.role
    )
    [summary] = _summaries(session, [row])
    return SessionDetail(
        **summary.model_dump(),
        agenda=row.agenda,
        notes=row.notes if coaches or row.notes_shared else None,
        notes_shared=row.notes_shared,
        links=[
            LinkPublic(id=link.id, kind=LinkKind(link.kind), ref=link.ref, text=link.text)
            for link in row.links
        ],
        actions=_action_items(session, row.actions, today),
        may_edit=may_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role),
    )


def agent_sessions(session: Session, *, actor: Actor, agent_id: int) -> list[SessionSummary]:
    """One agent's 1:1s, newest first."""
    agent = roster.person(session, agent_id, field="agent_id")
    require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    rows = session.scalars(
        select(CoachingSession)
        .where(CoachingSession.agent_id == agent.id)
        .options(selectinload(CoachingSession.actions))
        .order_by(CoachingSession.scheduled_at.desc())
    ).all()
    return _summaries(session, rows)


def week_bounds(day: date, zone: str) -> tuple[date, datetime, datetime]:
    """The Monday of ``day``'s week and the UTC instants the local week starts and ends."""
    monday = day - timedelta(days=day.weekday())
    tz = _zone(zone)
    start = datetime.combine(monday, time(0), tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)
    return monday, start, end


def coaching_calendar(
    session: Session,
    *,
    actor: Actor,
    week_of: date,
    today: date,
    team_id: int | None = None,
    zone: str = "UTC",
) -> CoachingCalendar:
    """The week's 1:1s by local day, and the overdue action items, for the reader's scope."""
    monday, start, end = week_bounds(week_of, zone)
    query = (
        select(CoachingSession)
        .where(
            _visible(actor),
            CoachingSession.scheduled_at >= start,
            CoachingSession.scheduled_at < end,
        )
        .options(selectinload(CoachingSession.actions))
        .order_by(CoachingSession.scheduled_at, CoachingSession.id)
    )
    if team_id is not None:
        query = query.where(CoachingSession.team_id == team_id)
    rows = _readable(session, actor, session.scalars(query).all())
    tz = _zone(zone)
    days = [CalendarDay(day=monday + timedelta(days=offset), sessions=[]) for offset in range(7)]
    for summary in _summaries(session, rows):
        local = summary.scheduled_at.astimezone(tz).date()
        days[(local - monday).days].sessions.append(summary)
    overdue = overdue_actions(session, actor=actor, today=today, team_id=team_id)
    return CoachingCalendar(week_start=monday, days=days, overdue=overdue)


def overdue_actions(
    session: Session, *, actor: Actor, today: date, team_id: int | None = None
) -> list[ActionItemPublic]:
    """Open action items past their due date (oldest first) that the reader may see."""
    query = (
        select(CoachingAction)
        .join(CoachingSession)
        .where(
            CoachingAction.done_at.is_(None),
            CoachingAction.due_on < today,
            _visible(actor) | (CoachingAction.owner_id == actor.person_id),
        )
        .options(selectinload(CoachingAction.session))
        .order_by(CoachingAction.due_on, CoachingAction.id)
    )
    if team_id is not None:
        query = query.where(CoachingSession.team_id == team_id)
    items = session.scalars(query).all()
    readable = {s.id for s in _readable(session, actor, [i.session for i in items])}
    kept = [i for i in items if i.session_id in readable or i.owner_id == actor.person_id]
    return _action_items(session, kept, today)


def action_item(session: Session, *, action_id: int, today: date) -> ActionItemPublic:
    """One action item (after a change its caller was allowed to make)."""
    item = session.get(CoachingAction, action_id)
    if item is None:
        raise NotFound(f"no action item {action_id}", field="action_id")
    [public] = _action_items(session, [item], today)
    return public


def coachable_people(session: Session, *, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the active people the actor may coach, for pickers."""
    query = select(Person).where(Person.leave_date.is_(None)).order_by(Person.name, Person.id)
    if actor.person_ids is not None:
        query = query.where(Person.id.in_(sorted(actor.person_ids)))
    return [
        (p.id, p.name)
        for p in session.scalars(query)
        if may_coach(actor, person_id=p.id, team_id=p.team_id, role=p.role)
    ]
