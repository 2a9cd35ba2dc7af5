"""Read side of team life: the kudos wall, meetings, pulse results and conflict notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from floorlead.auth.permissions import Action, Actor, require
from floorlead.coaching import roster
from floorlead.coaching.access import require_team_coach, require_team_member_view
from floorlead.coaching.conflicts import conflict_notes, load_conflict
from floorlead.coaching.enps import enps
from floorlead.coaching.meetings import load_meeting
from floorlead.coaching.model import ConflictStatus, MeetingKind
from floorlead.coaching.pulse import load_survey
from floorlead.coaching.schemas import (
    ConflictPublic,
    KudosPublic,
    MeetingPublic,
    Party,
    PresencePublic,
    PulseResults,
)
from floorlead.coaching.tables import (
    ConflictNote,
    Kudos,
    PulseRespondent,
    PulseResponse,
    PulseSurvey,
    TeamMeeting,
)
from floorlead.org.directory import person_names
from floorlead.org.tables import Person

WALL_SIZE = 50


def kudos_wall(
    session: Session, *, actor: Actor, team_id: int, limit: int = WALL_SIZE
) -> list[KudosPublic]:
    """The team's latest kudos, for its members and whoever covers the team."""
    roster.team(session, team_id)
    require_team_member_view(actor, team_id)
    rows = session.scalars(
        select(Kudos)
        .where(Kudos.team_id == team_id)
        .order_by(Kudos.created_at.desc(), Kudos.id.desc())
        .limit(limit)
    ).all()
    return _kudos_publics(session, rows)


def _kudos_publics(session: Session, rows: Sequence[Kudos]) -> list[KudosPublic]:
    names = person_names(session, [r.giver_id for r in rows] + [r.recipient_id for r in rows])
    return [
        KudosPublic(
            id=r.id,
            giver_id=r.giver_id,
            giver_name=names.get(r.giver_id, ""),
            recipient_id=r.recipient_id,
            recipient_name=names.get(r.recipient_id, ""),
            team_id=r.team_id,
            message=r.message,
            created_at=r.created_at,
        )
        for r in rows
    ]


def meeting_public(session: Session, meeting: TeamMeeting) -> MeetingPublic:
    names = person_names(session, [a.person_id for a in meeting.attendance])
    return MeetingPublic(
        id=meeting.id,
        team_id=meeting.team_id,
        kind=MeetingKind(meeting.kind),
        title=meeting.title,
        held_at=meeting.held_at,
        agenda=meeting.agenda,
        notes=meeting.notes,
        decisions=list(meeting.decisions),
        attendance=[
            PresencePublic(
                person_id=a.person_id, present=a.present, name=names.get(a.person_id, "")
            )
            for a in meeting.attendance
        ],
    )


def meeting_detail(session: Session, *, actor: Actor, meeting_id: int) -> MeetingPublic:
    return meeting_public(session, load_meeting(session, actor=actor, meeting_id=meeting_id))


def team_meetings(session: Session, *, actor: Actor, team_id: int) -> list[MeetingPublic]:
    """The team's meetings and briefings, latest first."""
    roster.team(session, team_id)
    require_team_member_view(actor, team_id)
    rows = session.scalars(
        select(TeamMeeting)
        .where(TeamMeeting.team_id == team_id)
        .options(selectinload(TeamMeeting.attendance))
        .order_by(TeamMeeting.held_at.desc(), TeamMeeting.id.desc())
    ).all()
    return [meeting_public(session, m) for m in rows]


def _results(survey: PulseSurvey, answers: Sequence[tuple[int, str]]) -> PulseResults:
    found = enps([score for score, _ in answers])
    shown = found is not None and found.shown
    return PulseResults(
        survey_id=survey.id,
        team_id=survey.team_id,
        question=survey.question,
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        responses=len(answers),
        shown=shown,
        enps=found.score if shown and found else None,
        promoters=found.promoters if shown and found else None,
        passives=found.passives if shown and found else None,
        detractors=found.detractors if shown and found else None,
        comments=sorted(c for _, c in answers if c) if shown else [],
    )


