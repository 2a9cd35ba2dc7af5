"""Reading the shifts YAML document: templates, breaks, rules, opening hours, objective prices.

Durations are minutes (``30``) or ``"H:MM"`` (``"8:30"``); clock times are ``"HH:MM"``; days are
``mon`` ... ``sun``. See docs/workforce/scheduling.md for the full format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from floorlead.workforce.scheduling.errors import ScheduleInputError
from floorlead.workforce.scheduling.model import (
    ALL_WEEK,
    ANY_SKILL,
    BreakRule,
    ObjectiveWeights,
    ShiftTemplate,
    TourRules,
    WeeklyWindow,
)
from floorlead.workforce.scheduling.timeline import (
    DAY_MINUTES,
    WEEKDAY_NAMES,
    parse_clock,
    weekday_index,
)

_CLOSED = {"", "-", "off", "closed", "none"}
_ALL_DAY = {"*", "all", "open", "24h"}


@dataclass(frozen=True)
class ShiftConfig:
    templates: tuple[ShiftTemplate, ...]
    rules: TourRules
    weights: ObjectiveWeights
    opening_hours: tuple[WeeklyWindow, ...]
    interval_minutes: int | None
    week_start: str | None


def parse_shift_config(document: Any) -> ShiftConfig:
    if not isinstance(document, dict):
        raise ScheduleInputError("the shifts file must be a YAML mapping", field="shifts")
    templates = document.get("templates")
    if not isinstance(templates, list) or not templates:
        raise ScheduleInputError("list at least one template under 'templates'", field="templates")
    interval = document.get("interval_minutes")
    week_start = document.get("week_start")
    return ShiftConfig(
        templates=tuple(_template(item, f"templates[{n}]") for n, item in enumerate(templates)),
        rules=_rules(_mapping(document.get("rules", {}), "rules")),
        weights=_weights(_mapping(document.get("objective", {}), "objective")),
        opening_hours=_opening_hours(document.get("opening_hours")),
        interval_minutes=_whole(interval, "interval_minutes") if interval is not None else None,
        week_start=str(week_start) if week_start is not None else None,
    )


def duration(value: Any, field: str) -> int:
    """Minutes from ``30`` or ``"8:30"``."""
    if isinstance(value, bool):
        raise ScheduleInputError(f"{field}: {value!r} is not a duration", field=field)
    if isinstance(value, int):
        return value
    return parse_clock(str(value), field=field, allow_past_midnight=True)


def clock(value: Any, field: str) -> int:
    """Minutes after midnight from ``"07:30"`` (or the minutes YAML reads from a bare 07:30)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value < DAY_MINUTES:
            raise ScheduleInputError(f"{field}: {value} is not a time of day", field=field)
        return value
    return parse_clock(str(value), field=field)


def parse_windows(text: str, field: str) -> list[tuple[int, int]]:
    """``"08:00-12:00; 13:00-17:00"`` as minute pairs; an end before the start runs overnight."""
    cleaned = str(text).strip().lower()
    if cleaned in _CLOSED:
        return []
    if cleaned in _ALL_DAY:
        return [(0, DAY_MINUTES)]
    windows = []
    for part in cleaned.replace(",", ";").split(";"):
        first, sep, last = part.strip().partition("-")
        if not sep:
            raise ScheduleInputError(
                f"{field}: {part!r} is not a window like 08:00-17:00", field=field
            )
        start = parse_clock(first, field=field)
        end = parse_clock(last, field=field, allow_past_midnight=True)
        windows.append((start, end if end > start else end + DAY_MINUTES))
    return windows


def _mapping(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ScheduleInputError(f"{field} must be a mapping", field=field)
    return value


def _whole(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScheduleInputError(f"{field}: {value!r} is not a whole number", field=field)
    return value


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScheduleInputError(f"{field}: {value!r} is not a number", field=field)
    return float(value)


def _template(item: Any, where: str) -> ShiftTemplate:
    item = _mapping(item, where)
    for key in ("name", "length", "starts"):
        if key not in item:
            raise ScheduleInputError(f"{where}: '{key}' is missing", field=f"{where}.{key}")
    days = item.get("days")
    return ShiftTemplate(
        name=str(item["name"]),
        length_minutes=duration(item["length"], f"{where}.length"),
        start_times=_starts(item["starts"], f"{where}.starts"),
        breaks=tuple(
            _break(rest, f"{where}.breaks[{n}]") for n, rest in enumerate(item.get("breaks", []))
        ),
        weekdays=frozenset(weekday_index(d, field=f"{where}.days") for d in days)
        if days
        else frozenset(range(7)),
        break_step_minutes=_whole(item.get("break_step", 15), f"{where}.break_step"),
        skill=str(item.get("skill", ANY_SKILL)),
    )


def _starts(value: Any, field: str) -> tuple[int, ...]:
    if isinstance(value, list):
        return tuple(clock(start, field) for start in value)
    spec = _mapping(value, field)
    first = clock(spec.get("from", ""), f"{field}.from")
    last = clock(spec.get("to", ""), f"{field}.to")
    every = duration(spec.get("every", 30), f"{field}.every")
    if every <= 0 or last < first:
        raise ScheduleInputError(f"{field}: need from <= to and every > 0", field=field)
    return tuple(range(first, last + 1, every))


def _break(item: Any, where: str) -> BreakRule:
    item = _mapping(item, where)
    window = item.get("window")
    if not isinstance(window, list) or len(window) != 2:
        raise ScheduleInputError(
            f"{where}: window must be [earliest start, latest start]", field=f"{where}.window"
        )
    return BreakRule(
        name=str(item.get("name", "break")),
        length_minutes=duration(item.get("length", 15), f"{where}.length"),
        paid=bool(item.get("paid", True)),
        earliest_start=duration(window[0], f"{where}.window"),
        latest_start=duration(window[1], f"{where}.window"),
    )


def _rules(spec: dict[str, Any]) -> TourRules:
    known = {"min_days_off", "consecutive_days_off", "max_consecutive_work_days", "min_rest_hours"}
    unknown = set(spec) - known
    if unknown:
        raise ScheduleInputError(f"unknown rules {sorted(unknown)}", field="rules")
    return TourRules(
        min_days_off=_whole(spec.get("min_days_off", 0), "rules.min_days_off"),
        consecutive_days_off=_whole(
            spec.get("consecutive_days_off", 0), "rules.consecutive_days_off"
        ),
        max_consecutive_work_days=_whole(
            spec.get("max_consecutive_work_days", 7), "rules.max_consecutive_work_days"
        ),
        min_rest_minutes=round(
            _number(spec.get("min_rest_hours", 11), "rules.min_rest_hours") * 60
        ),
    )


def _weights(spec: dict[str, Any]) -> ObjectiveWeights:
    defaults = ObjectiveWeights()
    return ObjectiveWeights(
        **{
            name: _number(spec.get(name, getattr(defaults, name)), f"objective.{name}")
            for name in ("under_per_agent_hour", "over_per_agent_hour", "preference_per_shift")
        }
    )


def _opening_hours(spec: Any) -> tuple[WeeklyWindow, ...]:
    if spec is None:
        return ALL_WEEK
    spec = _mapping(spec, "opening_hours")
    windows = []
    for name, text in spec.items():
        day = weekday_index(name, field="opening_hours")
        for start, end in parse_windows(str(text), f"opening_hours.{WEEKDAY_NAMES[day]}"):
            windows.append(WeeklyWindow(day, start, end))
    return tuple(windows)
