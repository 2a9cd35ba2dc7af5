"""Keeping the workforce facts in step: signed-in time per day and the attendance of shifts.

Each run reads every person's agent states from the start of the last one it saw (the
current state, still open, is read again until it ends) and the shifts of published
schedules. It recomputes the facts of the states read, of the shifts that are new or changed
(another person, other times, other unpaid activities), and of the shifts whose sign-in
window those states touch; shifts no longer published (superseded, or removed for time off)
leave the facts. Everything, with the new per-person marks, is written in one transaction:
an interrupted run leaves the previous state and the next run starts from it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from floorlead.metrics.extract import Reader
from floorlead.metrics.presence_facts import (
    PAID_SPANS,
    SHIFT_FACTS,
    SIGN_IN_WINDOW,
    SIGNED_IN,
    shift_facts,
    state_pieces,
)
from floorlead.metrics.warehouse import Warehouse
from floorlead.metrics.workforce_extract import (
    ShiftRow,
    StateRow,
    people,
    published_shifts,
    states_between,
    states_since,
)

MARKS_KEY = "agent_state_marks"


@dataclass(frozen=True)
class WorkforceSync:
    states: int  # agent-state rows read
    shifts: int  # shifts whose facts were computed again or removed


def sync_workforce(reader: Reader, warehouse: Warehouse, *, now: datetime) -> WorkforceSync:
    """Bring the state and shift facts of ``warehouse`` up to date."""
    marks = _marks(warehouse.state())
    shifts = published_shifts(reader)
    stored = _stored_keys(warehouse)
    changed = {s.id for s in shifts if stored.get(s.id) != s.key}
    removed = sorted(set(stored) - {s.id for s in shifts})
    by_person: dict[int, list[ShiftRow]] = defaultdict(list)
    for shift in shifts:
        by_person[shift.person_id].append(shift)
    everyone = sorted(set(people(reader)) | set(by_person))
    read = computed = 0
    with warehouse.transaction():
        _remove_shifts(warehouse, removed)
        for batch, rows in states_since(reader, marks, everyone):
            mine: dict[int, list[StateRow]] = defaultdict(list)
            for row in rows:
                mine[row.person_id].append(row)
            if rows:
                ids = pa.array([r.id for r in rows], pa.int64())
                warehouse.replace_keyed("state_facts", "state_id", ids, state_pieces(rows, now))
            facts, spans = [], []
            for pid in batch:
                due = _due(by_person.get(pid, []), mine.get(pid, []), changed, now)
                if due:
                    states = _states_around(reader, pid, due, mine.get(pid, []), marks.get(pid))
                    found, paid = shift_facts(due, states, now)
                    facts.append(found)
                    spans.append(paid)
                    computed += len(due)
                if pid in mine:
                    marks[pid] = max(r.start for r in mine[pid])
            _store_shifts(warehouse, facts, spans)
            read += len(rows)
        saved = {str(pid): at.isoformat() for pid, at in marks.items()}
        warehouse.save_state({MARKS_KEY: json.dumps(saved)})
    return WorkforceSync(states=read, shifts=computed + len(removed))


def _marks(state: dict[str, str]) -> dict[int, datetime]:
    found = json.loads(state.get(MARKS_KEY, "{}"))
    return {int(pid): datetime.fromisoformat(at) for pid, at in found.items()}


def _stored_keys(warehouse: Warehouse) -> dict[int, tuple[int, int, float, float, float]]:
    table = warehouse.table("shift_facts")
    columns = ["shift_id", "agent_id", "schedule_id", "start_epoch", "end_epoch", "paid_seconds"]
    rows = warehouse.backend.to_pyarrow(table.select(*columns)).to_pylist()
    return {r["shift_id"]: tuple(r[c] for c in columns[1:]) for r in rows}  # type: ignore[misc]


def _due(
    shifts: Sequence[ShiftRow], read: Sequence[StateRow], changed: set[int], now: datetime
) -> list[ShiftRow]:
    """The shifts to compute: new or changed ones, and those whose sign-in window a
    signed-in state just read overlaps."""
    signed_in = [(r.start, r.end or max(now, r.start)) for r in read if r.state in SIGNED_IN]
    return [
        shift
        for shift in shifts
        if shift.id in changed
        or any(
            end >= shift.start - SIGN_IN_WINDOW and start < shift.end for start, end in signed_in
        )
    ]


def _states_around(
    reader: Reader,
    person_id: int,
    shifts: Sequence[ShiftRow],
    read: list[StateRow],
    mark: datetime | None,
) -> list[StateRow]:
    """The person's states around ``shifts``: those just read when they reach back far
    enough (every state before the mark ended by then), else read again."""
    start = min(s.start for s in shifts) - SIGN_IN_WINDOW
    end = max(s.end for s in shifts)
    if mark is None or start >= mark:
        return read
    return states_between(reader, person_id, start, end)


def _remove_shifts(warehouse: Warehouse, shift_ids: list[int]) -> None:
    if shift_ids:
        ids = pa.array(shift_ids, pa.int64())
        warehouse.replace_keyed("shift_facts", "shift_id", ids, SHIFT_FACTS.empty_table())
        warehouse.replace_keyed("shift_paid_spans", "shift_id", ids, PAID_SPANS.empty_table())


def _store_shifts(warehouse: Warehouse, facts: list[pa.Table], spans: list[pa.Table]) -> None:
    if not facts:
        return
    found = pa.concat_tables(facts)
    ids = found["shift_id"].combine_chunks()
    warehouse.replace_keyed("shift_facts", "shift_id", ids, found)
    warehouse.replace_keyed("shift_paid_spans", "shift_id", ids, pa.concat_tables(spans))
