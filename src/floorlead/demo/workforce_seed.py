"""The workforce step of the demo: schedules, leave, agent states and attendance notes.

Schedules and time off go through the workforce services. Agent states (a row per contact,
break and sign-out, well over a hundred thousand on the default floor) and attendance notes
(which have no service yet) are written in bulk with SQLAlchemy Core into the workforce tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from floorlead.demo.agent_states import LateStart, Piece, StateWriter, contact_pieces
from floorlead.demo.bulk import insert_rows
from floorlead.demo.rota_plan import Rota, RotaShift, ShiftOutcome, build_rota
from floorlead.demo.schedule_seed import book_leave, publish_schedules
from floorlead.demo.seed_context import SeedContext
from floorlead.storage.models import metadata

NOTED_LATE_MINUTES = 10
LATE_REASONS = (
    ("transport", "Train cancelled; let the supervisor know on arrival."),
    ("transport", "Stuck in traffic after an accident on the ring road."),
    ("personal", "School run took longer than planned."),
    ("other", "Could not sign in: password expired, reset by the service desk."),
)
ABSENCE_NOTES = (
    "Called in sick before the shift.",
    "Sick: rang the team line at 07:40.",
    "Unwell, expects to be back tomorrow.",
    "Messaged the supervisor: stomach bug.",
)


@dataclass(frozen=True)
class WorkforceSummary:
    schedules: int
    leave_bookings: int
    agent_states: int
    attendance_notes: int


def seed_workforce(context: SeedContext) -> WorkforceSummary:
    rota = build_rota(context.simulation)
    with context.sessions() as session:
        schedules = publish_schedules(context, session, rota)
        bookings = book_leave(context, session, rota)
    log = StateWriter(_contacts(context, rota), context.end, context.rng).log(rota.shifts)
    notes = _absences(context, rota) + _late_notes(context, log.late_starts)
    with context.engine.begin() as conn:
        states = insert_rows(conn, metadata.tables["agent_states"], log.rows)
        insert_rows(conn, metadata.tables["attendance_notes"], notes)
    return WorkforceSummary(schedules, bookings, states, len(notes))


def _contacts(context: SeedContext, rota: Rota) -> dict[int, list[Piece]]:
    events = metadata.tables["ticket_events"]
    people = sorted({s.shift.person_id for s in rota.shifts})
    query = select(
        events.c.actor_id, events.c.segment_kind, events.c.segment_start, events.c.segment_end
    ).where(events.c.kind == "handle_segment", events.c.actor_id.in_(people))
    with context.engine.connect() as conn:
        return contact_pieces(conn.execute(query))  # type: ignore[arg-type]


def _note(
    context: SeedContext, rota_shift: RotaShift, kind: str, reason: str, note: str
) -> dict[str, object]:
    member = context.org.by_id[rota_shift.shift.person_id]
    supervisor = context.supervisor(member.team_id or 0)
    return {
        "person_id": member.id,
        "day": rota_shift.day,
        "kind": kind,
        "reason": reason,
        "note": note,
        "recorded_by_id": supervisor.id,
        "created_at": context.before_end(rota_shift.shift.start + timedelta(minutes=45)),
    }


def _absences(context: SeedContext, rota: Rota) -> list[dict[str, object]]:
    absent = [s for s in rota.shifts if s.outcome is ShiftOutcome.ABSENT]
    picks = context.rng.integers(0, len(ABSENCE_NOTES), len(absent))
    return [
        _note(context, s, "absence", "sick", ABSENCE_NOTES[int(k)])
        for s, k in zip(absent, picks, strict=True)
    ]


def _late_notes(context: SeedContext, late_starts: list[LateStart]) -> list[dict[str, object]]:
    noted = [late for late in late_starts if late.minutes >= NOTED_LATE_MINUTES]
    picks = context.rng.integers(0, len(LATE_REASONS), len(noted))
    notes = []
    for late, k in zip(noted, picks, strict=True):
        reason, text = LATE_REASONS[int(k)]
        notes.append(
            _note(context, late.shift, "late", reason, f"{late.minutes:.0f} min late. {text}")
        )
    return notes
