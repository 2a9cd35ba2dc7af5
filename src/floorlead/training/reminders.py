"""Reminders by e-mail: overdue training and certifications about to lapse, once a day each.

Run daily (``floorlead notify reminders``): each unfinished assignment past its due date, and
each certification still valid but lapsing within the warning window, gets its holder one
e-mail that day; running again the same day adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from floorlead.notifications import MailKind, dedupe_key, queue_email
from floorlead.training.certification_queries import DEFAULT_WARN_DAYS, expiring_certifications
from floorlead.training.model import ExpiryStatus
from floorlead.training.queries import overdue_assignments


@dataclass(frozen=True)
class RemindersQueued:
    overdue: int
    expiring: int


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def queue_training_reminders(
    session: Session, *, today: date, warn_days: int = DEFAULT_WARN_DAYS, now: datetime
) -> RemindersQueued:
    """Queue today's reminders to active people; return how many were new today."""
    overdue = expiring = 0
    for work in overdue_assignments(session, actor=None, today=today):
        queued = queue_email(
            session,
            person_id=work.person_id,
            kind=MailKind.TRAINING_OVERDUE,
            subject=f"Training overdue: {work.program_title}",
            body=f"{work.program_title} was due on {work.due_on.isoformat()} "
            f"({_days(work.days_overdue)} ago); {work.modules_done} of "
            f"{work.modules_total} modules are done.",
            link=f"/training/assignments/{work.id}",
            dedupe_key=dedupe_key(MailKind.TRAINING_OVERDUE, work.id, today),
            now=now,
        )
        overdue += queued is not None
    for held in expiring_certifications(session, actor=None, today=today, days=warn_days):
        if held.status is not ExpiryStatus.EXPIRING or held.expires_on is None:
            continue
        queued = queue_email(
            session,
            person_id=held.person_id,
            kind=MailKind.CERTIFICATION_EXPIRING,
            subject=f"Certification to renew: {held.name}",
            body=f"Your {held.name} certification expires on {held.expires_on.isoformat()} "
            f"(in {_days(held.days_left or 0)}). Renew it before then.",
            link=f"/training/people/{held.person_id}",
            dedupe_key=dedupe_key(MailKind.CERTIFICATION_EXPIRING, held.id, today),
            now=now,
        )
        expiring += queued is not None
    session.commit()
    return RemindersQueued(overdue, expiring)
