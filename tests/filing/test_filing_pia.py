"""The impact-assessment report: gaps are visible, violations block "acceptable"."""

from __future__ import annotations

import io

import pypdf
import pytest

from signdesk.documents.pia_report import render_pia_report
from signdesk.filing.pia import Conclusion, build_pia, keep_until
from signdesk.i18n import EN, ZH, translate
from signdesk.documents.pages import GAP_MSGID
from signdesk.model import load

import datetime as dt


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def compound(examples_dir):
    return load(examples_dir / "residential_compound.signdesk")


@pytest.mark.parametrize("languages", [(ZH,), (EN,), (ZH, EN)])
def test_unanswered_assessor_shows_as_gap_in_each_language(compound, today, languages):
    compound.business.pop("pia_assessor", None)
    text = pdf_text(render_pia_report(compound, today, languages))
    for loc in languages:
        assert translate(loc, GAP_MSGID) in text
    # the gap is the assessor's row: its label is followed by the marker, not by a name
    assert any(i.question_id == "pia_assessor" and i.value is None for i in build_pia(compound, today).gaps())


def test_answered_report_has_no_gap_marker_and_shows_the_answers(examples_dir, today):
    project = load(examples_dir / "bubble_tea_shop.signdesk")
    project.business.update(pia_date=dt.date(2026, 1, 5), pia_assessor="陈晓", pia_version="2.1")
    report = build_pia(project, today)
    text = pdf_text(render_pia_report(project, today))
    assert "陈晓" in text and "2.1" in text
    assert "2029年1月5日" in text and "5 January 2029" in text  # kept three years
    if not report.gaps():
        assert translate(EN, GAP_MSGID) not in text


def test_open_violations_make_the_conclusion_not_acceptable(compound, today):
    report = build_pia(compound, today)
    assert report.conclusion is Conclusion.NOT_ACCEPTABLE
    text = pdf_text(render_pia_report(compound, today, (EN,)))
    assert "Not acceptable" in text
    assert "Acceptable: the purpose" not in text


def test_keep_until_is_at_least_three_years():
    assert keep_until(dt.date(2026, 3, 1), 1) == dt.date(2029, 3, 1)
    assert keep_until(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert keep_until(None, 3) is None


def test_same_project_gives_identical_bytes(compound, today):
    assert render_pia_report(compound, today) == render_pia_report(compound, today)


def test_liveness_check_is_assessed_where_the_system_matches_faces(compound, today):
    """Processing method (PIPL art. 56): liveness detection is asked and shown for
    matching scenarios, and not for a camera that only counts visitors."""
    items = {i.question_id for s in build_pia(compound, today).sections for g in s.groups for i in g.items}
    assert "liveness_check" in items
    compound.scenarios[0].answers["match_mode"] = "analyse_only"
    items = {i.question_id for s in build_pia(compound, today).sections for g in s.groups for i in g.items}
    assert "liveness_check" not in items
