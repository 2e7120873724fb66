"""Filing deadlines in PRC working days, checked against the State Council's
holiday notices written out here by hand (not against the library).

2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号.
"""

from __future__ import annotations

import datetime as dt

import pytest

from signdesk.rules.deadlines import (
    LEGACY_FILING_DEADLINE,
    add_working_days,
    filing_deadline,
    is_working_day,
)

D = dt.date


def _days(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(n) for n in range((last - first).days + 1)}


# Days off (放假) and weekend days worked (调休上班), per the notices.
OFF = (
    # 2025
    _days(D(2025, 1, 1), D(2025, 1, 1))
    | _days(D(2025, 1, 28), D(2025, 2, 4))      # Spring Festival
    | _days(D(2025, 4, 4), D(2025, 4, 6))       # Qingming
    | _days(D(2025, 5, 1), D(2025, 5, 5))       # Labour Day
    | _days(D(2025, 5, 31), D(2025, 6, 2))      # Dragon Boat
    | _days(D(2025, 10, 1), D(2025, 10, 8))     # National Day + Mid-Autumn
    # 2026
    | _days(D(2026, 1, 1), D(2026, 1, 3))       # New Year
    | _days(D(2026, 2, 15), D(2026, 2, 23))     # Spring Festival
    | _days(D(2026, 4, 4), D(2026, 4, 6))       # Qingming
    | _days(D(2026, 5, 1), D(2026, 5, 5))       # Labour Day
    | _days(D(2026, 6, 19), D(2026, 6, 21))     # Dragon Boat
    | _days(D(2026, 9, 25), D(2026, 9, 27))     # Mid-Autumn
    | _days(D(2026, 10, 1), D(2026, 10, 7))     # National Day
)
MAKE_UP = {
    D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11),
    D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10),
}


def schedule_working_day(day: dt.date) -> bool:
    if day in MAKE_UP:
        return True
    return day.weekday() < 5 and day not in OFF


def count_by_hand(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(1)
        n -= schedule_working_day(day)
    return day


def test_library_calendar_matches_the_notices_every_day_of_2025_and_2026():
    for day in sorted(_days(D(2025, 1, 1), D(2026, 12, 31))):
        working, published = is_working_day(day)
        assert published, day
        assert working == schedule_working_day(day), day


# Each case: the 30 working days listed out, so the expected date is
# readable without running anything.
SPRING_2026 = (  # from Fri 6 Feb 2026
    [D(2026, 2, d) for d in (9, 10, 11, 12, 13, 14)]          # 14 Feb: Saturday worked
    + [D(2026, 2, d) for d in (24, 25, 26, 27, 28)]           # 15-23 off; 28 Feb: Saturday worked
    + [D(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26)]
)
NATIONAL_DAY_2026 = (  # from Thu 10 Sep 2026
    [D(2026, 9, d) for d in (11, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 28, 29, 30)]  # 20 Sep worked, 25 off
    + [D(2026, 10, d) for d in (8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28)]
)
SPRING_2025 = (  # from Mon 20 Jan 2025
    [D(2025, 1, d) for d in (21, 22, 23, 24, 26, 27)]         # 26 Jan: Sunday worked
    + [D(2025, 2, d) for d in (5, 6, 7, 8, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28)]
    + [D(2025, 3, d) for d in (3, 4, 5, 6, 7)]
)
NATIONAL_DAY_2025 = (  # from Mon 22 Sep 2025
    [D(2025, 9, d) for d in (23, 24, 25, 26, 28, 29, 30)]     # 28 Sep: Sunday worked
    + [D(2025, 10, d) for d in (9, 10, 11, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29, 30, 31)]
    + [D(2025, 11, d) for d in (3, 4, 5, 6, 7)]
)


@pytest.mark.parametrize("start, listed", [
    (D(2026, 2, 6), SPRING_2026),
    (D(2026, 9, 10), NATIONAL_DAY_2026),
    (D(2025, 1, 20), SPRING_2025),
    (D(2025, 9, 22), NATIONAL_DAY_2025),
])
def test_thirty_working_days_across_the_long_holidays(start, listed):
    assert len(listed) == 30 == len(set(listed))
    assert all(schedule_working_day(d) for d in listed)
    assert count_by_hand(start, 30) == listed[-1]
    deadline = add_working_days(start, 30)
    assert deadline.due == listed[-1]
    assert deadline.confirmed


@pytest.mark.parametrize("start, due", [
    (D(2026, 2, 6), D(2026, 3, 26)),
    (D(2026, 9, 10), D(2026, 10, 28)),
    (D(2025, 9, 22), D(2025, 11, 7)),
    (D(2026, 3, 2), D(2026, 4, 14)),     # the residential example, across Qingming
    (D(2025, 6, 1), D(2025, 7, 14)),     # first day in force, across Dragon Boat
])
def test_filing_deadline_after_the_measures_took_effect(start, due):
    assert filing_deadline(start).due == due == count_by_hand(start, 30)


@pytest.mark.parametrize("start", [D(2025, 5, 31), D(2025, 1, 20), D(2023, 3, 1), D(2000, 1, 1)])
def test_threshold_before_june_2025_has_the_legacy_deadline(start):
    assert LEGACY_FILING_DEADLINE == D(2025, 7, 14)
    deadline = filing_deadline(start)
    assert deadline.due == D(2025, 7, 14)
    assert deadline.confirmed


def test_counting_starts_the_day_after():
    # Friday 13 Nov 2026: the 1st working day is Monday the 16th.
    assert add_working_days(D(2026, 11, 13), 1).due == D(2026, 11, 16)
    # Friday 13 Feb 2026: Saturday the 14th is a make-up working day.
    assert add_working_days(D(2026, 2, 13), 1).due == D(2026, 2, 14)


@pytest.mark.parametrize("start", [D(2099, 3, 2), D(2030, 9, 10)])
def test_unpublished_years_are_estimates(start):
    deadline = filing_deadline(start)
    assert not deadline.confirmed
    assert start + dt.timedelta(30) <= deadline.due <= start + dt.timedelta(70)


def test_deadline_reaching_into_an_unpublished_year_is_unconfirmed():
    # 30 working days from mid-December 2026 end in 2027, which is not published
    # (as of chinese-calendar 1.11); the test stays right once it is.
    deadline = filing_deadline(D(2026, 12, 15))
    import chinese_calendar
    try:
        chinese_calendar.is_workday(D(2027, 1, 29))
        published = True
    except NotImplementedError:
        published = False
    assert deadline.confirmed is published
    assert deadline.due.year == 2027


def test_zero_days_is_a_programming_error():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), 0)
