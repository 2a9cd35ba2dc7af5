"""A ticket's history as it is being simulated: event drafts in seconds, not yet in order.

Drafts name only where things move *to* (status, assignee, team, tier, priority); the
``from`` side and the ticket's current state are worked out when the script is finalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

NOBODY = ""


@dataclass(slots=True)
class Draft:
    t: float
    seq: int
    kind: str
    via: str
    actor: int | None = None
    body: str = ""
    to_value: str | None = None
    segment_kind: str | None = None
    segment_start: float | None = None
    survey: str | None = None
    rating: int | None = None
    data: dict[str, Any] | None = None


@dataclass(slots=True)
class ApprovalDraft:
    approval_type: str
    amount: Decimal
    reason: str
    requester_id: int
    approver_id: int
    created: float
    decided: float
    approved: bool
    comment: str


class Script:
    __slots__ = ("approvals", "drafts")

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.approvals: list[ApprovalDraft] = []

    def add(self, t: float, kind: str, via: str, **fields: Any) -> Draft:
        draft = Draft(round(t), len(self.drafts), kind, via, **fields)
        self.drafts.append(draft)
        return draft

    def segment(self, kind: str, start: float, end: float, actor: int) -> None:
        """A stretch of agent work; it is recorded when it ends."""
        start, end = round(start), round(end)
        if end <= start:
            end = start + 1
        self.add(
            end, "handle_segment", "agent", actor=actor, segment_kind=kind, segment_start=start
        )

    def assign(
        self, t: float, person: int | None, strategy: str, *, actor: int | None = None
    ) -> None:
        via = "system" if actor is None else "agent"
        to = NOBODY if person is None else str(person)
        self.add(t, "assigned", via, actor=actor, to_value=to, data={"strategy": strategy})

    def status(self, t: float, to: str, via: str, actor: int | None = None) -> None:
        self.add(t, "status_change", via, actor=actor if via == "agent" else None, to_value=to)

    def escalate(
        self,
        t: float,
        tier: str,
        body: str,
        *,
        actor: int | None = None,
        rule_id: int | None = None,
    ) -> None:
        via = "system" if rule_id is not None else "agent"
        data = {"rule_id": rule_id} if rule_id is not None else None
        self.add(t, "escalation", via, actor=actor, body=body, to_value=tier, data=data)
