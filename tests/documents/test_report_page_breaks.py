"""Page breaks in the PIA report and the compliance report: nothing stranded at a page's foot."""

from __future__ import annotations

import datetime as dt

import pytest

from pdf_checks import reader
from signdesk.documents.pia_report import render_pia_report
from signdesk.documents.report import layout_report
from signdesk.filing.pia import build_pia
from signdesk.model import load
from signdesk.rules import evaluate

EXAMPLES = ("residential_compound", "training_centre", "bubble_tea_shop")
#: The reviewer's date and the suite's pinned date: the page breaks differ between them.
DATES = (dt.date(2026, 12, 1), dt.date(2026, 11, 22))


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader(pdf).pages]


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_pia_section_heading_shares_its_page_with_both_legal_basis_lines_and_the_first_row(
        examples_dir, name, today):
    project = load(examples_dir / f"{name}.signdesk")
    pages = [_squeezed(p) for p in _pages(render_pia_report(project, today))]
    for section in build_pia(project, today).sections:
        holding = [p for p in pages if _squeezed(section.title.zh) in p]
        assert len(holding) == 1, section.title.en
        page = holding[0]
        assert _squeezed(f"法律依据：{section.citations.zh}") in page, section.title.en
        assert _squeezed(f"Legal basis: {section.citations.en}") in page, section.title.en
        first = next(g.items[0] for g in section.groups if g.items)
        assert _squeezed(first.label.zh)[:6] in page, section.title.en


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_compliance_report_never_leaves_one_document_alone_on_a_page(examples_dir, name, today):
    project = load(examples_dir / f"{name}.signdesk")
    assessment = evaluate(project, today)
    flow = layout_report(project, assessment, today)
    boxes = [len(page.tick_boxes) for page in flow.pages if page.tick_boxes]
    assert sum(boxes) == len(assessment.documents) >= 2
    assert 1 not in boxes, boxes
