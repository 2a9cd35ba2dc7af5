import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.auth.actors import load_actor
from floorlead.careers import assign_role, seed_role_definitions
from floorlead.config import Settings
from floorlead.quality import AnswerIn, ReviewCreate, record_review, seed_default_scorecard
from floorlead.training.tables import TrainingAssignment
from service.coaching.event_kpis import answer_csat

from factories import PASSWORD, make_person, make_team, make_ticket

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PASSING = {
    "verified_identity": "yes",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "4",
    "next_steps": "yes",
    "empathy": "4",
    "clarity": "4",
    "greeting": "yes",
}


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _signed_in(settings: Settings, email: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(settings, clock=FixedClock()))
    client.post("/login", data={"email": email, "password": PASSWORD})
    home = client.get("/")
    token = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    return client, token


@pytest.fixture
def floor(sqlite_session: Session) -> dict[str, int]:
    session = sqlite_session
    team = make_team(session, name="Billing")
    sam = make_person(
        session, role="supervisor", name="Sam Supervisor", email="sam@example.com", team_id=team.id
    )
    team.supervisor_id = sam.id
    ana = make_person(
        session,
        name="Ana Agent",
        email="ana@example.com",
        team_id=team.id,
        manager_id=sam.id,
        hire_date=date(2025, 9, 1),
    )
    session.commit()
    seed_role_definitions(session, NOW)
    assign_role(session, actor=None, person_id=ana.id, role_slug="frontline-agent", now=NOW)
    return {"team": team.id, "sam": sam.id, "ana": ana.id}


def test_the_role_page_shows_the_job_description_with_a_pdf_download(
    sqlite_settings: Settings, floor: dict[str, int]
) -> None:
    client, _ = _signed_in(sqlite_settings, "ana@example.com")

    catalogue = client.get("/roles")
    page = client.get("/roles/team-lead")
    pdf_link = re.search(r'href="([^"]+\.pdf)"', page.text)
    pdf = client.get(pdf_link.group(1)) if pdf_link else None

    assert 'href="/roles/workforce-analyst"' in catalogue.text
    assert page.status_code == 200
    assert "<h1>Team lead</h1>" in page.text
    for heading in (
        "Purpose",
        "Responsibilities",
        "Qualifications",
        "Skills",
        "How success is measured",
        "Training",
        "Where the role leads",
    ):
        assert f"<h2>{heading}</h2>" in page.text
    assert "Download PDF" in page.text
    assert pdf is not None and pdf.content.startswith(b"%PDF")


def test_my_training_lists_assignments_and_a_quiz_is_scored_from_the_page(
    sqlite_settings: Settings, sqlite_session: Session, floor: dict[str, int]
) -> None:
    client, csrf = _signed_in(sqlite_settings, "ana@example.com")
    assignment_id = sqlite_session.scalar(
        select(TrainingAssignment.id)
        .where(TrainingAssignment.person_id == floor["ana"])
        .order_by(TrainingAssignment.due_on)
    )

    mine = client.get("/training")
    page = client.get(f"/training/assignments/{assignment_id}")
    quiz_action = re.search(r'action="(/training/assignments/\d+/modules/\d+/quiz)"', page.text)
    question_ids = re.findall(r'name="question\.(\d+)" value="0"', page.text)
    answered = client.post(
        quiz_action.group(1),
        data={"csrf_token": csrf, **{f"question.{qid}": "1" for qid in question_ids}},
    )

    assert "floorlead for agents" in mine.text and "Welcome to the floor" in mine.text
    assert "Onboarding plan" in mine.text
    assert 'data-testid="quiz"' in page.text
    assert answered.status_code == 200
    assert "You scored 100% (2 of 2) and passed." in answered.text


def test_a_quiz_post_without_the_csrf_token_is_refused(
    sqlite_settings: Settings, floor: dict[str, int]
) -> None:
    client, _ = _signed_in(sqlite_settings, "ana@example.com")

    refused = client.post("/training/assignments/1/modules/2/quiz", data={"question.1": "1"})

    assert refused.status_code == 403


