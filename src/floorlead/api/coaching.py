"""Coaching endpoints under /api/coaching: 1:1s, goals, kudos, reviews and team life.

KPI figures come from the metrics engine's analytics store (opened only when a request needs
it); :func:`get_figures` is the one place that decides, so it can be replaced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from floorlead.api.deps import ActorDep, NowDep, SessionDep, SettingsDep
from floorlead.coaching import (
    conflicts,
    evidence,
    goal_queries,
    goals,
    kudos,
    meetings,
    one_on_ones,
    pulse,
    queries,
    review_queries,
    reviews,
    team_queries,
)
from floorlead.coaching import schemas as s
from floorlead.coaching.sources import (
    Figures,
    MetricsKpis,
    quality_average,
    workforce_attendance,
)

router = APIRouter(prefix="/coaching", tags=["coaching"])


def get_figures(settings: SettingsDep, now: NowDep) -> Iterator[Figures]:
    """KPI values and daily samples from the metrics engine, as of the last analytics sync."""
    from floorlead.metrics import kpi_engine

    with ExitStack() as stack:
        metrics = MetricsKpis(lambda: stack.enter_context(kpi_engine(settings)), as_of=now)
        yield Figures.from_metrics(metrics)


FiguresDep = Annotated[Figures, Depends(get_figures)]


# 1:1s ---------------------------------------------------------------------------------------


def _session(db: SessionDep, actor: ActorDep, now: NowDep, session_id: int) -> s.SessionDetail:
    return queries.session_detail(db, actor=actor, session_id=session_id, today=now.date())


@router.post("/sessions", status_code=201)
def plan_session(
    body: s.SessionCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    row = one_on_ones.plan_session(
        db,
        actor=actor,
        agent_id=body.agent_id,
        scheduled_at=body.scheduled_at,
        duration_minutes=body.duration_minutes,
        agenda=body.agenda,
        reasons=[one_on_ones.Reason(r.kind.value, r.ref, r.text) for r in body.links],
        now=now,
    )
    return _session(db, actor, now, row.id)


@router.get("/sessions/{session_id}")
def get_session(session_id: int, db: SessionDep, actor: ActorDep, now: NowDep) -> s.SessionDetail:
    """A 1:1; ``notes`` is null for the agent until the coach shares them."""
    return _session(db, actor, now, session_id)


@router.patch("/sessions/{session_id}")
def update_session(
    session_id: int, body: s.SessionUpdate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    changes = body.model_dump(exclude_unset=True)
    one_on_ones.update_session(db, actor=actor, session_id=session_id, now=now, **changes)
    return _session(db, actor, now, session_id)


@router.post("/sessions/{session_id}/links", status_code=201)
def link_reason(
    session_id: int, body: s.LinkIn, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    reason = one_on_ones.Reason(body.kind.value, body.ref, body.text)
    one_on_ones.link_reason(db, actor=actor, session_id=session_id, reason=reason, now=now)
    return _session(db, actor, now, session_id)


@router.post("/sessions/{session_id}/actions", status_code=201)
def add_action_item(
    session_id: int, body: s.ActionItemCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.SessionDetail:
    one_on_ones.add_action_item(
        db, actor=actor, session_id=session_id, now=now, **body.model_dump()
    )
    return _session(db, actor, now, session_id)


@router.post("/actions/{action_id}/done")
def complete_action_item(
    action_id: int, body: s.ActionItemDone, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ActionItemPublic:
    one_on_ones.complete_action_item(db, actor=actor, action_id=action_id, done=body.done, now=now)
    return queries.action_item(db, action_id=action_id, today=now.date())


@router.get("/sessions/{session_id}/effects")
def session_effects(
    session_id: int,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
    window_days: Annotated[int, Query(ge=7, le=180)] = evidence.DEFAULT_WINDOW_DAYS,
) -> list[s.EffectPublic]:
    """Before/after the 1:1 for each KPI it was about, with a 95% interval and a verdict."""
    return evidence.coaching_effects(
        db,
        actor=actor,
        session_id=session_id,
        samples=figures.samples,
        window_days=window_days,
        now=now,
    )


@router.get("/calendar")
def calendar(
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    week_of: date | None = None,
    team_id: int | None = None,
    zone: str = "UTC",
) -> s.CoachingCalendar:
    """The week's 1:1s by day (the reader's own and their teams'), and overdue action items."""
    return queries.coaching_calendar(
        db, actor=actor, week_of=week_of or now.date(), today=now.date(), team_id=team_id, zone=zone
    )


