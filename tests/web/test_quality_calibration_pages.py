"""Opening a calibration session from the web, on each database: the form offers recent
interactions and the reviewers, the session it opens works with the calibration pages through
to the results, agents are refused, and bad input is explained with nothing saved."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from coaching_pages_floor import NOW, build_floor, make_app, visitors
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.quality import seed_default_scorecard
from floorlead.quality.tables import QaCalibration

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


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    ids = build_floor(session)
    ids["card"] = seed_default_scorecard(session, NOW - timedelta(days=60)).id
    for key, agent, days_ago, subject in [
        ("refund", "ana", 3, "Refund not received"),
        ("invoice", "ben", 5, "Invoice address wrong"),
        ("old", "ana", 40, "Old complaint"),
    ]:
        ticket = make_ticket(
            session,
            subject=subject,
            assignee_id=ids[agent],
            team_id=ids["billing"],
            status="solved",
            created_at=NOW - timedelta(days=days_ago),
        )
        ids[key] = ticket.id
    ids["parcel"] = make_ticket(
        session,
        subject="Broken parcel",
        assignee_id=ids["bo"],
        team_id=ids["returns"],
        status="solved",
        created_at=NOW - timedelta(days=2),
    ).id
    session.commit()
    return ids


@pytest.fixture
def sign_in(settings: Settings, floor: dict[str, int]) -> Iterator:
    with visitors(make_app(settings)) as sign_in:
        yield sign_in


def _opened(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(QaCalibration)) or 0


def _session_form(floor: dict[str, int], **changes: str | list[str]) -> dict:
    return {
        "name": "March refunds calibration",
        "scorecard_id": str(floor["card"]),
        "ticket_ids": [str(floor["refund"])],
        "other_tickets": f"#{floor['invoice']}",
        "panel_ids": [str(floor["sam"]), str(floor["tess"])],
    } | changes


def _score(visitor, path: str, ticket_id: int, answers: dict[str, str]) -> int:
    form = {"ticket_id": str(ticket_id)} | {f"answer.{k}": v for k, v in answers.items()}
    return visitor.post(f"{path}/scores", form).status_code


def test_a_supervisor_opens_a_session_that_runs_through_to_the_agreement(
    sign_in, floor: dict[str, int]
) -> None:
    sam, tess, lee = sign_in("sam"), sign_in("tess"), sign_in("lee")

    listing = sam.get("/quality/calibrations")
    form = sam.get("/quality/calibrations/new")
    opened = sam.post("/quality/calibrations", _session_form(floor))
    path = opened.headers["location"]
    while_open = sam.get(path)
    scored = [
        _score(who, path, floor[ticket], answers)
        for who in (sam, tess)
        for ticket, answers in (("refund", PERFECT), ("invoice", WORKED_EXAMPLE))
    ]
    closed = sam.post(f"{path}/close", {})
    results = tess.get(path)

    candidates = form.text.split('data-testid="candidates"')[1].split("</div>")[0]
    reviewers = form.text.split('data-testid="reviewers"')[1].split("</div>")[0]
    assert 'href="/quality/calibrations/new"' in listing.text
    assert "Refund not received" in candidates and "Invoice address wrong" in candidates
    assert "Old complaint" not in candidates and "Broken parcel" not in candidates
    for name in ("Lee Lead", "Max Manager", "Sam Supervisor", "Sue Supervisor", "Tess Lead"):
        assert name in reviewers
    assert "Ana Agent" not in reviewers
    assert opened.status_code == 303 and path.startswith("/quality/calibrations/")
    assert "March refunds calibration" in while_open.text
    assert "Refund not received" in while_open.text and "Invoice address wrong" in while_open.text
    assert "Save my scores" in while_open.text
    assert scored == [303, 303, 303, 303]
    assert closed.status_code == 303
    # Both reviewers scored 100 % and 77.5 %: full agreement, alpha 1.
    assert '<span class="value" data-testid="overall-alpha">1.000</span>' in results.text
    assert lee.get(path).status_code == 404  # not on the panel


def test_agents_may_not_open_a_calibration_session(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    ana = sign_in("ana")

    listing = ana.get("/quality/calibrations")
    form = ana.get("/quality/calibrations/new")
    posted = ana.post("/quality/calibrations", _session_form(floor))

    assert "/quality/calibrations/new" not in listing.text
    assert form.status_code == 403
    assert posted.status_code == 403
    assert _opened(session) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Name: give the session a name"),
        ({"ticket_ids": [], "other_tickets": ""}, "Interactions: tick or type at least one"),
        ({"other_tickets": "4711, abc"}, "Interactions: &#39;abc&#39; is not a ticket number"),
        ({"other_tickets": "999999"}, "Interactions: no ticket 999999"),
        ({"panel_ids": ["{sam}"]}, "Reviewers: tick at least two reviewers"),
        ({"panel_ids": ["{sam}", "{ana}"]}, "Reviewers: person {ana} is not a reviewer"),
    ],
)
def test_bad_input_is_explained_on_the_form_and_opens_nothing(
    sign_in, floor: dict[str, int], session: Session, changes: dict, message: str
) -> None:
    sam = sign_in("sam")
    changes = {
        k: [v.format(**floor) for v in value] if isinstance(value, list) else value
        for k, value in changes.items()
    }

    refused = sam.post("/quality/calibrations", _session_form(floor, **changes))

    assert refused.status_code == 422
    assert message.format(**floor) in refused.text
    assert 'data-testid="calibration-form"' in refused.text
    assert _opened(session) == 0
