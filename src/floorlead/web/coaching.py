"""Coaching pages: the calendar with overdue items, a 1:1 (with its before/after panel), an
agent's goals, the team kudos wall and pulse survey results. Performance reviews, team
meetings and conflict notes have their own modules, included in :data:`router`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.coaching import (
    evidence,
    goal_queries,
    goals,
    kudos,
    one_on_ones,
    pulse,
    queries,
    review_queries,
    team_queries,
)
from floorlead.coaching.access import may_run_team, require_team_member_view
from floorlead.coaching.catalogue import goal_kpis
from floorlead.org.directory import person_names, team_names
from floorlead.web import coaching_conflicts, coaching_meetings, coaching_reviews
from floorlead.web.coaching_visit import Context, Visit, VisitDep

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _calendar(v: Visit, week_of: date) -> Context:
    calendar = queries.coaching_calendar(
        v.db, actor=v.actor, week_of=week_of, today=v.now.date(), zone=v.viewer.time_zone
    )
    names = team_names(v.db)
    team_ids = names if v.actor.team_ids is None else v.actor.team_ids
    return {
        "calendar": calendar,
        "previous_week": calendar.week_start - timedelta(days=7),
        "next_week": calendar.week_start + timedelta(days=7),
        "coachable": queries.coachable_people(v.db, actor=v.actor),
        "teams": sorted(((i, names[i]) for i in team_ids if i in names), key=lambda t: t[1]),
    }


@router.get("/coaching", response_class=HTMLResponse)
def calendar_page(v: VisitDep, week_of: date | None = None) -> Response:
    return v.render("calendar.html", _calendar(v, week_of or v.now.date()))


@router.post("/coaching/sessions")
def plan(
    v: VisitDep,
    agent_id: Annotated[int, Form()],
    scheduled_at: Annotated[datetime, Form(description="local time of the viewer")],
    agenda: Text = "",
) -> Response:
    when = scheduled_at.replace(tzinfo=scheduled_at.tzinfo or ZoneInfo(v.viewer.time_zone))
    planned: list[int] = []
    response = v.act(
        lambda: planned.append(
            one_on_ones.plan_session(
                v.db, actor=v.actor, agent_id=agent_id, scheduled_at=when, agenda=agenda, now=v.now
            ).id
        ),
        then="/coaching",
        page=lambda: ("calendar.html", _calendar(v, v.now.date())),
    )
    return RedirectResponse(f"/coaching/sessions/{planned[0]}", 303) if planned else response


def _session(v: Visit, session_id: int) -> Context:
    detail = queries.session_detail(v.db, actor=v.actor, session_id=session_id, today=v.now.date())
    effects = evidence.coaching_effects(
        v.db, actor=v.actor, session_id=session_id, samples=v.figures.samples, now=v.now
    )
    owners = {detail.agent_id: detail.agent_name, detail.coach_id: detail.coach_name}
    return {"detail": detail, "effects": effects, "owners": owners}


@router.get("/coaching/sessions/{session_id}", response_class=HTMLResponse)
def session_page(session_id: int, v: VisitDep) -> Response:
    return v.render("session.html", _session(v, session_id))


def _change_session(v: Visit, session_id: int, action: Callable[[], object]) -> Response:
    return v.act(
        action,
        then=f"/coaching/sessions/{session_id}",
        page=lambda: ("session.html", _session(v, session_id)),
    )


@router.post("/coaching/sessions/{session_id}/notes")
def save_notes(
    session_id: int, v: VisitDep, notes: Text = "", shared: Text = "", status: Text = ""
) -> Response:
    return _change_session(
        v,
        session_id,
        lambda: one_on_ones.update_session(
            v.db,
            actor=v.actor,
            session_id=session_id,
            notes=notes,
            notes_shared=shared == "yes",
            status=status or None,
            now=v.now,
        ),
    )


@router.post("/coaching/sessions/{session_id}/actions")
def add_action(
    session_id: int,
    v: VisitDep,
    description: Text,
    owner_id: Annotated[int, Form()],
    due_on: Annotated[date, Form()],
) -> Response:
    return _change_session(
        v,
        session_id,
        lambda: one_on_ones.add_action_item(
            v.db,
            actor=v.actor,
            session_id=session_id,
            description=description,
            owner_id=owner_id,
            due_on=due_on,
            now=v.now,
        ),
    )


@router.post("/coaching/sessions/{session_id}/links")
def add_link(session_id: int, v: VisitDep, kind: Text, ref: Text, text: Text = "") -> Response:
    reason = one_on_ones.Reason(kind, ref, text)
    return _change_session(
        v,
        session_id,
        lambda: one_on_ones.link_reason(
            v.db, actor=v.actor, session_id=session_id, reason=reason, now=v.now
        ),
    )


@router.post("/coaching/actions/{action_id}/done")
def action_done(
    action_id: int, v: VisitDep, back: Text = "/coaching", done: Text = "yes"
) -> Response:
    one_on_ones.complete_action_item(
        v.db, actor=v.actor, action_id=action_id, done=done == "yes", now=v.now
    )
    return RedirectResponse(back if back.startswith("/coaching") else "/coaching", 303)


def _agent(v: Visit, agent_id: int) -> Context:
    coachable = dict(queries.coachable_people(v.db, actor=v.actor))
    return {
        "agent_id": agent_id,
        "agent_name": person_names(v.db, [agent_id]).get(agent_id, ""),
        "goals": goal_queries.agent_goals(
            v.db, actor=v.actor, agent_id=agent_id, kpis=v.figures.kpis, now=v.now
        ),
        "sessions": queries.agent_sessions(v.db, actor=v.actor, agent_id=agent_id),
        "reviews": review_queries.agent_reviews(v.db, actor=v.actor, agent_id=agent_id),
        "goal_kpis": goal_kpis() if agent_id in coachable else [],
    }


@router.get("/coaching/agents/{agent_id}", response_class=HTMLResponse)
def agent_page(agent_id: int, v: VisitDep) -> Response:
    """An agent's goals with progress bars, their 1:1s and their reviews."""
    return v.render("agent.html", _agent(v, agent_id))


