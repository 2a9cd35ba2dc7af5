"""Agent states: record what an agent is doing, read it back as spans."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.permissions import Action, Actor, require
from floorlead.clock import ensure_utc
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Person
from floorlead.workforce.adherence import AgentState, Span
from floorlead.workforce.tables import AgentStateRecord

ALLOWED_SKEW = timedelta(minutes=2)


def _parse_state(value: str) -> AgentState:
    try:
        return AgentState(value)
    except ValueError:
        known = ", ".join(s.value for s in AgentState)
        raise RuleViolation(f"unknown state {value!r}; use one of {known}", field="state") from None


def record_agent_state(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    state: str,
    at: datetime | None,
    now: datetime,
) -> AgentStateRecord:
    """Start ``state`` for the person at ``at`` (default now), ending their current state.

    States arrive in time order per person: one starting before the current state is refused.
    Recording the state the person is already in changes nothing.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id}", field="person_id")
    require(actor, Action.RECORD_AGENT_STATE, person_id=person_id)
    new_state = _parse_state(state)
    at = now if at is None else ensure_utc(at, field="at")
    if at > now + ALLOWED_SKEW:
        raise RuleViolation("a state cannot start in the future", field="at")
    current = session.scalars(
        select(AgentStateRecord)
        .where(AgentStateRecord.person_id == person_id)
        .order_by(AgentStateRecord.started_at.desc(), AgentStateRecord.id.desc())
        .limit(1)
    ).first()
    if current is not None:
        if at < current.started_at:
            raise RuleViolation(
                f"the current state started at {current.started_at.isoformat()}; "
                "states must be recorded in time order",
                field="at",
            )
        if current.ended_at is None and current.state == new_state.value:
            return current
        if current.ended_at is None:
            current.ended_at = at
    record = AgentStateRecord(person_id=person_id, state=new_state.value, started_at=at)
    session.add(record)
    session.commit()
    return record


def state_spans(
    session: Session, *, person_ids: list[int], start: datetime, end: datetime, now: datetime
) -> dict[int, list[Span[AgentState]]]:
    """Each person's states overlapping [start, end), clipped to it; a current state runs to now."""
    rows = session.scalars(
        select(AgentStateRecord)
        .where(
            AgentStateRecord.person_id.in_(person_ids),
            AgentStateRecord.started_at < end,
            (AgentStateRecord.ended_at.is_(None)) | (AgentStateRecord.ended_at > start),
        )
        .order_by(AgentStateRecord.person_id, AgentStateRecord.started_at)
    )
    spans: dict[int, list[Span[AgentState]]] = {pid: [] for pid in person_ids}
    for row in rows:
        span_start = max(row.started_at, start)
        span_end = min(row.ended_at or now, end)
        if span_end > span_start:
            spans[row.person_id].append(Span(span_start, span_end, AgentState(row.state)))
    return spans
