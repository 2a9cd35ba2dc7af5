"""Conflict notes: what happened between whom and how it ended. Supervisors and above only
(``VIEW_CONFLICT_NOTES``); the rule is enforced here, for every reader and writer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_conflict_access
from floorlead.coaching.audit import audit
from floorlead.coaching.model import ConflictStatus
from floorlead.coaching.tables import ConflictNote
from floorlead.errors import Conflict, NotFound, RuleViolation


def record_conflict(
    session: Session,
    *,
    actor: Actor,
    party_ids: Sequence[int],
    occurred_on: date,
    summary: str,
    outcome: str = "",
    team_id: int | None = None,
    now: datetime,
) -> ConflictNote:
    """Note a conflict between people the actor covers (the team defaults to the first's)."""
    if not party_ids:
        raise RuleViolation("name at least one person involved", field="party_ids")
    parties = [roster.person(session, pid, field="party_ids") for pid in dict.fromkeys(party_ids)]
    team_id = team_id if team_id is not None else parties[0].team_id
    if team_id is not None:
        roster.team(session, team_id)
    require_conflict_access(actor, team_id)
    for party in parties:
        if not (actor.covers_team(party.team_id) or actor.covers_person(party.id)):
            raise RuleViolation(f"{party.name} is outside your teams", field="party_ids")
    if occurred_on > now.date():
        raise RuleViolation("the conflict cannot have happened in the future", field="occurred_on")
    note = ConflictNote(
        team_id=team_id,
        party_ids=[p.id for p in parties],
        occurred_on=occurred_on,
        summary=fields.text(summary, field="summary", max_length=10000, required=True),
        outcome=fields.text(outcome, field="outcome", max_length=10000),
        status=ConflictStatus.RESOLVED.value if outcome.strip() else ConflictStatus.OPEN.value,
        recorded_by_id=actor.person_id,
        created_at=now,
        updated_at=now,
    )
    session.add(note)
    session.flush()
    audit(session, actor=actor, action="create", row=note, before=None, now=now)
    session.commit()
    return note


def load_conflict(session: Session, *, actor: Actor, note_id: int) -> ConflictNote:
    note = session.get(ConflictNote, note_id)
    if note is None:
        raise NotFound(f"no conflict note {note_id}", field="note_id")
    require_conflict_access(actor, note.team_id)
    return note


def resolve_conflict(
    session: Session, *, actor: Actor, note_id: int, outcome: str, now: datetime
) -> ConflictNote:
    note = load_conflict(session, actor=actor, note_id=note_id)
    if note.status == ConflictStatus.RESOLVED.value:
        raise Conflict("the conflict is already resolved", field="note_id")
    before = snapshot(note)
    note.outcome = fields.text(outcome, field="outcome", max_length=10000, required=True)
    note.status = ConflictStatus.RESOLVED.value
    note.updated_at = now
    audit(session, actor=actor, action="update", row=note, before=before, now=now)
    session.commit()
    return note


def conflict_notes(
    session: Session, *, actor: Actor, team_id: int | None = None, status: str | None = None
) -> list[ConflictNote]:
    """The notes of the actor's teams (newest first), optionally of one team or status."""
    require(actor, Action.VIEW_CONFLICT_NOTES, scoped=False)
    query = select(ConflictNote).order_by(ConflictNote.occurred_on.desc(), ConflictNote.id.desc())
    if team_id is not None:
        require_conflict_access(actor, team_id)
        query = query.where(ConflictNote.team_id == team_id)
    elif actor.team_ids is not None:
        query = query.where(ConflictNote.team_id.in_(sorted(actor.team_ids)))
    if status is not None:
        chosen = fields.choice(ConflictStatus, status, field="status")
        query = query.where(ConflictNote.status == chosen.value)
    return list(session.scalars(query))
