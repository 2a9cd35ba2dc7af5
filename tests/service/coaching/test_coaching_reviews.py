"""Performance reviews: KPIs against goals, QA, attendance from shifts, acknowledgement."""

from datetime import date, datetime, timedelta

import pytest
from coaching_floor import NOW, Floor
from event_kpis import EventKpis, answer_csat

from floorlead.coaching import (
    Evidence,
    KpiTarget,
    acknowledge_review,
    agent_reviews,
    quality_average,
    review_detail,
    reviews_for,
    set_goal,
    workforce_attendance,
    write_review,
)
from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.quality import AnswerIn, ReviewCreate, record_review, seed_default_scorecard
from floorlead.workforce.schedules import (
    PlannedShift,
    ScheduleQuality,
    publish_schedule,
    save_schedule,
)
from floorlead.workforce.states import record_agent_state

from factories import make_ticket

WEEK_START, WEEK_END = date(2026, 3, 2), date(2026, 3, 8)
WRITTEN = NOW + timedelta(days=7)  # Monday 9 March, 09:00


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute) + timedelta(days=day)


def _week_of_shifts(floor: Floor) -> None:
    """Ana: Monday on time, Tuesday absent, Wednesday 20 minutes late."""
    sam = floor.actor("sam")
    schedule = save_schedule(
        floor.session,
        actor=sam,
        team_id=floor.ids["billing"],
        week_start=NOW.replace(hour=0),
        interval_minutes=60,
        shifts=[PlannedShift(floor.ids["ana"], at(day, 9), at(day, 13)) for day in range(3)],
        requirements=[],
        quality=ScheduleQuality(),
        now=NOW,
    )
    publish_schedule(floor.session, actor=sam, schedule_id=schedule.id, now=NOW)
    ana = floor.actor("ana")
    for when, state in [
        (at(0, 9), "available"),
        (at(0, 13), "offline"),
        (at(2, 9, 20), "available"),
        (at(2, 13), "offline"),
    ]:
        record_agent_state(
            floor.session, actor=ana, person_id=ana.person_id, state=state, at=when, now=when
        )


def _goal_and_answers(floor: Floor) -> None:
    set_goal(
        floor.session,
        actor=floor.actor("lee"),
        agent_id=floor.ids["ana"],
        kpi="csat",
        target=75,
        baseline=60,
        start_on=WEEK_START,
        due_on=date(2026, 3, 6),
        now=NOW,
    )
    for day, rating in enumerate([5, 4, 5, 1]):  # 3 of 4 good: 75%, the goal is met
        answer_csat(floor.session, agent_id=floor.ids["ana"], at=at(day, 11), rating=rating)
    floor.session.commit()


def _review(floor: Floor, **overrides: object):
    values: dict = {
        "agent_id": floor.ids["ana"],
        "period_start": WEEK_START,
        "period_end": WEEK_END,
        "rating": 4,
        "comments": "Steady week; mind the Tuesday absence.",
        "qa_score": 87.5,
        "evidence": Evidence(
            kpis=EventKpis(floor.session),
            attendance=workforce_attendance(floor.session, now=WRITTEN),
        ),
        "now": WRITTEN,
    } | overrides
    return write_review(floor.session, actor=floor.actor("sam"), **values)


def test_a_review_combines_kpis_goals_qa_and_attendance(floor: Floor) -> None:
    _week_of_shifts(floor)
    _goal_and_answers(floor)

    review = _review(floor)
    shown = review_detail(floor.session, actor=floor.actor("ana"), review_id=review.id)

    [csat] = shown.kpi_results
    assert (csat.kpi, csat.target, csat.actual, csat.met) == ("csat", 75, 75.0, True)
    assert (shown.goals_met, shown.goals_total) == (1, 1)
    assert shown.qa_score == 87.5
    assert shown.attendance is not None
    assert (shown.attendance.shifts, shown.attendance.absences) == (3, 1)
    assert (shown.attendance.late_starts, shown.attendance.early_leaves) == (1, 0)
    assert shown.attendance.rate == pytest.approx(2 / 3)
    assert (shown.rating, shown.reviewer_name) == (4, "Sam Supervisor")


