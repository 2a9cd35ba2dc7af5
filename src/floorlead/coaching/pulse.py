"""Pulse surveys of a team: open one, answer it once and anonymously (0-10 and a comment)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_team_coach
from floorlead.coaching.audit import audit
from floorlead.coaching.tables import PulseRespondent, PulseResponse, PulseSurvey
from floorlead.errors import Conflict, NotFound, PermissionDenied, RuleViolation


def open_pulse_survey(
    session: Session,
    *,
    actor: Actor,
    team_id: int,
    question: str,
    closes_at: datetime,
    opens_at: datetime | None = None,
    now: datetime,
) -> PulseSurvey:
    roster.team(session, team_id)
    require_team_coach(actor, team_id)
    opens_at = fields.instant(opens_at, field="opens_at") if opens_at else now
    closes_at = fields.instant(closes_at, field="closes_at")
    if closes_at <= opens_at:
        raise RuleViolation("the survey must close after it opens", field="closes_at")
    survey = PulseSurvey(
        team_id=team_id,
        question=fields.text(question, field="question", max_length=300, required=True),
        opens_at=opens_at,
        closes_at=closes_at,
        created_by_id=actor.person_id,
        created_at=now,
    )
    session.add(survey)
    session.flush()
    audit(session, actor=actor, action="create", row=survey, before=None, now=now)
    session.commit()
    return survey


def load_survey(session: Session, survey_id: int) -> PulseSurvey:
    survey = session.get(PulseSurvey, survey_id)
    if survey is None:
        raise NotFound(f"no pulse survey {survey_id}", field="survey_id")
    return survey


def answer_pulse_survey(
    session: Session, *, actor: Actor, survey_id: int, score: int, comment: str = "", now: datetime
) -> None:
    """Answer for oneself: members of the survey's team, once, while it is open.

    The answer is stored without the person or the time; who answered is kept apart, only
    so that nobody answers twice. Nothing is audited, which would tie the two together.
    """
    survey = load_survey(session, survey_id)
    if actor.team_id != survey.team_id:
        raise PermissionDenied("only the team's members answer its pulse survey")
    if not survey.opens_at <= now < survey.closes_at:
        raise RuleViolation("the survey is not open", field="survey_id")
    fields.number_between(score, field="score", low=0, high=10)
    if session.get(PulseRespondent, (survey.id, actor.person_id)) is not None:
        raise Conflict("you have already answered this survey", field="survey_id")
    session.add(PulseRespondent(survey_id=survey.id, person_id=actor.person_id))
    session.add(
        PulseResponse(
            survey_id=survey.id,
            score=int(score),
            comment=fields.text(comment, field="comment", max_length=2000),
        )
    )
    session.commit()
