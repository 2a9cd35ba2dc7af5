from datetime import date, timedelta

import pytest
from quality_world import GOOD_ANSWERS, NOW, Floor, build_floor, handled_ticket, review_input
from sqlalchemy.orm import Session

from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from floorlead.quality.calibration_choices import calibration_candidates, calibration_reviewers
from floorlead.quality.calibration_queries import calibration_detail, calibration_results
from floorlead.quality.calibrations import (
    close_calibration,
    open_calibration,
    submit_calibration_scores,
)
from floorlead.quality.model import ReportGroup
from floorlead.quality.reports import quality_report
from floorlead.quality.reviews import record_review
from floorlead.quality.schemas import CalibrationCreate, CalibrationScores


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def test_calibration_is_blind_until_closed_then_shows_agreement_and_the_outlier(
    session: Session, floor: Floor
) -> None:
    tickets = [handled_ticket(session, floor.ana, day=d) for d in range(2)]
    session.commit()
    sam, tess, max_ = (
        floor.actor(session, p) for p in (floor.lead, floor.second_lead, floor.manager)
    )
    calibration = open_calibration(
        session,
        actor=sam,
        data=CalibrationCreate(
            name="March calibration",
            scorecard_id=floor.scorecard.id,
            ticket_ids=[t.id for t in tickets],
            panel_ids=[floor.lead.id, floor.second_lead.id, floor.manager.id],
        ),
        now=NOW,
    )
    harsh = {**GOOD_ANSWERS, "correct_answer": "1", "empathy": "2"}
    for actor, chosen in ((sam, GOOD_ANSWERS), (tess, GOOD_ANSWERS), (max_, harsh)):
        for ticket in tickets:
            submit_calibration_scores(
                session,
                actor=actor,
                calibration_id=calibration.id,
                data=CalibrationScores(ticket_id=ticket.id, answers=chosen),
                now=NOW,
            )

    while_open = calibration_detail(session, actor=tess, calibration_id=calibration.id)
    with pytest.raises(Conflict, match="hidden until the session is closed"):
        calibration_results(session, actor=tess, calibration_id=calibration.id)
    with pytest.raises(PermissionDenied):
        close_calibration(session, actor=tess, calibration_id=calibration.id, now=NOW)
    close_calibration(session, actor=sam, calibration_id=calibration.id, now=NOW)
    results = calibration_results(session, actor=tess, calibration_id=calibration.id)

    assert set(while_open.my_answers) == {t.id for t in tickets}
    assert {p.name: p.submitted for p in while_open.panel} == {
        "Max Manager": 2,
        "Sam Supervisor": 2,
        "Tess Lead": 2,
    }
    alphas = {c.key: (c.level, c.alpha) for c in results.criteria}
    assert alphas["greeting"] == ("nominal", None)  # everyone said yes: no variation
    assert alphas["correct_answer"][0] == "ordinal"
    # Both tickets were scored 3, 3, 1: coincidences o(3,3) = 2, o(3,1) = o(1,3) = 2, so
    # n_3 = 4, n_1 = 2, n = 6 and α = 1 − (n − 1) · (2 + 2) / (2 · 4 · 2) = −0.25.
    assert alphas["correct_answer"][1] == pytest.approx(-0.25)
    # Harsh scores: resolution (1.5 + 0 + 0) / 6 = 25 %, communication (0.25 + 0.75 + 1) / 3.
    harsh_score = 30 + 40 * 0.25 + 30 * (2 / 3)
    spread = results.interactions[0]
    assert (spread.low, spread.high) == (pytest.approx(harsh_score), 77.5)
    assert spread.range == pytest.approx(77.5 - harsh_score)
    assert [(r.name, r.outlier) for r in results.reviewers] == [
        ("Max Manager", True),
        ("Sam Supervisor", False),
        ("Tess Lead", False),
    ]
    assert len(results.entries) == 6