def _answers(session: Session, survey_id: int) -> list[tuple[int, str]]:
    rows = session.execute(
        select(PulseResponse.score, PulseResponse.comment).where(
            PulseResponse.survey_id == survey_id
        )
    ).all()
    return [(score, comment) for score, comment in rows]


def pulse_results(session: Session, *, actor: Actor, survey_id: int) -> PulseResults:
    """eNPS and comments, for the team's coaches; hidden below three answers. Comments are
    sorted, so their order says nothing about who wrote them."""
    survey = load_survey(session, survey_id)
    require_team_coach(actor, survey.team_id)
    return _results(survey, _answers(session, survey.id))


def team_pulse_surveys(session: Session, *, actor: Actor, team_id: int) -> list[PulseResults]:
    """The team's surveys (latest first) with their results."""
    roster.team(session, team_id)
    require_team_coach(actor, team_id)
    surveys = session.scalars(
        select(PulseSurvey)
        .where(PulseSurvey.team_id == team_id)
        .order_by(PulseSurvey.opens_at.desc(), PulseSurvey.id.desc())
    ).all()
    return [_results(s, _answers(session, s.id)) for s in surveys]


def _conflict_publics(session: Session, notes: Sequence[ConflictNote]) -> list[ConflictPublic]:
    names = person_names(
        session,
        [pid for n in notes for pid in n.party_ids] + [n.recorded_by_id for n in notes],
    )
    return [
        ConflictPublic(
            id=n.id,
            team_id=n.team_id,
            parties=[Party(id=pid, name=names.get(pid, "")) for pid in n.party_ids],
            occurred_on=n.occurred_on,
            summary=n.summary,
            outcome=n.outcome,
            status=ConflictStatus(n.status),
            recorded_by_name=names.get(n.recorded_by_id or 0, ""),
            created_at=n.created_at,
        )
        for n in notes
    ]


def conflicts_page(
    session: Session, *, actor: Actor, team_id: int | None = None, status: str | None = None
) -> list[ConflictPublic]:
    """Conflict notes of the actor's teams, newest first (supervisors and above)."""
    notes = conflict_notes(session, actor=actor, team_id=team_id, status=status)
    return _conflict_publics(session, notes)


def conflict_detail(session: Session, *, actor: Actor, note_id: int) -> ConflictPublic:
    [public] = _conflict_publics(session, [load_conflict(session, actor=actor, note_id=note_id)])
    return public


def kudos_public(session: Session, kudos: Kudos) -> KudosPublic:
    [public] = _kudos_publics(session, [kudos])
    return public


def team_members(session: Session, *, team_id: int) -> list[tuple[int, str]]:
    """(id, name) of the team's active members, for pickers."""
    rows = session.execute(
        select(Person.id, Person.name)
        .where(Person.team_id == team_id, Person.leave_date.is_(None))
        .order_by(Person.name, Person.id)
    ).all()
    return [(pid, name) for pid, name in rows]


def surveys_to_answer(session: Session, *, actor: Actor, now: datetime) -> list[PulseSurvey]:
    """Open surveys of the actor's own team that they have not answered yet."""
    if actor.team_id is None:
        return []
    answered = select(PulseRespondent.survey_id).where(PulseRespondent.person_id == actor.person_id)
    return list(
        session.scalars(
            select(PulseSurvey)
            .where(
                PulseSurvey.team_id == actor.team_id,
                PulseSurvey.opens_at <= now,
                PulseSurvey.closes_at > now,
                PulseSurvey.id.not_in(answered),
            )
            .order_by(PulseSurvey.closes_at, PulseSurvey.id)
        )
    )


def conflict_parties(session: Session, *, actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of the active people a conflict note of the actor's may name: those in
    the teams they cover, those they manage and themself (supervisors and above only)."""
    require(actor, Action.VIEW_CONFLICT_NOTES, scoped=False)
    query = select(Person.id, Person.name).where(Person.leave_date.is_(None))
    if actor.team_ids is not None:
        query = query.where(
            or_(
                Person.team_id.in_(sorted(actor.team_ids)),
                Person.id.in_(sorted(actor.person_ids or ())),
                Person.id == actor.person_id,
            )
        )
    rows = session.execute(query.order_by(Person.name, Person.id)).all()
    return [(pid, name) for pid, name in rows]
