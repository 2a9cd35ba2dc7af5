"""Shifts and agent states for the hand-worked week of ``kpi_week`` (all times UTC, March 2026).

Published shifts (paid time is the shift less its lunch):

- S1 Ada Mon 2 09:00-13:00, no lunch: 4 h paid. Signs in at 08:55: attended, on time.
- S2 Ada Wed 4 09:00-17:00, lunch 12:00-13:00: 7 h paid. No state at all: absent.
- S3 Bo Wed 4 09:00-17:00, lunch 12:00-12:30: 7.5 h paid. Signs in at 08:59: on time.
- S4 Cy Thu 5 10:00-14:00: 4 h paid. Signs in at 10:05: late by 300 s (grace 120 s).
- S5 Bo Sun 15 22:00-Mon 16 06:00: 8 h paid, 2 h of it before ``AS_OF`` (16 March 00:00).
  Signed in since 21:58 and still signed in.

Not counted: a draft shift of Cy (Fri 6) and a superseded one of Dee (Tue 3).

States (``None``: still open):

- Ada Mon 2: available 08:55-09:20, on contact 09:20-09:30, after-contact work
  09:30-09:35, available 09:35-11:00, break 11:00-11:15, available 11:15-13:00, then offline.
  Available 215 min = 12,900 s, on contact 600 s, wrap 300 s: productive 13,800 s, busy 900 s.
- Bo Wed 4: available 08:59-09:00:30, on contact 09:00:30-09:08:30, wrap 09:08:30-09:11:30,
  available 09:11:30-12:00, lunch 12:00-12:30, available 12:30-17:00, offline until Sun 15
  21:58, then available (open). Wed: available 90 + 10,110 + 16,200 = 26,400 s, on contact
  480 s, wrap 180 s: productive 27,060 s, busy 660 s. Sun 15: 21:58-24:00 = 7,320 s.
- Cy Thu 5: available 10:05-14:00 (14,100 s), then offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kpi_week import Cast, at
from sqlalchemy.orm import Session

from floorlead.workforce.tables import (
    AgentStateRecord,
    Schedule,
    ScheduledActivityRow,
    ScheduledShiftRow,
)

Lunch = tuple[datetime, datetime]


@dataclass(frozen=True)
class Rota:
    shifts: dict[str, int]  # S1..S5 (published), S6 (draft), S7 (superseded)
    schedules: dict[str, int]  # first week, second week


def add_schedule(session: Session, team: int, week: int, status: str = "published") -> Schedule:
    schedule = Schedule(
        team_id=team,
        week_start=at(week, 0),
        interval_minutes=30,
        status=status,
        created_at=at(1, 0),
        published_at=at(1, 0) if status != "draft" else None,
    )
    session.add(schedule)
    session.flush()
    return schedule


def add_shift(
    session: Session,
    schedule: Schedule,
    person: int,
    start: datetime,
    end: datetime,
    lunch: Lunch | None = None,
) -> int:
    activities = [ScheduledActivityRow(kind="lunch", start=lunch[0], end=lunch[1])] if lunch else []
    shift = ScheduledShiftRow(
        schedule_id=schedule.id, person_id=person, start=start, end=end, activities=activities
    )
    session.add(shift)
    session.flush()
    return shift.id


def add_states(session: Session, person: int, *changes: tuple[datetime, str]) -> None:
    """Consecutive states: each lasts until the next one starts; the last one stays open."""
    for (start, state), following in zip(changes, [*changes[1:], None], strict=True):
        end = following[0] if following else None
        session.add(AgentStateRecord(person_id=person, state=state, started_at=start, ended_at=end))
    session.flush()


def build_rota(session: Session, cast: Cast) -> Rota:
    first, second = add_schedule(session, cast.team, 2), add_schedule(session, cast.team, 9)
    shifts = {
        "S1": add_shift(session, first, cast.ada, at(2, 9), at(2, 13)),
        "S2": add_shift(session, first, cast.ada, at(4, 9), at(4, 17), (at(4, 12), at(4, 13))),
        "S3": add_shift(session, first, cast.bo, at(4, 9), at(4, 17), (at(4, 12), at(4, 12, 30))),
        "S4": add_shift(session, first, cast.cy, at(5, 10), at(5, 14)),
        "S5": add_shift(session, second, cast.bo, at(15, 22), at(16, 6)),
    }
    draft, superseded = (add_schedule(session, cast.team, 2, s) for s in ("draft", "superseded"))
    shifts["S6"] = add_shift(session, draft, cast.cy, at(6, 9), at(6, 17))
    shifts["S7"] = add_shift(session, superseded, cast.dee, at(3, 9), at(3, 17))
    add_states(
        session,
        cast.ada,
        (at(2, 8, 55), "available"),
        (at(2, 9, 20), "on_contact"),
        (at(2, 9, 30), "after_contact_work"),
        (at(2, 9, 35), "available"),
        (at(2, 11), "break"),
        (at(2, 11, 15), "available"),
        (at(2, 13), "offline"),
    )
    add_states(
        session,
        cast.bo,
        (at(4, 8, 59), "available"),
        (at(4, 9, 0, 30), "on_contact"),
        (at(4, 9, 8, 30), "after_contact_work"),
        (at(4, 9, 11, 30), "available"),
        (at(4, 12), "lunch"),
        (at(4, 12, 30), "available"),
        (at(4, 17), "offline"),
        (at(15, 21, 58), "available"),
    )
    add_states(session, cast.cy, (at(5, 10, 5), "available"), (at(5, 14), "offline"))
    session.commit()
    return Rota(shifts, {"first": first.id, "second": second.id})
