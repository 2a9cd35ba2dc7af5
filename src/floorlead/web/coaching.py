"""Coaching pages: the calendar with overdue items and the form to plan a 1:1, and an agent's
goals. The 1:1 page, the kudos wall, pulse surveys, performance reviews, team meetings and
conflict notes have their own modules, included in :data:`router`."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import goal_queries, goals, one_on_ones, queries, review_queries
from floorlead.coaching.catalogue import goal_kpis
from floorlead.org.directory import person_names, team_names
from floorlead.web import (
    coaching_conflicts,
    coaching_kudos,
    coaching_meetings,
    coaching_pulse,
    coaching_reviews,
    coaching_sessions,
)
from floorlead.web.coaching_visit import (
    Context,
    Fields,
    FormDep,
    Visit,
    VisitDep,
    day,
    local_instant,
    required_decimal,
    required_number,
    text_of,
)

router = APIRouter(include_in_schema=False)


def _calendar(v: Visit, week_of: date, sent: Fields | None = None) -> Context:
    """The week's 1:1s; the plan form holds what was ``sent`` (when refused) or nothing."""
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
        "values": sent or {},
    }


@router.get("/coaching", response_class=HTMLResponse)
def calendar_page(v: VisitDep, week_of: date | None = None) -> Response:
    return v.render("calendar.html", _calendar(v, week_of or v.now.date()))


def _plan(v: Visit, form: FormData) -> int:
    planned = one_on_ones.plan_session(
        v.db,
        actor=v.actor,
        agent_id=required_number(form, "agent_id"),
        scheduled_at=local_instant(form, "scheduled_at", v.zone),
        agenda=text_of(form, "agenda"),
        now=v.now,
    )
    return planned.id


@router.post("/coaching/sessions")
def plan(v: VisitDep, form: FormDep) -> Response:
    """Plan a 1:1; the time is read in the viewer's time zone."""
    return v.act(
        lambda: _plan(v, form),
        then=lambda session_id: f"/coaching/sessions/{session_id}",
        page=lambda: ("calendar.html", _calendar(v, v.now.date(), form)),
    )


def _agent(v: Visit, agent_id: int, sent: Fields | None = None) -> Context:
    """The agent's record; the goal form holds what was ``sent`` (when refused) or nothing."""
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
        "values": sent or {},
    }


@router.get("/coaching/agents/{agent_id}", response_class=HTMLResponse)
def agent_page(agent_id: int, v: VisitDep) -> Response:
    """An agent's goals with progress bars, their 1:1s and their reviews."""
    return v.render("agent.html", _agent(v, agent_id))


def _set_goal(v: Visit, agent_id: int, form: FormData) -> None:
    goals.set_goal(
        v.db,
        actor=v.actor,
        agent_id=agent_id,
        kpi=text_of(form, "kpi"),
        target=required_decimal(form, "target"),
        due_on=day(form, "due_on"),
        note=text_of(form, "note"),
        kpis=v.figures.kpis,
        now=v.now,
    )


@router.post("/coaching/agents/{agent_id}/goals")
def add_goal(agent_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: _set_goal(v, agent_id, form),
        then=f"/coaching/agents/{agent_id}",
        page=lambda: ("agent.html", _agent(v, agent_id, form)),
    )


for _module in (
    coaching_sessions,
    coaching_kudos,
    coaching_pulse,
    coaching_reviews,
    coaching_meetings,
    coaching_conflicts,
):
    router.include_router(_module.router)
