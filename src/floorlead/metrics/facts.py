"""The fact layer: canonical per-ticket facts derived from the events, as Ibis expressions.

Every expression reads the raw canonical tables (``src_events``, ``src_tickets``) and
runs unchanged on DuckDB and PostgreSQL. The sync evaluates them for the tickets that changed,
adds what needs Python rules (business hours, SLA clocks; see ``timings.py``) and stores the
results as the fact tables the KPIs read.
"""

from __future__ import annotations

import ibis
from ibis import _

RESOLVED = ("solved", "closed")
WAITING = ("new", "open", "on_hold")  # requester wait time, as Zendesk counts it
DIMENSIONS = ("channel", "priority", "category", "customer_tier", "team_id")
SLA_KINDS = ("created", "customer_message", "public_reply", "status_change")
ACTIVITY_KINDS = ("handle_segment", "public_reply", "internal_note")


def annotated(events: ibis.Table) -> ibis.Table:
    """Events with running counts per ticket, in the order things happened (ties by id)."""
    window = ibis.cumulative_window(
        group_by=events.ticket_id, order_by=[events.occurred_at, events.id]
    )
    inbound = (events.kind == "customer_message") | (
        (events.kind == "created") & (events.via == "customer")
    )
    return events.mutate(
        reply_no=ibis.ifelse(events.kind == "public_reply", 1, 0).sum().over(window),
        inbound_no=ibis.ifelse(inbound, 1, 0).sum().over(window),
        assign_no=ibis.ifelse(events.kind == "assigned", 1, 0).sum().over(window),
        is_inbound=inbound,
    )


def ticket_milestones(ann: ibis.Table, tickets: ibis.Table) -> ibis.Table:
    """One row per ticket: when things first and last happened, and how often."""
    kind = ann.kind
    reply = kind == "public_reply"
    status_event = (kind == "status_change") | (kind == "created")
    solve = status_event & (ann.to_value == "solved")
    reopen = (kind == "status_change") & (ann.from_value == "solved") & ~ann.to_value.isin(RESOLVED)
    created = kind == "created"
    agg = ann.group_by("ticket_id").aggregate(
        created_at=ann.occurred_at.min(where=created),
        created_via=ann.via.max(where=created),
        created_has_body=ann.has_body.any(where=created),
        queue_wait_seconds=ann.wait_seconds.max(where=created),
        abandoned=ann.abandoned.any(where=created),
        reply1_at=ann.occurred_at.min(where=reply & (ann.reply_no == 1)),
        reply1_agent=ann.actor_id.max(where=reply & (ann.reply_no == 1)),
        reply2_at=ann.occurred_at.min(where=reply & (ann.reply_no == 2)),
        reply2_agent=ann.actor_id.max(where=reply & (ann.reply_no == 2)),
        inbound_at=ann.occurred_at.min(where=ann.is_inbound),
        inbound_reply_no=ann.reply_no.min(where=reply & (ann.inbound_no >= 1)),
        agent_replies=ann.count(where=reply),
        customer_messages=ann.count(where=kind == "customer_message"),
        escalations=ann.count(where=kind == "escalation"),
        transfers=ann.count(where=kind == "transfer"),
        survey_responses=ann.count(where=kind == "satisfaction"),
        handle_seconds=ann.segment_seconds.sum(where=kind == "handle_segment"),
        first_solved_at=ann.occurred_at.min(where=solve),
        last_solved_at=ann.occurred_at.max(where=solve),
        reopens=ann.count(where=reopen),
    )
    replies = ann.filter(reply).select(
        "ticket_id", "reply_no", inbound_reply_at=_.occurred_at, inbound_reply_agent_id=_.actor_id
    )
    agg = agg.left_join(
        replies,
        [agg.ticket_id == replies.ticket_id, agg.inbound_reply_no == replies.reply_no],
    ).drop("ticket_id_right", "reply_no")
    # Zendesk: on an agent-created ticket the opening comment is the agent's first public
    # comment, so the first reply is the next one; with no opening text, the second reply.
    opening_is_reply = (agg.created_via == "agent") & ~agg.created_has_body.fill_null(False)
    agg = agg.mutate(
        first_reply_at=ibis.ifelse(opening_is_reply, agg.reply2_at, agg.reply1_at),
        first_reply_agent_id=ibis.ifelse(opening_is_reply, agg.reply2_agent, agg.reply1_agent),
    ).drop("reply1_at", "reply1_agent", "reply2_at", "reply2_agent", "created_has_body")
    dims = tickets.select(*DIMENSIONS, "assignee_id", "status", ticket_id=tickets.id)
    return agg.join(dims, "ticket_id")


