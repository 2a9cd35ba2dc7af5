"""The team's kudos wall, with the form to thank a teammate."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import kudos, team_queries
from floorlead.org.directory import team_names
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    required_number,
    text_of,
)

router = APIRouter(include_in_schema=False)


def _wall(v: Visit, team_id: int, sent: FormData | None = None) -> Context:
    """The wall; the form holds what was ``sent`` (when refused) or nothing."""
    members = team_queries.team_members(v.db, team_id=team_id)
    return {
        "team_id": team_id,
        "team_name": team_names(v.db).get(team_id, ""),
        "wall": team_queries.kudos_wall(v.db, actor=v.actor, team_id=team_id),
        "teammates": [(pid, name) for pid, name in members if pid != v.actor.person_id],
        "values": sent or {},
    }


@router.get("/coaching/teams/{team_id}/kudos", response_class=HTMLResponse)
def kudos_page(team_id: int, v: VisitDep) -> Response:
    return v.render("kudos.html", _wall(v, team_id))


@router.post("/coaching/teams/{team_id}/kudos")
def thank(team_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: kudos.give_kudos(
            v.db,
            actor=v.actor,
            recipient_id=required_number(form, "recipient_id"),
            message=text_of(form, "message"),
            now=v.now,
        ),
        then=f"/coaching/teams/{team_id}/kudos",
        page=lambda: ("kudos.html", _wall(v, team_id, form)),
    )
