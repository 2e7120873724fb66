"""The compliance report: findings per scenario in both languages, and the checklist."""

from __future__ import annotations

import datetime as dt

from pdf_checks import assert_fonts_embedded, qr_texts, text_of, text_origins
from signdesk.documents.report import render_report
from signdesk.model import load
from signdesk.rules import evaluate

TODAY = dt.date(2026, 11, 22)


def test_report_lists_findings_with_citations_and_the_document_checklist(qapp) -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "residential_compound.signdesk")
    pdf = render_report(project, TODAY)
    assert_fonts_embedded(pdf)
    text = text_of(pdf).replace("\n", "")
    assessment = evaluate(project, TODAY)
    assert assessment.findings
    for f in assessment.findings[:6]:
        for locale in ("zh_CN", "en"):
            assert f.title(locale).replace(" ", "")[:20] in text.replace(" ", ""), f.title(locale)
    for d in assessment.documents:
        assert d.kind.title("en").replace(" ", "")[:20] in text.replace(" ", "")
    assert "小区人脸门禁" in text and "杭州安居物业服务有限公司" in text and "0571-8888 6666" in text
    assert qr_texts(pdf) == ["https://anju.example.cn/face"]
    m = 10 * 72 / 25.4
    for page in text_origins(pdf):
        for x, y, _s, t in page:
            assert m - 0.01 <= x <= 595.28 - m and m - 0.01 <= y <= 841.89 - m, t


def test_report_is_deterministic() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "small_hotel.signdesk")
    assert render_report(project, TODAY) == render_report(project, TODAY)
