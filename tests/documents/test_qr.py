"""The opt-out QR code scans back to the owner's exact link; bad links are refused."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.lib.units import mm

from pdf_checks import qr_texts
from signdesk.documents.printmarks import new_canvas, sheet
from signdesk.documents.qr import (
    MAX_URL_LENGTH,
    InvalidOptOutUrlError,
    draw_qr,
    min_qr_size_mm,
    qr_modules,
    required_qr_size_mm,
    validate_optout_url,
)
from signdesk.documents.sign import render_sign
from signdesk.errors import UserInputError
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR
from signdesk.questions import QUESTION_BY_ID, AnswerError


def render_png_gray(pdf_path: Path, dpi: float = 150) -> np.ndarray:
    """Rasterise page 1 with QtPdf, the engine our preview window uses."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(pdf_path)) == QPdfDocument.Error.None_
    page_pt = doc.pagePointSize(0)
    size = QSize(round(page_pt.width() * dpi / 72), round(page_pt.height() * dpi / 72))
    image = doc.render(0, size).convertToFormat(QImage.Format.Format_Grayscale8)
    doc.close()
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(bytes(image.constBits()), dtype=np.uint8).reshape(height, stride)
    return raw[:, :width].copy()


def qr_pdf(url: str, size_mm: float) -> bytes:
    buf = io.BytesIO()
    canvas = new_canvas(buf, "qr", "test", date=dt.date(2026, 11, 22))
    canvas.setPageSize((size_mm * mm + 40, size_mm * mm + 40))
    draw_qr(canvas, url, 20, 20, size_mm * mm)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.mark.parametrize("url", [
    "https://example.cn/optout?shop=bubble-tea-42",
    "https://optout.signdesk.example/s/ABCDEF123456/%E6%8B%92%E7%BB%9D?lang=zh_CN&ref=sign#top",
    "https://例子.中国/退出",                                  # a Chinese website name and path
    "https://tea.example.cn:8443/optout?shop=7",
    "https://example.cn/" + "a" * (MAX_URL_LENGTH - 19),     # the longest link accepted
])
def test_printed_qr_decodes_to_the_exact_url(qapp, tmp_path: Path, url: str) -> None:
    url = validate_optout_url(url)
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(qr_pdf(url, required_qr_size_mm("A5", url)))
    results = zxingcpp.read_barcodes(render_png_gray(pdf))
    assert [r.text for r in results] == [url]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode


def test_qr_is_vectors_with_merged_runs_and_a_white_quiet_zone() -> None:
    url = "https://example.cn/optout"
    reader = PdfReader(io.BytesIO(qr_pdf(url, 30)))
    page = reader.pages[0]
    assert "/XObject" not in page["/Resources"]  # no bitmap
    ops = page.get_contents().get_data().decode("latin-1").split()
    rects = ops.count("re")
    matrix = qr_modules(url)
    runs = sum(
        1 for row in matrix for c, dark in enumerate(row) if dark and (c == 0 or not row[c - 1])
    )
    dark_modules = sum(map(sum, matrix))
    assert rects == runs + 1  # one rect per horizontal run, plus the white background
    assert runs < dark_modules / 1.5


def test_quiet_zone_is_four_modules(qapp, tmp_path: Path) -> None:
    url = "https://example.cn/optout"
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(qr_pdf(url, 40))
    gray = render_png_gray(pdf, dpi=300)
    px_per_pt = 300 / 72
    modules = len(qr_modules(url)) + 8
    module_px = 40 * mm / modules * px_per_pt
    x0 = y0 = round(20 * px_per_pt)
    quiet = round(4 * module_px) - 1
    # Rows/columns just inside the quiet zone are white; the finder pattern starts after it.
    assert gray[y0 + 1: y0 + quiet, x0 + 1: x0 + quiet * 3].min() > 200
    finder = gray[y0 + quiet + 3, x0 + quiet + 3]
    assert finder < 60


def test_min_sizes_grow_with_the_sheet_and_long_urls_get_bigger_codes() -> None:
    assert min_qr_size_mm("A5") < min_qr_size_mm("A4") < min_qr_size_mm("A3")
    assert min_qr_size_mm(sheet("A4", landscape=True)) == min_qr_size_mm("A4")
    assert min_qr_size_mm("LETTER") == min_qr_size_mm("A4")
    short = "https://example.cn/o"
    long = "https://example.cn/optout?" + "x" * 450
    assert required_qr_size_mm("A5", short) == min_qr_size_mm("A5")
    assert required_qr_size_mm("A5", long) > min_qr_size_mm("A5")


@pytest.mark.parametrize("bad", [
    "http://example.cn/optout",          # not encrypted
    "example.cn/optout",                 # not absolute
    "https:///optout",                   # no host
    "https://localhost/optout",          # only reachable inside one network
    "https://exa mple.cn/optout",        # space
    "https://example.cn/opt\tout",       # control character
    "https://example.cn/\u200boptout",   # invisible character
    "https://user@evil.example/optout",  # looks like one site, opens another
    "https://example.cn:99999/optout",   # malformed port
    "ftp://example.cn/optout",
    "https://optout/face",               # a bare word: only inside the shop's own network
    "https://192.168.1.10/optout",       # a numeric address
    "https://例子。中国/退出",              # Chinese full stop typed by an input method
    "https://example.cn/" + "a" * 290,   # over 300 characters
    "",
])
def test_bad_optout_links_are_refused_with_a_bilingual_message(bad: str) -> None:
    with pytest.raises(InvalidOptOutUrlError) as info:
        validate_optout_url(bad)
    assert isinstance(info.value, UserInputError)
    # Word for word what the questionnaire says when the owner types it, in both languages.
    if bad:
        with pytest.raises(AnswerError) as typed:
            QUESTION_BY_ID["optout_url"].check(bad)
        for locale in ("en", "zh_CN"):
            assert info.value.message(locale) == typed.value.message(locale)
    assert "opt-out" in info.value.message("en")
    assert "拒绝与撤回页面" in info.value.message("zh_CN")


def test_good_link_is_returned_without_paste_whitespace() -> None:
    url = "https://example.cn/optout?a=1&b=2"
    assert validate_optout_url(f"  {url}\n") == url
    assert validate_optout_url("https://" + "a" * 63 + ".example.cn/") .startswith("https://")


def test_a_sign_prints_a_chinese_website_name_and_refuses_a_bare_one(qapp) -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    project.business["optout_url"] = "https://例子.中国/退出?店=1"
    pdf = render_sign(project, project.scenarios[0], "A4", False, dt.date(2026, 11, 22))
    assert qr_texts(pdf) == ["https://例子.中国/退出?店=1"]
    project.business["optout_url"] = "https://optout"
    with pytest.raises(InvalidOptOutUrlError) as info:
        render_sign(project, project.scenarios[0], "A4", False, dt.date(2026, 11, 22))
    assert "https://example.cn/optout" in info.value.message("zh_CN")
