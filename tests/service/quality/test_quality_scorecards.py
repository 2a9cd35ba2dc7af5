import pytest
from quality_world import NOW, Floor, build_floor, handled_ticket, review_input
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.tables import AuditEntry
from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.quality.model import AnswerType
from floorlead.quality.queries import list_scorecards, scorecard_detail
from floorlead.quality.review_queries import review_detail
from floorlead.quality.reviews import record_review
from floorlead.quality.schemas import CriterionIn, ScorecardCreate, ScorecardUpdate, SectionIn
from floorlead.quality.service import create_scorecard, seed_default_scorecard, update_scorecard


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def chat_card(
    name: str = "Chat basics", greeting_label: str = "Greets the customer"
) -> ScorecardCreate:
    return ScorecardCreate(
        name=name,
        sections=[
            SectionIn(
                name="Manner",
                weight=1,
                criteria=[
                    CriterionIn(
                        key="greeting", label=greeting_label, answer_type=AnswerType.YES_NO
                    ),
                    CriterionIn(key="tone", label="Tone", answer_type=AnswerType.SCALE, weight=2),
                ],
            )
        ],
    )


def test_a_supervisor_creates_a_scorecard_and_it_is_audited(session: Session, floor: Floor) -> None:
    card = create_scorecard(
        session, actor=floor.actor(session, floor.lead), data=chat_card(), now=NOW
    )

    detail = scorecard_detail(session, actor=floor.actor(session, floor.ana), scorecard_id=card.id)
    assert detail.version.number == 1
    assert [c.key for c in detail.version.sections[0].criteria] == ["greeting", "tone"]
    audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "qa_scorecard")).all()
    assert [(a.action, a.entity_id) for a in audit][-1] == ("create", str(card.id))


def test_agents_and_team_leads_may_not_edit_scorecards(session: Session, floor: Floor) -> None:
    for person in (floor.ana, floor.second_lead):
        with pytest.raises(PermissionDenied):
            create_scorecard(session, actor=floor.actor(session, person), data=chat_card(), now=NOW)


def test_names_are_unique_and_bad_definitions_name_the_field(
    session: Session, floor: Floor
) -> None:
    lead = floor.actor(session, floor.lead)
    create_scorecard(session, actor=lead, data=chat_card(), now=NOW)
    broken = chat_card("Broken")
    broken.sections[0].criteria[1].auto_fail = True

    with pytest.raises(Conflict) as taken:
        create_scorecard(session, actor=lead, data=chat_card("chat BASICS"), now=NOW)
    with pytest.raises(RuleViolation) as refused:
        create_scorecard(session, actor=lead, data=broken, now=NOW)

    assert taken.value.field == "name"
    assert refused.value.field == "sections[0].criteria[1].auto_fail"


def test_editing_an_unused_scorecard_changes_its_version_in_place(
    session: Session, floor: Floor
) -> None:
    lead = floor.actor(session, floor.lead)
    card = create_scorecard(session, actor=lead, data=chat_card(), now=NOW)

    update_scorecard(
        session,
        actor=lead,
        scorecard_id=card.id,
        changes=ScorecardUpdate(sections=chat_card(greeting_label="Says hello").sections),
        now=NOW,
    )

    detail = scorecard_detail(session, actor=lead, scorecard_id=card.id)
    assert (detail.version.number, detail.version_numbers) == (1, [1])
    assert detail.version.sections[0].criteria[0].label == "Says hello"


def test_editing_a_scorecard_with_reviews_makes_a_new_version_and_old_reviews_keep_theirs(
    session: Session, floor: Floor
) -> None:
    lead = floor.actor(session, floor.lead)
    ticket = handled_ticket(session, floor.ana)
    review = record_review(session, actor=lead, data=review_input(floor, ticket), now=NOW)
    current = scorecard_detail(session, actor=lead, scorecard_id=floor.scorecard.id)
    sections = [s.model_dump() for s in current.version.sections]
    sections[2]["criteria"][0]["weight"] = 5  # empathy counts more from now on

    update_scorecard(
        session,
        actor=lead,
        scorecard_id=floor.scorecard.id,
        changes=ScorecardUpdate(sections=[SectionIn.model_validate(s) for s in sections]),
        now=NOW,
    )

    after = scorecard_detail(session, actor=lead, scorecard_id=floor.scorecard.id)
    first = scorecard_detail(session, actor=lead, scorecard_id=floor.scorecard.id, version=1)
    assert after.version_numbers == [1, 2]
    assert after.version.sections[2].criteria[0].weight == 5
    assert first.version.sections[2].criteria[0].weight == 1
    kept = review_detail(session, actor=lead, review_id=review.id)
    assert (kept.version, kept.score) == (1, pytest.approx(77.5))


def test_seeding_the_default_scorecard_twice_returns_the_same_one(
    session: Session, floor: Floor
) -> None:
    again = seed_default_scorecard(session, NOW)

    assert again.id == floor.scorecard.id
    listed = list_scorecards(session, actor=floor.actor(session, floor.admin))
    assert [(s.name, s.current_version, s.reviews) for s in listed] == [
        ("Customer service standard", 1, 0)
    ]


def test_a_retired_scorecard_takes_no_new_reviews(session: Session, floor: Floor) -> None:
    lead = floor.actor(session, floor.lead)
    update_scorecard(
        session,
        actor=lead,
        scorecard_id=floor.scorecard.id,
        changes=ScorecardUpdate(active=False),
        now=NOW,
    )
    ticket = handled_ticket(session, floor.ana)

    with pytest.raises(RuleViolation, match="retired") as refused:
        record_review(session, actor=lead, data=review_input(floor, ticket), now=NOW)

    assert refused.value.field == "scorecard_id"
