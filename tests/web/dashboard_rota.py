"""A small published rota for Billing on the support fortnight of kpi_week, worked by hand.

Published shifts (UTC; paid time is the shift less its lunch):

- P1 Ada Mon 23 Feb 09:00-13:00: 4 h. Signs in at 08:50: attended (the fortnight before).
- A1 Ada Mon 2 Mar 09:00-17:00, lunch 12:00-13:00: 7 h. Signs in at 08:58: on time.
- A2 Ada Tue 3 Mar 09:00-17:00, lunch 12:00-13:00: 7 h. Never signs in: absent.
- B1 Bo Mon 2 Mar 09:00-13:00: 4 h. Signs in at 09:10: late by 600 s (grace 120 s).
- B2 Bo Tue 3 Mar 13:00-17:00: 4 h. Signs in at 12:55: on time.

In the fortnight of 2-15 March: 3 of the 4 shifts attended, attendance 75.0 %; 7 of the 22
paid hours absent, absenteeism 7 / 22 = 31.8 %. Ada: 1 of 2 (50.0 %), 7 of 14 h absent
(50.0 %); Bo: 100.0 % and 0.0 %. The fortnight before (16 Feb-1 Mar): P1 alone, 100.0 % and
0.0 %, so attendance fell by 25.0 points and absenteeism rose by 31.8.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from floorlead.workforce.tables import (
    AgentStateRecord,
    Schedule,
    ScheduledActivityRow,
    ScheduledShiftRow,
)
from service.metrics.kpi_week import Cast, at

FEB_23 = datetime(2026, 2, 23, tzinfo=UTC)
STATES = ("available", "offline")


def build_rota(session: Session, cast: Cast) -> dict[str, int]:
    """The shifts and sign-ins above; returns the shift ids by name."""
    before, first = _schedule(session, cast.team, FEB_23), _schedule(session, cast.team, at(2, 0))
    lunch = {"A1": (at(2, 12), at(2, 13)), "A2": (at(3, 12), at(3, 13))}
    shifts = {
        "P1": _shift(session, before, cast.ada, FEB_23.replace(hour=9), FEB_23.replace(hour=13)),
        "A1": _shift(session, first, cast.ada, at(2, 9), at(2, 17), lunch["A1"]),
        "A2": _shift(session, first, cast.ada, at(3, 9), at(3, 17), lunch["A2"]),
        "B1": _shift(session, first, cast.bo, at(2, 9), at(2, 13)),
        "B2": _shift(session, first, cast.bo, at(3, 13), at(3, 17)),
    }
    p1_signed_in = (FEB_23.replace(hour=8, minute=50), FEB_23.replace(hour=13))
    _signed_in(session, cast.ada, p1_signed_in, (at(2, 8, 58), at(2, 17)))
    _signed_in(session, cast.bo, (at(2, 9, 10), at(2, 13)), (at(3, 12, 55), at(3, 17)))
    session.commit()
    return shifts


def _signed_in(session: Session, person: int, *spans: tuple[datetime, datetime]) -> None:
    """Available during each span, offline in between and after (the last state stays open)."""
    changes = [
        (moment, state) for span in spans for moment, state in zip(span, STATES, strict=True)
    ]
    for (start, state), following in zip(changes, [*changes[1:], None], strict=True):
        end = following[0] if following else None
        session.add(AgentStateRecord(person_id=person, state=state, started_at=start, ended_at=end))
    session.flush()


def _schedule(session: Session, team: int, week_start: datetime) -> Schedule:
    schedule = Schedule(
        team_id=team,
        week_start=week_start,
        interval_minutes=30,
        status="published",
        created_at=FEB_23,
        published_at=FEB_23,
    )
    session.add(schedule)
    session.flush()
    return schedule


def _shift(
    session: Session,
    schedule: Schedule,
    person: int,
    start: datetime,
    end: datetime,
    lunch: tuple[datetime, datetime] | None = None,
) -> int:
    activities = [ScheduledActivityRow(kind="lunch", start=lunch[0], end=lunch[1])] if lunch else []
    shift = ScheduledShiftRow(
        schedule_id=schedule.id, person_id=person, start=start, end=end, activities=activities
    )
    session.add(shift)
    session.flush()
    return shift.id