@router.post("/coaching/agents/{agent_id}/goals")
def add_goal(
    agent_id: int,
    v: VisitDep,
    kpi: Text,
    target: Annotated[float, Form()],
    due_on: Annotated[date, Form()],
    note: Text = "",
) -> Response:
    return v.act(
        lambda: goals.set_goal(
            v.db,
            actor=v.actor,
            agent_id=agent_id,
            kpi=kpi,
            target=target,
            due_on=due_on,
            note=note,
            kpis=v.figures.kpis,
            now=v.now,
        ),
        then=f"/coaching/agents/{agent_id}",
        page=lambda: ("agent.html", _agent(v, agent_id)),
    )


def _wall(v: Visit, team_id: int) -> Context:
    members = team_queries.team_members(v.db, team_id=team_id)
    return {
        "team_id": team_id,
        "team_name": team_names(v.db).get(team_id, ""),
        "wall": team_queries.kudos_wall(v.db, actor=v.actor, team_id=team_id),
        "teammates": [(pid, name) for pid, name in members if pid != v.actor.person_id],
    }


@router.get("/coaching/teams/{team_id}/kudos", response_class=HTMLResponse)
def kudos_page(team_id: int, v: VisitDep) -> Response:
    return v.render("kudos.html", _wall(v, team_id))


@router.post("/coaching/teams/{team_id}/kudos")
def thank(
    team_id: int, v: VisitDep, recipient_id: Annotated[int, Form()], message: Text
) -> Response:
    return v.act(
        lambda: kudos.give_kudos(
            v.db, actor=v.actor, recipient_id=recipient_id, message=message, now=v.now
        ),
        then=f"/coaching/teams/{team_id}/kudos",
        page=lambda: ("kudos.html", _wall(v, team_id)),
    )


@router.get("/coaching/teams/{team_id}/pulse", response_class=HTMLResponse)
def pulse_page(team_id: int, v: VisitDep) -> Response:
    """The team's pulse results for its coaches; for its members, the surveys to answer."""
    require_team_member_view(v.actor, team_id)
    runs_team = may_run_team(v.actor, team_id)
    own_team = v.actor.team_id == team_id
    context = {
        "team_id": team_id,
        "team_name": team_names(v.db).get(team_id, ""),
        "runs_team": runs_team,
        "surveys": team_queries.team_pulse_surveys(v.db, actor=v.actor, team_id=team_id)
        if runs_team
        else [],
        "to_answer": team_queries.surveys_to_answer(v.db, actor=v.actor, now=v.now)
        if own_team
        else [],
    }
    return v.render("pulse.html", context)


@router.post("/coaching/teams/{team_id}/pulse")
def open_survey(
    team_id: int, v: VisitDep, question: Text, closes_on: Annotated[date, Form()]
) -> Response:
    """Open a survey until the end of ``closes_on`` in the viewer's time zone."""
    last_day = datetime.combine(closes_on, time(0), tzinfo=ZoneInfo(v.viewer.time_zone))
    pulse.open_pulse_survey(
        v.db,
        actor=v.actor,
        team_id=team_id,
        question=question,
        closes_at=last_day + timedelta(days=1),
        now=v.now,
    )
    return RedirectResponse(f"/coaching/teams/{team_id}/pulse", status_code=303)


@router.post("/coaching/pulse/{survey_id}/answer")
def answer(
    survey_id: int, v: VisitDep, score: Annotated[int, Form()], comment: Text = ""
) -> Response:
    pulse.answer_pulse_survey(
        v.db, actor=v.actor, survey_id=survey_id, score=score, comment=comment, now=v.now
    )
    return RedirectResponse(f"/coaching/teams/{v.actor.team_id}/pulse", status_code=303)


for _module in (coaching_reviews, coaching_meetings, coaching_conflicts):
    router.include_router(_module.router)
