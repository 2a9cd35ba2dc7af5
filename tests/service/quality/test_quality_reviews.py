from datetime import date

import pytest
from quality_world import NOW, Floor, answers, build_floor, handled_ticket, review_input
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.api.paging import PageParams
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.quality.model import DisputeOutcome
from floorlead.quality.notifications import my_notifications, unread_count
from floorlead.quality.review_queries import review_detail, review_timeline, reviews_page
from floorlead.quality.reviews import (
    acknowledge_review,
    dispute_review,
    record_review,
    resolve_dispute,
)
from floorlead.quality.samples import draw_review_sample
from floorlead.quality.schemas import DisputeResolution, SampleCreate
from floorlead.quality.tables import QaAssignment


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def test_a_review_scores_the_ticket_completes_its_assignment_and_tells_the_agent(
    session: Session, floor: Floor
) -> None:
    ticket = handled_ticket(session, floor.ana)
    session.commit()
    lead = floor.actor(session, floor.lead)
    sample = draw_review_sample(
        session,
        actor=lead,
        data=SampleCreate(
            team_id=floor.billing.id, week=date(2026, 3, 2), scorecard_id=floor.scorecard.id
        ),
        now=NOW,
    )

    review = record_review(session, actor=lead, data=review_input(floor, ticket), now=NOW)

    detail = review_detail(session, actor=floor.actor(session, floor.ana), review_id=review.id)
    assert (detail.score, detail.auto_failed, detail.status) == (77.5, False, "submitted")
    assert [s.score for s in detail.sections] == [100.0, 50.0, pytest.approx(91.6667)]
    assert detail.answers[0].criterion_key == "verified_identity"
    assert (detail.agent_name, detail.reviewer_name, detail.week_start) == (
        "Ana Agent",
        "Sam Supervisor",
        date(2026, 3, 2),
    )
    assignment = session.scalars(
        select(QaAssignment).where(QaAssignment.sample_id == sample.id)
    ).one()
    assert assignment.status == "reviewed"
    [note] = my_notifications(session, actor=floor.actor(session, floor.ana))
    assert (note.title, note.link) == (
        f"Your ticket #{ticket.id} was reviewed",
        f"/quality/reviews/{review.id}",
    )
    assert note.body == "Score 77.5%"


def test_an_auto_fail_answer_scores_zero(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)

    review = record_review(
        session,
        actor=floor.actor(session, floor.lead),
        data=review_input(floor, ticket, data_protection="no"),
        now=NOW,
    )

    assert (review.score, review.auto_failed) == (0.0, True)


