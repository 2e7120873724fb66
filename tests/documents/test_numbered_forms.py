"""Numbered consent forms: one copy per serial, each showing its serial and
a small code that scans back to the serial and the form's version."""

from __future__ import annotations

import datetime as dt

import pytest

from consent_checks import consent_page_of_flow
from pdf_checks import qr_texts, reader
from signdesk.documents.consent import (
    MAX_NUMBERED_RUN,
    NumberedRunError,
    consent_form,
    form_version,
    layout_consent,
    render_numbered_consent,
)
from signdesk.i18n import EN
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR
from signdesk.register.store import split_scanned

TODAY = dt.date(2026, 11, 22)
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.signdesk"))


def _packed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("guardian", [False, True], ids=["adult", "guardian"])
def test_each_copy_prints_its_serial_and_a_code_with_serial_and_version(qapp, guardian) -> None:
    project = load(EXAMPLES_DIR / "training_centre.signdesk")
    scenario = project.scenario("s-kids")
    serials = ["000101", "000102", "000103"]
    pdf = render_numbered_consent(project, scenario, TODAY, serials, guardian)
    version = form_version(project, scenario, guardian, TODAY).code
    pages = reader(pdf).pages
    per_copy = len(layout_consent(consent_form(project, scenario, guardian, TODAY), TODAY, numbered=True).pages)
    per_copy += per_copy % 2 if per_copy > 1 else 0  # the blank back page of an odd copy
    assert len(pages) == per_copy * len(serials)
    for n, serial in enumerate(serials):
        copy = range(n * per_copy, (n + 1) * per_copy)
        codes = [code for i in copy for code in qr_texts(pdf, i)]
        assert f"{serial}/{version}" in codes  # beside the record number
        assert split_scanned(f"{serial}/{version}") == (serial, version)
        texts = [_packed(pages[i].extract_text()) for i in copy]
        record_page = next(i for i, t in enumerate(texts) if "记录编号" in t)
        assert serial in texts[record_page]
        # every page of the copy names its serial in the footer, so a loose sheet finds its form
        assert all(f"No.{serial}" in t for t in texts if t)
        other = [s for s in serials if s != serial]
        assert not any(s in t for s in other for t in texts)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("guardian", [False, True], ids=["adult", "guardian"])
def test_numbered_forms_keep_the_signature_with_the_ticks(path, guardian) -> None:
    project = load(path)
    for scenario in project.scenarios:
        flow = layout_consent(consent_form(project, scenario, guardian, TODAY), TODAY, numbered=True)
        page = consent_page_of_flow(flow)
        # the serial's room is on the page of the tick boxes and the signature lines
        assert [i for i, p in enumerate(flow.pages) if p.number] == [page]


def test_a_run_longer_than_the_limit_is_refused() -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    with pytest.raises(NumberedRunError) as err:
        render_numbered_consent(project, project.scenarios[0], TODAY,
                                [str(n).zfill(6) for n in range(MAX_NUMBERED_RUN + 1)])
    assert "1000" in err.value.message(EN)


@pytest.mark.parametrize("typed,expected", [
    ("000101/C-3F9A2B", ("000101", "C-3F9A2B")),
    ("000101、C-3F9A2B", ("000101", "C-3F9A2B")),  # a scanner typing through a Chinese input method
    ("000101 c-3f9a2b", ("000101", "C-3F9A2B")),
    ("000101", ("000101", None)),
])
def test_a_scanned_or_typed_code_gives_serial_and_version(typed, expected) -> None:
    assert split_scanned(typed) == expected
