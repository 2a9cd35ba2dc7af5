"""Weekly review samples for the demo, drawn with quality's own sampling rule.

``floorlead.quality.draw_review_sample`` reads every signal event of the team's week as a full
row (reviews' sentiment and handle-time targets need them), which takes the best part of a
second per team and week on the default floor. The demo's samples only target low CSAT and
reopened interactions, so the interactions are read here with two narrow queries, picked with
:func:`floorlead.quality.sampling.draw_sample` and stored in the quality tables as the
service stores them (sample, assignments handed to the reviewers in turn, audit entry).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import record_change
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.quality import SampleMethod, Target
from floorlead.quality.model import AssignmentStatus
from floorlead.quality.samples import default_seed
from floorlead.quality.sampling import Interaction, Pick, SampleRules, draw_sample
from floorlead.quality.tables import QaAssignment, QaSample
from floorlead.storage.models import metadata

REVIEWABLE = ("solved", "closed")
TARGETS = frozenset({Target.LOW_CSAT, Target.REOPENED})
CHUNK = 500


def sample_week(
    context: SeedContext,
    session: Session,
    *,
    team_id: int,
    monday: date,
    scorecard_id: int,
    reviewer_ids: Sequence[int],
    per_agent: int,
    drawn: datetime,
) -> list[QaAssignment]:
    """Draw the team's sample for the week of ``monday``; the first reviewer draws it."""
    rules = SampleRules(
        per_agent=per_agent,
        method=SampleMethod.RANDOM,
        targets=TARGETS,
        targeted_per_agent=1,
        seed=default_seed(team_id, scorecard_id, monday),
    )
    picks = draw_sample(_interactions(context, session, team_id, monday), rules)
    sample = QaSample(
        team_id=team_id,
        scorecard_id=scorecard_id,
        week_start=monday,
        method=rules.method.value,
        per_agent=rules.per_agent,
        targets=sorted(t.value for t in rules.targets),
        targeted_per_agent=rules.targeted_per_agent,
        seed=rules.seed,
        created_by_id=reviewer_ids[0],
        created_at=drawn,
        assignments=_assign(picks, reviewer_ids, scorecard_id, drawn),
    )
    _store(session, sample)
    return list(sample.assignments)


def _store(session: Session, sample: QaSample) -> None:
    session.add(sample)
    session.flush()
    record_change(
        session,
        actor_id=sample.created_by_id,
        action="create",
        entity="qa_sample",
        entity_id=sample.id,
        before=None,
        after={
            "team_id": sample.team_id,
            "week": sample.week_start.isoformat(),
            "picked": len(sample.assignments),
        },
        now=sample.created_at,
    )
    session.commit()


def _interactions(
    context: SeedContext, session: Session, team_id: int, monday: date
) -> list[Interaction]:
    """The team's agents' solved interactions created that week, with CSAT and reopens."""
    tickets = metadata.tables["tickets"]
    agents = [m.id for m in context.org.members(team_id)]
    rows = session.execute(
        select(tickets.c.id, tickets.c.assignee_id, tickets.c.channel, tickets.c.reopen_count)
        .where(
            tickets.c.assignee_id.in_(agents),
            tickets.c.created_at >= local_moment(monday, 0),
            tickets.c.created_at < local_moment(monday + timedelta(days=7), 0),
            tickets.c.status.in_(REVIEWABLE),
        )
        .order_by(tickets.c.id)
    ).all()
    csat = _latest_csat(session, [row.id for row in rows])
    return [
        Interaction(
            ticket_id=row.id,
            agent_id=row.assignee_id,
            channel=row.channel,
            csat=csat.get(row.id),
            reopened=row.reopen_count > 0,
        )
        for row in rows
    ]


def _latest_csat(session: Session, ticket_ids: list[int]) -> dict[int, int]:
    events = metadata.tables["ticket_events"]
    latest: dict[int, tuple[datetime, int]] = {}
    for first in range(0, len(ticket_ids), CHUNK):
        rows = session.execute(
            select(events.c.ticket_id, events.c.occurred_at, events.c.rating).where(
                events.c.ticket_id.in_(ticket_ids[first : first + CHUNK]),
                events.c.kind == "satisfaction",
                events.c.survey == "csat",
                events.c.rating.is_not(None),
            )
        )
        for ticket_id, occurred_at, rating in rows:
            if ticket_id not in latest or occurred_at >= latest[ticket_id][0]:
                latest[ticket_id] = (occurred_at, rating)
    return {ticket_id: rating for ticket_id, (_, rating) in latest.items()}


def _assign(
    picks: Sequence[Pick], reviewers: Sequence[int], scorecard_id: int, now: datetime
) -> list[QaAssignment]:
    assignments = []
    for turn, pick in enumerate(picks):
        candidates = [r for r in reviewers if r != pick.agent_id]
        assignments.append(
            QaAssignment(
                scorecard_id=scorecard_id,
                ticket_id=pick.ticket_id,
                agent_id=pick.agent_id,
                reviewer_id=candidates[turn % len(candidates)],
                reasons=list(pick.reasons),
                status=AssignmentStatus.OPEN.value,
                created_at=now,
            )
        )
    return assignments
