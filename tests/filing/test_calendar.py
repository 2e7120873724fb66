"""The deadlines calendar: what a calendar program reads back from the .ics file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from signdesk.cli import main
from signdesk.filing.calendar import calendar_ics, dated_duties
from signdesk.i18n import EN, ZH
from signdesk.model import load
from signdesk.rules.deadlines import Due

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 11, 22)


def _events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def _residential():
    return load(EXAMPLES / "residential_compound.signdesk")


def test_residential_filing_deadline_is_on_the_right_day():
    events = _events(calendar_ics(_residential(), TODAY, EN))
    (filing,) = [e for e in events if str(e["summary"]).startswith("Filing overdue")]
    # Threshold reached 2 March 2026: 30 PRC working days end on 14 April 2026.
    assert filing.decoded("dtstart") == dt.date(2026, 4, 14)
    assert str(filing["summary"]) == "Filing overdue since 15 April 2026"
    assert "FR Measures art. 15" in str(filing["description"])


def test_every_event_has_uid_dtstamp_and_a_reminder_a_week_before():
    data = calendar_ics(_residential(), TODAY, ZH)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and str(cal["prodid"])
    events = _events(data)
    assert events
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == dt.timedelta(days=-7)
        assert str(alarm["description"]) == str(event["summary"])
    # Chinese texts in a Chinese calendar.
    assert any("备案" in str(e["summary"]) for e in events)


def test_the_same_project_on_the_same_day_gives_the_same_bytes():
    assert calendar_ics(_residential(), TODAY, EN) == calendar_ics(_residential(), TODAY, EN)
    later = calendar_ics(_residential(), TODAY + dt.timedelta(days=1), EN)
    assert later != calendar_ics(_residential(), TODAY, EN)
    # The UID names the duty, not the day it was exported: calendars update, not duplicate.
    uids = lambda data: {str(e["uid"]) for e in _events(data) if "Filing" in str(e["summary"])}  # noqa: E731
    assert uids(later) == uids(calendar_ics(_residential(), TODAY, EN))


def _filed_project(**business):
    project = load(EXAMPLES / "bubble_tea_shop.signdesk")
    project.business.update(business)
    return project


def test_stop_assessment_and_audit_dates_are_all_in_the_calendar():
    project = _filed_project(people_stored=150_000, threshold_date=dt.date(2025, 8, 1), filing_status="filed",
                             filing_date=dt.date(2025, 9, 1), stopped_using=True, stop_date=dt.date(2026, 11, 10),
                             filing_cancelled=False, data_deleted_after_stop=False,
                             last_audit_date=dt.date(2026, 3, 1), pia_date=dt.date(2025, 5, 20))
    duties = {d.date.due: d.date.date for d in dated_duties(project, TODAY)}
    assert duties[Due.CANCELLATION] == duties[Due.DELETION] == dt.date(2026, 12, 22)
    assert duties[Due.COMPLIANCE_AUDIT] == dt.date(2027, 3, 1)
    assert duties[Due.KEEP_RECORDS] == dt.date(2028, 5, 20)
    events = _events(calendar_ics(project, TODAY, EN))
    (audit,) = [e for e in events if "audit" in str(e["summary"])]
    assert audit["rrule"]["FREQ"] == ["YEARLY"]


def test_an_estimated_deadline_says_so():
    # 2030's holiday schedule is not published: the deadline is an estimate.
    project = _filed_project(people_stored=150_000, threshold_date=dt.date(2030, 3, 1), filing_status="not_filed")
    events = _events(calendar_ics(project, dt.date(2030, 3, 2), EN))
    (filing,) = [e for e in events if "provincial" in str(e["summary"])]
    assert "(estimated date)" in str(filing["summary"])
    assert str(filing["x-signdesk-estimated"]) == "TRUE"


def test_cli_writes_the_calendar_and_check_json_gives_the_same_dates(tmp_path, capsys):
    out = tmp_path / "deadlines.ics"
    project = str(EXAMPLES / "residential_compound.signdesk")
    assert main(["calendar", project, "-o", str(out), "--today", "2026-11-22", "--lang", "en"]) == 0
    assert "written to" in capsys.readouterr().out
    starts = {e.decoded("dtstart") for e in _events(out.read_bytes())}
    main(["check", project, "--format", "json", "--today", "2026-11-22", "--lang", "en"])
    report = json.loads(capsys.readouterr().out)
    assert {dt.date.fromisoformat(d["date"]) for d in report["deadlines"]} == starts
    (filing,) = [f for f in report["findings"] if f["rule"] == "FR-41"]
    assert filing["deadline"] == {"date": "2026-04-14", "due": "filing",
                                  "what": "Filing with the provincial cyberspace office", "rule": "FR-41",
                                  "scenario": None, "estimated": False, "done_on": None, "yearly": False}
    (pack,) = [d for d in report["documents"] if d["kind"] == "filing_pack"]
    assert [d["date"] for d in pack["dates"]] == ["2026-04-14"]


def test_cli_reports_an_unwritable_calendar_in_one_line(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "deadlines.ics"
    status = main(["calendar", str(EXAMPLES / "residential_compound.signdesk"), "-o", str(target), "--lang", "zh"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "无法写入文件" in err
    assert not target.exists()


@pytest.mark.parametrize("name", ["bubble_tea_shop", "small_hotel", "training_centre", "residential_compound"])
def test_every_example_gives_a_calendar_that_parses(name):
    data = calendar_ics(load(EXAMPLES / f"{name}.signdesk"), TODAY, ZH)
    assert icalendar.Calendar.from_ical(data).walk("VCALENDAR")
