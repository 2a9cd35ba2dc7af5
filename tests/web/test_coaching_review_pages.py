"""Performance review pages over HTTP, on each database: a supervisor writes a review from the
form (the service works out KPIs, goals, QA and attendance), who sees which reviews, and bad
input explained on the form with nothing saved."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from coaching_pages_floor import (
    MONDAY,
    ana_csat_goal,
    ana_week_of_shifts,
    at,
    build_floor,
    make_app,
    visitors,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.coaching.tables import PerformanceReview
from floorlead.config import Settings
from floorlead.quality import AnswerIn, ReviewCreate, record_review, seed_default_scorecard

from factories import make_ticket

PERFECT = {
    "verified_identity": "yes",
    "data_protection": "yes",
    "understood_issue": "5",
    "correct_answer": "5",
    "next_steps": "yes",
    "empathy": "5",
    "clarity": "5",
    "greeting": "yes",
}
# The worked example of docs/quality/guide.md: 77.5 %.
WORKED_EXAMPLE = PERFECT | {
    "verified_identity": "na",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "clarity": "4",
}
FORM = {
    "period_start": "2026-03-02",
    "period_end": "2026-03-08",
    "rating": "4",
    "comments": "Steady week; mind the Tuesday absence.",
}


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    return build_floor(session)


@pytest.fixture
def sign_in(settings: Settings, floor: dict[str, int]) -> Iterator:
    with visitors(make_app(settings)) as sign_in:
        yield sign_in


def _qa_reviews(session: Session, floor: dict[str, int]) -> None:
    """77.5 % on Sunday 1 March (before the period), then 100 % and 77.5 % in it."""
    card = seed_default_scorecard(session, MONDAY)
    sam = load_actor(session, floor["sam"])
    for when, answers in [
        (at(-1, 12), WORKED_EXAMPLE),
        (at(1, 12), PERFECT),
        (at(4, 12), WORKED_EXAMPLE),
    ]:
        ticket = make_ticket(
            session,
            assignee_id=floor["ana"],
            team_id=floor["billing"],
            status="solved",
            created_at=when - timedelta(hours=2),
        )
        session.commit()
        data = ReviewCreate(
            scorecard_id=card.id,
            ticket_id=ticket.id,
            answers={key: AnswerIn(value=value) for key, value in answers.items()},
        )
        record_review(session, actor=sam, data=data, now=when)


def _reviews(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(PerformanceReview)) or 0


def test_a_supervisor_writes_a_review_and_sees_the_figures_the_service_worked_out(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    ana_week_of_shifts(session, floor)
    ana_csat_goal(session, floor)
    _qa_reviews(session, floor)
    sam = sign_in("sam")

    form = sam.get("/coaching/reviews/new", agent_id=str(floor["ana"]))
    saved = sam.post("/coaching/reviews", FORM | {"agent_id": str(floor["ana"])})
    page = sam.get(saved.headers["location"])
    figures = page.text.split('data-testid="review-figures"')[1].split("</section>")[0]

    assert form.status_code == 200
    assert f'<option value="{floor["ana"]}" selected>Ana Agent</option>' in form.text
    assert 'value="2026-02-01"' in form.text and 'value="2026-02-28"' in form.text
    assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=1")
    assert "Review saved" in page.text
    assert "4/5" in figures and "1/1" in figures  # rating; the CSAT goal met
    assert "88.8" in figures  # QA: (100 + 77.5) / 2 = 88.75, the review before the period left out
    assert "67%" in figures  # attended 2 of 3 shifts
    assert "3 shifts · 1 absent · 1 late · 0 left early" in figures
    assert "Customer satisfaction (CSAT)" in page.text and "Met" in page.text
    assert "Steady week; mind the Tuesday absence." in page.text


def test_agents_see_only_their_own_reviews_and_may_not_write_one(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    sam = sign_in("sam")
    written = sam.post(
        "/coaching/reviews", FORM | {"agent_id": str(floor["ana"]), "qa_score": "90"}
    )
    review_path = written.headers["location"].split("?")[0]
    ana, ben, lee, max_, sue = (sign_in(n) for n in ("ana", "ben", "lee", "max", "sue"))

    ana_list, ben_list = ana.get("/coaching/reviews"), ben.get("/coaching/reviews")
    refused_form = ana.get("/coaching/reviews/new")
    refused_post = ana.post("/coaching/reviews", FORM | {"agent_id": str(floor["ben"])})

    assert "Ana Agent" in ana_list.text and "Write a review" not in ana_list.text
    assert "No performance reviews yet." in ben_list.text
    assert ana.get(review_path).status_code == 200
    assert ben.get(review_path).status_code == 403
    assert sue.get(review_path).status_code == 403
    for coach in (lee, max_):
        assert "Ana Agent" in coach.get("/coaching/reviews").text
        assert coach.get(review_path).status_code == 200
    assert "Write a review" in lee.get("/coaching/reviews").text
    assert refused_form.status_code == 403
    assert refused_post.status_code == 403
    assert _reviews(session) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rating": ""}, "Rating: choose a rating from 1 to 5"),
        ({"period_end": "2026-03-01"}, "Period end: the period ends before it starts"),
        ({"period_start": "2026-13-01"}, "Period start: &#39;2026-13-01&#39; is not a date"),
        ({"qa_score": "120"}, "QA score: qa_score must be between 0 and 100"),
        ({"target_1": "80"}, "KPI targets: row 1: choose the KPI of target 80"),
        ({"kpi_1": "csat"}, "KPI targets: row 1: give a target for csat"),
        (
            {"kpi_1": "no_such_kpi", "target_1": "1"},
            "KPI targets: no KPI named &#39;no_such_kpi&#39;",
        ),
        ({"agent_id": ""}, "Agent: choose one"),
    ],
)
def test_bad_input_shows_the_form_again_naming_the_field_and_saves_nothing(
    sign_in, floor: dict[str, int], session: Session, changes: dict[str, str], message: str
) -> None:
    sam = sign_in("sam")

    refused = sam.post("/coaching/reviews", FORM | {"agent_id": str(floor["ana"])} | changes)

    assert refused.status_code in {400, 422}
    assert message in refused.text
    assert 'data-testid="review-form"' in refused.text
    assert "Steady week; mind the Tuesday absence." in refused.text  # what was typed is kept
    assert _reviews(session) == 0


def test_a_period_is_reviewed_once(sign_in, floor: dict[str, int], session: Session) -> None:
    sam = sign_in("sam")
    sent = FORM | {"agent_id": str(floor["ana"]), "qa_score": "90"}

    first = sam.post("/coaching/reviews", sent)
    again = sam.post("/coaching/reviews", sent)

    assert first.status_code == 303
    assert (
        again.status_code == 409 and "Period start: this period is already reviewed" in again.text
    )
    assert _reviews(session) == 1