def test_only_the_panel_scores_and_not_after_closing(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    session.commit()
    sam = floor.actor(session, floor.lead)
    calibration = open_calibration(
        session,
        actor=sam,
        data=CalibrationCreate(
            name="Quick",
            scorecard_id=floor.scorecard.id,
            ticket_ids=[ticket.id],
            panel_ids=[floor.lead.id, floor.second_lead.id],
        ),
        now=NOW,
    )
    scores = CalibrationScores(ticket_id=ticket.id, answers=GOOD_ANSWERS)

    with pytest.raises(PermissionDenied):
        submit_calibration_scores(
            session,
            actor=floor.actor(session, floor.ana),
            calibration_id=calibration.id,
            data=scores,
            now=NOW,
        )
    with pytest.raises(NotFound):
        calibration_detail(
            session, actor=floor.actor(session, floor.returns_lead), calibration_id=calibration.id
        )
    close_calibration(session, actor=sam, calibration_id=calibration.id, now=NOW)
    with pytest.raises(Conflict, match="closed"):
        submit_calibration_scores(
            session, actor=sam, calibration_id=calibration.id, data=scores, now=NOW
        )


def test_a_calibration_panel_needs_two_reviewers(session: Session, floor: Floor) -> None:
    ticket = handled_ticket(session, floor.ana)
    data = {"name": "Solo", "scorecard_id": floor.scorecard.id, "ticket_ids": [ticket.id]}

    with pytest.raises(RuleViolation) as agent_on_panel:
        open_calibration(
            session,
            actor=floor.actor(session, floor.lead),
            data=CalibrationCreate(**data, panel_ids=[floor.lead.id, floor.ben.id]),
            now=NOW,
        )

    assert agent_on_panel.value.field == "panel_ids"


def test_the_report_averages_per_agent_and_week_and_ranks_failing_criteria(
    session: Session, floor: Floor
) -> None:
    sam = floor.actor(session, floor.lead)
    for agent, changes in ((floor.ana, {}), (floor.ben, {"greeting": "no", "empathy": "2"})):
        for day in (0, 7):
            ticket = handled_ticket(session, agent, day=day)
            record_review(session, actor=sam, data=review_input(floor, ticket, **changes), now=NOW)

    by_agent = quality_report(
        session, actor=sam, first_week=date(2026, 3, 2), last_week=date(2026, 3, 9)
    )
    by_criterion = quality_report(
        session,
        actor=sam,
        first_week=date(2026, 3, 4),
        last_week=date(2026, 3, 4),
        group=ReportGroup.CRITERION,
        team_id=floor.billing.id,
    )

    # Ben: communication (0.25 + 0.75 + 0) / 3 = 33.33 %: 30 + 20 + 10 = 60 %.
    assert [(p.week_start, p.label, p.score) for p in by_agent.trend] == [
        (date(2026, 3, 2), "Ana Agent", 77.5),
        (date(2026, 3, 2), "Ben Agent", 60.0),
        (date(2026, 3, 9), "Ana Agent", 77.5),
        (date(2026, 3, 9), "Ben Agent", 60.0),
    ]
    assert (by_agent.reviews, by_agent.average) == (4, 68.75)
    assert [(f.key, f.failed, f.answered) for f in by_agent.failing[:3]] == [
        ("next_steps", 4, 4),
        ("empathy", 2, 4),
        ("greeting", 2, 4),
    ]
    assert by_criterion.first_week == date(2026, 3, 2)
    trend = {p.key: p.score for p in by_criterion.trend}
    assert trend["greeting"] == 50.0 and trend["empathy"] == pytest.approx(62.5)
    assert "verified_identity" not in trend  # always N/A


def test_agents_get_no_team_reports_and_leads_only_their_teams(
    session: Session, floor: Floor
) -> None:
    week = date(2026, 3, 2)

    with pytest.raises(PermissionDenied):
        quality_report(
            session, actor=floor.actor(session, floor.ana), first_week=week, last_week=week
        )
    with pytest.raises(PermissionDenied):
        quality_report(
            session,
            actor=floor.actor(session, floor.returns_lead),
            first_week=week,
            last_week=week,
            team_id=floor.billing.id,
        )


def test_a_calibration_is_opened_from_recent_interactions_of_the_facilitators_teams(
    session: Session, floor: Floor
) -> None:
    older = handled_ticket(session, floor.ana, day=-30)
    billing = [handled_ticket(session, floor.ana, day=d, subject=f"Refund {d}") for d in (1, 3)]
    handled_ticket(session, floor.ben, day=2, status="open")
    returns = handled_ticket(session, floor.cid, day=2, subject="Broken parcel")
    session.commit()
    since = NOW - timedelta(days=28)

    sam = calibration_candidates(session, actor=floor.actor(session, floor.lead), since=since)
    rita = calibration_candidates(
        session, actor=floor.actor(session, floor.returns_lead), since=since
    )
    everyone = calibration_candidates(session, actor=floor.actor(session, floor.admin), since=since)
    panel = calibration_reviewers(session, actor=floor.actor(session, floor.lead))

    assert [(c.ticket_id, c.subject, c.agent_name) for c in sam] == [
        (billing[1].id, "Refund 3", "Ana Agent"),
        (billing[0].id, "Refund 1", "Ana Agent"),
    ]
    assert [c.ticket_id for c in rita] == [returns.id]
    assert older.id not in {c.ticket_id for c in everyone} and len(everyone) == 3
    assert [name for _, name in panel] == [
        "Ada Admin",
        "Max Manager",
        "Rita Lead",
        "Sam Supervisor",
        "Tess Lead",
    ]
    with pytest.raises(PermissionDenied):
        calibration_candidates(session, actor=floor.actor(session, floor.ana), since=since)
    with pytest.raises(PermissionDenied):
        calibration_reviewers(session, actor=floor.actor(session, floor.ana))
