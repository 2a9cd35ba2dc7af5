"""From a simulated story to rows: order the drafts, cut at the end, fill in the ``from``
side of every change and derive the ticket's current state from its events.

Changes that would change nothing (a status to the status it has, an escalation that does not
raise the tier, a second open help request) are dropped, so the history replays cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from floorlead.demo.records import ApprovalRecord, EventRecord, TicketRecord
from floorlead.demo.script import NOBODY, ApprovalDraft, Draft
from floorlead.demo.story import Story
from floorlead.tickets.model import Tier

TIER_LEVEL = {tier.value: tier.level for tier in Tier}


@dataclass
class _State:
    status: str
    assignee: str
    team: str
    tier: str
    priority: str
    needs_help: bool = False
    reopens: int = 0

    def apply(self, draft: Draft) -> tuple[bool, str | None]:
        """Apply a draft; returns (keep it?, the value it changes from)."""
        kind, to = draft.kind, draft.to_value
        if kind == "status_change":
            return (
                self._move("status", to)
                if to != "open" or self.status != "solved"
                else self._reopen()
            )
        if kind == "assigned":
            return self._move("assignee", to)
        if kind == "transfer":
            return self._move("team", to)
        if kind == "priority_change":
            return self._move("priority", to)
        if kind == "escalation":
            if TIER_LEVEL[to or ""] <= TIER_LEVEL[self.tier]:
                return False, None
            return self._move("tier", to)
        if kind in ("help_requested", "help_resolved"):
            wanted = kind == "help_requested"
            if self.needs_help == wanted:
                return False, None
            self.needs_help = wanted
        return True, None

    def _move(self, field: str, to: str | None) -> tuple[bool, str | None]:
        before = getattr(self, field)
        if to is None or to == before:
            return False, None
        setattr(self, field, to)
        return True, before

    def _reopen(self) -> tuple[bool, str | None]:
        self.reopens += 1
        self.status = "open"
        return True, "solved"


class Finisher:
    """Turns stories into records, numbering tickets, events and approvals in order."""

    def __init__(self, start: datetime, end_t: float, skill_ids: dict[str, int]) -> None:
        self._start = start
        self._end_t = end_t
        self._skill_ids = skill_ids
        self.next_event_id = 1
        self.next_approval_id = 1

    def at(self, t: float) -> datetime:
        return self._start + timedelta(seconds=t)

    def finish(self, story: Story) -> tuple[TicketRecord, list[EventRecord], list[ApprovalRecord]]:
        c = story.contact
        drafts = sorted(
            (d for d in story.script.drafts if d.t <= self._end_t), key=lambda d: (d.t, d.seq)
        )
        state = _State("new", NOBODY, str(story.initial_team_id), Tier.FRONTLINE.value, c.priority)
        events = []
        for draft in drafts:
            keep, before = state.apply(draft)
            if keep:
                events.append(self._event(c.id, draft, before))
        approvals = [
            self._approval(c.id, a) for a in story.script.approvals if a.created <= self._end_t
        ]
        return self._ticket(story, state, events), events, approvals

    def _event(self, ticket_id: int, d: Draft, before: str | None) -> EventRecord:
        moment = self.at(d.t)
        segment = d.segment_start is not None
        record = EventRecord(
            id=self.next_event_id,
            ticket_id=ticket_id,
            kind=d.kind,
            occurred_at=moment,
            recorded_at=moment,
            actor_id=d.actor,
            via=d.via,
            body=d.body,
            from_value=before,
            to_value=d.to_value,
            segment_kind=d.segment_kind,
            segment_start=self.at(d.segment_start) if segment else None,
            segment_end=moment if segment else None,
            survey=d.survey,
            rating=d.rating,
            data=d.data or {},
        )
        self.next_event_id += 1
        return record

    def _approval(self, ticket_id: int, a: ApprovalDraft) -> ApprovalRecord:
        decided = a.decided <= self._end_t
        record = ApprovalRecord(
            id=self.next_approval_id,
            approval_type=a.approval_type,
            amount=a.amount,
            ticket_id=ticket_id,
            reason=a.reason,
            requester_id=a.requester_id,
            approver_id=a.approver_id,
            status=("approved" if a.approved else "rejected") if decided else "pending",
            decided_by_id=a.approver_id if decided else None,
            decided_at=self.at(round(a.decided)) if decided else None,
            decision_comment=a.comment if decided else "",
            created_at=self.at(round(a.created)),
        )
        self.next_approval_id += 1
        return record

    def _ticket(self, story: Story, state: _State, events: list[EventRecord]) -> TicketRecord:
        c = story.contact
        tags = list(story.tags)
        if c.tier != "standard":
            tags.append(c.tier)
        if c.language:
            tags.append(c.language)
        skill = c.language or story.skill
        return TicketRecord(
            id=c.id,
            subject=story.subject,
            description=story.description,
            channel=c.channel,
            priority=state.priority,
            category=c.category,
            tags=tags,
            status=state.status,
            requester_id=c.customer_id,
            assignee_id=int(state.assignee) if state.assignee else None,
            team_id=int(state.team),
            escalation_tier=state.tier,
            required_skill_id=self._skill_ids.get(skill) if skill else None,
            needs_help=state.needs_help,
            reopen_count=state.reopens,
            created_at=events[0].occurred_at,
            updated_at=events[-1].occurred_at,
        )
