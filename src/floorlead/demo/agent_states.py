"""Agent states that agree with the rota and with the contacts the agents handled.

For every worked shift the agent signs in (a minute or two early, or now and then a few
minutes late), is available between contacts, on contact while a handle segment runs (after
contact work during a call's wrap-up), takes the scheduled breaks and lunch (now and then a
few minutes longer), and signs out at the end (now and then early); between shifts they are
offline. A contact always wins: a late start or a long break never hides one, and a call that
runs into a break or past the end of the shift keeps the agent on it. The state current at the
end of the window is left open.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from floorlead.demo.rota_plan import RotaShift, ShiftOutcome
from floorlead.workforce.adherence import AgentState

LATE_CHANCE = 0.06
LATE_MINUTES = (3.0, 16.0)
EARLY_SIGN_IN_MINUTES = 4.0
LONG_BREAK_CHANCE = 0.06
LONG_BREAK_MINUTES = (3.0, 12.0)
EARLY_LEAVE_CHANCE = 0.03
EARLY_LEAVE_MINUTES = (5.0, 25.0)
LATE_SIGN_OUT_MINUTES = 3.0
SHORT_GAP_SECONDS = 10.0
REACH_SECONDS = 3600.0  # contacts this far around a shift belong to it
SEGMENT_STATES = {
    "talk": AgentState.ON_CONTACT,
    "hold": AgentState.ON_CONTACT,
    "work": AgentState.ON_CONTACT,
    "wrap": AgentState.AFTER_CONTACT_WORK,
}

Piece = tuple[float, float, AgentState]


@dataclass(frozen=True)
class LateStart:
    person_id: int
    shift: RotaShift
    minutes: float


@dataclass
class StateLog:
    rows: list[dict[str, object]]
    late_starts: list[LateStart]


def contact_pieces(
    segments: Iterable[tuple[int, str, datetime, datetime]],
) -> dict[int, list[Piece]]:
    """Each person's handle segments as non-overlapping pieces, in time order."""
    found: dict[int, list[Piece]] = defaultdict(list)
    for person_id, kind, start, end in segments:
        found[person_id].append((start.timestamp(), end.timestamp(), SEGMENT_STATES[kind]))
    for pieces in found.values():
        pieces.sort()
        cursor = -np.inf
        for n, (start, end, state) in enumerate(pieces):
            pieces[n] = (max(start, cursor), end, state)
            cursor = max(cursor, end)
        pieces[:] = [p for p in pieces if p[1] > p[0]]
    return found


