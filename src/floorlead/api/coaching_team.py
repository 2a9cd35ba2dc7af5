"""Team life under /api/coaching: team meetings, anonymous pulse surveys, conflict notes."""

from __future__ import annotations

from fastapi import APIRouter, Response

from floorlead.api.deps import ActorDep, NowDep, SessionDep
from floorlead.coaching import conflicts, meetings, pulse, team_queries
from floorlead.coaching import schemas as s

router = APIRouter(prefix="/coaching", tags=["coaching"])


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