@router.get("/overdue")
def overdue(
    db: SessionDep, actor: ActorDep, now: NowDep, team_id: int | None = None
) -> list[s.ActionItemPublic]:
    return queries.overdue_actions(db, actor=actor, today=now.date(), team_id=team_id)


@router.get("/agents/{agent_id}/sessions")
def agent_sessions(agent_id: int, db: SessionDep, actor: ActorDep) -> list[s.SessionSummary]:
    return queries.agent_sessions(db, actor=actor, agent_id=agent_id)


# Goals --------------------------------------------------------------------------------------


@router.post("/goals", status_code=201)
def set_goal(
    body: s.GoalCreate, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.GoalPublic:
    goal = goals.set_goal(
        db, actor=actor, kpis=figures.kpis, now=now, **body.model_dump(exclude_none=True)
    )
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal.id, kpis=figures.kpis, now=now)


@router.get("/goals/{goal_id}")
def get_goal(
    goal_id: int, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.GoalPublic:
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal_id, kpis=figures.kpis, now=now)


@router.patch("/goals/{goal_id}")
def update_goal(
    goal_id: int,
    body: s.GoalUpdate,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
) -> s.GoalPublic:
    goals.update_goal(
        db, actor=actor, goal_id=goal_id, now=now, **body.model_dump(exclude_none=True)
    )
    return goal_queries.goal_detail(db, actor=actor, goal_id=goal_id, kpis=figures.kpis, now=now)


@router.get("/agents/{agent_id}/goals")
def agent_goals(
    agent_id: int,
    db: SessionDep,
    actor: ActorDep,
    now: NowDep,
    figures: FiguresDep,
    include_cancelled: bool = False,
) -> list[s.GoalPublic]:
    """The agent's goals with progress from the KPI engine (0 at the baseline, 1 at target)."""
    return goal_queries.agent_goals(
        db,
        actor=actor,
        agent_id=agent_id,
        kpis=figures.kpis,
        now=now,
        include_cancelled=include_cancelled,
    )


# Kudos --------------------------------------------------------------------------------------


@router.post("/kudos", status_code=201)
def give_kudos(body: s.KudosCreate, db: SessionDep, actor: ActorDep, now: NowDep) -> s.KudosPublic:
    row = kudos.give_kudos(db, actor=actor, now=now, **body.model_dump())
    return team_queries.kudos_public(db, row)


@router.get("/teams/{team_id}/kudos")
def kudos_wall(team_id: int, db: SessionDep, actor: ActorDep) -> list[s.KudosPublic]:
    return team_queries.kudos_wall(db, actor=actor, team_id=team_id)


# Performance reviews ------------------------------------------------------------------------


@router.post("/reviews", status_code=201)
def write_review(
    body: s.ReviewCreate, db: SessionDep, actor: ActorDep, now: NowDep, figures: FiguresDep
) -> s.ReviewPublic:
    """KPIs against the given targets (default: the goals due in the period), the QA score
    given (default: the mean of the agent's QA reviews in the period), attendance from
    published shifts, and the rating."""
    review = reviews.write_review(
        db,
        actor=actor,
        agent_id=body.agent_id,
        period_start=body.period_start,
        period_end=body.period_end,
        rating=body.rating,
        comments=body.comments,
        qa_score=body.qa_score,
        kpi_targets=[
            reviews.KpiTarget(t.kpi, t.target, t.direction.value if t.direction else None)
            for t in body.kpi_targets
        ],
        evidence=reviews.Evidence(
            kpis=figures.kpis,
            qa=quality_average(db),
            attendance=workforce_attendance(db, now=now),
        ),
        now=now,
    )
    return review_queries.review_detail(db, actor=actor, review_id=review.id)


@router.get("/reviews/{review_id}")
def get_review(review_id: int, db: SessionDep, actor: ActorDep) -> s.ReviewPublic:
    return review_queries.review_detail(db, actor=actor, review_id=review_id)


