"""The dashboard's state, kept in the URL so a view can be bookmarked and shared.

``/dashboard?preset=4w&team=2&channel=email&by=week`` or, for a custom period,
``/dashboard?from=2026-01-05&to=2026-03-01``. Presets are relative to today (UTC), so a
bookmarked preset always shows the latest weeks; a custom period stays fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlencode

from floorlead.errors import RuleViolation
from floorlead.metrics import Period

PRESETS: dict[str, str] = {
    "7d": "Last 7 days",
    "4w": "Last 4 weeks",
    "8w": "Last 8 weeks",
    "month": "This month",
}
DEFAULT_PRESET = "4w"
PRESET_DAYS = {"7d": 7, "4w": 28, "8w": 56}
# Filters of every dashboard view and of the KPI API, with the type of their values.
FILTERS: dict[str, type] = {
    "team": int,
    "agent": int,
    "channel": str,
    "priority": str,
    "category": str,
    "tier": str,
}
BUCKETS = ("day", "week", "month")

Filters = dict[str, list[int | str]]


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{text!r} is not a date like 2026-03-02", field=field) from None


def preset_period(preset: str, today: date) -> Period:
    """Rolling presets cover whole days up to yesterday (a fair comparison with the period
    before); "this month" runs to today."""
    if preset == "month":
        return Period(today.replace(day=1), today)
    if preset not in PRESET_DAYS:
        raise RuleViolation(
            f"unknown period {preset!r}; use one of {', '.join(PRESETS)}", field="preset"
        )
    return Period.ending(today - timedelta(days=1), days=PRESET_DAYS[preset])


def choose_period(
    *, start: str | None, end: str | None, preset: str | None, today: date
) -> tuple[Period, str | None]:
    """The period asked for (custom dates win over a preset) and the preset in use, if any."""
    if not start and not end:
        chosen = preset or DEFAULT_PRESET
        return preset_period(chosen, today), chosen
    last = parse_day(end, "to") if end else today
    first = parse_day(start, "from") if start else last - timedelta(days=27)
    return Period(first, last), None


def parse_filters(items: Iterable[tuple[str, str]]) -> Filters:
    """Filter values from query parameters (repeatable; blanks ignored), typed and checked."""
    found: Filters = {}
    for name, raw in items:
        if name not in FILTERS or not raw.strip():
            continue
        value: int | str = raw.strip()
        if FILTERS[name] is int:
            try:
                value = int(raw)
            except ValueError:
                raise RuleViolation(f"{raw!r} is not a number", field=name) from None
        if value not in found.setdefault(name, []):
            found[name].append(value)
    return found


def default_bucket(period: Period) -> str:
    return "day" if period.days <= 31 else "week"


def check_bucket(value: str) -> str:
    if value not in BUCKETS:
        raise RuleViolation(f"unknown trend step {value!r}; use day, week or month", field="by")
    return value


@dataclass(frozen=True)
class DashboardQuery:
    """What one dashboard view shows: period, trend step, filters, sort and page."""

    period: Period
    preset: str | None = None
    by: str = "day"
    filters: Filters = field(default_factory=dict)
    sort: str | None = None
    page: int = 1

    @classmethod
    def from_params(
        cls, params: Mapping[str, str], items: Sequence[tuple[str, str]], today: date
    ) -> DashboardQuery:
        """Read the state from a request's query string (``params`` first values, ``items`` all)."""
        period, preset = choose_period(
            start=params.get("from"), end=params.get("to"), preset=params.get("preset"), today=today
        )
        by = check_bucket(params.get("by") or default_bucket(period))
        page = params.get("page") or "1"
        if not page.isdigit() or int(page) < 1:
            raise RuleViolation(f"{page!r} is not a page number", field="page")
        return cls(period, preset, by, parse_filters(items), params.get("sort") or None, int(page))

    def with_filters(self, **changes: list[int | str]) -> DashboardQuery:
        return replace(self, filters={**self.filters, **changes}, page=1)

    def params(self, **changes: object) -> list[tuple[str, str]]:
        """The query parameters of this view, with ``changes`` (None drops a parameter)."""
        values: dict[str, object] = {"by": self.by, "sort": self.sort}
        if self.preset:
            values["preset"] = self.preset
        else:
            values.update({"from": self.period.start, "to": self.period.end})
        values.update(changes)
        pairs = [(name, str(value)) for name, value in values.items() if value not in (None, "")]
        for name, chosen in self.filters.items():
            if name not in changes:
                pairs += [(name, str(v)) for v in chosen]
        return pairs

    def url(self, path: str, **changes: object) -> str:
        pairs = self.params(**changes)
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def drill_url(
        self,
        kpi: str,
        *,
        slice_values: Mapping[str, object] | None = None,
        numerator: bool = False,
        path: str = "/dashboard/drill",
    ) -> str:
        """The rows behind one number (tickets, or shifts at ``path``): exact dates, the
        filters, and the cell's slice."""
        pairs = [("kpi", kpi), ("from", str(self.period.start)), ("to", str(self.period.end))]
        sliced = dict(slice_values or {})
        for name, chosen in self.filters.items():
            if name not in sliced:
                pairs += [(name, str(v)) for v in chosen]
        pairs += [(name, str(value)) for name, value in sliced.items()]
        if numerator:
            pairs.append(("numerator", "1"))
        return f"{path}?{urlencode(pairs)}"
