"""KPI engine benchmark: synthetic histories, sync, team dashboard, agent scorecard, pandas.

For each size it writes a synthetic history (about 8 events a ticket) into a fresh SQLite
operational database, syncs it into the DuckDB analytics file, then times:

- the initial sync, and an incremental sync of 100k new events;
- the full team dashboard: every KPI by agent and day over the last 8 weeks;
- one agent's scorecard: every KPI for one agent by week over the same 8 weeks;
- a straightforward pandas implementation of the same KPIs (those without business hours or
  SLA clocks, which need the calendar rules) on the same rows, checked number for number.

Each size runs in a child process, whose peak memory (max RSS) is reported.

    python bench/kpi.py [--sizes 100000 1000000 5000000] [--folder DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from floorlead.config import Settings
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.model import Period
from floorlead.metrics.sync import sync_analytics
from floorlead.metrics.warehouse import DuckDBWarehouse
from floorlead.storage import make_engine, upgrade_database

START = datetime(2025, 9, 1, tzinfo=UTC)  # a Monday
TICKETS_PER_DAY = 5_500
AGENTS, TEAMS = 200, 10
NEW_EVENTS = 100_000
SECONDS = np.timedelta64(1, "s")


# ---------------------------------------------------------------- synthetic history


class History:
    """Column lists of ticket events, appended slot by slot (vectorised per slot)."""

    def __init__(self) -> None:
        self.parts: list[dict[str, np.ndarray]] = []

    def add(self, mask: np.ndarray, ticket: np.ndarray, kind: str, at: np.ndarray, **cols) -> None:  # type: ignore[no-untyped-def]
        n = int(mask.sum())
        part = {"ticket_id": ticket[mask], "kind": np.full(n, kind, dtype=object), "at": at[mask]}
        for name, values in cols.items():
            part[name] = (
                values[mask] if isinstance(values, np.ndarray) else np.full(n, values, dtype=object)
            )
        self.parts.append(part)

    def frame(self) -> pd.DataFrame:
        frame = pd.concat([pd.DataFrame(p) for p in self.parts], ignore_index=True)
        return frame.sort_values(["at", "ticket_id"], kind="stable", ignore_index=True)


def generate(
    first_id: int, count: int, start: datetime, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``count`` tickets from ``first_id`` on, created evenly from ``start``, with histories."""
    ids = np.arange(first_id, first_id + count, dtype=np.int64)
    span = count / TICKETS_PER_DAY * 86400
    created = np.datetime64(start.replace(tzinfo=None), "us") + (
        np.sort(rng.uniform(0, span, count)) * 1e6
    ).astype("timedelta64[us]")
    channel = rng.choice(["email", "chat", "phone", "web_form"], count, p=[0.5, 0.2, 0.2, 0.1])
    agent = rng.integers(1, AGENTS + 1, count)
    tickets = pd.DataFrame(
        {
            "id": ids,
            "channel": channel,
            "priority": rng.choice(
                ["low", "normal", "high", "urgent"], count, p=[0.2, 0.6, 0.15, 0.05]
            ),
            "category": rng.choice(["billing", "shipping", "returns", "technical"], count),
            "assignee_id": agent,
            "team_id": (agent - 1) // (AGENTS // TEAMS) + 1,
            "requester_id": rng.integers(1, 20_001, count),
            "created_at": created,
        }
    )
    return tickets, _events(tickets, rng)


def _minutes(rng: np.random.Generator, scale: float, n: int) -> np.ndarray:
    return (rng.exponential(scale, n) * 60e6).astype("timedelta64[us]")


