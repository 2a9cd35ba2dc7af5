"""1:1 coaching sessions: plan, record notes, link the reasons, agree and close action items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import may_coach, require_coach
from floorlead.coaching.audit import audit
from floorlead.coaching.catalogue import kpi_info
from floorlead.coaching.model import LinkKind, SessionStatus
from floorlead.coaching.tables import CoachingAction, CoachingLink, CoachingSession
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.org.tables import Person

NUMERIC_REFS = {LinkKind.QA_REVIEW, LinkKind.TICKET}


@dataclass(frozen=True)
class Reason:
    """A link to what prompted the 1:1 (see :class:`LinkKind`)."""

    kind: str
    ref: str
    text: str = ""


def _checked_link(reason: Reason, *, field: str = "links") -> CoachingLink:
    kind = fields.choice(LinkKind, reason.kind, field=f"{field}.kind")
    ref = fields.text(reason.ref, field=f"{field}.ref", max_length=80, required=True)
    if kind in NUMERIC_REFS and not (ref.isascii() and ref.isdigit()):
        raise RuleViolation(f"a {kind.value} link needs the record's id", field=f"{field}.ref")
    if kind is LinkKind.KPI:
        kpi_info(ref, field=f"{field}.ref")
    text = fields.text(reason.text, field=f"{field}.text", max_length=300)
    return CoachingLink(kind=kind.value, ref=ref, text=text)


def load_session(session: Session, session_id: int) -> CoachingSession:
    found = session.get(CoachingSession, session_id)
    if found is None:
        raise NotFound(f"no coaching session {session_id}", field="session_id")
    return found


def _coachable(session: Session, actor: Actor, agent_id: int) -> Person:
    agent = roster.person(session, agent_id, field="agent_id")
    require_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    return agent


def plan_session(
    session: Session,
    *,
    actor: Actor,
    agent_id: int,
    scheduled_at: datetime,
    duration_minutes: int = 30,
    agenda: str = "",
    reasons: Sequence[Reason] = (),
    now: datetime,
) -> CoachingSession:
    """Plan a 1:1 with an agent the actor coaches, with the reasons that prompted it."""
    agent = _coachable(session, actor, agent_id)
    if agent.leave_date is not None:
        raise RuleViolation(f"{agent.name} has left", field="agent_id")
    fields.number_between(duration_minutes, field="duration_minutes", low=5, high=480)
    row = CoachingSession(
        agent_id=agent.id,
        coach_id=actor.person_id,
        team_id=agent.team_id,
        scheduled_at=fields.instant(scheduled_at, field="scheduled_at"),
        duration_minutes=duration_minutes,
        status=SessionStatus.PLANNED.value,
        agenda=fields.text(agenda, field="agenda", max_length=10000),
        notes="",
        notes_shared=False,
        created_at=now,
        updated_at=now,
    )
    row.links = [_checked_link(reason) for reason in reasons]
    session.add(row)
    session.flush()
    audit(session, actor=actor, action="create", row=row, before=None, now=now)
    session.commit()
    return row


def update_session(
    session: Session,
    *,
    actor: Actor,
    session_id: int,
    scheduled_at: datetime | None = None,
    duration_minutes: int | None = None,
    agenda: str | None = None,
    notes: str | None = None,
    notes_shared: bool | None = None,
    status: str | None = None,
    now: datetime,
) -> CoachingSession:
    """Change the plan, record the notes (and whether the agent sees them), hold or cancel."""
    row = load_session(session, session_id)
    _coachable(session, actor, row.agent_id)
    before = snapshot(row)
    if status is not None:
        _move(row, fields.choice(SessionStatus, status, field="status"))
    if scheduled_at is not None:
        row.scheduled_at = fields.instant(scheduled_at, field="scheduled_at")
    if duration_minutes is not None:
        fields.number_between(duration_minutes, field="duration_minutes", low=5, high=480)
        row.duration_minutes = duration_minutes
    if agenda is not None:
        row.agenda = fields.text(agenda, field="agenda", max_length=10000)
    if notes is not None:
        row.notes = fields.text(notes, field="notes", max_length=20000)
    if notes_shared is not None:
        row.notes_shared = notes_shared
    row.updated_at = now
    audit(session, actor=actor, action="update", row=row, before=before, now=now)
    session.commit()
    return row


def _move(row: CoachingSession, status: SessionStatus) -> None:
    current = SessionStatus(row.status)
    if current is status:
        return
    if current is not SessionStatus.PLANNED:
        raise Conflict(f"the 1:1 is already {current.value}", field="status")
    row.status = status.value


def link_reason(
    session: Session, *, actor: Actor, session_id: int, reason: Reason, now: datetime
) -> CoachingLink:
    row = load_session(session, session_id)
    _coachable(session, actor, row.agent_id)
    link = _checked_link(reason, field="link")
    row.links.append(link)
    session.flush()
    audit(session, actor=actor, action="create", row=link, before=None, now=now)
    session.commit()
    return link


def add_action_item(
    session: Session,
    *,
    actor: Actor,
    session_id: int,
    description: str,
    owner_id: int,
    due_on: date,
    now: datetime,
) -> CoachingAction:
    """Agree an action: the owner is the agent, the coach, or someone the actor leads."""
    row = load_session(session, session_id)
    _coachable(session, actor, row.agent_id)
    owner = roster.active_person(session, owner_id, field="owner_id")
    if owner.id not in {row.agent_id, row.coach_id} and not actor.covers_person(owner.id):
        raise RuleViolation(
            "the owner must be the agent, the coach or a teammate", field="owner_id"
        )
    item = CoachingAction(
        description=fields.text(description, field="description", max_length=2000, required=True),
        owner_id=owner.id,
        due_on=due_on,
        done_at=None,
        created_at=now,
    )
    row.actions.append(item)
    session.flush()
    audit(session, actor=actor, action="create", row=item, before=None, now=now)
    session.commit()
    return item


def complete_action_item(
    session: Session, *, actor: Actor, action_id: int, done: bool = True, now: datetime
) -> CoachingAction:
    """Mark an action item done (or open again): its owner, or a coach of the agent."""
    item = session.get(CoachingAction, action_id)
    if item is None:
        raise NotFound(f"no action item {action_id}", field="action_id")
    agent = roster.person(session, item.session.agent_id)
    is_coach = may_coach(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    if item.owner_id != actor.person_id and not is_coach:
        raise PermissionDenied("only the owner or a coach closes an action item")
    before = snapshot(item)
    item.done_at = now if done else None
    audit(session, actor=actor, action="update", row=item, before=before, now=now)
    session.commit()
    return item
