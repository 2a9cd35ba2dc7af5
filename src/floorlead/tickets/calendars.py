"""Business calendars: weekly hours in a time zone, and holidays.

The business-hours rule module validates them before they are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.audit import snapshot
from floorlead.auth.permissions import Action, Actor, require
from floorlead.errors import Conflict, NotFound, RuleViolation
from floorlead.tickets import inputs
from floorlead.tickets.business_hours import BusinessHours
from floorlead.tickets.history import audit_row, one_transaction, unique_name
from floorlead.tickets.inputs import KEEP, Keep
from floorlead.tickets.tables import BusinessCalendar, Holiday, SlaPolicy

HolidayInput = tuple[date, str]  # (day, name)


@one_transaction
def create_calendar(
    session: Session,
    *,
    name: str,
    time_zone: str,
    weekly_hours: dict[str, list[list[str]]],
    actor: Actor,
    now: datetime,
    holidays: Iterable[HolidayInput] = (),
) -> BusinessCalendar:
    """Business hours in a time zone (``{"0": [["09:00", "17:00"]], ...}``) and holidays."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    calendar = BusinessCalendar(holidays=[])
    _set_calendar_fields(session, calendar, name, time_zone, weekly_hours, holidays)
    session.add(calendar)
    _audit_calendar(session, calendar, before=None, actor=actor, now=now)
    return calendar


@one_transaction
def update_calendar(
    session: Session,
    *,
    calendar_id: int,
    actor: Actor,
    now: datetime,
    name: str | Keep = KEEP,
    time_zone: str | Keep = KEEP,
    weekly_hours: dict[str, list[list[str]]] | Keep = KEEP,
    holidays: Iterable[HolidayInput] | Keep = KEEP,
) -> BusinessCalendar:
    """Change the given fields; holidays, when given, replace the calendar's holidays."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    calendar = _calendar(session, calendar_id)
    before = _calendar_snapshot(calendar)
    _set_calendar_fields(session, calendar, name, time_zone, weekly_hours, holidays)
    _audit_calendar(session, calendar, before=before, actor=actor, now=now)
    return calendar


@one_transaction
def delete_calendar(session: Session, *, calendar_id: int, actor: Actor, now: datetime) -> None:
    """Delete a calendar no policy uses."""
    require(actor, Action.MANAGE_SERVICE_RULES, scoped=False)
    calendar = _calendar(session, calendar_id)
    names = sorted(
        session.scalars(select(SlaPolicy.name).where(SlaPolicy.calendar_id == calendar.id))
    )
    if names:
        raise Conflict(
            f"calendar {calendar.name} is used by: {', '.join(names)}", field="calendar_id"
        )
    before = _calendar_snapshot(calendar)
    session.delete(calendar)
    audit_row(
        session,
        calendar,
        entity="business_calendar",
        action="business_calendar.delete",
        before=before,
        actor_id=actor.person_id,
        now=now,
    )


def _set_calendar_fields(
    session: Session,
    calendar: BusinessCalendar,
    name: str | Keep,
    time_zone: str | Keep,
    weekly_hours: dict[str, list[list[str]]] | Keep,
    holidays: Iterable[HolidayInput] | Keep,
) -> None:
    """Check and set the given fields; the business-hours rules validate the result."""
    with session.no_autoflush:
        if name is not KEEP:
            calendar.name = unique_name(session, BusinessCalendar, name, calendar.id)
        days = None if holidays is KEEP else _checked_holidays(holidays)
        hours = BusinessHours.from_json(
            calendar.time_zone if time_zone is KEEP else time_zone,
            calendar.weekly_hours if weekly_hours is KEEP else weekly_hours,
            [h.day for h in calendar.holidays] if days is None else list(days),
        )
        calendar.time_zone, calendar.weekly_hours = hours.time_zone, hours.to_json()
        if days is not None:
            _replace_holidays(calendar, days)


def _audit_calendar(
    session: Session,
    calendar: BusinessCalendar,
    *,
    before: dict[str, Any] | None,
    actor: Actor,
    now: datetime,
) -> None:
    audit_row(
        session,
        calendar,
        entity="business_calendar",
        action="business_calendar.create" if before is None else "business_calendar.update",
        before=before,
        actor_id=actor.person_id,
        now=now,
        extra={"holidays": _holiday_list(calendar)},
    )


def _calendar_snapshot(calendar: BusinessCalendar) -> dict[str, Any]:
    return {**snapshot(calendar), "holidays": _holiday_list(calendar)}


def _calendar(session: Session, calendar_id: int) -> BusinessCalendar:
    calendar = session.get(BusinessCalendar, calendar_id)
    if calendar is None:
        raise NotFound(f"calendar {calendar_id} does not exist", field="calendar_id")
    return calendar


def _checked_holidays(holidays: Iterable[HolidayInput]) -> dict[date, str]:
    days: dict[date, str] = {}
    for day, name in holidays:
        if day in days:
            raise RuleViolation(f"{day.isoformat()} is listed twice", field="holidays")
        days[day] = inputs.text(name, "holidays", max_length=120)
    return days


def _replace_holidays(calendar: BusinessCalendar, days: dict[date, str]) -> None:
    kept = []
    for row in calendar.holidays:
        if row.day in days:
            row.name = days.pop(row.day)
            kept.append(row)
    calendar.holidays = kept + [Holiday(day=day, name=name) for day, name in days.items()]


def _holiday_list(calendar: BusinessCalendar) -> list[list[str]]:
    return sorted([h.day.isoformat(), h.name] for h in calendar.holidays)
