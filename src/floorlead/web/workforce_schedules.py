"""Schedule pages: build a team's week (forecast, staff, optimise, store as a draft), then look
at it as a Gantt with its coverage curve, publish it, swap two shifts or book time off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from floorlead.api.deps import NowDep, SessionDep
from floorlead.errors import DomainError, RuleViolation
from floorlead.org.directory import person_names
from floorlead.web.deps import ViewerDep
from floorlead.web.workforce_common import (
    MODEL_LABELS,
    chosen_team,
    input_values,
    local_today,
    monday,
    parse_day,
    parse_float,
    parse_int,
    render,
    staffing_inputs,
)
from floorlead.web.workforce_views import coverage_chart, gantt_rows, week_days
from floorlead.workforce import schedules
from floorlead.workforce.adherence import Activity, ScheduledShift, Span
from floorlead.workforce.planning import MODELS, build_schedule
from floorlead.workforce.planning_queries import team_members, team_schedules
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings
from floorlead.workforce.schedules import TIME_OFF_REASONS

router = APIRouter(include_in_schema=False)
DEFAULT_TIME_LIMIT = 20.0


async def form_fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(form_fields)]


def _list_context(
    session: SessionDep, viewer: ViewerDep, now: NowDep, params: dict[str, str]
) -> dict[str, Any]:
    team, teams = chosen_team(session, viewer, params.get("team_id"))
    today = local_today(now, team.time_zone)
    week = monday(parse_day(params.get("week"), today + timedelta(weeks=1)))
    settings = ScheduleSettings()
    return {
        "viewer": viewer,
        "team": team,
        "teams": teams,
        "week": week,
        "schedules": team_schedules(session, actor=viewer.actor, team_id=team.id),
        "models": MODELS,
        "model_labels": MODEL_LABELS,
        "values": input_values(StaffingInputs())
        | {
            "time_limit": f"{DEFAULT_TIME_LIMIT:g}",
            "min_hours": f"{settings.min_hours:g}",
            "max_hours": f"{settings.max_hours:g}",
        }
        | params,
    }


@router.get("/workforce/schedules", response_class=HTMLResponse)
def schedules_page(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    context = _list_context(session, viewer, now, dict(request.query_params))
    return render(request, "schedules.html", context)


@router.post("/workforce/schedules")
def build(
    request: Request, session: SessionDep, viewer: ViewerDep, now: NowDep, form: FormDep
) -> Response:
    """Solve the week within the time limit (in this request) and store it as a draft."""
    try:
        context = _list_context(session, viewer, now, form)
        built = build_schedule(
            session,
            actor=viewer.actor,
            team_id=context["team"].id,
            day=context["week"],
            now=now,
            inputs=staffing_inputs(form),
            model=form.get("model") or "auto",
            settings=ScheduleSettings(
                time_limit_seconds=parse_float(form.get("time_limit") or "20", "time_limit"),
                min_hours=parse_float(form.get("min_hours") or "30", "min_hours"),
                max_hours=parse_float(form.get("max_hours") or "40", "max_hours"),
            ),
        )
    except DomainError as exc:
        session.rollback()
        context = _list_context(session, viewer, now, form)
        context["error"] = exc.message
        return render(request, "schedules.html", context, status=exc.status_code)
    return RedirectResponse(f"/workforce/schedules/{built.schedule_id}", status_code=303)


def shift_plan(row: schedules.ScheduledShiftRow) -> ScheduledShift:
    return ScheduledShift(
        row.start, row.end, tuple(Span(a.start, a.end, Activity(a.kind)) for a in row.activities)
    )


def _detail_context(session: SessionDep, viewer: ViewerDep, schedule_id: int) -> dict[str, Any]:
    schedule = schedules.get_schedule(session, actor=viewer.actor, schedule_id=schedule_id)
    team, teams = chosen_team(session, viewer, str(schedule.team_id))
    week = schedule.week_start.astimezone(ZoneInfo(team.time_zone)).date()
    members = team_members(
        session,
        team_id=team.id,
        first_day=week,
        start=schedule.week_start,
        end=schedule.week_start + timedelta(days=7),
    )
    names = {member.person_id: member.name for member in members}
    names |= person_names(session, [row.person_id for row in schedule.shifts])
    plans = [(row.id, row.person_id, shift_plan(row)) for row in schedule.shifts]
    zone = ZoneInfo(team.time_zone)
    slots = schedules.coverage(schedule)
    return {
        "viewer": viewer,
        "team": team,
        "teams": teams,
        "schedule": schedule,
        "week": week,
        "days": week_days(schedule.week_start, team.time_zone),
        "gantt": gantt_rows(plans, names, schedule.week_start, team.time_zone),
        "chart": coverage_chart(slots, team.time_zone),
        "short_hours": sum(s.required - s.scheduled for s in slots if s.gap < 0)
        * schedule.interval_minutes
        / 60,
        "people": sorted(names.items(), key=lambda item: item[1]),
        "shift_choices": [
            (
                shift_id,
                f"{names.get(pid, pid)} · {plan.start.astimezone(zone):%a %H:%M}–"
                f"{plan.end.astimezone(zone):%H:%M}",
            )
            for shift_id, pid, plan in plans
        ],
        "reasons": sorted(TIME_OFF_REASONS),
    }


@router.get("/workforce/schedules/{schedule_id}", response_class=HTMLResponse)
def schedule_page(
    request: Request, schedule_id: int, session: SessionDep, viewer: ViewerDep
) -> Response:
    context = _detail_context(session, viewer, schedule_id)
    context["done"] = request.query_params.get("done", "")
    return render(request, "schedule.html", context)


def _change(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    schedule_id: int,
    action: Callable[[], object],
    done: str,
) -> Response:
    """Run an edit; on a refused rule show the schedule again with the reason."""
    try:
        action()
    except DomainError as exc:
        session.rollback()
        context = _detail_context(session, viewer, schedule_id)
        context["error"] = exc.message
        return render(request, "schedule.html", context, status=exc.status_code)
    return RedirectResponse(f"/workforce/schedules/{schedule_id}?done={done}", status_code=303)


@router.post("/workforce/schedules/{schedule_id}/publish")
def publish(
    request: Request, schedule_id: int, session: SessionDep, viewer: ViewerDep, now: NowDep
) -> Response:
    def act() -> object:
        return schedules.publish_schedule(
            session, actor=viewer.actor, schedule_id=schedule_id, now=now
        )

    return _change(request, session, viewer, schedule_id, act, "published")


@router.post("/workforce/schedules/{schedule_id}/swap")
def swap(
    request: Request,
    schedule_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    form: FormDep,
) -> Response:
    def act() -> None:
        first = parse_int(form.get("first_shift_id", ""), "first_shift_id")
        second = parse_int(form.get("second_shift_id", ""), "second_shift_id")
        if first == second:
            raise RuleViolation("choose two different shifts to swap", field="second_shift_id")
        _require_in_schedule(session, viewer, schedule_id, (first, second))
        schedules.swap_shifts(
            session, actor=viewer.actor, first_shift_id=first, second_shift_id=second, now=now
        )

    return _change(request, session, viewer, schedule_id, act, "swapped")


def _require_in_schedule(
    session: SessionDep, viewer: ViewerDep, schedule_id: int, shift_ids: tuple[int, ...]
) -> None:
    schedule = schedules.get_schedule(session, actor=viewer.actor, schedule_id=schedule_id)
    known = {shift.id for shift in schedule.shifts}
    for shift_id in shift_ids:
        if shift_id not in known:
            raise RuleViolation(f"shift {shift_id} is not in this schedule", field="shift_id")


@router.post("/workforce/schedules/{schedule_id}/time-off")
def time_off(
    request: Request,
    schedule_id: int,
    session: SessionDep,
    viewer: ViewerDep,
    now: NowDep,
    form: FormDep,
) -> Response:
    def act() -> None:
        schedule = schedules.get_schedule(session, actor=viewer.actor, schedule_id=schedule_id)
        team, _ = chosen_team(session, viewer, str(schedule.team_id))
        zone = ZoneInfo(team.time_zone)
        schedules.add_time_off(
            session,
            actor=viewer.actor,
            person_id=parse_int(form.get("person_id", ""), "person_id"),
            start=_local_moment(form.get("start", ""), zone, "start"),
            end=_local_moment(form.get("end", ""), zone, "end"),
            reason=form.get("reason", ""),
            note=form.get("note", ""),
            now=now,
        )

    return _change(request, session, viewer, schedule_id, act, "time-off")


def _local_moment(text: str, zone: ZoneInfo, field: str) -> datetime:
    """A ``2026-03-02T09:00`` form value read on the team's clock."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{field} must be a date and time", field=field) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
