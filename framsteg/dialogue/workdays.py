"""Swedish working days, for the response-time promises made to residents.

Municipalities promise e.g. a confirmation within 2 working days and an answer within
10. A "working day" here is a weekday that is neither a public holiday
(allmän helgdag) nor one of the days that are de facto days off in Swedish working
life: julafton, nyårsafton and midsommarafton. Those three are not public holidays by
law, but the municipality's offices are closed and collective agreements treat them as
days off, so a promise cannot reasonably expire on them.

The holiday rules are the ones in force since 2005 (nationaldagen a holiday,
annandag pingst not) and are applied to every year.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def easter_sunday(year: int) -> date:
    """Return Easter Sunday in the Gregorian calendar (anonymous Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(year: int, month: int, first_day: int) -> date:
    """Return the Saturday in the seven-day window starting at first_day (midsommar, alla helgon)."""
    start = date(year, month, first_day)
    return start + timedelta(days=(5 - start.weekday()) % 7)


@lru_cache(maxsize=256)
def _holidays(year: int) -> tuple[tuple[date, str], ...]:
    easter = easter_sunday(year)
    midsummer_day = _saturday_between(year, 6, 20)
    all_saints = _saturday_between(year, 10, 31)
    entries = [
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (easter - timedelta(days=2), "långfredagen"),
        (easter, "påskdagen"),
        (easter + timedelta(days=1), "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (easter + timedelta(days=49), "pingstdagen"),
        (date(year, 6, 6), "Sveriges nationaldag"),
        # De facto non-working day, not a public holiday by law.
        (midsummer_day - timedelta(days=1), "midsommarafton"),
        (midsummer_day, "midsommardagen"),
        (all_saints, "alla helgons dag"),
        # De facto non-working day, not a public holiday by law.
        (date(year, 12, 24), "julafton"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
        # De facto non-working day, not a public holiday by law.
        (date(year, 12, 31), "nyårsafton"),
    ]
    merged: dict[date, str] = {}
    for day, name in entries:
        # Movable feasts can coincide with fixed ones (e.g. Kristi himmelsfärd on 1 May in 2008).
        merged[day] = f"{merged[day]} och {name}" if day in merged else name
    return tuple(sorted(merged.items()))


def swedish_public_holidays(year: int) -> dict[date, str]:
    """Return the days of `year` that are days off besides ordinary weekends, with their Swedish names.

    Includes julafton, nyårsafton and midsommarafton, which are not public holidays by law
    but are non-working days in practice. Sunday holidays (påskdagen, pingstdagen) are
    listed too, so the result is also usable for display.
    """
    return dict(_holidays(year))


def is_working_day(day: date) -> bool:
    """Return True for a weekday that is not a holiday or a de facto day off."""
    if isinstance(day, datetime):
        day = day.date()
    return day.weekday() < 5 and day not in swedish_public_holidays(day.year)


def _as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def add_working_days(start: datetime | date, days: int) -> date:
    """Return the date that is `days` working days after `start`.

    The day of receipt is day 0 and never counts, whatever time it arrived; counting
    starts with the next working day. So a report received on a Friday evening with 2
    working days is due on Tuesday, and one received on a Saturday or a holiday counts
    from the first working day after it. `days == 0` returns the day of receipt. A
    datetime is taken at its own calendar date; use `due_date` for time-zone handling.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = _as_date(start)
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Return the number of working days after `start` up to and including `end`.

    The inverse of `add_working_days`: for n >= 1, working_days_between(d,
    add_working_days(d, n)) == n. If `end` is before `start` the count is that of the
    reversed interval, negated.
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def due_date(received: datetime, working_days: int) -> date:
    """Return the last day of a promise; the deadline is the end of that working day.

    The receipt time is first converted to Europe/Stockholm, because a report sent at
    23:30 UTC may already be the next day for the municipality. A naive datetime is
    taken to be Stockholm local time.
    """
    if received.tzinfo is not None:
        received = received.astimezone(STOCKHOLM)
    return add_working_days(received.date(), working_days)