def status_spans(ann: ibis.Table) -> ibis.Table:
    """Each status a ticket was in, from when to when (``end_at`` null: still in it)."""
    moves = ann.filter((ann.kind == "created") | (ann.kind == "status_change"))
    window = ibis.window(group_by=moves.ticket_id, order_by=[moves.occurred_at, moves.id])
    return moves.select(
        "ticket_id",
        status=moves.to_value.fill_null("new"),
        start_at=moves.occurred_at,
        end_at=moves.occurred_at.lead().over(window),
    )


def reply_pairs(ann: ibis.Table) -> ibis.Table:
    """Agent replies after the first, with the oldest customer message they answered."""
    waiting = (
        ann.filter(ann.kind == "customer_message")
        .group_by(["ticket_id", "reply_no"])
        .aggregate(waiting_since=_.occurred_at.min())
    )
    waiting = waiting.filter(waiting.reply_no >= 1)
    replies = ann.filter(ann.kind == "public_reply").select(
        "ticket_id", "reply_no", agent_id=_.actor_id, replied_at=_.occurred_at
    )
    pairs = waiting.join(
        replies,
        [waiting.ticket_id == replies.ticket_id, replies.reply_no == waiting.reply_no + 1],
    )
    return pairs.select("ticket_id", "agent_id", "replied_at", "waiting_since")


def survey_responses(ann: ibis.Table, tickets: ibis.Table) -> ibis.Table:
    """Survey answers, credited to the assignee at the time of rating (Zendesk's rule)."""
    assigns = ann.filter(ann.kind == "assigned").select(
        "ticket_id", "assign_no", assignee=_.to_value.nullif("")
    )
    answers = ann.filter(ann.kind == "satisfaction").select(
        "ticket_id",
        "assign_no",
        "survey",
        "rating",
        "comment",
        event_id=_.id,
        responded_at=_.occurred_at,
    )
    joined = answers.left_join(
        assigns,
        [answers.ticket_id == assigns.ticket_id, answers.assign_no == assigns.assign_no],
    )
    current = tickets.select(tid=tickets.id, current_assignee=tickets.assignee_id)
    joined = joined.join(current, joined.ticket_id == current.tid)
    newest_first = ibis.window(
        group_by=[joined.ticket_id, joined.survey],
        order_by=[joined.responded_at.desc(), joined.event_id.desc()],
    )
    return joined.select(
        "event_id",
        "ticket_id",
        "responded_at",
        "survey",
        "rating",
        "comment",
        agent_id=ibis.ifelse(
            joined.assign_no == 0, joined.current_assignee, joined.assignee.cast("int64")
        ),
        latest=ibis.row_number().over(newest_first) == 0,
    )


def agent_activity(ann: ibis.Table) -> ibis.Table:
    """Agent work on tickets: handle segments (with their length), public replies and notes."""
    acts = ann.filter(ann.kind.isin(ACTIVITY_KINDS) & ann.actor_id.notnull())
    return acts.select(
        "ticket_id",
        event_id=acts.id,
        agent_id=acts.actor_id,
        activity=acts.kind.cases(
            ("public_reply", "reply"), ("internal_note", "note"), else_=acts.segment_kind
        ),
        started_at=acts.segment_start.fill_null(acts.occurred_at),
        ended_at=acts.occurred_at,
        seconds=acts.segment_seconds.fill_null(0.0),
    )


def sla_events(ann: ibis.Table) -> ibis.Table:
    """What the SLA rules read, in order."""
    rows = ann.filter(ann.kind.isin(SLA_KINDS))
    columns = ["ticket_id", "kind", "occurred_at", "via", "from_value", "to_value", "id"]
    return rows.select(*columns).order_by(["ticket_id", "occurred_at", "id"])
