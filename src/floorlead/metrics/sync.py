"""Keeping the analytics store in step with the operational database, incrementally.

Each run reads only what is new: events with an id above the last one synced (plus those
recorded in the last few minutes, in case a slow transaction committed a lower id late),
tickets whose ``updated_at`` moved, and the small tables whole. It recomputes the facts of the
tickets those rows touch and writes everything, with the new watermark, in one transaction
per batch of events: an interrupted run leaves the last committed, consistent state, and the
next run carries on from there. When the calendars, the SLA policies or the fact-shaping
definitions change, every ticket's facts are rebuilt. The workforce facts (agent states and
the attendance of published shifts) follow in a transaction of their own
(``workforce_sync.py``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine

from floorlead.metrics import facts, sla_facts, timings
from floorlead.metrics.definitions import Definitions
from floorlead.metrics.extract import Reader, ServiceRules, read_service_rules
from floorlead.metrics.warehouse import Warehouse
from floorlead.metrics.workforce_sync import sync_workforce

LATE_COMMIT_GRACE = timedelta(minutes=5)
TICKET_KEYS = pa.schema([("id", pa.int64()), ("updated_at", pa.timestamp("us"))])
BATCH_EVENTS = 500_000
CHUNK_TICKETS = 100_000


@dataclass(frozen=True)
class SyncReport:
    events: int
    tickets: int
    rebuilt: bool
    seconds: float
    states: int = 0  # agent-state rows read
    shifts: int = 0  # shifts whose attendance facts were computed again or removed


def sync_analytics(
    warehouse: Warehouse,
    engine: Engine,
    *,
    now: datetime,
    definitions: Definitions | None = None,
    full: bool = False,
    batch_events: int = BATCH_EVENTS,
) -> SyncReport:
    """Bring ``warehouse`` up to date with the operational database behind ``engine``."""
    started = time.perf_counter()
    definitions = definitions or Definitions()
    reader = Reader(engine)
    rules = read_service_rules(reader)
    if full:
        warehouse.reset()
    state = warehouse.state()
    fingerprint = f"{rules.fingerprint}|{definitions.facts_fingerprint}"
    rebuild = state.get("fingerprint") != fingerprint
    events_total = tickets_total = 0
    first = True
    while True:
        with warehouse.transaction():
            events, tickets, complete = _copy_batch(reader, warehouse, state, first, batch_events)
            if not rebuild:  # a rebuild derives every ticket once, after the last batch
                changed = _changed_ids(events, tickets)
                derive_facts(warehouse, changed, rules, definitions, now=now)
                tickets_total += len(changed)
            state = _next_state(state, events, tickets, now)
            warehouse.save_state(state)
        events_total += events.num_rows
        first = False
        if complete:
            break
    if rebuild:
        tickets_total = _rebuild(warehouse, rules, definitions, fingerprint, now)
    workforce = sync_workforce(reader, warehouse, now=now)
    if rebuild or events_total >= batch_events:
        warehouse.compact()
    seconds = time.perf_counter() - started
    return SyncReport(
        events_total, tickets_total, rebuild, seconds, workforce.states, workforce.shifts
    )


def _copy_batch(
    reader: Reader, warehouse: Warehouse, state: dict[str, str], first: bool, limit: int
) -> tuple[pa.Table, pa.Table, bool]:
    """Read the next batch and store the raw rows. Returns the new events, the id and
    ``updated_at`` of the tickets that changed, and whether this was the last batch."""
    last_id = int(state.get("last_event_id", "0"))
    events = reader.events_after(last_id, limit)
    complete = events.num_rows < limit
    if first and "last_recorded_at" in state:
        since = datetime.fromisoformat(state["last_recorded_at"]) - LATE_COMMIT_GRACE
        events = pa.concat_tables([reader.events_recorded_since(since, last_id), events])
    events = warehouse.append_events(events)
    changed = [TICKET_KEYS.empty_table()]
    if first:
        since = state.get("tickets_updated_at")
        start = datetime.fromisoformat(since) - LATE_COMMIT_GRACE if since else None
        for batch in reader.ticket_batches(start, int(state.get("last_ticket_id", "0"))):
            changed.append(_keys(warehouse.upsert("src_tickets", batch)))
        warehouse.replace("src_people", reader.people())
        warehouse.replace("src_teams", reader.teams())
    tickets = pa.concat_tables(changed)
    if warehouse.copies_raw:
        missing = np.setdiff1d(
            events["ticket_id"].to_numpy(zero_copy_only=False),
            tickets["id"].to_numpy(zero_copy_only=False),
        )
        if len(missing):
            fetched = warehouse.upsert("src_tickets", reader.tickets_by_id(missing.tolist()))
            tickets = pa.concat_tables([tickets, _keys(fetched)])
    return events, tickets, complete


def _keys(tickets: pa.Table) -> pa.Table:
    return tickets.select(["id", "updated_at"]).cast(TICKET_KEYS)


def _changed_ids(events: pa.Table, tickets: pa.Table) -> np.ndarray:
    both = pa.chunked_array([*events["ticket_id"].chunks, *tickets["id"].chunks], type=pa.int64())
    return np.unique(both.to_numpy(zero_copy_only=False)) if len(both) else np.zeros(0, np.int64)


def _all_ticket_ids(warehouse: Warehouse) -> np.ndarray:
    ids = warehouse.backend.to_pyarrow(warehouse.table("src_tickets").select("id"))["id"]
    return np.unique(ids.to_numpy(zero_copy_only=False))


def _next_state(
    state: dict[str, str], events: pa.Table, tickets: pa.Table, now: datetime
) -> dict[str, str]:
    values = dict(state)
    values["synced_at"] = now.astimezone(UTC).isoformat()
    if events.num_rows:
        values["last_event_id"] = str(
            max(int(pc.max(events["id"]).as_py()), _int(state, "last_event_id"))
        )
        values["last_recorded_at"] = _later(
            state.get("last_recorded_at"), pc.max(events["recorded_at"])
        )
    if tickets.num_rows:
        values["last_ticket_id"] = str(
            max(int(pc.max(tickets["id"]).as_py()), _int(state, "last_ticket_id"))
        )
        values["tickets_updated_at"] = _later(
            state.get("tickets_updated_at"), pc.max(tickets["updated_at"])
        )
    return values


def _int(state: dict[str, str], key: str) -> int:
    return int(state.get(key, "0"))


def _later(previous: str | None, latest: pa.Scalar) -> str:
    value = latest.as_py().replace(tzinfo=UTC).isoformat()
    if previous is None:
        return value
    return max(previous, value, key=datetime.fromisoformat)


def _rebuild(
    warehouse: Warehouse,
    rules: ServiceRules,
    definitions: Definitions,
    fingerprint: str,
    now: datetime,
) -> int:
    """Derive every ticket's facts into copies, a transaction per chunk, then swap them in.

    Readers see the previous facts until the swap; the swap and the new fingerprint commit
    together, so an interrupted rebuild simply starts over at the next sync.
    """
    everything = _all_ticket_ids(warehouse)
    warehouse.begin_rebuild()
    for start in range(0, len(everything), CHUNK_TICKETS):
        with warehouse.transaction():
            chunk = everything[start : start + CHUNK_TICKETS]
            derive_facts(warehouse, chunk, rules, definitions, now=now, staging=True)
    with warehouse.transaction():
        warehouse.finish_rebuild()
        warehouse.save_state({"fingerprint": fingerprint})
    return len(everything)


def derive_facts(
    warehouse: Warehouse,
    ticket_ids: np.ndarray,
    rules: ServiceRules,
    definitions: Definitions,
    *,
    now: datetime,
    staging: bool = False,
) -> None:
    """Recompute and store every fact row of ``ticket_ids``, a chunk of tickets at a time."""
    for start in range(0, len(ticket_ids), CHUNK_TICKETS):
        chunk = pa.array(ticket_ids[start : start + CHUNK_TICKETS], pa.int64())
        for name, rows in _chunk_facts(warehouse, chunk, rules, definitions, now).items():
            warehouse.replace_facts(name, chunk, rows, staging=staging)


def _chunk_facts(
    warehouse: Warehouse,
    chunk: pa.Array,
    rules: ServiceRules,
    definitions: Definitions,
    now: datetime,
) -> dict[str, pa.Table]:
    backend = warehouse.backend
    wanted = warehouse.stage("_kpi_wanted", pa.table({"ticket_id": chunk}))
    events = warehouse.table("src_events")
    events = events.filter(events.ticket_id.isin(wanted.ticket_id))
    tickets = warehouse.table("src_tickets")
    tickets = tickets.filter(tickets.id.isin(wanted.ticket_id))
    ann = warehouse.materialise("_kpi_annotated", facts.annotated(events))
    try:
        milestones = backend.to_pyarrow(facts.ticket_milestones(ann, tickets))
        spans = backend.to_pyarrow(facts.status_spans(ann))
        calendars = timings.ticket_calendars(milestones, rules, definitions)
        rows = {
            "ticket_facts": timings.ticket_facts(milestones, spans, calendars),
            "reply_facts": timings.reply_facts(
                milestones, backend.to_pyarrow(facts.reply_pairs(ann)), calendars
            ),
            "survey_facts": timings.with_dimensions(
                milestones,
                backend.to_pyarrow(facts.survey_responses(ann, tickets)),
                agent_from_assignee=False,
            ),
            "activity_facts": timings.activity_facts(
                milestones, backend.to_pyarrow(facts.agent_activity(ann))
            ),
            "backlog_spans": timings.backlog_spans(milestones, spans),
        }
        sla_events = backend.to_pyarrow(facts.sla_events(ann)) if any(calendars.policies) else None
        rows["sla_facts"] = (
            sla_facts.sla_facts(milestones, sla_events, calendars, now=now)
            if sla_events is not None
            else sla_facts.sla_facts(milestones, _no_events(), calendars, now=now)
        )
    finally:
        warehouse.drop_temporary("_kpi_annotated")
        warehouse.drop_temporary("_kpi_wanted")
    return rows


def _no_events() -> pa.Table:
    return pa.table(
        {
            "ticket_id": pa.array([], pa.int64()),
            "kind": pa.array([], pa.string()),
            "occurred_at": pa.array([], pa.timestamp("us")),
            "via": pa.array([], pa.string()),
            "from_value": pa.array([], pa.string()),
            "to_value": pa.array([], pa.string()),
        }
    )
