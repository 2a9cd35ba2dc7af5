"""Drawing a review sample for a team's week and storing it as reviewers' assignments."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.audit import record_change
from floorlead.auth.permissions import Action, Actor, may
from floorlead.errors import NotFound, RuleViolation
from floorlead.org.tables import Person, Team
from floorlead.quality.access import authorise
from floorlead.quality.interactions import team_week_interactions, week_bounds
from floorlead.quality.model import AssignmentStatus
from floorlead.quality.sampling import Pick, SampleRules, draw_sample
from floorlead.quality.schemas import SampleCreate
from floorlead.quality.scorecards import active_scorecard
from floorlead.quality.tables import QaAssignment, QaReview, QaSample


def default_seed(team_id: int, scorecard_id: int, monday: date) -> int:
    """A reproducible seed for a team, scorecard and week when none is given."""
    return zlib.crc32(f"{team_id}:{scorecard_id}:{monday}".encode())


def already_covered(session: Session, *, scorecard_id: int, ticket_ids: Sequence[int]) -> set[int]:
    """Tickets already sampled or reviewed for the scorecard (never drawn again)."""
    covered: set[int] = set()
    for table in (QaAssignment, QaReview):
        for start in range(0, len(ticket_ids), 500):
            chunk = ticket_ids[start : start + 500]
            covered.update(
                session.scalars(
                    select(table.ticket_id).where(
                        table.scorecard_id == scorecard_id, table.ticket_id.in_(chunk)
                    )
                )
            )
    return covered


def draw_review_sample(
    session: Session, *, actor: Actor | None, data: SampleCreate, now: datetime
) -> QaSample:
    """Pick the week's interactions to review and assign them to reviewers in turn."""
    team = session.get(Team, data.team_id)
    if team is None:
        raise NotFound(f"no team {data.team_id}", field="team_id")
    authorise(actor, Action.REVIEW_QUALITY, team_id=team.id)
    scorecard = active_scorecard(session, data.scorecard_id)
    monday, start, end = week_bounds(data.week, team.time_zone)
    seed = data.seed if data.seed is not None else default_seed(team.id, scorecard.id, monday)
    rules = SampleRules(
        per_agent=data.per_agent,
        method=data.method,
        targets=frozenset(data.targets),
        targeted_per_agent=data.targeted_per_agent if data.targets else 0,
        long_handle_seconds=data.long_handle_seconds,
        seed=seed,
    )
    reviewers = _reviewers(session, actor, team, data.reviewer_ids)
    interactions = team_week_interactions(session, team_id=team.id, start=start, end=end)
    covered = already_covered(
        session, scorecard_id=scorecard.id, ticket_ids=[i.ticket_id for i in interactions]
    )
    picks = draw_sample(interactions, rules, excluded=covered)
    sample = QaSample(
        team_id=team.id,
        scorecard_id=scorecard.id,
        week_start=monday,
        method=rules.method.value,
        per_agent=rules.per_agent,
        targets=sorted(t.value for t in rules.targets),
        targeted_per_agent=rules.targeted_per_agent,
        seed=seed,
        created_by_id=actor.person_id if actor else None,
        created_at=now,
    )
    sample.assignments = _assign(picks, reviewers, scorecard.id, now)
    session.add(sample)
    session.flush()
    record_change(
        session,
        actor_id=actor.person_id if actor else None,
        action="create",
        entity="qa_sample",
        entity_id=sample.id,
        before=None,
        after={"team_id": team.id, "week": monday.isoformat(), "picked": len(picks)},
        now=now,
    )
    session.commit()
    return sample


def _reviewers(
    session: Session, actor: Actor | None, team: Team, reviewer_ids: Sequence[int]
) -> list[int]:
    """Who reviews: those named (each must be allowed to review the team), else the actor,
    else (for the system) the team's supervisor."""
    chosen = list(dict.fromkeys(reviewer_ids))
    if not chosen:
        default = actor.person_id if actor else team.supervisor_id
        if default is None:
            raise RuleViolation(
                f"team {team.name!r} has no supervisor: name the reviewers", field="reviewer_ids"
            )
        chosen = [default]
    for person_id in chosen:
        if session.get(Person, person_id) is None:
            raise NotFound(f"no person {person_id}", field="reviewer_ids")
        reviewer = load_actor(session, person_id)
        if not may(reviewer, Action.REVIEW_QUALITY, team_id=team.id):
            raise RuleViolation(
                f"{reviewer.name} may not review team {team.name!r}", field="reviewer_ids"
            )
    return chosen


def _assign(
    picks: Sequence[Pick], reviewers: Sequence[int], scorecard_id: int, now: datetime
) -> list[QaAssignment]:
    assignments = []
    for turn, pick in enumerate(picks):
        candidates = [r for r in reviewers if r != pick.agent_id]
        if not candidates:
            raise RuleViolation(
                "an agent cannot review their own interaction: add another reviewer",
                field="reviewer_ids",
            )
        reviewer_id = candidates[turn % len(candidates)]
        assignments.append(
            QaAssignment(
                scorecard_id=scorecard_id,
                ticket_id=pick.ticket_id,
                agent_id=pick.agent_id,
                reviewer_id=reviewer_id,
                reasons=list(pick.reasons),
                status=AssignmentStatus.OPEN.value,
                created_at=now,
            )
        )
    return assignments