def test_the_readiness_page_lists_gaps_plainly_with_kpis_of_the_last_90_days(
    sqlite_settings: Settings, sqlite_session: Session, floor: dict[str, int]
) -> None:
    # Ana's customers rated her 5 and 2 within the 90 days before today: CSAT 50%.
    for day, rating in [
        (datetime(2026, 2, 10, 11, tzinfo=UTC), 5),
        (datetime(2026, 2, 24, 15, tzinfo=UTC), 2),
    ]:
        answer_csat(sqlite_session, agent_id=floor["ana"], at=day, rating=rating)
    sqlite_session.commit()
    client, _ = _signed_in(sqlite_settings, "ana@example.com")

    page = client.get("/careers", follow_redirects=True)

    assert page.status_code == 200
    assert "<strong>Tenure</strong>: needs 1 year, has 6 months" in page.text
    assert "your own KPI values over the last 90 days, 02 Dec 2025 – 01 Mar 2026" in page.text
    assert (
        "<strong>Customer satisfaction</strong>: needs at least 88%, has 50% "
        '<small class="muted">(higher is better)</small>'
    ) in page.text


def test_the_skill_matrix_and_my_training_list_gaps_with_the_programmes_recommended(
    sqlite_settings: Settings, sqlite_session: Session, floor: dict[str, int]
) -> None:
    # Sam reviewed three of Ana's tickets; she left out the personal greeting in two.
    scorecard = seed_default_scorecard(sqlite_session, NOW)
    sam = load_actor(sqlite_session, floor["sam"])
    for days, greeting in [(9, "no"), (6, "yes"), (3, "no")]:
        ticket = make_ticket(sqlite_session, assignee_id=floor["ana"], team_id=floor["team"])
        answers = {**PASSING, "greeting": greeting}
        record_review(
            sqlite_session,
            actor=sam,
            data=ReviewCreate(
                scorecard_id=scorecard.id,
                ticket_id=ticket.id,
                answers={key: AnswerIn(value=value) for key, value in answers.items()},
            ),
            now=NOW - timedelta(days=days),
        )
    supervisor, _ = _signed_in(sqlite_settings, "sam@example.com")
    agent, _ = _signed_in(sqlite_settings, "ana@example.com")

    page = supervisor.get("/training/matrix", params={"team_id": floor["team"]})
    mine = agent.get("/training")

    assert page.status_code == 200
    table = page.text.split('data-testid="team-gaps"')[1].split("</table>")[0]
    # Ana holds no skills yet; her job role asks for Customer communication at level 3.
    assert "Ana Agent" in table
    assert "Role Frontline agent: needs level 3, has level 0" in table
    assert (
        "<td>Personal greeting and close</td>"
        "<td>QA: Personal greeting and close failed 2 of last 3 reviews</td>"
    ) in table
    gaps = mine.text.split('data-testid="gaps"')[1].split("</ul>")[0]
    assert "QA: Personal greeting and close failed 2 of last 3 reviews" in gaps
    assert "Recommended: Welcome to the floor" in gaps


def test_supervisors_see_hiring_and_the_skill_matrix_and_agents_do_not(
    sqlite_settings: Settings, floor: dict[str, int]
) -> None:
    supervisor, csrf = _signed_in(sqlite_settings, "sam@example.com")
    agent, _ = _signed_in(sqlite_settings, "ana@example.com")

    opened = supervisor.post(
        "/hiring/requisitions",
        data={"csrf_token": csrf, "role": "frontline-agent", "team_id": str(floor["team"])},
    )
    matrix = supervisor.get("/training/matrix")
    refused = agent.get("/hiring")

    assert opened.status_code == 200 and "Add a candidate" in opened.text
    assert 'href="/hiring"' in supervisor.get("/roles").text
    assert "Ana Agent" in matrix.text
    assert refused.status_code == 403
