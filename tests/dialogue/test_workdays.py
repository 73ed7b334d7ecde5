from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from framsteg.dialogue.workdays import (
    add_working_days,
    due_date,
    easter_sunday,
    is_working_day,
    swedish_public_holidays,
    working_days_between,
)


@pytest.mark.parametrize(
    "year, expected",
    [
        (1818, date(1818, 3, 22)),
        (1943, date(1943, 4, 25)),
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday(year, expected):
    assert easter_sunday(year) == expected


def test_holidays_2026_complete():
    assert swedish_public_holidays(2026) == {
        date(2026, 1, 1): "nyårsdagen",
        date(2026, 1, 6): "trettondedag jul",
        date(2026, 4, 3): "långfredagen",
        date(2026, 4, 5): "påskdagen",
        date(2026, 4, 6): "annandag påsk",
        date(2026, 5, 1): "första maj",
        date(2026, 5, 14): "Kristi himmelsfärdsdag",
        date(2026, 5, 24): "pingstdagen",
        date(2026, 6, 6): "Sveriges nationaldag",
        date(2026, 6, 19): "midsommarafton",
        date(2026, 6, 20): "midsommardagen",
        date(2026, 10, 31): "alla helgons dag",
        date(2026, 12, 24): "julafton",
        date(2026, 12, 25): "juldagen",
        date(2026, 12, 26): "annandag jul",
        date(2026, 12, 31): "nyårsafton",
    }


@pytest.mark.parametrize(
    "year, eve, day",
    [
        (2024, date(2024, 6, 21), date(2024, 6, 22)),
        (2025, date(2025, 6, 20), date(2025, 6, 21)),
        (2026, date(2026, 6, 19), date(2026, 6, 20)),
    ],
)
def test_midsommar(year, eve, day):
    holidays = swedish_public_holidays(year)
    assert holidays[eve] == "midsommarafton"
    assert holidays[day] == "midsommardagen"
    assert eve.weekday() == 4
    assert day.weekday() == 5


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 5, 14), "Kristi himmelsfärdsdag"),
        (date(2026, 10, 31), "alla helgons dag"),
        (date(2025, 11, 1), "alla helgons dag"),
        (date(2027, 11, 6), "alla helgons dag"),
        (date(2025, 5, 29), "Kristi himmelsfärdsdag"),
    ],
)
def test_movable_holidays(day, name):
    assert swedish_public_holidays(day.year)[day] == name


def test_coinciding_holidays_keep_both_names():
    # Easter 2008 was 23 March, so Kristi himmelsfärd fell on 1 May.
    assert swedish_public_holidays(2008)[date(2008, 5, 1)] == "första maj och Kristi himmelsfärdsdag"


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 4, 2), True),  # Maundy Thursday is an ordinary working day
        (date(2026, 4, 3), False),  # långfredagen
        (date(2026, 4, 6), False),  # annandag påsk
        (date(2026, 4, 4), False),  # Saturday
        (date(2026, 12, 24), False),  # julafton, de facto
        (date(2026, 12, 31), False),  # nyårsafton, de facto
        (date(2026, 6, 19), False),  # midsommarafton, de facto
        (date(2027, 1, 5), True),  # trettondagsafton is a working day
        (date(2026, 4, 30), True),  # valborgsmässoafton is a working day
        (datetime(2026, 4, 3, 12, 0), False),
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    "start, days, expected",
    [
        # Friday evening + 2 -> Monday (1), Tuesday (2).
        (datetime(2026, 3, 13, 21, 45), 2, date(2026, 3, 17)),
        # Easter 2026: Fri 3 and Mon 6 April are holidays.
        (date(2026, 4, 2), 2, date(2026, 4, 8)),
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Received on Good Friday: counting starts on Tuesday 7 April.
        (date(2026, 4, 3), 1, date(2026, 4, 7)),
        # Midsommar 2026: Fri 19 and Sat 20 June are off.
        (date(2026, 6, 18), 1, date(2026, 6, 22)),
        (date(2026, 6, 17), 3, date(2026, 6, 23)),
        # Weekend receipt: Saturday and Sunday count from Monday.
        (date(2026, 3, 14), 1, date(2026, 3, 16)),
        (date(2026, 3, 15), 5, date(2026, 3, 20)),
        # Zero days is the day of receipt, even when that is not a working day.
        (date(2026, 3, 14), 0, date(2026, 3, 14)),
        # Kristi himmelsfärd, Thursday 14 May 2026.
        (date(2026, 5, 13), 1, date(2026, 5, 15)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_add_working_days_across_new_year():
    # Received Wednesday 23 Dec 2026. Not counted: 24 (julafton), 25 (juldagen),
    # 26-27 (weekend), 31 (nyårsafton), 1 Jan (nyårsdagen), 2-3 (weekend),
    # 6 Jan (trettondedag jul), 9-10 (weekend).
    # Counted: 28 (1), 29 (2), 30 (3), 4 Jan (4), 5 (5), 7 (6), 8 (7), 11 (8), 12 (9), 13 (10).
    assert add_working_days(date(2026, 12, 23), 10) == date(2027, 1, 13)
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    assert add_working_days(date(2026, 12, 23), 4) == date(2027, 1, 4)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2026, 3, 13), date(2026, 3, 17), 2),  # Fri -> Tue
        (date(2026, 3, 17), date(2026, 3, 13), -2),
        (date(2026, 4, 2), date(2026, 4, 8), 2),  # across Easter
        (date(2026, 4, 8), date(2026, 4, 2), -2),
        (date(2026, 12, 23), date(2027, 1, 13), 10),
        (date(2027, 1, 13), date(2026, 12, 23), -10),
        (date(2026, 3, 16), date(2026, 3, 16), 0),
        (date(2026, 3, 14), date(2026, 3, 15), 0),  # Saturday -> Sunday
        (date(2026, 3, 15), date(2026, 3, 14), 0),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_working_days_between_is_antisymmetric():
    start = date(2026, 1, 1)
    for offset in range(0, 400, 7):
        end = start + timedelta(days=offset)
        assert working_days_between(start, end) == -working_days_between(end, start)


def test_add_and_between_are_inverse_over_two_years():
    """Property check over every start day in 2026-2027 (hypothesis is not installed)."""
    start = date(2026, 1, 1)
    for offset in range(730):
        day = start + timedelta(days=offset)
        for n in (1, 2, 5, 10, 14):
            due = add_working_days(day, n)
            assert is_working_day(due)
            assert working_days_between(day, due) == n
            assert working_days_between(day, due - timedelta(days=1)) == n - 1


def test_due_date_converts_to_stockholm_time():
    # 23:30 UTC on Thursday 26 March 2026 is 00:30 on Friday in Stockholm (CET, UTC+1).
    received = datetime(2026, 3, 26, 23, 30, tzinfo=UTC)
    assert due_date(received, 2) == date(2026, 3, 31)
    # The same wall-clock time without zone is taken as Stockholm time: still Thursday.
    assert due_date(datetime(2026, 3, 26, 23, 30), 2) == date(2026, 3, 30)


def test_due_date_summer_time():
    # 22:30 UTC on Thursday 18 June 2026 is 00:30 on midsommarafton (CEST, UTC+2).
    received = datetime(2026, 6, 18, 22, 30, tzinfo=UTC)
    assert due_date(received, 1) == date(2026, 6, 22)
    local = datetime(2026, 6, 18, 23, 59, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert due_date(local, 1) == date(2026, 6, 22)
    assert due_date(local, 2) == date(2026, 6, 23)