def test_explicit_kpi_targets_are_judged_in_the_kpis_better_direction(floor: Floor) -> None:
    _goal_and_answers(floor)

    review = _review(floor, kpi_targets=[KpiTarget("csat", 80.0)])

    [csat] = review.kpi_results
    assert (csat["direction"], csat["actual"], csat["met"]) == ("higher", 75.0, False)


def test_the_agent_acknowledges_their_review_once_and_a_teammate_cannot_read_it(
    floor: Floor,
) -> None:
    review = _review(floor)
    ana = floor.actor("ana")

    acknowledge_review(floor.session, actor=ana, review_id=review.id, comment="Agreed", now=WRITTEN)
    listed = agent_reviews(floor.session, actor=ana, agent_id=ana.person_id)

    assert listed[0].acknowledged_at == WRITTEN and listed[0].agent_comment == "Agreed"
    with pytest.raises(Conflict):
        acknowledge_review(floor.session, actor=ana, review_id=review.id, now=WRITTEN)
    with pytest.raises(PermissionDenied):
        review_detail(floor.session, actor=floor.actor("ben"), review_id=review.id)
    with pytest.raises(PermissionDenied):
        acknowledge_review(
            floor.session, actor=floor.actor("sam"), review_id=review.id, now=WRITTEN
        )


def test_a_period_is_reviewed_once_and_bad_input_names_the_field(floor: Floor) -> None:
    _review(floor)

    with pytest.raises(Conflict) as twice:
        _review(floor)
    with pytest.raises(RuleViolation) as rating:
        _review(floor, period_start=date(2026, 2, 23), period_end=date(2026, 3, 1), rating=6)
    with pytest.raises(RuleViolation) as backwards:
        _review(floor, period_start=date(2026, 2, 1), period_end=date(2026, 1, 1))

    assert twice.value.field == "period_start"
    assert rating.value.field == "rating"
    assert backwards.value.field == "period_end"


def test_the_review_list_shows_each_reader_the_reviews_they_may_read(floor: Floor) -> None:
    ana_review = _review(floor)
    ben_review = _review(floor, agent_id=floor.ids["ben"], period_end=date(2026, 3, 7))

    def seen(who: str) -> list[tuple[int, str]]:
        found = reviews_for(floor.session, actor=floor.actor(who))
        return [(r.id, r.agent_name) for r in found]

    assert seen("sam") == [(ana_review.id, "Ana Agent"), (ben_review.id, "Ben Agent")]
    assert seen("lee") == seen("sam") and seen("max") == seen("sam")
    assert seen("ana") == [(ana_review.id, "Ana Agent")]
    assert seen("ben") == [(ben_review.id, "Ben Agent")]
    assert seen("sue") == [] and seen("bo") == []


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
WORKED_EXAMPLE = PERFECT | {  # 77.5 %, the worked example of docs/quality/guide.md
    "verified_identity": "na",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "clarity": "4",
}


def _qa_review(floor: Floor, answers: dict[str, str], *, at: datetime) -> float:
    card = seed_default_scorecard(floor.session, NOW)
    ticket = make_ticket(
        floor.session,
        assignee_id=floor.ids["ana"],
        team_id=floor.ids["billing"],
        status="solved",
        created_at=at - timedelta(hours=2),
    )
    floor.session.commit()
    data = ReviewCreate(
        scorecard_id=card.id,
        ticket_id=ticket.id,
        answers={key: AnswerIn(value=value) for key, value in answers.items()},
    )
    return record_review(floor.session, actor=floor.actor("sam"), data=data, now=at).score


def test_without_a_given_qa_score_the_review_takes_the_mean_of_the_qa_reviews(
    floor: Floor,
) -> None:
    before = _qa_review(floor, WORKED_EXAMPLE, at=at(-1, 12))  # Sunday 1 March: not counted
    first = _qa_review(floor, PERFECT, at=at(1, 12))
    second = _qa_review(floor, WORKED_EXAMPLE, at=at(4, 12))
    measured = Evidence(kpis=EventKpis(floor.session), qa=quality_average(floor.session))

    review = _review(floor, qa_score=None, evidence=measured)
    bare = _review(floor, agent_id=floor.ids["ben"], qa_score=None, evidence=measured)

    assert (before, first, second) == (77.5, 100.0, 77.5)
    assert review.qa_score == 88.75  # (100 + 77.5) / 2
    assert bare.qa_score is None
