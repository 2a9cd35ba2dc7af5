"""Recognition: kudos from anyone to a teammate, shown on the team's kudos wall."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import may_thank
from floorlead.coaching.audit import audit
from floorlead.coaching.tables import Kudos
from floorlead.errors import PermissionDenied


def give_kudos(
    session: Session, *, actor: Actor, recipient_id: int, message: str, now: datetime
) -> Kudos:
    """Thank a teammate (or someone the giver leads) in front of their team."""
    recipient = roster.active_person(session, recipient_id, field="recipient_id")
    if not may_thank(actor, person_id=recipient.id, team_id=recipient.team_id):
        if recipient.id == actor.person_id:
            raise PermissionDenied("kudos go to someone else", field="recipient_id")
        raise PermissionDenied("kudos go to a teammate", field="recipient_id")
    kudos = Kudos(
        giver_id=actor.person_id,
        recipient_id=recipient.id,
        team_id=recipient.team_id,
        message=fields.text(message, field="message", max_length=1000, required=True),
        created_at=now,
    )
    session.add(kudos)
    session.flush()
    audit(session, actor=actor, action="create", row=kudos, before=None, now=now)
    session.commit()
    return kudos
