"""UK (England and Wales) bank holidays by their regular rules.

One-off holidays (royal events, moved May holidays) are not included.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _substitute(day: date, taken: set[date]) -> date:
    """Move a holiday that falls on a weekend (or on another holiday) to the next free weekday."""
    while day.weekday() >= SATURDAY or day in taken:
        day += timedelta(days=1)
    return day


def uk_bank_holidays(year: int) -> list[tuple[date, str]]:
    easter = easter_sunday(year)
    fixed = [
        (easter - timedelta(days=2), "Good Friday"),
        (easter + timedelta(days=1), "Easter Monday"),
        (_first_monday(year, 5), "Early May bank holiday"),
        (_last_monday(year, 5), "Spring bank holiday"),
        (_last_monday(year, 8), "Summer bank holiday"),
    ]
    taken = {day for day, _ in fixed}
    movable = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Boxing Day"),
    ]
    observed = []
    # Holidays already on a weekday keep their day; the others move after them.
    for day, name in sorted(movable, key=lambda item: item[0].weekday() >= SATURDAY):
        moved = _substitute(day, taken)
        taken.add(moved)
        observed.append((moved, name if moved == day else f"{name} (substitute day)"))
    return sorted(fixed + observed)


def bank_holidays_between(first: date, last: date) -> list[tuple[date, str]]:
    """Every bank holiday from ``first`` to ``last`` inclusive."""
    found = []
    for year in range(first.year, last.year + 1):
        found.extend(item for item in uk_bank_holidays(year) if first <= item[0] <= last)
    return found
