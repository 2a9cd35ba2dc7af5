"""Team meetings and briefings: plan one, then record the notes, decisions and attendance; or
do both at once for a meeting already held."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_team_coach, require_team_member_view
from floorlead.coaching.audit import audit
from floorlead.coaching.model import MeetingKind
from floorlead.coaching.tables import MeetingAttendance, TeamMeeting
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Person

MAX_DECISIONS = 50


def _new_meeting(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    title: str,
    held_at: datetime,
    kind: str,
    agenda: str,
    now: datetime,
) -> TeamMeeting:
    roster.team(session, team_id)
    require_team_coach(actor, team_id)
    meeting = TeamMeeting(
        team_id=team_id,
        kind=fields.choice(MeetingKind, kind, field="kind").value,
        title=fields.text(title, field="title", max_length=200, required=True),
        held_at=fields.instant(held_at, field="held_at"),
        agenda=fields.text(agenda, field="agenda", max_length=10000),
        notes="",
        decisions=[],
        created_by_id=actor.person_id,
        created_at=now,
    )
    session.add(meeting)
    session.flush()
    audit(session, actor=actor, action="create", row=meeting, before=None, now=now)
    return meeting


def plan_meeting(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    title: str,
    held_at: datetime,
    kind: str = MeetingKind.MEETING.value,
    agenda: str = "",
    now: datetime,
) -> TeamMeeting:
    meeting = _new_meeting(
        session,
        actor=actor,
        team_id=team_id,
        title=title,
        held_at=held_at,
        kind=kind,
        agenda=agenda,
        now=now,
    )
    session.commit()
    return meeting


def hold_meeting(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    title: str,
    held_at: datetime,
    kind: str = MeetingKind.MEETING.value,
    agenda: str = "",
    notes: str = "",
    decisions: Sequence[str] = (),
    attendance: Mapping[int, bool] | None = None,
    now: datetime,
) -> TeamMeeting:
    """Plan and record a meeting in one go: all of it is saved, or none of it."""
    meeting = _new_meeting(
        session,
        actor=actor,
        team_id=team_id,
        title=title,
        held_at=held_at,
        kind=kind,
        agenda=agenda,
        now=now,
    )
    _write_record(session, actor, meeting, notes, decisions, attendance or {}, now)
    session.commit()
    return meeting


def load_meeting(session: Session, *, actor: Actor, meeting_id: int) -> TeamMeeting:
    """A meeting the actor may read: its team's members and those who cover the team."""
    meeting = session.get(TeamMeeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}", field="meeting_id")
    require_team_member_view(actor, meeting.team_id)
    return meeting


def _check_people(session: Session, person_ids: Sequence[int]) -> None:
    found = set(session.scalars(select(Person.id).where(Person.id.in_(person_ids))))
    for pid in person_ids:
        if pid not in found:
            raise NotFound(f"no person {pid}", field="attendance")


def record_meeting(
    session: Session,
    *,
    actor: Actor,
    meeting_id: int,
    notes: str,
    decisions: Sequence[str],
    attendance: Mapping[int, bool],
    now: datetime,
) -> TeamMeeting:
    """Write down what was said and decided, and who was there (present or absent)."""
    meeting = load_meeting(session, actor=actor, meeting_id=meeting_id)
    require_team_coach(actor, meeting.team_id)
    _write_record(session, actor, meeting, notes, decisions, attendance, now)
    session.commit()
    return meeting


def _write_record(
    session: Session,
    actor: Actor,
    meeting: TeamMeeting,
    notes: str,
    decisions: Sequence[str],
    attendance: Mapping[int, bool],
    now: datetime,
) -> None:
    if len(decisions) > MAX_DECISIONS:
        raise RuleViolation(f"at most {MAX_DECISIONS} decisions", field="decisions")
    _check_people(session, list(attendance))
    before = snapshot(meeting)
    meeting.notes = fields.text(notes, field="notes", max_length=20000)
    meeting.decisions = [
        fields.text(d, field="decisions", max_length=1000, required=True) for d in decisions
    ]
    meeting.attendance = [
        MeetingAttendance(person_id=pid, present=present)
        for pid, present in sorted(attendance.items())
    ]
    audit(session, actor=actor, action="update", row=meeting, before=before, now=now)
