"""The 1:1 page: agenda, notes (and whether the agent sees them), action items, the reasons
that prompted it and its before/after panel, with the forms its coaches change it through."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import evidence, one_on_ones, queries
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    day,
    required_number,
    text_of,
)

router = APIRouter(include_in_schema=False)


def _session(v: Visit, session_id: int, sent: FormData | None = None, about: str = "") -> Context:
    """The 1:1; its form ``about`` ("notes", "action" or "link") holds what was ``sent``."""
    detail = queries.session_detail(v.db, actor=v.actor, session_id=session_id, today=v.now.date())
    effects = evidence.coaching_effects(
        v.db, actor=v.actor, session_id=session_id, samples=v.figures.samples, now=v.now
    )
    owners = {detail.agent_id: detail.agent_name, detail.coach_id: detail.coach_name}
    return {
        "detail": detail,
        "effects": effects,
        "owners": owners,
        "values": sent or {},
        "sent": about,
    }


@router.get("/coaching/sessions/{session_id}", response_class=HTMLResponse)
def session_page(session_id: int, v: VisitDep) -> Response:
    return v.render("session.html", _session(v, session_id))


def _change_session(
    v: Visit, session_id: int, form: FormData, about: str, action: Callable[[], object]
) -> Response:
    """Run ``action``; when refused, show the 1:1 with the ``about`` form as it was sent."""
    return v.act(
        action,
        then=f"/coaching/sessions/{session_id}",
        page=lambda: ("session.html", _session(v, session_id, form, about)),
    )


@router.post("/coaching/sessions/{session_id}/notes")
def save_notes(session_id: int, v: VisitDep, form: FormDep) -> Response:
    return _change_session(
        v,
        session_id,
        form,
        "notes",
        lambda: one_on_ones.update_session(
            v.db,
            actor=v.actor,
            session_id=session_id,
            notes=text_of(form, "notes"),
            notes_shared=text_of(form, "shared") == "yes",
            status=text_of(form, "status") or None,
            now=v.now,
        ),
    )


@router.post("/coaching/sessions/{session_id}/actions")
def add_action(session_id: int, v: VisitDep, form: FormDep) -> Response:
    return _change_session(
        v,
        session_id,
        form,
        "action",
        lambda: one_on_ones.add_action_item(
            v.db,
            actor=v.actor,
            session_id=session_id,
            description=text_of(form, "description"),
            owner_id=required_number(form, "owner_id"),
            due_on=day(form, "due_on"),
            now=v.now,
        ),
    )


@router.post("/coaching/sessions/{session_id}/links")
def add_link(session_id: int, v: VisitDep, form: FormDep) -> Response:
    return _change_session(
        v,
        session_id,
        form,
        "link",
        lambda: one_on_ones.link_reason(
            v.db,
            actor=v.actor,
            session_id=session_id,
            reason=one_on_ones.Reason(
                text_of(form, "kind"), text_of(form, "ref"), text_of(form, "text")
            ),
            now=v.now,
        ),
    )


@router.post("/coaching/actions/{action_id}/done")
def action_done(action_id: int, v: VisitDep, form: FormDep) -> Response:
    """Mark an action item done (or open again) and go back to the page it was ticked on."""
    back = text_of(form, "back") or "/coaching"
    one_on_ones.complete_action_item(
        v.db,
        actor=v.actor,
        action_id=action_id,
        done=(text_of(form, "done") or "yes") == "yes",
        now=v.now,
    )
    return RedirectResponse(back if back.startswith("/coaching") else "/coaching", 303)
