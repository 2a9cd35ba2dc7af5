"""Criteria failed repeatedly, read from recorded reviews (on each database)."""

from datetime import timedelta

import pytest
from quality_world import NOW, Floor, answers, build_floor, handled_ticket, review_input
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.quality import RepeatedFailure, RepeatRule, repeatedly_failed_criteria
from floorlead.quality.model import DisputeOutcome
from floorlead.quality.reviews import dispute_review, record_review, resolve_dispute
from floorlead.quality.schemas import DisputeResolution
from floorlead.quality.tables import QaReview

# Ana's reviews, oldest first: (days before NOW, answers that differ from the worked example).
# The worked example answers next steps "no"; here it is set on every review.
ANA_REVIEWS = [
    (100, {"empathy": "1", "greeting": "no", "next_steps": "yes"}),  # older than 90 days
    (20, {"empathy": "2", "greeting": "no", "next_steps": "na"}),
    (15, {"empathy": "4", "greeting": "no", "next_steps": "na"}),
    (10, {"empathy": "1", "greeting": "yes", "next_steps": "no"}),
    (5, {"empathy": "5", "greeting": "yes", "next_steps": "no", "data_protection": "no"}),
    (2, {"empathy": "1", "greeting": "no", "next_steps": "no"}),  # disputed, not yet resolved
]


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def _review(session: Session, floor: Floor, agent_days: int, changes: dict[str, str]) -> QaReview:
    ticket = handled_ticket(session, floor.ana, day=-agent_days)
    return record_review(
        session,
        actor=floor.actor(session, floor.lead),
        data=review_input(floor, ticket, **changes),
        now=NOW - timedelta(days=agent_days),
    )


def _ana_reviewed(session: Session, floor: Floor) -> None:
    reviews = [_review(session, floor, days, changes) for days, changes in ANA_REVIEWS]
    dispute_review(
        session,
        actor=floor.actor(session, floor.ana),
        review_id=reviews[-1].id,
        reason="The customer thanked me twice.",
        now=NOW - timedelta(days=1),
    )


def test_criteria_failed_in_two_of_the_recent_standing_reviews_are_listed_per_agent(
    session: Session, floor: Floor
) -> None:
    _ana_reviewed(session, floor)
    once = handled_ticket(session, floor.ben)
    record_review(
        session,
        actor=floor.actor(session, floor.lead),
        data=review_input(floor, once, empathy="1", greeting="no"),
        now=NOW - timedelta(days=3),
    )

    found = repeatedly_failed_criteria(
        session, actor=None, agent_ids=[floor.ana.id, floor.ben.id], now=NOW
    )

    # Counted: the four reviews 20, 15, 10 and 5 days ago. Empathy 2, 4, 1, 5 fails twice
    # (1-2 on the scale); the greeting no, no, yes, yes twice; next steps applied only twice
    # (N/A twice), too few; data protection failed once (the auto-fail review 5 days ago,
    # whose other answers still count on their own).
    assert found[floor.ana.id] == [
        RepeatedFailure("greeting", "Personal greeting and close", 2, 4),
        RepeatedFailure("empathy", "Tone and empathy", 2, 4),
    ]
    assert found[floor.ben.id] == []


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        # Upheld, the review counts as scored: empathy 2, 4, 1, 5, 1 and the greeting no, no,
        # yes, yes, no fail three times of five; next steps no, no, no of the three applied.
        (
            DisputeOutcome.UPHELD,
            [
                "Set clear next steps failed 3 of last 3 reviews",
                "Personal greeting and close failed 3 of last 5 reviews",
                "Tone and empathy failed 3 of last 5 reviews",
            ],
        ),
        # Amended to empathy 3, greeting yes, next steps N/A: the amended answers count.
        (
            DisputeOutcome.AMENDED,
            [
                "Personal greeting and close failed 2 of last 5 reviews",
                "Tone and empathy failed 2 of last 5 reviews",
            ],
        ),
    ],
)
def test_once_the_dispute_is_resolved_the_review_counts_as_resolved(
    session: Session, floor: Floor, outcome: DisputeOutcome, expected: list[str]
) -> None:
    _ana_reviewed(session, floor)
    disputed = session.scalars(select(QaReview).where(QaReview.status == "disputed")).one()
    amended = answers(empathy="3", greeting="yes", next_steps="na")
    resolve_dispute(
        session,
        actor=floor.actor(session, floor.second_lead),
        review_id=disputed.id,
        data=DisputeResolution(
            outcome=outcome,
            comment="Checked with the recording.",
            answers=amended if outcome is DisputeOutcome.AMENDED else None,
        ),
        now=NOW - timedelta(hours=12),
    )

    found = repeatedly_failed_criteria(session, actor=None, agent_ids=[floor.ana.id], now=NOW)

    assert [f.describe() for f in found[floor.ana.id]] == expected


def test_thresholds_are_parameters(session: Session, floor: Floor) -> None:
    _ana_reviewed(session, floor)

    strict = repeatedly_failed_criteria(
        session,
        actor=None,
        agent_ids=[floor.ana.id],
        now=NOW,
        rule=RepeatRule(recent_reviews=3, min_failures=2, min_reviews=3),
    )

    # The last three standing reviews (15, 10 and 5 days ago): empathy 4, 1, 5 and greeting
    # no, yes, yes fail once each.
    assert strict[floor.ana.id] == []


def test_only_the_reviews_the_viewer_may_see_are_read(session: Session, floor: Floor) -> None:
    _ana_reviewed(session, floor)
    ids = [floor.ana.id]

    by_ana = repeatedly_failed_criteria(
        session, actor=floor.actor(session, floor.ana), agent_ids=ids, now=NOW
    )
    by_ben = repeatedly_failed_criteria(
        session, actor=floor.actor(session, floor.ben), agent_ids=ids, now=NOW
    )
    by_returns_lead = repeatedly_failed_criteria(
        session, actor=floor.actor(session, floor.returns_lead), agent_ids=ids, now=NOW
    )

    assert len(by_ana[floor.ana.id]) == 2
    assert by_ben[floor.ana.id] == [] and by_returns_lead[floor.ana.id] == []
