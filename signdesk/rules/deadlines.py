"""Deadlines in PRC working days.

Filing, change filing and cancellation are due within 30 working days
(Measures art. 15). Working days follow the State Council's holiday
schedule: weekends off, statutory holidays off, and the weekend "make-up"
days (调休) worked. ``chinese-calendar`` carries the published schedules;
for a year it does not cover yet we fall back to ``holidays``, whose later
years are estimates until the State Council publishes them, and say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, Mapping

from signdesk.questions import FILING_THRESHOLD

FILING_WORKING_DAYS = 30
#: Handlers already over 100,000 on 1 June 2025 had to file by this date
#: (CAC announcement of 28 May 2025).
LEGACY_FILING_DEADLINE = dt.date(2025, 7, 14)
MEASURES_IN_FORCE = dt.date(2025, 6, 1)


@dataclass(frozen=True)
class Deadline:
    """A due date, and whether it rests on a published holiday schedule."""

    due: dt.date
    #: False when some day counted lies in a year whose schedule is not yet published.
    confirmed: bool = True


@lru_cache(maxsize=16)
def _fallback_calendar(year: int) -> "holidays.HolidayBase":  # noqa: F821
    import holidays  # only for years chinese_calendar lacks; importing costs ~150 ms at start-up

    return holidays.China(years=year)


# Pure functions of a date, asked for the same few dates on every evaluation
# (once per deadline rule): cached, since chinese-calendar is slow per day.
@lru_cache(maxsize=8192)
def is_working_day(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, the answer rests on a published schedule)."""
    import chinese_calendar  # when a deadline is counted, not at start-up

    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return _fallback_calendar(day.year).is_working_day(day), False


@lru_cache(maxsize=1024)
def add_working_days(start: dt.date, count: int) -> Deadline:
    """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
    if count < 1:
        raise ValueError("count must be positive")
    day, left, confirmed = start, count, True
    while left:
        day += dt.timedelta(days=1)
        working, published = is_working_day(day)
        confirmed = confirmed and published
        if working:
            left -= 1
    return Deadline(day, confirmed)


def filing_kind(business: Mapping[str, Any]) -> str:
    """The filing due: "initial", "change", "cancellation" or "none", from the headcount answers."""
    if business.get("filing_status") != "filed":
        return "initial" if (business.get("people_stored") or 0) >= FILING_THRESHOLD else "none"
    if business.get("stopped_using"):
        return "cancellation"
    if business.get("filing_changed"):
        return "change"
    return "none"


def filing_deadline(threshold_reached: dt.date) -> Deadline:
    """When the first filing is due, given the day 100,000 people was reached."""
    if threshold_reached < MEASURES_IN_FORCE:
        return Deadline(LEGACY_FILING_DEADLINE, True)
    return add_working_days(threshold_reached, FILING_WORKING_DAYS)


class Due(str, Enum):
    """What a dated duty asks for: the ``due`` key in the JSON outputs and the calendar."""

    FILING = "filing"
    CHANGE_FILING = "change_filing"
    CANCELLATION = "cancellation"
    DELETION = "deletion"
    PIA_REASSESSMENT = "pia_reassessment"
    KEEP_RECORDS = "keep_assessment_and_records"
    COMPLIANCE_AUDIT = "compliance_audit"


@dataclass(frozen=True)
class DueDate:
    """One dated duty: what is due, by when, and which rule says so."""

    due: Due
    date: dt.date
    #: False when the date rests on a holiday schedule not yet published.
    confirmed: bool = True
    #: The rule id of the finding that carries it; None for a document's date.
    rule: str | None = None
    #: For a duty done after its deadline: the day it was done.
    done_on: dt.date | None = None