@router.post("/reviews/{review_id}/acknowledge")
def acknowledge_review(
    review_id: int, body: s.Acknowledgement, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ReviewPublic:
    reviews.acknowledge_review(db, actor=actor, review_id=review_id, comment=body.comment, now=now)
    return review_queries.review_detail(db, actor=actor, review_id=review_id)


@router.get("/agents/{agent_id}/reviews")
def agent_reviews(agent_id: int, db: SessionDep, actor: ActorDep) -> list[s.ReviewPublic]:
    return review_queries.agent_reviews(db, actor=actor, agent_id=agent_id)


# Team meetings, pulse surveys, conflict notes ----------------------------------------------


@router.post("/meetings", status_code=201)
def plan_meeting(
    body: s.MeetingCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.MeetingPublic:
    meeting = meetings.plan_meeting(
        db, actor=actor, now=now, **body.model_dump(exclude={"kind"}), kind=body.kind.value
    )
    return team_queries.meeting_detail(db, actor=actor, meeting_id=meeting.id)


@router.put("/meetings/{meeting_id}/record")
def record_meeting(
    meeting_id: int, body: s.MeetingRecord, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.MeetingPublic:
    meetings.record_meeting(
        db,
        actor=actor,
        meeting_id=meeting_id,
        notes=body.notes,
        decisions=body.decisions,
        attendance={p.person_id: p.present for p in body.attendance},
        now=now,
    )
    return team_queries.meeting_detail(db, actor=actor, meeting_id=meeting_id)


@router.get("/meetings/{meeting_id}")
def get_meeting(meeting_id: int, db: SessionDep, actor: ActorDep) -> s.MeetingPublic:
    return team_queries.meeting_detail(db, actor=actor, meeting_id=meeting_id)


@router.get("/teams/{team_id}/meetings")
def team_meetings(team_id: int, db: SessionDep, actor: ActorDep) -> list[s.MeetingPublic]:
    return team_queries.team_meetings(db, actor=actor, team_id=team_id)


@router.post("/pulse-surveys", status_code=201)
def open_pulse_survey(
    body: s.PulseCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.PulseResults:
    survey = pulse.open_pulse_survey(db, actor=actor, now=now, **body.model_dump())
    return team_queries.pulse_results(db, actor=actor, survey_id=survey.id)


@router.post("/pulse-surveys/{survey_id}/answers", status_code=204)
def answer_pulse_survey(
    survey_id: int, body: s.PulseAnswer, db: SessionDep, actor: ActorDep, now: NowDep
) -> Response:
    """Answer anonymously: the answer is kept without the person or the time."""
    pulse.answer_pulse_survey(db, actor=actor, survey_id=survey_id, now=now, **body.model_dump())
    return Response(status_code=204)


@router.get("/pulse-surveys/{survey_id}")
def pulse_results(survey_id: int, db: SessionDep, actor: ActorDep) -> s.PulseResults:
    """eNPS and comments, shown from three answers on."""
    return team_queries.pulse_results(db, actor=actor, survey_id=survey_id)


@router.get("/teams/{team_id}/pulse-surveys")
def team_pulse_surveys(team_id: int, db: SessionDep, actor: ActorDep) -> list[s.PulseResults]:
    return team_queries.team_pulse_surveys(db, actor=actor, team_id=team_id)


@router.post("/conflicts", status_code=201)
def record_conflict(
    body: s.ConflictCreate, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ConflictPublic:
    """Supervisors and above only."""
    note = conflicts.record_conflict(db, actor=actor, now=now, **body.model_dump())
    return team_queries.conflict_detail(db, actor=actor, note_id=note.id)


@router.post("/conflicts/{note_id}/resolve")
def resolve_conflict(
    note_id: int, body: s.ConflictResolve, db: SessionDep, actor: ActorDep, now: NowDep
) -> s.ConflictPublic:
    conflicts.resolve_conflict(db, actor=actor, note_id=note_id, outcome=body.outcome, now=now)
    return team_queries.conflict_detail(db, actor=actor, note_id=note_id)


@router.get("/conflicts")
def list_conflicts(
    db: SessionDep, actor: ActorDep, team_id: int | None = None, status: str | None = None
) -> list[s.ConflictPublic]:
    return team_queries.conflicts_page(db, actor=actor, team_id=team_id, status=status)
