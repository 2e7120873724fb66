"""Everything the business must do by a date, as data and as an iCalendar file.

``dated_duties(project, today)`` gathers the dates: the ones findings carry
(filing, change filing, cancellation, deletion after a stop, a new impact
assessment, the compliance audit) and the ones documents carry (how long the
impact-assessment report and the processing records must be kept, PIPL 56;
the next yearly compliance audit after the last one). ``check --format
json``, the filing pack and ``calendar_ics`` all read this one list.

The calendar is RFC 5545 (written with the ``icalendar`` library): one
all-day event per date, with the finding's text, its citation, a reminder a
week before, and "(estimated)" on a date that rests on a holiday schedule
not yet published. UIDs and DTSTAMP come from the project and the chosen
day, so the same project on the same day gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import icalendar

from signdesk.errors import UserInputError
from signdesk.filing.pia import keep_until
from signdesk.i18n import N_, format_date, translate
from signdesk.model.files import write_atomically
from signdesk.model.project import Project
from signdesk.rules import Assessment, Finding, evaluate
from signdesk.rules.deadlines import Due, DueDate
from signdesk.rules.model import M, NDSR, PIPL, cite_all, due_label

#: Days before a date that the calendar reminds the owner.
REMINDER_DAYS = 7
PRODID = "-//SignDesk//Deadlines//EN"


@dataclass(frozen=True)
class Duty:
    """A dated duty and the finding that raised it (None for a document's date)."""

    date: DueDate
    finding: Finding | None = None
    #: The duty comes back every year (the compliance audit).
    yearly: bool = False


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def dated_duties(project: Project, today: dt.date, assessment: Assessment | None = None) -> tuple[Duty, ...]:
    """Every date something is due, in date order (late filings already done are left out)."""
    a = assessment or evaluate(project, today=today)
    duties = [Duty(f.deadline, f, f.deadline.due is Due.COMPLIANCE_AUDIT)
              for f in a.findings if f.deadline is not None and f.deadline.done_on is None]
    b = project.business_answers()
    # PIPL 56 / Measures 9: the report and the processing records, three years at least.
    until = keep_until(b.get("pia_date"), b.get("pia_retention_years"))
    if until is not None:
        duties.append(Duty(DueDate(Due.KEEP_RECORDS, until)))
    last_audit = b.get("last_audit_date")
    if b.get("compliance_audit") is True and last_audit is not None:
        # PIPL 54 / NDSR 27 ask for regular audits; SignDesk plans one a year.
        duties.append(Duty(DueDate(Due.COMPLIANCE_AUDIT, _years_after(last_audit, 1)), None, True))
    return tuple(sorted(duties, key=lambda d: (d.date.date, d.date.due.value, d.date.rule or "")))


def duty_to_json(duty: Duty, locale: str) -> dict:
    """One date in the documented JSON shape (docs/file-format.md)."""
    d = duty.date
    return {
        "date": d.date.isoformat(),
        "due": d.due.value,
        "what": due_label(d.due, locale),
        "rule": d.rule,
        "scenario": duty.finding.scenario_id if duty.finding else None,
        "estimated": not d.confirmed,
        "done_on": d.done_on.isoformat() if d.done_on else None,
        "yearly": duty.yearly,
    }


def finding_date_json(finding: Finding, locale: str) -> dict | None:
    """The date a finding carries, or None."""
    if finding.deadline is None:
        return None
    return duty_to_json(Duty(finding.deadline, finding, finding.deadline.due is Due.COMPLIANCE_AUDIT), locale)


# ------------------------------------------------------------- iCalendar
DOCUMENT_DUTY_TEXTS = {
    Due.KEEP_RECORDS: (
        N_("Keep the impact-assessment report and processing records until {date}"),
        N_("The impact-assessment report and the records of processing must be kept for at least three years. After this date you may delete the report and records made up to the assessment; keep newer records three years from when they were made."),
        (PIPL("56"), M("9")),
    ),
    Due.COMPLIANCE_AUDIT: (
        N_("Yearly compliance audit due {date}"),
        N_("You, the personal information handler, must audit your processing of personal information regularly. Run through SignDesk's questionnaire and the impact assessment again and record what you checked."),
        (PIPL("54"), NDSR("27")),
    ),
}


def _texts(duty: Duty, locale: str) -> tuple[str, str]:
    """(summary, description) of one event."""
    d = duty.date
    if duty.finding is not None:
        f = duty.finding
        summary = f.title(locale)
        parts = [f.why(locale), f.fix(locale),
                 translate(locale, N_("Law: {citations}"), citations=f.citation_text(locale))]
    else:
        title, why, law = DOCUMENT_DUTY_TEXTS[d.due]
        summary = translate(locale, title, date=format_date(d.date, locale))
        parts = [translate(locale, why), translate(locale, N_("Law: {citations}"), citations=cite_all(law, locale))]
    if not d.confirmed:
        summary = translate(locale, N_("{title} (estimated date)"), title=summary)
        parts.append(translate(locale, N_("Estimated: the holiday schedule for that year is not yet published; check the date again once it is.")))
    return summary, "\n\n".join(parts)


def _uid(project: Project, duty: Duty) -> str:
    # Stable across runs and edits of the texts: who, what, which rule, which day.
    owner = project.business.get("uscc") or project.business.get("operator_name") or "signdesk"
    scenario = duty.finding.scenario_id if duty.finding and duty.finding.scenario_id else "business"
    key = "|".join((str(owner), duty.date.due.value, duty.date.rule or "document", scenario,
                    duty.date.date.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@signdesk"


def calendar_ics(project: Project, today: dt.date, locale: str,
                 duties: tuple[Duty, ...] | None = None) -> bytes:
    """The iCalendar file of everything due, in ``locale``."""
    duties = dated_duties(project, today) if duties is None else duties
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = project.business.get("operator_name") or translate(locale, N_("(unnamed business)"))
    cal.add("x-wr-calname", translate(locale, N_("{name}: face recognition deadlines"), name=name))
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for duty in duties:
        summary, description = _texts(duty, locale)
        event = icalendar.Event()
        event.add("uid", _uid(project, duty))
        event.add("dtstamp", stamp)
        event.add("dtstart", duty.date.date)
        event.add("dtend", duty.date.date + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("categories", [due_label(duty.date.due, locale)])
        event.add("transp", "TRANSPARENT")
        if duty.yearly:
            event.add("rrule", {"freq": "yearly"})
        if not duty.date.confirmed:
            event.add("x-signdesk-estimated", "TRUE")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


class CalendarFileError(UserInputError):
    """The calendar file cannot be written where the user asked."""


def write_calendar(project: Project, path: Path, today: dt.date, locale: str) -> int:
    """Write the calendar of ``project`` to ``path`` atomically; returns the number of dates."""
    duties = dated_duties(project, today)
    data = calendar_ics(project, today, locale, duties)
    try:
        write_atomically(Path(path), data)
    except OSError as err:
        raise CalendarFileError(N_("The file {name} cannot be written: {problem}"), name=str(path),
                                problem=err.strerror or str(err)) from None
    return len(duties)
