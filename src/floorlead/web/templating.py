"""Jinja2 environment with floorlead's filters (local times, durations, numbers)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def local_time(value: datetime | None, zone: str = "UTC", fmt: str = "%a %d %b %H:%M") -> str:
    """A UTC instant shown in the viewer's time zone."""
    if value is None:
        return "—"
    return value.astimezone(ZoneInfo(zone)).strftime(fmt)


def duration(seconds: float | None) -> str:
    """Seconds as a short human duration: 45s, 12m, 3h 05m, 2d 4h."""
    if seconds is None:
        return "—"
    sign = "-" if seconds < 0 else ""
    s = abs(round(seconds))
    if s < 60:
        return f"{sign}{s}s"
    minutes, _ = divmod(s, 60)
    if minutes < 60:
        return f"{sign}{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{sign}{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{sign}{days}d {hours}h"


ACRONYMS = frozenset({"qa", "sla", "csat", "nps", "aht", "fcr", "kpi"})


def label(value: object) -> str:
    """An enum-like value as words: on_hold -> On hold, qa_review -> QA review."""
    words = [w.upper() if w in ACRONYMS else w for w in str(value or "").split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


templates.env.filters["local_time"] = local_time
templates.env.filters["duration"] = duration
templates.env.filters["label"] = label
