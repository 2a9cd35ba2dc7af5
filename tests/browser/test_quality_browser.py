from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.quality.schemas import AnswerIn, ReviewCreate
from floorlead.quality.service import record_review, seed_default_scorecard

from factories import PASSWORD, make_person, make_team, make_ticket
from livesite import serve

pytestmark = pytest.mark.browser

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
NOW = MONDAY + timedelta(days=7, hours=9)
# The worked example of docs/quality/guide.md: 77.5 %.
ANSWERS = {
    "verified_identity": "na",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "empathy": "5",
    "clarity": "4",
    "greeting": "yes",
}


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _floor(session: Session) -> dict[str, Any]:
    team = make_team(session, name="Billing")
    sam = make_person(
        session, role="supervisor", name="Sam Supervisor", email="sam@example.com", team_id=team.id
    )
    team.supervisor_id = sam.id
    ana = make_person(session, name="Ana Agent", email="ana@example.com", team_id=team.id)
    tickets = [
        make_ticket(
            session,
            assignee_id=ana.id,
            team_id=team.id,
            status="solved",
            subject=f"Refund not received {day}",
            created_at=MONDAY + timedelta(days=day, hours=10),
        )
        for day in range(3)
    ]
    session.commit()
    card = seed_default_scorecard(session, MONDAY)
    return {"sam": sam, "ana": ana, "tickets": tickets, "card": card}


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/login?next=/quality")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def _sign_out(page: Any) -> None:
    page.click("header button:has-text('Sign out')")
    page.wait_for_url("**/login")


def test_a_reviewer_scores_a_sampled_interaction_and_the_agent_acknowledges_it(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    _floor(sqlite_session)

    with serve(create_app(sqlite_settings, clock=FixedClock())) as base:
        _sign_in(page, base, "sam@example.com")
        page.wait_for_url(f"{base}/quality/queue")
        page.fill("input[name=week]", "2026-03-04")
        page.fill("input[name=per_agent]", "2")
        page.click("button:has-text('Draw sample')")
        page.wait_for_selector("text=Sample drawn: 2 interactions to review.")
        page.click("[data-testid=queue] a:has-text('Review') >> nth=0")
        page.wait_for_selector("[data-testid=timeline]")
        answers = list(ANSWERS.items())
        for key, value in answers[:5]:
            page.check(f'input[name="answer.{key}"][value="{value}"]')
        # Compliance and resolution only so far: (30 × 100 + 40 × 50) / 70 = 71.4 %.
        page.wait_for_selector("[data-testid=live-score] >> text=71.4%")
        for key, value in answers[5:]:
            page.check(f'input[name="answer.{key}"][value="{value}"]')
        page.wait_for_selector("[data-testid=live-score] >> text=77.5%")
        page.fill("textarea[name=strengths]", "Warm and clear.")
        page.click("button:has-text('Save review')")
        page.wait_for_selector("text=Review saved")
        reviewer_sees = page.inner_text("[data-testid=review-score]")
        _sign_out(page)

        _sign_in(page, base, "ana@example.com")
        page.wait_for_url(f"{base}/quality/my-reviews")
        new_for_ana = page.inner_text("main")
        page.click("[data-testid=my-reviews] a >> nth=0")
        page.click("button:has-text('Acknowledge')")
        page.wait_for_selector("[data-testid=review-status] >> text=Acknowledged")

        assert reviewer_sees == "77.5%"
        assert "was reviewed" in new_for_ana
        assert "Warm and clear." in page.inner_text("main")
        assert "Dispute" not in page.inner_text("main")  # acknowledged: nothing left to answer


def test_a_supervisor_reads_the_qa_report_with_the_failing_criteria(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    world = _floor(sqlite_session)
    sam = load_actor(sqlite_session, world["sam"].id)
    for ticket, greeting in zip(world["tickets"], ["no", "no", "yes"], strict=True):
        answers = {k: AnswerIn(value=v) for k, v in (ANSWERS | {"greeting": greeting}).items()}
        data = ReviewCreate(scorecard_id=world["card"].id, ticket_id=ticket.id, answers=answers)
        record_review(sqlite_session, actor=sam, data=data, now=NOW)

    with serve(create_app(sqlite_settings, clock=FixedClock())) as base:
        _sign_in(page, base, "sam@example.com")
        page.wait_for_url(f"{base}/quality/queue")
        page.click("nav[aria-label=Quality] >> text=QA report")
        page.wait_for_selector("[data-testid=failing]")
        failing = page.locator("[data-testid=failing] tbody tr").all_inner_texts()
        trend = page.locator("[data-testid=trend] tbody tr").all_inner_texts()

    # Next steps fails in all three reviews, the greeting in two of three.
    assert [" ".join(row.split()) for row in failing[:2]] == [
        "Set clear next steps 100% 3/3",
        "Personal greeting and close 67% 2/3",
    ]
    # Greeting no, no, yes: communication (1 + 0.75) / 3 gives 67.5 % twice, 77.5 % once;
    # their mean is 70.8 %.
    assert [" ".join(row.split()) for row in trend] == ["Ana Agent 70.8%"]
