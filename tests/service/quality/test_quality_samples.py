from datetime import date, timedelta

import pytest
from quality_world import MONDAY, NOW, Floor, add_event, build_floor, handled_ticket
from sqlalchemy.orm import Session

from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.quality.model import SampleMethod, Target
from floorlead.quality.queries import review_queue, sample_detail
from floorlead.quality.samples import draw_review_sample
from floorlead.quality.schemas import SampleCreate


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def ask(floor: Floor, **overrides: object) -> SampleCreate:
    values: dict[str, object] = {
        "team_id": floor.billing.id,
        "week": date(2026, 3, 4),  # a Wednesday: the week starts on Monday 2 March
        "scorecard_id": floor.scorecard.id,
        "per_agent": 2,
        "seed": 11,
    }
    values.update(overrides)
    return SampleCreate.model_validate(values)


def test_a_sample_draws_n_solved_interactions_per_agent_of_the_week(
    session: Session, floor: Floor
) -> None:
    week = [handled_ticket(session, floor.ana, day=d) for d in range(5)]
    week += [handled_ticket(session, floor.ben, day=d) for d in range(3)]
    handled_ticket(session, floor.ana, day=1, status="open")  # not finished: not reviewable
    handled_ticket(session, floor.ana, day=7)  # the next week
    handled_ticket(session, floor.ana, day=-1)  # the week before
    handled_ticket(session, floor.cid, day=1)  # another team
    session.commit()

    sample = draw_review_sample(
        session, actor=floor.actor(session, floor.lead), data=ask(floor), now=NOW
    )

    detail = sample_detail(session, actor=floor.actor(session, floor.lead), sample_id=sample.id)
    assert detail.week_start == date(2026, 3, 2)
    assert sorted(a.agent_name for a in detail.assignments) == ["Ana Agent"] * 2 + ["Ben Agent"] * 2
    assert {a.ticket_id for a in detail.assignments} <= {t.id for t in week}
    assert {a.reviewer_name for a in detail.assignments} == {"Sam Supervisor"}
    assert {a.status for a in detail.assignments} == {"open"}


def test_the_week_runs_monday_to_monday_in_the_teams_time_zone(
    session: Session, floor: Floor
) -> None:
    floor.billing.time_zone = "America/New_York"  # UTC−5 in early March
    early = handled_ticket(session, floor.ana)  # Monday 10:00 UTC = 05:00 in New York
    late_sunday = handled_ticket(session, floor.ana, created_at=MONDAY + timedelta(hours=3))
    session.commit()

    sample = draw_review_sample(
        session, actor=floor.actor(session, floor.lead), data=ask(floor, per_agent=5), now=NOW
    )

    # 03:00 UTC on Monday is still Sunday evening in New York: the previous week.
    assert [a.ticket_id for a in sample.assignments] == [early.id]
    assert late_sunday.id not in {a.ticket_id for a in sample.assignments}


def test_drawing_again_never_picks_an_interaction_twice(session: Session, floor: Floor) -> None:
    tickets = [handled_ticket(session, floor.ana, day=d % 5) for d in range(5)]
    session.commit()
    lead = floor.actor(session, floor.lead)

    first = draw_review_sample(session, actor=lead, data=ask(floor), now=NOW)
    second = draw_review_sample(session, actor=lead, data=ask(floor), now=NOW)
    third = draw_review_sample(session, actor=lead, data=ask(floor), now=NOW)
    fourth = draw_review_sample(session, actor=lead, data=ask(floor), now=NOW)

    drawn = [a.ticket_id for s in (first, second, third) for a in s.assignments]
    assert sorted(drawn) == sorted(t.id for t in tickets)
    assert fourth.assignments == []


def test_targeted_samples_pick_low_csat_escalated_and_negative_conversations(
    session: Session, floor: Floor
) -> None:
    plain = [handled_ticket(session, floor.ana, day=d) for d in range(4)]
    low_csat = handled_ticket(session, floor.ana, day=1)
    add_event(session, low_csat, "satisfaction", via="customer", survey="csat", rating=2)
    escalated = handled_ticket(session, floor.ana, day=2)
    add_event(session, escalated, "escalation", from_value="frontline", to_value="senior")
    angry = handled_ticket(session, floor.ana, day=3)
    add_event(session, angry, "customer_message", via="customer", body="This is terrible!")
    session.commit()
    targets = [Target.LOW_CSAT, Target.ESCALATED, Target.NEGATIVE_SENTIMENT]

    sample = draw_review_sample(
        session,
        actor=floor.actor(session, floor.lead),
        data=ask(floor, per_agent=1, targets=targets, targeted_per_agent=3),
        now=NOW,
    )

    reasons = {a.ticket_id: a.reasons for a in sample.assignments}
    assert reasons[low_csat.id] == ["low_csat"]
    assert reasons[escalated.id] == ["escalated"]
    assert reasons[angry.id] == ["negative_sentiment"]
    assert [r for t, r in reasons.items() if t in {p.id for p in plain}] == [["random"]]


def test_a_stratified_sample_is_stored_with_its_method_and_seed(
    session: Session, floor: Floor
) -> None:
    for day, channel in enumerate(["email", "email", "phone", "chat"]):
        handled_ticket(session, floor.ana, day=day, channel=channel)
    session.commit()

    sample = draw_review_sample(
        session,
        actor=floor.actor(session, floor.lead),
        data=ask(floor, per_agent=2, method=SampleMethod.STRATIFIED, seed=None),
        now=NOW,
    )

    assert (sample.method, len(sample.assignments)) == ("stratified", 2)
    assert sample.seed > 0  # derived from team, scorecard and week when not given


def test_reviewers_take_turns_and_must_be_allowed_to_review_the_team(
    session: Session, floor: Floor
) -> None:
    for day in range(4):
        handled_ticket(session, floor.ana, day=day)
    session.commit()
    lead = floor.actor(session, floor.lead)
    reviewers = [floor.lead.id, floor.second_lead.id]

    sample = draw_review_sample(
        session, actor=lead, data=ask(floor, reviewer_ids=reviewers, per_agent=4), now=NOW
    )
    with pytest.raises(RuleViolation) as outsider:
        draw_review_sample(
            session, actor=lead, data=ask(floor, reviewer_ids=[floor.returns_lead.id]), now=NOW
        )

    assert [a.reviewer_id for a in sample.assignments] == reviewers * 2
    assert outsider.value.field == "reviewer_ids"
    queue = review_queue(session, actor=floor.actor(session, floor.second_lead))
    assert len(queue) == 2


def test_only_leads_of_the_team_may_draw_its_sample(session: Session, floor: Floor) -> None:
    for person in (floor.ana, floor.returns_lead):
        with pytest.raises(PermissionDenied):
            draw_review_sample(
                session, actor=floor.actor(session, person), data=ask(floor), now=NOW
            )
