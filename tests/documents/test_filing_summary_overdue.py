"""The filing summary says when the filing is already overdue, in the rules' words."""

from __future__ import annotations

import datetime as dt

from pdf_checks import text_of
from signdesk.documents.filing_summary import render_filing_summary
from signdesk.filing.pack import build_filing
from signdesk.model import load


def _summary(examples_dir, today: dt.date) -> str:
    project = load(examples_dir / "residential_compound.signdesk")
    return " ".join(text_of(render_filing_summary(build_filing(project, today))).split())


def test_summary_says_the_filing_is_overdue_after_its_deadline(examples_dir):
    text = _summary(examples_dir, dt.date(2026, 12, 1))
    assert "Filing overdue since 15 April 2026" in text
    assert "逾期" in text


def test_summary_before_the_deadline_does_not_call_it_overdue(examples_dir):
    text = _summary(examples_dir, dt.date(2026, 3, 20))
    assert "overdue" not in text.lower()