def test_a_ticket_is_reviewed_once_per_scorecard(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    lead = floor.actor(session, floor.lead)
    record_review(session, actor=lead, data=review_input(floor, ticket), now=NOW)

    with pytest.raises(Conflict, match="already reviewed"):
        record_review(
            session,
            actor=floor.actor(session, floor.second_lead),
            data=review_input(floor, ticket),
            now=NOW,
        )


def test_only_leads_over_the_agent_review_and_nobody_reviews_themselves(
    session: Session, floor: Floor
) -> None:
    ticket = handled_ticket(session, floor.ana)
    own = handled_ticket(session, floor.lead)

    with pytest.raises(PermissionDenied):
        record_review(
            session,
            actor=floor.actor(session, floor.ben),
            data=review_input(floor, ticket),
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        record_review(
            session,
            actor=floor.actor(session, floor.returns_lead),
            data=review_input(floor, ticket),
            now=NOW,
        )
    with pytest.raises(RuleViolation, match="own interaction"):
        record_review(
            session, actor=floor.actor(session, floor.lead), data=review_input(floor, own), now=NOW
        )


def test_a_bad_answer_names_the_criterion(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)

    with pytest.raises(RuleViolation) as refused:
        record_review(
            session,
            actor=floor.actor(session, floor.lead),
            data=review_input(floor, ticket, empathy="7"),
            now=NOW,
        )

    assert refused.value.field == "answers.empathy"


def test_the_agent_acknowledges_their_review(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    review = record_review(
        session, actor=floor.actor(session, floor.lead), data=review_input(floor, ticket), now=NOW
    )

    with pytest.raises(PermissionDenied):
        acknowledge_review(
            session, actor=floor.actor(session, floor.lead), review_id=review.id, now=NOW
        )
    with pytest.raises(NotFound):
        acknowledge_review(
            session, actor=floor.actor(session, floor.ben), review_id=review.id, now=NOW
        )
    acknowledged = acknowledge_review(
        session, actor=floor.actor(session, floor.ana), review_id=review.id, now=NOW
    )

    assert (acknowledged.status, acknowledged.acknowledged_at) == ("acknowledged", NOW)
    with pytest.raises(Conflict):
        dispute_review(
            session,
            actor=floor.actor(session, floor.ana),
            review_id=review.id,
            reason="No",
            now=NOW,
        )


def test_a_dispute_is_resolved_by_another_reviewer_who_amends_the_score(
    session: Session, floor: Floor
) -> None:
    ticket = handled_ticket(session, floor.ana)
    review = record_review(
        session, actor=floor.actor(session, floor.lead), data=review_input(floor, ticket), now=NOW
    )
    ana = floor.actor(session, floor.ana)

    dispute_review(session, actor=ana, review_id=review.id, reason="I did set next steps.", now=NOW)
    with pytest.raises(RuleViolation, match="other than the original"):
        resolve_dispute(
            session,
            actor=floor.actor(session, floor.lead),
            review_id=review.id,
            data=DisputeResolution(outcome=DisputeOutcome.UPHELD, comment="Stands."),
            now=NOW,
        )
    with pytest.raises(RuleViolation) as no_answers:
        resolve_dispute(
            session,
            actor=floor.actor(session, floor.second_lead),
            review_id=review.id,
            data=DisputeResolution(outcome=DisputeOutcome.AMENDED, comment="Agreed."),
            now=NOW,
        )
    resolve_dispute(
        session,
        actor=floor.actor(session, floor.second_lead),
        review_id=review.id,
        data=DisputeResolution(
            outcome=DisputeOutcome.AMENDED, comment="Agreed.", answers=answers(next_steps="yes")
        ),
        now=NOW,
    )

    assert no_answers.value.field == "answers"
    detail = review_detail(session, actor=ana, review_id=review.id)
    # Resolution now (2 × 0.75 + 3 × 0.5 + 1) / 6 = 66.67 %: 30 + 26.67 + 27.5 = 84.17 %.
    assert detail.score == pytest.approx(84.1667, abs=1e-3)
    assert (detail.original_score, detail.status, detail.resolution) == (
        77.5,
        "resolved",
        "amended",
    )
    assert detail.resolver_name == "Tess Lead"
    titles = [n.title for n in my_notifications(session, actor=floor.actor(session, floor.lead))]
    assert titles == [f"Review of ticket #{ticket.id} disputed"]
    assert unread_count(session, actor=ana) == 2  # reviewed, then the dispute resolved


def test_an_upheld_dispute_keeps_the_score(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    review = record_review(
        session,
        actor=floor.actor(session, floor.second_lead),
        data=review_input(floor, ticket),
        now=NOW,
    )
    dispute_review(
        session,
        actor=floor.actor(session, floor.ana),
        review_id=review.id,
        reason="Too harsh",
        now=NOW,
    )

    resolve_dispute(
        session,
        actor=floor.actor(session, floor.lead),
        review_id=review.id,
        data=DisputeResolution(outcome=DisputeOutcome.UPHELD, comment="The score stands."),
        now=NOW,
    )

    detail = review_detail(session, actor=floor.actor(session, floor.ana), review_id=review.id)
    assert (detail.score, detail.original_score, detail.resolution) == (77.5, None, "upheld")


def test_agents_see_only_their_own_reviews_and_leads_their_teams(
    session: Session, floor: Floor
) -> None:
    lead = floor.actor(session, floor.lead)
    for agent in (floor.ana, floor.ben):
        record_review(
            session, actor=lead, data=review_input(floor, handled_ticket(session, agent)), now=NOW
        )
    cid_ticket = handled_ticket(session, floor.cid)
    record_review(
        session,
        actor=floor.actor(session, floor.returns_lead),
        data=review_input(floor, cid_ticket),
        now=NOW,
    )
    first_page = PageParams(page=1, per_page=50)

    def agents_seen_by(person) -> list[str]:
        page = reviews_page(session, actor=floor.actor(session, person), page=first_page)
        return sorted(r.agent_name for r in page.items)

    assert agents_seen_by(floor.ana) == ["Ana Agent"]
    assert agents_seen_by(floor.lead) == ["Ana Agent", "Ben Agent"]
    assert agents_seen_by(floor.returns_lead) == ["Cid Agent"]
    assert agents_seen_by(floor.manager) == ["Ana Agent", "Ben Agent"]  # his subtree: Sam's team
    assert agents_seen_by(floor.admin) == ["Ana Agent", "Ben Agent", "Cid Agent"]
    ben_review = reviews_page(session, actor=lead, page=first_page, agent_id=floor.ben.id).items[0]
    with pytest.raises(NotFound):
        review_detail(session, actor=floor.actor(session, floor.ana), review_id=ben_review.id)
    with pytest.raises(NotFound):
        review_timeline(
            session, actor=floor.actor(session, floor.returns_lead), review_id=ben_review.id
        )


def test_the_review_timeline_is_the_tickets_history(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    review = record_review(
        session, actor=floor.actor(session, floor.lead), data=review_input(floor, ticket), now=NOW
    )

    timeline = review_timeline(session, actor=floor.actor(session, floor.ana), review_id=review.id)

    assert [(e.kind, e.via, e.actor_name) for e in timeline] == [
        ("created", "customer", None),
        ("public_reply", "agent", "Ana Agent"),
    ]
