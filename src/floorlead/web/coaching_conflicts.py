"""Conflict note pages, for supervisors and above: the notes of the viewer's teams with a form
to record one, and its outcome. The services refuse everyone else (``VIEW_CONFLICT_NOTES``),
so a team lead or an agent gets "not allowed" here."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import conflicts, team_queries
from floorlead.coaching.model import ConflictStatus
from floorlead.org.directory import team_names
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    chosen_ids,
    day,
    text_of,
    whole_number,
)

router = APIRouter(include_in_schema=False)


def _page(v: Visit, team_id: int | None, status: str, sent: FormData | None = None) -> Context:
    """The notes (filtered by team and status), and the form holding what was ``sent``."""
    notes = team_queries.conflicts_page(v.db, actor=v.actor, team_id=team_id, status=status or None)
    names = team_names(v.db)
    covered = names if v.actor.team_ids is None else v.actor.team_ids
    values: Mapping[str, str] | FormData = sent or {"occurred_on": v.now.date().isoformat()}
    return {
        "notes": notes,
        "team_names": names,
        "teams": sorted(((i, names[i]) for i in covered if i in names), key=lambda t: t[1]),
        "parties": team_queries.conflict_parties(v.db, actor=v.actor),
        "statuses": list(ConflictStatus),
        "team_id": team_id,
        "status": status,
        "values": values,
        "ticked": [] if sent is None else [str(i) for i in sent.getlist("party_ids")],
    }


@router.get("/coaching/conflicts", response_class=HTMLResponse)
def conflicts_page(v: VisitDep, team_id: str = "", status: str = "", saved: str = "") -> Response:
    """The notes of the viewer's teams, newest first, optionally of one team or status."""
    team = whole_number({"team_id": team_id}, "team_id")
    return v.render("conflicts.html", {**_page(v, team, status), "saved": saved})


def _record(v: Visit, form: FormData) -> None:
    conflicts.record_conflict(
        v.db,
        actor=v.actor,
        party_ids=chosen_ids(form, "party_ids"),
        occurred_on=day(form, "occurred_on"),
        summary=text_of(form, "summary"),
        outcome=text_of(form, "outcome"),
        team_id=whole_number(form, "team_id"),
        now=v.now,
    )


@router.post("/coaching/conflicts")
def record(v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: _record(v, form),
        then="/coaching/conflicts?saved=1",
        page=lambda: ("conflicts.html", _page(v, None, "", form)),
    )


@router.post("/coaching/conflicts/{note_id}/resolve")
def resolve(note_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: conflicts.resolve_conflict(
            v.db, actor=v.actor, note_id=note_id, outcome=text_of(form, "outcome"), now=v.now
        ),
        then=f"/coaching/conflicts#note-{note_id}",
        page=lambda: ("conflicts.html", {**_page(v, None, ""), "resolving": note_id}),
    )