class StateWriter:
    """Builds the state rows of every worked shift, person by person, in time order."""

    def __init__(self, contacts: dict[int, list[Piece]], end: datetime, rng: np.random.Generator):
        self._contacts = contacts
        self._starts = {pid: [p[0] for p in pieces] for pid, pieces in contacts.items()}
        self._end = end.timestamp()
        self._rng = rng

    def log(self, shifts: Iterable[RotaShift]) -> StateLog:
        by_person: dict[int, list[RotaShift]] = defaultdict(list)
        for shift in shifts:
            if shift.outcome is ShiftOutcome.WORKED:
                by_person[shift.shift.person_id].append(shift)
        log = StateLog([], [])
        for person_id in sorted(by_person):
            pieces = self._person(person_id, by_person[person_id], log)
            log.rows += self._rows(person_id, pieces)
        return log

    def _person(self, person_id: int, shifts: list[RotaShift], log: StateLog) -> list[Piece]:
        pieces: list[Piece] = []
        for rota_shift in sorted(shifts, key=lambda s: s.shift.start):
            contacts = self._around(person_id, rota_shift)
            shift_pieces, late = self._shift(rota_shift, contacts)
            if late:
                log.late_starts.append(LateStart(person_id, rota_shift, late / 60))
            if pieces:
                pieces.append((pieces[-1][1], shift_pieces[0][0], AgentState.OFFLINE))
            pieces += shift_pieces
        pieces.append((pieces[-1][1], np.inf, AgentState.OFFLINE))
        return pieces

    def _around(self, person_id: int, rota_shift: RotaShift) -> list[Piece]:
        starts = self._starts.get(person_id, [])
        first = rota_shift.shift.start.timestamp() - REACH_SECONDS
        last = rota_shift.shift.end.timestamp() + REACH_SECONDS
        pieces = self._contacts.get(person_id, [])
        return pieces[bisect_left(starts, first) : bisect_left(starts, last)]

    def _shift(self, rota_shift: RotaShift, contacts: list[Piece]) -> tuple[list[Piece], float]:
        """The shift's pieces from sign-in to sign-out, and how late the agent signed in."""
        shift = rota_shift.shift
        start, end = shift.start.timestamp(), shift.end.timestamp()
        draws = self._rng.random(4)
        first_contact = contacts[0][0] if contacts else np.inf
        late = 0.0
        if draws[0] < LATE_CHANCE:
            late = min(self._minutes(LATE_MINUTES), first_contact - start)
            late = late if late >= 150 else 0.0
        sign_in = (
            start + late
            if late
            else min(start - draws[1] * EARLY_SIGN_IN_MINUTES * 60, first_contact)
        )
        last_contact = max((p[1] for p in contacts), default=-np.inf)
        if draws[2] < EARLY_LEAVE_CHANCE:
            sign_out = end - self._minutes(EARLY_LEAVE_MINUTES)
        else:
            sign_out = end + draws[3] * LATE_SIGN_OUT_MINUTES * 60
        sign_out = max(sign_out, last_contact)
        rests = self._breaks(rota_shift, contacts, sign_in, sign_out)
        return _merge(_overlay(_base(sign_in, sign_out, rests), contacts)), late

    def _breaks(
        self, rota_shift: RotaShift, contacts: list[Piece], sign_in: float, sign_out: float
    ) -> list[Piece]:
        starts = [p[0] for p in contacts]
        rests = []
        for rest in rota_shift.shift.breaks:
            begin, finish = rest.start.timestamp(), rest.end.timestamp()
            if self._rng.random() < LONG_BREAK_CHANCE:
                following = bisect_left(starts, finish)
                next_contact = starts[following] if following < len(starts) else np.inf
                finish = min(finish + self._minutes(LONG_BREAK_MINUTES), max(next_contact, finish))
            begin, finish = max(begin, sign_in), min(finish, sign_out)
            if finish > begin:
                rests.append((begin, finish, AgentState(rest.name)))
        return rests

    def _minutes(self, bounds: tuple[float, float]) -> float:
        return float(self._rng.uniform(*bounds)) * 60

    def _rows(self, person_id: int, pieces: list[Piece]) -> list[dict[str, object]]:
        """Rows in whole seconds, up to the end; the state at the end is left open."""
        rows = []
        for start, end, state in pieces:
            if start >= self._end:
                break
            current = end >= self._end
            if not current and round(end) <= round(start):
                continue  # shorter than a second once rounded
            rows.append(
                {
                    "person_id": person_id,
                    "state": state.value,
                    "started_at": _moment(start),
                    "ended_at": None if current else _moment(end),
                }
            )
        return rows


def _moment(stamp: float) -> datetime:
    return datetime.fromtimestamp(round(stamp), UTC)


def _base(sign_in: float, sign_out: float, rests: list[Piece]) -> list[Piece]:
    """Available from sign-in to sign-out, but for the breaks."""
    pieces: list[Piece] = []
    cursor = sign_in
    for start, end, state in rests:
        if start > cursor:
            pieces.append((cursor, start, AgentState.AVAILABLE))
        pieces.append((max(start, cursor), end, state))
        cursor = max(cursor, end)
    if sign_out > cursor:
        pieces.append((cursor, sign_out, AgentState.AVAILABLE))
    return [p for p in pieces if p[1] > p[0]]


def _overlay(base: list[Piece], contacts: list[Piece]) -> list[Piece]:
    """``base`` with the contacts painted over it (within its span)."""
    if not base:
        return base
    first, last = base[0][0], base[-1][1]
    top = [(max(s, first), min(e, last), st) for s, e, st in contacts if e > first and s < last]
    pieces: list[Piece] = []
    k = 0
    for start, end, state in base:
        cursor = start
        while k < len(top) and top[k][0] < end:
            c_start, c_end, c_state = top[k]
            if c_start > cursor:
                pieces.append((cursor, c_start, state))
            pieces.append((max(c_start, cursor), min(c_end, end), c_state))
            cursor = min(c_end, end)
            if c_end > end:
                break
            k += 1
        if end > cursor:
            pieces.append((cursor, end, state))
    return [p for p in pieces if p[1] > p[0]]


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join neighbours in the same state; a moment of availability joins the piece before."""
    merged: list[Piece] = []
    for start, end, state in pieces:
        if merged:
            before = merged[-1]
            short = state is AgentState.AVAILABLE and end - start < SHORT_GAP_SECONDS
            if before[2] is state or short:
                merged[-1] = (before[0], end, before[2])
                continue
        merged.append((start, end, state))
    return merged
