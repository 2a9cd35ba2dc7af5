"""Pulse survey pages: a team's results and the form to open a survey, for its coaches; for
its members, the open surveys to answer (anonymously, once)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import pulse, team_queries
from floorlead.coaching.access import may_run_team, require_team_member_view
from floorlead.errors import RuleViolation
from floorlead.org.directory import team_names
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    day,
    text_of,
    whole_number,
)

router = APIRouter(include_in_schema=False)


def _pulse(
    v: Visit, team_id: int, sent: FormData | None = None, answering: int | None = None
) -> Context:
    """The team's surveys; the form sent (an answer to survey ``answering``, or a new
    survey) holds what was typed when refused."""
    require_team_member_view(v.actor, team_id)
    runs_team = may_run_team(v.actor, team_id)
    own_team = v.actor.team_id == team_id
    return {
        "team_id": team_id,
        "team_name": team_names(v.db).get(team_id, ""),
        "runs_team": runs_team,
        "surveys": team_queries.team_pulse_surveys(v.db, actor=v.actor, team_id=team_id)
        if runs_team
        else [],
        "to_answer": team_queries.surveys_to_answer(v.db, actor=v.actor, now=v.now)
        if own_team
        else [],
        "values": sent or {},
        "answering": answering,
    }


@router.get("/coaching/teams/{team_id}/pulse", response_class=HTMLResponse)
def pulse_page(team_id: int, v: VisitDep) -> Response:
    """The team's pulse results for its coaches; for its members, the surveys to answer."""
    return v.render("pulse.html", _pulse(v, team_id))


def end_of_day(last_day: date, zone: ZoneInfo) -> datetime:
    """The first instant after ``last_day`` in ``zone``: when a survey open until it closes."""
    try:
        return datetime.combine(last_day, time(0), tzinfo=zone) + timedelta(days=1)
    except OverflowError:
        raise RuleViolation(f"{last_day} is too far ahead", field="closes_on") from None


def _open(v: Visit, team_id: int, form: FormData) -> None:
    pulse.open_pulse_survey(
        v.db,
        actor=v.actor,
        team_id=team_id,
        question=text_of(form, "question"),
        closes_at=end_of_day(day(form, "closes_on"), v.zone),
        now=v.now,
    )


@router.post("/coaching/teams/{team_id}/pulse")
def open_survey(team_id: int, v: VisitDep, form: FormDep) -> Response:
    """Open a survey until the end of ``closes_on`` in the viewer's time zone."""
    return v.act(
        lambda: _open(v, team_id, form),
        then=f"/coaching/teams/{team_id}/pulse",
        page=lambda: ("pulse.html", _pulse(v, team_id, form)),
    )


def _score(form: FormData) -> int:
    score = whole_number(form, "score")
    if score is None:
        raise RuleViolation("give a score from 0 to 10", field="score")
    return score


def _team_of(v: Visit, survey_id: int) -> int:
    return pulse.load_survey(v.db, survey_id).team_id


@router.post("/coaching/pulse/{survey_id}/answer")
def answer(survey_id: int, v: VisitDep, form: FormDep) -> Response:
    """Answer for oneself; a refusal is shown on the survey's team page."""
    return v.act(
        lambda: pulse.answer_pulse_survey(
            v.db,
            actor=v.actor,
            survey_id=survey_id,
            score=_score(form),
            comment=text_of(form, "comment"),
            now=v.now,
        ),
        then=f"/coaching/teams/{v.actor.team_id}/pulse",
        page=lambda: ("pulse.html", _pulse(v, _team_of(v, survey_id), form, survey_id)),
    )
