"""Form versions are fingerprints of the printed text (reference §H2.16)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pdf_checks import reader, text_of
from signdesk.documents.consent import form_version, render_consent
from signdesk.documents.versions import CONSENT_FORM, GUARDIAN_FORM, SIGN, content_version, texts_of
from signdesk.i18n import Bilingual
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR

DAY_ONE, DAY_TWO = dt.date(2026, 11, 22), dt.date(2027, 3, 5)
CODE = re.compile(r"\b([CG]-[0-9A-F]{6})\b")


def _centre():
    return load(EXAMPLES_DIR / "training_centre.signdesk")


def _printed_codes(pdf: bytes) -> set[str]:
    """Every version code the PDF prints, on any page."""
    return set(CODE.findall(text_of(pdf)))


@pytest.mark.parametrize("guardian", [False, True])
def test_the_same_text_printed_on_two_days_has_the_same_version(guardian) -> None:
    project = _centre()
    sc = project.scenarios[0]
    first = render_consent(project, sc, DAY_ONE, guardian)
    second = render_consent(project, sc, DAY_TWO, guardian)
    assert first != second  # the print date differs ...
    assert "2027年3月5日印制" in text_of(second) and "printed 5 March 2027" in " ".join(text_of(second).split())
    codes = _printed_codes(first)
    assert len(codes) == 1 and codes == _printed_codes(second)  # ... the version does not
    assert form_version(project, sc, guardian, DAY_ONE) == form_version(project, sc, guardian, DAY_TWO)


def test_every_page_prints_the_version() -> None:
    project = _centre()
    pdf = render_consent(project, project.scenarios[0], DAY_ONE)
    code = form_version(project, project.scenarios[0]).code
    pages = reader(pdf).pages
    assert len(pages) >= 2
    assert all(code in page.extract_text() for page in pages)


def test_adult_and_guardian_forms_have_different_versions() -> None:
    project = _centre()
    sc = project.scenarios[0]
    adult, guardian = form_version(project, sc, False), form_version(project, sc, True)
    assert adult.digest != guardian.digest
    assert adult.code.startswith("C-") and guardian.code.startswith("G-")
    assert _printed_codes(render_consent(project, sc, DAY_ONE, False)) == {adult.code}
    assert _printed_codes(render_consent(project, sc, DAY_ONE, True)) == {guardian.code}


@pytest.mark.parametrize("change", [
    {"location": "一层前台旁"},           # one word of a typed answer
    {"retention": "fixed_days", "retention_days": 30},  # another retention period
    {"alternatives": ["card"]},           # one fewer alternative
])
def test_any_change_of_the_text_gives_a_new_version(change) -> None:
    project = _centre()
    sc = project.scenarios[0]
    before = form_version(project, sc)
    sc.answers.update(change)
    after = form_version(project, sc)
    assert after != before and after.code != before.code
    assert _printed_codes(render_consent(project, sc, DAY_ONE)) == {after.code}


def test_a_one_word_change_of_the_business_phone_gives_a_new_version() -> None:
    project = _centre()
    sc = project.scenarios[0]
    before = form_version(project, sc)
    project.business["contact_phone"] = "010-6266 1235"
    assert form_version(project, sc) != before


def test_large_print_is_the_same_text_and_so_the_same_version() -> None:
    project = _centre()
    sc = project.scenarios[0]
    assert _printed_codes(render_consent(project, sc, DAY_ONE, large_print=True)) == \
        {form_version(project, sc).code}


def test_content_version_fingerprints_text_and_kind_only() -> None:
    texts = texts_of(Bilingual("人脸信息", "facial information"), "021-5555 0123", None, [Bilingual("一", "one")])
    assert texts == ["人脸信息", "facial information", "021-5555 0123", "一", "one"]
    v = content_version(CONSENT_FORM, texts)
    assert len(v.digest) == 64 and re.fullmatch(r"C-[0-9A-F]{6}", v.code) and v.code[2:] == v.digest[:6].upper()
    # Reading the same is the same; another kind of document is another version.
    assert content_version(CONSENT_FORM, [t.replace(" ", "  ") for t in texts]) == v
    assert content_version(GUARDIAN_FORM, texts).digest != v.digest
    assert content_version(SIGN, texts).code.startswith("S-")
    assert content_version(CONSENT_FORM, texts[:-1]) != v
    # Order matters: the same words in other places are another text.
    assert content_version(CONSENT_FORM, list(reversed(texts))) != v
    assert v.label("zh_CN", DAY_TWO) == f"{v.code}，2027年3月5日印制"
    assert v.label("en", DAY_TWO) == f"{v.code}, printed 5 March 2027"
    with pytest.raises(ValueError):
        content_version("leaflet", texts)
