"""Checks that a consent form holds together, on its layout and on its PDF."""

from __future__ import annotations

from pdf_checks import reader
from signdesk.documents.consent import CHOICES, FIELDS, HEADING, TICK, ConsentForm


def _packed(text: str) -> str:
    return "".join(text.split())


def consent_page_of_flow(flow) -> int:
    """The index of the one page holding every tick box and every line to write on.

    A line to write on is a short rule (a field's underline); the full-width
    rules under the header are not fields.
    """
    def field_lines(page):
        return [ln for ln in page.lines if ln[2] - ln[0] < flow.width - 1]

    holding = [i for i, page in enumerate(flow.pages) if page.tick_boxes or field_lines(page)]
    assert len(holding) == 1, f"tick boxes and signature lines are on pages {holding}"
    page = flow.pages[holding[0]]
    assert page.tick_boxes and field_lines(page)
    # Nothing of the notice comes after the consent block: it is the last page.
    assert holding[0] == len(flow.pages) - 1, "the notice goes on after the consent block"
    return holding[0]


def consent_page_of_pdf(pdf: bytes, form: ConsentForm) -> int:
    """The index of the one PDF page whose text holds the whole consent block
    (every heading, tick-box text and field label of it, in Chinese and English);
    the notice's headings all come on that page or before it."""
    texts = [_packed(page.extract_text()) for page in reader(pdf).pages]
    wanted = []
    for block in (*form.consent, *form.business):
        if block.kind in (HEADING, TICK):
            wanted += [block.text.zh[:12], block.text.en[:20]]
        elif block.kind == CHOICES:
            wanted += [w for cell in block.cells for w in (cell.zh, cell.en)]
        elif block.kind == FIELDS:
            wanted += [cell.zh for cell in block.cells]
    wanted = [_packed(w) for w in wanted]
    pages = [i for i, text in enumerate(texts) if all(w in text for w in wanted)]
    assert len(pages) == 1, f"the consent block is not whole on one page: {[w for w in wanted if w not in texts[-1]]}"
    for block in form.notice:
        if block.kind == HEADING:
            where = [i for i, text in enumerate(texts) if _packed(block.text.zh) in text]
            assert where and where[0] <= pages[0], f"{block.text.en!r} comes after the consent block"
    return pages[0]


def assert_form_holds_together(flow, pdf: bytes, form: ConsentForm) -> None:
    """The consent block is whole on one page, after the notice, on the layout and in the PDF."""
    assert consent_page_of_flow(flow) == consent_page_of_pdf(pdf, form) == len(reader(pdf).pages) - 1
