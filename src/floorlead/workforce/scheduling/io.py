"""Reading a problem from files (requirements CSV, shifts YAML, agents CSV); writing schedules.

The formats are described in docs/workforce/scheduling.md. Every error names the file, the row
and the column it comes from.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from floorlead.workforce.scheduling.errors import ScheduleInputError
from floorlead.workforce.scheduling.model import (
    ALL_WEEK,
    ANY_SKILL,
    Agent,
    ScheduleProblem,
    SkillDemand,
    WeeklyWindow,
)
from floorlead.workforce.scheduling.results import Schedule
from floorlead.workforce.scheduling.shift_config import (
    ShiftConfig,
    clock,
    parse_shift_config,
    parse_windows,
)
from floorlead.workforce.scheduling.timeline import WEEK_MINUTES, WEEKDAY_NAMES, minute_of

SCHEDULE_COLUMNS = (
    "agent",
    "agent_name",
    "template",
    "shift_start",
    "shift_end",
    "paid_hours",
    "breaks",
)


def read_problem(
    requirements: Path, shifts: Path, agents: Path, *, week_start: datetime | None = None
) -> ScheduleProblem:
    """Build a problem from the three input files."""
    config = parse_shift_config(_load_yaml(shifts))
    rows = _read_csv(requirements, required_columns=("interval_start", "required"))
    stamps = [_timestamp(row["interval_start"], f"{requirements.name} row {n}") for n, row in rows]
    start = week_start or (
        _timestamp(config.week_start, "week_start") if config.week_start else None
    )
    start = start or min(stamps).replace(hour=0, minute=0, second=0, microsecond=0)
    offsets = [minute_of(start, stamp) for stamp in stamps]
    interval = config.interval_minutes or _infer_interval(offsets)
    demand = _demand(requirements.name, rows, offsets, interval)
    return ScheduleProblem(
        week_start=start,
        interval_minutes=interval,
        demand=demand,
        templates=config.templates,
        agents=read_agents(agents),
        rules=config.rules,
        weights=config.weights,
        opening_hours=config.opening_hours,
    )


def read_shift_config(path: Path) -> ShiftConfig:
    return parse_shift_config(_load_yaml(path))


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read_text(path))
    except yaml.YAMLError as exc:
        raise ScheduleInputError(f"{path.name} is not valid YAML: {exc}", field=path.name) from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScheduleInputError(f"cannot read {path}: {exc.strerror}", field=path.name) from exc


def _read_csv(path: Path, *, required_columns: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(_read_text(path).splitlines())
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in required_columns if c not in columns]
    if missing:
        raise ScheduleInputError(f"{path.name} lacks columns {missing}", field=path.name)
    rows = []
    for number, row in enumerate(reader, start=2):
        rows.append((number, {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}))
    if not rows:
        raise ScheduleInputError(f"{path.name} has no rows", field=path.name)
    return rows


def _timestamp(text: str, where: str) -> datetime:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError as exc:
        raise ScheduleInputError(f"{where}: {text!r} is not an ISO date-time", field=where) from exc


def _infer_interval(offsets: list[int]) -> int:
    interval = 60
    for offset in offsets:
        interval = math.gcd(interval, offset)
    if interval not in (15, 30, 60):
        raise ScheduleInputError(
            "interval starts must fall on a 15, 30 or 60-minute grid", field="interval_start"
        )
    return interval


def _demand(
    name: str, rows: list[tuple[int, dict[str, str]]], offsets: list[int], interval: int
) -> tuple[SkillDemand, ...]:
    count = WEEK_MINUTES // interval
    curves: dict[str, list[float]] = {}
    seen: set[tuple[str, int]] = set()
    for (number, row), offset in zip(rows, offsets, strict=True):
        where = f"{name} row {number}"
        if not 0 <= offset < WEEK_MINUTES or offset % interval:
            raise ScheduleInputError(
                f"{where}: interval_start is outside the week or off the grid",
                field="interval_start",
            )
        skill = row.get("skill", ANY_SKILL)
        if (skill, offset) in seen:
            raise ScheduleInputError(f"{where}: interval listed twice", field="interval_start")
        seen.add((skill, offset))
        value = _float(row["required"], f"{where} required")
        if value < 0:
            raise ScheduleInputError(
                f"{where}: required must not be negative (got {value:g})", field="required"
            )
        curves.setdefault(skill, [0.0] * count)[offset // interval] = value
    return tuple(SkillDemand(skill, tuple(values)) for skill, values in curves.items())


def _float(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError as exc:
        raise ScheduleInputError(f"{where}: {text!r} is not a number", field=where) from exc


def read_agents(path: Path) -> tuple[Agent, ...]:
    """Agents CSV: id, name, min_hours, max_hours, then optional hourly_cost, skills, mon..sun,
    preferred_start and templates."""
    rows = _read_csv(path, required_columns=("id", "min_hours", "max_hours"))
    return tuple(_agent(row, f"{path.name} row {number}") for number, row in rows)


def _agent(row: dict[str, str], where: str) -> Agent:
    preferred = row.get("preferred_start", "")
    allowed = _names(row.get("templates", ""))
    return Agent(
        id=row["id"],
        name=row.get("name") or row["id"],
        min_hours=_float(row["min_hours"], f"{where} min_hours"),
        max_hours=_float(row["max_hours"], f"{where} max_hours"),
        hourly_cost=_float(row.get("hourly_cost") or "0", f"{where} hourly_cost"),
        availability=_availability(row, where),
        skills=frozenset(_names(row.get("skills", ""))),
        preferred_start=_preferred(preferred, where) if preferred else None,
        templates=frozenset(allowed) if allowed else None,
    )


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _availability(row: dict[str, str], where: str) -> tuple[WeeklyWindow, ...]:
    if not any(day in row for day in WEEKDAY_NAMES):
        return ALL_WEEK
    return tuple(
        WeeklyWindow(weekday, start, end)
        for weekday, day in enumerate(WEEKDAY_NAMES)
        for start, end in parse_windows(row.get(day, ""), f"{where} {day}")
    )


def _preferred(text: str, where: str) -> tuple[int, int]:
    first, sep, last = text.partition("-")
    if not sep:
        raise ScheduleInputError(
            f"{where} preferred_start: use a window like 07:00-09:00", field="preferred_start"
        )
    return clock(first.strip(), f"{where} preferred_start"), clock(
        last.strip(), f"{where} preferred_start"
    )


def write_schedule(problem: ScheduleProblem, schedule: Schedule, path: Path) -> None:
    """One row per shift; breaks as ``name HH:MM-HH:MM (paid|unpaid)`` joined by ``; ``."""
    names = {agent.id: agent.name for agent in problem.agents}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SCHEDULE_COLUMNS)
        for shift in schedule.shifts:
            unpaid = sum((b.end - b.start).total_seconds() for b in shift.breaks if not b.paid)
            paid_hours = ((shift.end - shift.start).total_seconds() - unpaid) / 3600
            breaks = "; ".join(
                f"{b.name} {b.start:%H:%M}-{b.end:%H:%M} ({'paid' if b.paid else 'unpaid'})"
                for b in shift.breaks
            )
            writer.writerow(
                [
                    shift.agent_id,
                    names.get(shift.agent_id, ""),
                    shift.template,
                    shift.start.isoformat(),
                    shift.end.isoformat(),
                    f"{paid_hours:g}",
                    breaks,
                ]
            )
