"""The goal, kudos and pulse survey forms over HTTP, on each database. Bad input shows the
form again with what was typed and a message led by the field's label (422; 409 for a second
answer to a survey), nothing saved; good input is saved."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from coaching_pages_floor import (
    NOW,
    build_floor,
    count_rows,
    form_in,
    make_app,
    marked_invalid,
    shown_text,
    visitors,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.coaching import open_pulse_survey
from floorlead.coaching.tables import Goal, Kudos, PulseResponse, PulseSurvey
from floorlead.config import Settings

GOAL = {"kpi": "average_handle_time", "target": "240", "due_on": "2026-04-30", "note": "Use macros"}
QUESTION = "Would you recommend Billing?"


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    return build_floor(session)


@pytest.fixture
def sign_in(settings: Settings, floor: dict[str, int]) -> Iterator:
    with visitors(make_app(settings)) as sign_in:
        yield sign_in


def test_a_coach_sets_a_goal(sign_in, floor: dict[str, int], session: Session) -> None:
    lee = sign_in("lee")

    added = lee.post(f"/coaching/agents/{floor['ana']}/goals", GOAL)

    assert added.status_code == 303
    session.expire_all()
    goal = session.scalars(select(Goal)).one()
    assert (goal.kpi, goal.target, goal.due_on) == ("average_handle_time", 240.0, date(2026, 4, 30))
    assert goal.note == "Use macros"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target": "about 4 minutes"}, "target", "Target: 'about 4 minutes' is not a number"),
        ({"target": ""}, "target", "Target: enter a number"),
        ({"target": "nan"}, "target", "Target: 'nan' is not a number"),
        ({"due_on": "30/04/2026"}, "due_on", "Due: '30/04/2026' is not a date (like 2026-03-02)"),
        ({"due_on": "2026-03-01"}, "due_on", "Due: the goal is due before it starts"),
    ],
)
def test_a_bad_goal_is_explained_on_the_agents_page_and_nothing_is_saved(
    sign_in,
    floor: dict[str, int],
    session: Session,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    lee = sign_in("lee")

    refused = lee.post(f"/coaching/agents/{floor['ana']}/goals", GOAL | changes)
    form = form_in(refused.text, "goal-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, field)
    assert '<option value="average_handle_time" selected>' in form
    assert f'value="{(GOAL | changes)[field]}"' in form and 'value="Use macros"' in form
    assert count_rows(session, Goal) == 0


def test_a_teammate_gives_kudos(sign_in, floor: dict[str, int], session: Session) -> None:
    ana = sign_in("ana")
    wall = f"/coaching/teams/{floor['billing']}/kudos"

    thanked = ana.post(wall, {"recipient_id": str(floor["ben"]), "message": "Thanks for the cover"})

    assert thanked.status_code == 303
    assert "Thanks for the cover" in ana.get(wall).text
    assert count_rows(session, Kudos) == 1


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"recipient": "ben", "message": ""}, "message", "Message: message must not be empty"),
        ({"recipient": "", "message": "Thanks for the cover"}, "recipient_id", "Who: choose one"),
    ],
)
def test_bad_kudos_are_explained_on_the_wall_and_nothing_is_saved(
    sign_in,
    floor: dict[str, int],
    session: Session,
    sent: dict[str, str],
    field: str,
    message: str,
) -> None:
    ana = sign_in("ana")
    recipient = str(floor[sent["recipient"]]) if sent["recipient"] else ""

    refused = ana.post(
        f"/coaching/teams/{floor['billing']}/kudos",
        {"recipient_id": recipient, "message": sent["message"]},
    )
    form = form_in(refused.text, "kudos-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, field)
    if recipient:
        assert f'<option value="{recipient}" selected>' in form
    assert f">{sent['message']}</textarea>" in form
    assert count_rows(session, Kudos) == 0


def test_a_coach_opens_a_survey_until_the_end_of_the_chosen_day(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee = sign_in("lee")

    opened = lee.post(
        f"/coaching/teams/{floor['billing']}/pulse",
        {"question": QUESTION, "closes_on": "2026-04-03"},
    )

    assert opened.status_code == 303
    session.expire_all()
    survey = session.scalars(select(PulseSurvey)).one()
    assert survey.question == QUESTION
    assert survey.closes_at == datetime(2026, 4, 4, tzinfo=UTC)  # the end of 3 April, UTC


@pytest.mark.parametrize(
    ("closes_on", "field", "message"),
    [
        ("", "closes_on", "Open until: give a date (like 2026-03-02)"),
        ("2026-03-29", "closes_at", "Open until: the survey must close after it opens"),
        ("9999-12-31", "closes_on", "Open until: 9999-12-31 is too far ahead"),
    ],
)
def test_a_bad_survey_is_explained_and_nothing_is_saved(
    sign_in, floor: dict[str, int], session: Session, closes_on: str, field: str, message: str
) -> None:
    lee = sign_in("lee")

    refused = lee.post(
        f"/coaching/teams/{floor['billing']}/pulse",
        {"question": QUESTION, "closes_on": closes_on},
    )
    form = form_in(refused.text, "survey-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, "closes_on")
    assert f'id="error-{field}"' in form
    assert f'value="{QUESTION}"' in form and f'value="{closes_on}"' in form
    assert count_rows(session, PulseSurvey) == 0


@pytest.fixture
def survey(session: Session, floor: dict[str, int]) -> int:
    opened = open_pulse_survey(
        session,
        actor=load_actor(session, floor["lee"]),
        team_id=floor["billing"],
        question=QUESTION,
        closes_at=NOW + timedelta(days=2),
        now=NOW,
    )
    return opened.id


def test_a_member_answers_the_survey_once(
    sign_in, floor: dict[str, int], survey: int, session: Session
) -> None:
    ana = sign_in("ana")

    answered = ana.post(f"/coaching/pulse/{survey}/answer", {"score": "9", "comment": "Good"})
    again = ana.post(f"/coaching/pulse/{survey}/answer", {"score": "3", "comment": "Changed"})

    assert answered.status_code == 303
    assert answered.headers["location"] == f"/coaching/teams/{floor['billing']}/pulse"
    assert again.status_code == 409
    assert "Survey: you have already answered this survey" in shown_text(again.text)
    session.expire_all()
    assert [(r.score, r.comment) for r in session.scalars(select(PulseResponse))] == [(9, "Good")]


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("nine", "Score: 'nine' is not a whole number"),
        ("", "Score: give a score from 0 to 10"),
        ("11", "Score: score must be between 0 and 10"),
    ],
)
def test_a_bad_answer_is_explained_on_the_survey_and_nothing_is_saved(
    sign_in, floor: dict[str, int], survey: int, session: Session, score: str, message: str
) -> None:
    ana = sign_in("ana")

    refused = ana.post(f"/coaching/pulse/{survey}/answer", {"score": score, "comment": "Busy"})
    form = form_in(refused.text, "answer-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, "score") and f'value="{score}"' in form
    assert 'value="Busy"' in form
    assert count_rows(session, PulseResponse) == 0