def _events(t: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(t)
    tid, agent, c0 = t.id.to_numpy(), t.assignee_id.to_numpy(), t.created_at.to_numpy()
    phone = t.channel.to_numpy() == "phone"
    queued = phone | (t.channel.to_numpy() == "chat")
    abandoned = queued & (rng.random(n) < 0.05)
    worked = ~abandoned
    wait = np.where(queued, rng.exponential(25, n), np.nan)
    h, every = History(), np.ones(n, dtype=bool)
    data = np.array(
        [
            json.dumps({"wait_seconds": round(w, 1), "abandoned": bool(a)}) if q else "{}"
            for w, a, q in zip(wait, abandoned, queued, strict=True)
        ],
        dtype=object,
    )
    h.add(every, tid, "created", c0, via="customer", to_value="new", data=data)
    h.add(
        worked,
        tid,
        "assigned",
        c0 + _minutes(rng, 2, n),
        to_value=agent.astype(str),
        actor_id=agent,
    )
    first = (
        c0
        + np.where(phone, 60e6, 0).astype("timedelta64[us]")
        + _minutes(rng, np.where(queued, 3, 240), n)
    )
    talk = (rng.uniform(120, 600, n) * 1e6).astype("timedelta64[us]")
    for kind, offset, length in (
        ("talk", 0, talk),
        ("hold", 1, talk // 10),
        ("wrap", 2, talk // 4),
    ):
        start = first + offset * talk
        h.add(
            phone & worked,
            tid,
            "handle_segment",
            start + length,
            segment_kind=kind,
            actor_id=agent,
            segment_start=start,
            segment_end=start + length,
        )
    digital = worked & ~phone
    h.add(
        digital,
        tid,
        "handle_segment",
        first,
        segment_kind="work",
        actor_id=agent,
        segment_start=first - talk,
        segment_end=first,
    )
    h.add(digital, tid, "public_reply", first, actor_id=agent)
    follow = digital & (rng.random(n) < 0.6)
    asked = first + _minutes(rng, 120, n)
    answered = asked + _minutes(rng, 90, n)
    h.add(follow, tid, "customer_message", asked, via="customer")
    h.add(follow, tid, "public_reply", answered, actor_id=agent)
    solved_at = np.where(follow, answered, first + talk) + _minutes(rng, 30, n)
    still_open = rng.random(n) < 0.02
    solve = ~still_open
    h.add(solve, tid, "status_change", solved_at, from_value="new", to_value="solved")
    reopen = solve & worked & (rng.random(n) < 0.08)
    again = solved_at + _minutes(rng, 600, n)
    h.add(reopen, tid, "status_change", again, via="customer", from_value="solved", to_value="open")
    h.add(reopen, tid, "public_reply", again + _minutes(rng, 60, n), actor_id=agent)
    h.add(
        reopen,
        tid,
        "status_change",
        again + _minutes(rng, 120, n),
        from_value="open",
        to_value="solved",
    )
    h.add(
        worked & (rng.random(n) < 0.05),
        tid,
        "escalation",
        first + 60_000_000,
        from_value="frontline",
        to_value="senior",
    )
    h.add(
        worked & (rng.random(n) < 0.04),
        tid,
        "transfer",
        first + 90_000_000,
        from_value="1",
        to_value="2",
    )
    rated = solve & worked & (rng.random(n) < 0.3)
    survey = np.where(rng.random(n) < 0.8, "csat", "nps")
    rating = np.where(survey == "csat", rng.integers(1, 6, n), rng.integers(0, 11, n))
    h.add(
        rated,
        tid,
        "satisfaction",
        solved_at + 3_600_000_000,
        via="customer",
        survey=survey,
        rating=rating,
    )
    h.add(worked & ~rated, tid, "internal_note", first + 30_000_000, actor_id=agent)
    return h.frame()


def write_history(
    db: Path, tickets: pd.DataFrame, events: pd.DataFrame, first_event_id: int
) -> None:
    """Append tickets and events to the operational SQLite database (raw inserts)."""
    con = sqlite3.connect(db)
    status = events[events.kind == "status_change"].groupby("ticket_id").to_value.last()
    t = tickets.assign(
        status=tickets.id.map(status).fillna("new"), created=_text(tickets.created_at)
    )
    con.executemany(
        "INSERT INTO tickets (id, subject, description, channel, priority, category, tags, status, "
        "requester_id, assignee_id, team_id, escalation_tier, needs_help, reopen_count, "
        "created_at, updated_at, version) VALUES (?, 'Synthetic', '', ?, ?, ?, '[]', ?, ?, ?, ?, "
        "'frontline', 0, 0, ?, ?, 1)",
        zip(
            t.id.tolist(),
            t.channel,
            t.priority,
            t.category,
            t.status,
            t.requester_id.tolist(),
            t.assignee_id.tolist(),
            t.team_id.tolist(),
            t.created,
            t.created,
            strict=True,
        ),
    )
    e = events
    at = _text(e["at"])
    ids = range(first_event_id, first_event_id + len(e))
    columns = [
        e.get(c, pd.Series(index=e.index, dtype=object))
        for c in (
            "actor_id",
            "via",
            "from_value",
            "to_value",
            "segment_kind",
            "survey",
            "rating",
            "data",
        )
    ]
    starts = _text(e.get("segment_start", pd.Series(pd.NaT, index=e.index)))
    ends = _text(e.get("segment_end", pd.Series(pd.NaT, index=e.index)))
    rows = zip(
        ids,
        e.ticket_id.tolist(),
        e.kind,
        at,
        at,
        *[_plain(c) for c in columns],
        starts,
        ends,
        strict=True,
    )
    con.executemany(
        "INSERT INTO ticket_events (id, ticket_id, kind, occurred_at, recorded_at, actor_id, via, "
        "from_value, to_value, segment_kind, survey, rating, data, segment_start, segment_end, "
        "body) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 'agent'), ?, ?, ?, ?, ?, "
        "coalesce(?, '{}'), ?, ?, '')",
        rows,
    )
    con.commit()
    con.close()


def _text(values: pd.Series) -> list[str | None]:
    text = pd.to_datetime(values).dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    return [None if isinstance(v, float) else v for v in text.tolist()]


def _plain(values: pd.Series) -> list[object]:
    return [
        None
        if v is None or (isinstance(v, float) and np.isnan(v))
        else (int(v) if isinstance(v, np.integer) else v)
        for v in values.tolist()
    ]


def seed_organisation(db: Path) -> None:
    con = sqlite3.connect(db)
    stamp = "2025-01-01 00:00:00.000000"
    con.executemany(
        "INSERT INTO teams (id, name, kind, description, time_zone, created_at) "
        "VALUES (?, ?, 'support', '', 'UTC', ?)",
        [(i, f"Team {i}", stamp) for i in range(1, TEAMS + 1)],
    )
    con.executemany(
        "INSERT INTO people (id, email, name, role, team_id, hire_date, hourly_cost, time_zone, "
        "created_at, updated_at) "
        "VALUES (?, ?, ?, 'agent', ?, '2024-03-04', 24.5, 'UTC', ?, ?)",
        [
            (i, f"a{i}@example.com", f"Agent {i}", (i - 1) // (AGENTS // TEAMS) + 1, stamp, stamp)
            for i in range(1, AGENTS + 1)
        ],
    )
    con.executemany(
        "INSERT INTO customers (id, name, email, organisation, tier, created_at) "
        "VALUES (?, ?, ?, '', ?, ?)",
        [
            (i, f"C{i}", f"c{i}@example.org", ("standard", "premium", "enterprise")[i % 3], stamp)
            for i in range(1, 20_001)
        ],
    )
    weekly = json.dumps({str(d): [["08:00", "18:00"]] for d in range(5)})
    con.execute(
        "INSERT INTO business_calendars (id, name, time_zone, weekly_hours) "
        "VALUES (1, 'Office', 'Europe/London', ?)",
        (weekly,),
    )
    con.execute(
        "INSERT INTO sla_policies (id, name, position, calendar_id, pause_statuses, active, "
        "created_at) VALUES (1, 'Standard', 0, 1, '[\"pending\"]', 1, ?)",
        (stamp,),
    )
    targets = {"first_reply": 240, "next_reply": 240, "resolution": 1440}
    con.executemany(
        "INSERT INTO sla_targets (policy_id, priority, metric, minutes) VALUES (1, ?, ?, ?)",
        [(p, m, v) for p in ("low", "normal", "high", "urgent") for m, v in targets.items()],
    )
    con.commit()
    con.close()


# ---------------------------------------------------------------- the pandas baseline

COMPARED = [
    "tickets_created",
    "escalation_rate",
    "transfer_rate",
    "contacts_offered",
    "average_speed_of_answer",
    "abandonment_rate",
    "service_level",
    "first_reply_time_median",
    "first_reply_time_mean",
    "first_reply_time_p90",
    "tickets_solved",
    "first_contact_resolution",
    "zero_reply_rate",
    "reopen_rate",
    "survey_response_rate",
    "full_resolution_time_median",
    "full_resolution_time_mean",
    "full_resolution_time_p90",
    "requester_wait_time_mean",
    "requester_wait_time_median",
    "csat",
    "csat_responses",
    "nps",
    "average_handle_time",
    "next_reply_time_mean",
    "next_reply_time_median",
]
KEYS = ["agent_id", "day"]


def pandas_dashboard(db: Path, period: Period) -> pd.DataFrame:
    """The compared KPIs by agent and day, straight from the raw synced rows with pandas."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    lo, hi = period.start - timedelta(days=14), period.end + timedelta(days=1)
    where = f"t.created_at >= '{lo}' AND t.created_at < '{hi}'"
    t = con.sql(f"SELECT * FROM src_tickets t WHERE {where}").df()
    e = con.sql(
        f"SELECT e.* FROM src_events e JOIN src_tickets t ON t.id = e.ticket_id WHERE {where}"
    ).df()
    con.close()
    e = e.sort_values(["ticket_id", "occurred_at", "id"], ignore_index=True)
    f = _ticket_frame(t, e)
    start, end = pd.Timestamp(period.start), pd.Timestamp(hi)
    parts = [
        _created_kpis(f, start, end),
        _first_reply_kpis(f, start, end),
        _solved_kpis(f, start, end),
        _resolved_kpis(f, start, end),
        _survey_kpis(f, e, start, end),
        _handle_kpis(e, start, end),
        _next_reply_kpis(f, e, start, end),
    ]
    result = parts[0]
    for part in parts[1:]:
        result = result.merge(part, on=KEYS, how="outer")
    return result


def _ticket_frame(t: pd.DataFrame, e: pd.DataFrame) -> pd.DataFrame:
    f = t.set_index("id")
    by = e.groupby("ticket_id")
    created = e[e.kind == "created"].set_index("ticket_id")
    f["wait"], f["abandoned"] = created.wait_seconds, created.abandoned
    replies = e[e.kind == "public_reply"]
    first = replies.groupby("ticket_id").first()
    f["first_reply_at"], f["first_reply_agent"] = first.occurred_at, first.actor_id
    solves = (
        e[(e.kind.isin(["status_change", "created"])) & (e.to_value == "solved")]
        .groupby("ticket_id")
        .occurred_at
    )
    f["first_solved"], f["last_solved"] = solves.min(), solves.max()
    f.loc[~f.status.isin(["solved", "closed"]), "last_solved"] = pd.NaT
    reopen = (
        (e.kind == "status_change")
        & (e.from_value == "solved")
        & ~e.to_value.isin(["solved", "closed"])
    )
    for name, mask in (
        ("replies", e.kind == "public_reply"),
        ("messages", e.kind == "customer_message"),
        ("escalations", e.kind == "escalation"),
        ("transfers", e.kind == "transfer"),
        ("surveys", e.kind == "satisfaction"),
        ("reopens", reopen),
    ):
        f[name] = mask.groupby(e.ticket_id).sum()
    phone = f.channel == "phone"
    f["touches"] = np.where(
        phone, np.where(f.abandoned.fillna(False), 0, 1 + f.messages), f.replies
    )
    f["wait_time"] = _requester_wait(e, f)
    del by
    return f.reset_index().rename(columns={"id": "ticket_id"})


def _requester_wait(e: pd.DataFrame, f: pd.DataFrame) -> pd.Series:
    moves = e[e.kind.isin(["created", "status_change"])].copy()
    moves["status"] = moves.to_value.fillna("new")
    moves["end"] = moves.groupby("ticket_id").occurred_at.shift(-1)
    moves["limit"] = moves.ticket_id.map(f.last_solved)
    counted = moves[moves.status.isin(["new", "open", "on_hold"]) & (moves.end <= moves["limit"])]
    wait = ((counted.end - counted.occurred_at) / SECONDS).groupby(counted.ticket_id).sum()
    return wait.reindex(f.index).fillna(0).where(f.last_solved.notna())


def _slice(
    frame: pd.DataFrame, at: str, agent: str, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    rows = frame[(frame[at] >= start) & (frame[at] < end)].copy()
    rows["agent_id"], rows["day"] = rows[agent], rows[at].dt.floor("D").dt.date
    return rows


def _share(rows: pd.Series) -> float:
    return rows.mean() * 100 if len(rows) else np.nan


def _created_kpis(f: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    rows = _slice(f, "created_at", "assignee_id", start, end)
    rows["queued"] = rows.channel.isin(["phone", "chat"]) & (
        rows.wait.notna() | rows.abandoned.notna()
    )
    rows["gone"] = rows.abandoned.fillna(False).astype(bool)

    def kpis(g: pd.DataFrame) -> pd.Series:
        q = g[g.queued]
        answered = q[~q.gone]
        return pd.Series(
            {
                "tickets_created": len(g),
                "escalation_rate": _share(g.escalations > 0),
                "transfer_rate": _share(g.transfers > 0),
                "contacts_offered": len(q),
                "average_speed_of_answer": answered.wait.mean(),
                "abandonment_rate": _share(q.gone),
                "service_level": _share(~q.gone & (q.wait.fillna(0) <= 20)),
            }
        )

    return rows.groupby(KEYS).apply(kpis, include_groups=False).reset_index()


def _first_reply_kpis(f: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    rows = _slice(f, "first_reply_at", "first_reply_agent", start, end)
    rows["frt"] = (rows.first_reply_at - rows.created_at) / SECONDS
    g = rows.groupby(KEYS).frt
    return pd.DataFrame(
        {
            "first_reply_time_median": g.median(),
            "first_reply_time_mean": g.mean(),
            "first_reply_time_p90": g.quantile(0.9),
        }
    ).reset_index()


def _solved_kpis(f: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    rows = _slice(f, "first_solved", "assignee_id", start, end)
    contact = rows[~rows.abandoned.fillna(False).astype(bool)]
    fcr = (contact.reopens == 0) & (contact.touches == 1)
    zero = (contact.reopens == 0) & (contact.touches == 0)
    out = pd.DataFrame(
        {
            "tickets_solved": rows.groupby(KEYS).size(),
            "first_contact_resolution": fcr.groupby([contact.agent_id, contact.day]).mean() * 100,
            "zero_reply_rate": zero.groupby([contact.agent_id, contact.day]).mean() * 100,
            "reopen_rate": (rows.reopens > 0).groupby([rows.agent_id, rows.day]).mean() * 100,
            "survey_response_rate": (rows.surveys > 0).groupby([rows.agent_id, rows.day]).mean()
            * 100,
        }
    )
    return out.rename_axis(KEYS).reset_index()


def _resolved_kpis(f: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    rows = _slice(f, "last_solved", "assignee_id", start, end)
    rows["res"] = (rows.last_solved - rows.created_at) / SECONDS
    g, w = rows.groupby(KEYS).res, rows.groupby(KEYS).wait_time
    return pd.DataFrame(
        {
            "full_resolution_time_median": g.median(),
            "full_resolution_time_mean": g.mean(),
            "full_resolution_time_p90": g.quantile(0.9),
            "requester_wait_time_mean": w.mean(),
            "requester_wait_time_median": w.median(),
        }
    ).reset_index()


def _survey_kpis(
    f: pd.DataFrame, e: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    answers = e[e.kind == "satisfaction"].sort_values(["occurred_at", "id"])
    answers = answers.groupby(["ticket_id", "survey"]).tail(1)
    assigned = e[e.kind == "assigned"][["ticket_id", "occurred_at", "to_value"]].sort_values(
        "occurred_at"
    )
    answers = pd.merge_asof(
        answers.sort_values("occurred_at"),
        assigned,
        on="occurred_at",
        by="ticket_id",
        suffixes=("", "_assignee"),
    )
    current = answers.ticket_id.map(f.set_index("ticket_id").assignee_id)
    answers["agent"] = answers.to_value_assignee.astype(float).fillna(current)
    rows = _slice(answers, "occurred_at", "agent", start, end)
    csat, nps = rows[rows.survey == "csat"], rows[rows.survey == "nps"]
    net = (nps.rating >= 9).astype(int) - (nps.rating <= 6).astype(int)
    out = pd.DataFrame(
        {
            "csat": (csat.rating >= 4).groupby([csat.agent_id, csat.day]).mean() * 100,
            "csat_responses": csat.groupby(KEYS).size(),
            "nps": net.groupby([nps.agent_id, nps.day]).mean() * 100,
        }
    )
    return out.rename_axis(KEYS).reset_index()


def _handle_kpis(e: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    rows = _slice(e[e.kind == "handle_segment"], "occurred_at", "actor_id", start, end)
    g = rows.groupby(KEYS)
    return (
        (g.segment_seconds.sum() / g.ticket_id.nunique())
        .rename("average_handle_time")
        .reset_index()
    )


def _next_reply_kpis(
    f: pd.DataFrame, e: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    e = e.assign(reply_no=(e.kind == "public_reply").groupby(e.ticket_id).cumsum())
    waiting = (
        e[(e.kind == "customer_message") & (e.reply_no >= 1)]
        .groupby(["ticket_id", "reply_no"])
        .occurred_at.min()
    )
    replies = e[e.kind == "public_reply"].set_index(["ticket_id", "reply_no"])
    pairs = waiting.rename("since").reset_index()
    pairs["reply_no"] += 1
    pairs = pairs.join(
        replies[["occurred_at", "actor_id"]], on=["ticket_id", "reply_no"], how="inner"
    )
    pairs["nrt"] = (pairs.occurred_at - pairs.since) / SECONDS
    rows = _slice(pairs, "occurred_at", "actor_id", start, end)
    g = rows.groupby(KEYS).nrt
    return pd.DataFrame(
        {"next_reply_time_mean": g.mean(), "next_reply_time_median": g.median()}
    ).reset_index()


def same_numbers(ours: pd.DataFrame, theirs: pd.DataFrame) -> list[str]:
    """The compared KPIs whose values differ (beyond float rounding) between the two."""
    theirs = theirs.assign(agent_id=theirs.agent_id.astype("int64"))
    merged = ours[KEYS + COMPARED].merge(theirs, on=KEYS, how="left", suffixes=("", "_pandas"))
    differing = []
    for name in COMPARED:
        mine, other = merged[name].to_numpy(float), merged[f"{name}_pandas"].to_numpy(float)
        if name in ("tickets_created", "contacts_offered", "tickets_solved", "csat_responses"):
            other = np.nan_to_num(other)
        if not np.allclose(mine, other, rtol=1e-9, atol=1e-6, equal_nan=True):
            differing.append(name)
    return differing


# ---------------------------------------------------------------- phases (one process each)

CHUNK = 250_000


def _days(size: int) -> int:
    return int(np.ceil(size / TICKETS_PER_DAY))


def _dashboard_period(size: int) -> Period:
    last = (START + timedelta(days=_days(size) - 1)).date()
    return Period(last - timedelta(days=55), last)


def phase_generate(folder: Path, size: int) -> dict[str, float]:
    started = time.perf_counter()
    engine = make_engine(Settings(data_dir=folder))
    upgrade_database(engine)
    engine.dispose()
    db = folder / "floorlead.db"
    seed_organisation(db)
    rng, next_event = np.random.default_rng(42), 1
    for first in range(1, size + 1, CHUNK):
        count = min(CHUNK, size - first + 1)
        chunk_start = START + timedelta(seconds=(first - 1) / TICKETS_PER_DAY * 86400)
        tickets, events = generate(first, count, chunk_start, rng)
        write_history(db, tickets, events, next_event)
        next_event += len(events)
    return {"events": next_event - 1, "generate_s": time.perf_counter() - started}


def _timed(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def phase_measure(folder: Path, size: int, events: int) -> dict[str, float]:
    """Initial sync, dashboard (cold, then best of 3), scorecard (best of 3), and three
    incremental syncs of 100k new events each (the machine is shared: best and median)."""
    now = START + timedelta(days=_days(size) + 30)
    engine = make_engine(Settings(data_dir=folder))
    warehouse = DuckDBWarehouse(folder / "analytics.duckdb")
    result: dict[str, float] = {}
    result["initial_sync_s"], _ = _timed(lambda: sync_analytics(warehouse, engine, now=now))
    kpis, period = KpiEngine(warehouse), _dashboard_period(size)

    def dashboard() -> pd.DataFrame:
        return kpis.compute(period=period, by=["agent", "day"], as_of=now)

    result["dashboard_cold_s"], frame = _timed(dashboard)
    result["dashboard_s"] = min(_timed(dashboard)[0] for _ in range(3))
    result["dashboard_rows"] = len(frame)  # type: ignore[arg-type]
    frame.to_parquet(folder / "dashboard.parquet")  # type: ignore[attr-defined]
    result["scorecard_s"] = min(
        _timed(lambda: kpis.compute(period=period, by=["week"], filters={"agent": [7]}, as_of=now))[
            0
        ]
        for _ in range(3)
    )
    rounds, next_ticket, next_event = [], size + 1, events + 1
    for round_number in range(3):
        tickets, new = generate(
            next_ticket,
            round(NEW_EVENTS / 7.35),
            now - timedelta(days=3 - round_number),
            np.random.default_rng(7 + round_number),
        )
        write_history(folder / "floorlead.db", tickets, new, next_event)
        next_ticket, next_event = next_ticket + len(tickets), next_event + len(new)
        seconds, report = _timed(lambda: sync_analytics(warehouse, engine, now=now))
        rounds.append((seconds, report.events))  # type: ignore[attr-defined]
    result["incremental_sync_s"] = min(seconds for seconds, _ in rounds)
    result["incremental_sync_median_s"] = sorted(seconds for seconds, _ in rounds)[1]
    result["incremental_events"] = rounds[0][1]
    warehouse.close()
    engine.dispose()
    result["measure_max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load_average"] = os.getloadavg()[0]
    return result


def phase_baseline(folder: Path, size: int) -> dict[str, float]:
    period = _dashboard_period(size)
    started = time.perf_counter()
    theirs = pandas_dashboard(folder / "analytics.duckdb", period)
    seconds = time.perf_counter() - started
    ours = pd.read_parquet(folder / "dashboard.parquet")
    differing = same_numbers(ours, theirs)
    return {"pandas_s": seconds, "compared_kpis": len(COMPARED), "differing": differing}  # type: ignore[dict-item]


def _child(phase: str, folder: Path, size: int, *extra: str) -> dict:  # type: ignore[type-arg]
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--folder",
        str(folder),
        "--sizes",
        str(size),
        *extra,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_size(folder: Path, size: int) -> dict:  # type: ignore[type-arg]
    folder.mkdir(parents=True, exist_ok=True)
    made = _child("generate", folder, size)
    measured = _child("measure", folder, size, "--events", str(int(made["events"])))
    baseline = _child("baseline", folder, size)
    result = {"tickets": size, **made, **measured, **baseline}
    result["ratio"] = baseline["pandas_s"] / measured["dashboard_s"]
    return result


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    today = datetime.now(UTC).date()
    return f"{os.cpu_count()} CPUs ({model}), {int(memory) // 1024 // 1024} GB RAM, {today}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--phase", choices=["generate", "measure", "baseline"], default=None)
    parser.add_argument("--events", type=int, default=0)
    args = parser.parse_args()
    if args.phase:
        size = args.sizes[0]
        phases = {
            "generate": lambda: phase_generate(args.folder, size),
            "measure": lambda: phase_measure(args.folder, size, args.events),
            "baseline": lambda: phase_baseline(args.folder, size),
        }
        print(json.dumps(phases[args.phase]()))
        return
    root = args.folder or Path(tempfile.mkdtemp(prefix="floorlead-kpi-bench-"))
    print(machine())
    for size in args.sizes:
        result = run_size(root / f"tickets-{size}", size)
        print(json.dumps(result))
        print(
            f"{size:>9,} tickets ({result['events']:,} events): "
            f"initial sync {result['initial_sync_s']:.1f} s; "
            f"dashboard {result['dashboard_s']:.3f} s (cold {result['dashboard_cold_s']:.3f} s, "
            f"{int(result['dashboard_rows'])} rows); scorecard {result['scorecard_s']:.3f} s; "
            f"pandas {result['pandas_s']:.2f} s = {result['ratio']:.1f}x slower, "
            f"same numbers: {not result['differing']} {result['differing'] or ''}; "
            f"incremental sync of {int(result['incremental_events']):,} events "
            f"{result['incremental_sync_s']:.2f} s (median of 3: "
            f"{result['incremental_sync_median_s']:.2f} s); "
            f"peak memory {result['measure_max_rss_mb']:.0f} MB; "
            f"load average {result['load_average']:.1f}"
        )


if __name__ == "__main__":
    main()
