"""Team meeting and briefing pages: a team's meetings with a form to add one (agenda, notes,
decisions and attendance ticked from the team's members), and one meeting, whose record the
team's coaches may change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from floorlead.coaching import meetings, team_queries
from floorlead.coaching.access import may_run_team
from floorlead.coaching.model import MeetingKind
from floorlead.errors import RuleViolation
from floorlead.org.directory import team_names
from floorlead.web.coaching_visit import (
    Context,
    FormDep,
    Visit,
    VisitDep,
    chosen_ids,
    local_instant,
    text_of,
)

router = APIRouter(include_in_schema=False)


def decisions_from(text: str) -> list[str]:
    """One decision per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def attendance_from(members: Iterable[int], ticked: list[int]) -> dict[int, bool]:
    """Ticked members were there, the others were not; nothing ticked records no attendance."""
    members = list(members)
    if not ticked:
        return {}
    for person_id in ticked:
        if person_id not in members:
            raise RuleViolation(f"person {person_id} is not in the team", field="attendance")
    return {person_id: person_id in ticked for person_id in members}


def _team(v: Visit, team_id: int, sent: FormData | None = None) -> Context:
    """The team's meetings; the form holds what was ``sent`` (when refused) or a fresh one."""
    values: Mapping[str, str] | FormData = sent or {
        "held_at": v.now.astimezone(v.zone).strftime("%Y-%m-%dT%H:%M")
    }
    ticked = [] if sent is None else [str(i) for i in sent.getlist("present")]
    return {
        "team_id": team_id,
        "team_name": team_names(v.db).get(team_id, ""),
        "meetings": team_queries.team_meetings(v.db, actor=v.actor, team_id=team_id),
        "runs_team": may_run_team(v.actor, team_id),
        "members": team_queries.team_members(v.db, team_id=team_id),
        "kinds": list(MeetingKind),
        "values": values,
        "ticked": ticked,
    }


@router.get("/coaching/teams/{team_id}/meetings", response_class=HTMLResponse)
def meetings_page(team_id: int, v: VisitDep) -> Response:
    """The team's meetings and briefings, latest first; the form for its coaches."""
    return v.render("meetings.html", _team(v, team_id))


def _hold(v: Visit, team_id: int, form: FormData) -> int:
    members = [pid for pid, _ in team_queries.team_members(v.db, team_id=team_id)]
    meeting = meetings.hold_meeting(
        v.db,
        actor=v.actor,
        team_id=team_id,
        kind=text_of(form, "kind") or MeetingKind.MEETING.value,
        title=text_of(form, "title"),
        held_at=local_instant(form, "held_at", v.zone),
        agenda=text_of(form, "agenda"),
        notes=text_of(form, "notes"),
        decisions=decisions_from(text_of(form, "decisions")),
        attendance=attendance_from(members, chosen_ids(form, "present")),
        now=v.now,
    )
    return meeting.id


@router.post("/coaching/teams/{team_id}/meetings")
def hold(team_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: _hold(v, team_id, form),
        then=lambda meeting_id: f"/coaching/meetings/{meeting_id}?saved=1",
        page=lambda: ("meetings.html", _team(v, team_id, form)),
    )


def _meeting(v: Visit, meeting_id: int, sent: FormData | None = None) -> Context:
    """The meeting; its record form holds what was ``sent`` (when refused) or what is saved."""
    meeting = team_queries.meeting_detail(v.db, actor=v.actor, meeting_id=meeting_id)
    recorded = {p.person_id: p.name for p in meeting.attendance}
    members = dict(team_queries.team_members(v.db, team_id=meeting.team_id))
    values = {"notes": meeting.notes, "decisions": "\n".join(meeting.decisions)}
    present = [p.person_id for p in meeting.attendance if p.present]
    if sent is not None:
        values = {"notes": text_of(sent, "notes"), "decisions": text_of(sent, "decisions")}
        present = [int(i) for i in sent.getlist("present") if str(i).isdigit()]
    return {
        "meeting": meeting,
        "team_name": team_names(v.db).get(meeting.team_id, ""),
        "runs_team": may_run_team(v.actor, meeting.team_id),
        "members": sorted((recorded | members).items(), key=lambda m: (m[1], m[0])),
        "present": present,
        "values": values,
    }


@router.get("/coaching/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(meeting_id: int, v: VisitDep, saved: str = "") -> Response:
    return v.render("meeting.html", {**_meeting(v, meeting_id), "saved": saved})


def _record(v: Visit, meeting_id: int, form: FormData) -> None:
    context = _meeting(v, meeting_id)
    meetings.record_meeting(
        v.db,
        actor=v.actor,
        meeting_id=meeting_id,
        notes=text_of(form, "notes"),
        decisions=decisions_from(text_of(form, "decisions")),
        attendance=attendance_from(
            (pid for pid, _ in context["members"]), chosen_ids(form, "present")
        ),
        now=v.now,
    )


@router.post("/coaching/meetings/{meeting_id}/record")
def record(meeting_id: int, v: VisitDep, form: FormDep) -> Response:
    return v.act(
        lambda: _record(v, meeting_id, form),
        then=f"/coaching/meetings/{meeting_id}?saved=1",
        page=lambda: ("meeting.html", _meeting(v, meeting_id, form)),
    )
