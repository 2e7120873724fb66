"""A sign or form that lacks what it must say is refused, or printed marked DRAFT on the owner's word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pdf_checks import assert_fonts_embedded, reader, text_of
from signdesk.cli import main
from signdesk.documents.draft import draft_words, mark_draft
from signdesk.documents.render import render_all, render_documents
from signdesk.model import Project, load
from signdesk.paths import EXAMPLES_DIR
from signdesk.rules import evaluate
from signdesk.rules.document_needs import DocumentNotReadyError, missing_for_print

TODAY = dt.date(2026, 11, 22)


def half_answered() -> Project:
    """A shop that has said where and what, but not why, how long or how to reach it."""
    project = Project(business={"operator_name": "上海柠檬茶饮有限公司", "venue_type": "shop"})
    till = project.add_scenario("收银台", "payment")
    till.answers.update(public_place=True, legal_basis="consent", match_mode="verify")
    return project


def test_a_half_answered_project_is_refused_with_what_to_answer(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotReadyError) as caught:
        render_all(half_answered(), tmp_path / "out", today=TODAY)
    message = caught.value.message("en")
    for what in ("the purpose", "how long facial information is kept", "a contact", "the opt-out link"):
        assert what in message
    assert "收银台" in message and "Prominent notice sign" in message
    assert "处理目的" in caught.value.message("zh_CN")
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_the_compliant_example_prints_without_a_draft_mark(tmp_path: Path) -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    assert missing_for_print(project, evaluate(project, TODAY).documents) == []
    files = render_documents(project, today=TODAY)
    sign = next(data for name, data in files.items() if name.startswith("sign-"))
    assert "DRAFT" not in text_of(sign) and "草稿" not in text_of(sign)


def test_a_draft_carries_the_mark_on_every_page_of_the_incomplete_documents_only() -> None:
    project = load(EXAMPLES_DIR / "residential_compound.signdesk")  # retention "not decided"
    files = render_documents(project, today=TODAY, draft=True)
    for name, data in files.items():
        if not name.endswith(".pdf"):
            continue
        pages = [page.extract_text() for page in reader(data).pages]
        marked = name.startswith(("sign-", "consent-", "guardian-consent-"))
        assert all(("草稿" in text and "DRAFT" in text) == marked for text in pages), name
        assert_fonts_embedded(data)


def test_the_draft_mark_is_deterministic_and_keeps_the_page_boxes() -> None:
    from signdesk.documents.sign import render_sign

    project = load(EXAMPLES_DIR / "training_centre.signdesk")
    sign = render_sign(project, project.scenarios[0], "A4", True, TODAY)
    marked = mark_draft(sign)
    assert marked == mark_draft(sign)
    before, after = reader(sign).pages[0], reader(marked).pages[0]
    assert list(after.mediabox) == list(before.mediabox) and list(after.trimbox) == list(before.trimbox)
    assert draft_words() == "草稿 DRAFT"


def test_cli_render_refuses_then_prints_a_draft_when_asked(tmp_path: Path, capsys) -> None:
    project = EXAMPLES_DIR / "residential_compound.signdesk"
    assert main(["render", str(project), "-o", str(tmp_path / "a"), "--lang", "en", "--today", "2026-11-22"]) == 2
    err = capsys.readouterr().err
    assert "how long facial information is kept" in err and "Traceback" not in err
    assert main(["render", str(project), "-o", str(tmp_path / "b"), "--draft", "--today", "2026-11-22"]) == 0
    sign = next((tmp_path / "b").glob("sign-*.pdf"))
    assert "DRAFT" in text_of(sign.read_bytes())


def test_cli_batch_refuses_an_incomplete_chain_before_drawing_any_site(tmp_path: Path, capsys) -> None:
    stores = tmp_path / "stores.csv"
    stores.write_text("name,address,contact,optout_url\n徐汇店,上海市徐汇区漕溪北路88号,021-5555 0123,"
                      "https://tea.example.cn/xh\n", "utf-8")
    project = EXAMPLES_DIR / "residential_compound.signdesk"
    assert main(["batch", str(project), str(stores), "-o", str(tmp_path / "sites"), "--workers", "0",
                 "--lang", "en"]) == 2
    assert "how long facial information is kept" in capsys.readouterr().err
    assert not any((tmp_path / "sites").glob("*/sign-*.pdf"))
    assert main(["batch", str(project), str(stores), "-o", str(tmp_path / "sites"), "--workers", "0",
                 "--draft"]) == 0
    sign = next((tmp_path / "sites").glob("*/sign-*.pdf"))
    assert "DRAFT" in text_of(sign.read_bytes())
