"""Print-shop geometry, embedded fonts and byte-identical output."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject
from reportlab.lib.units import mm

from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.pictogram import draw_face_pictogram
from signdesk.documents.printmarks import (
    DEEP_NAVY,
    WARNING_AMBER,
    crop_mark_segments,
    new_canvas,
    office_geometry,
    print_geometry,
    sheet,
    start_print_page,
)
from signdesk.documents.qr import draw_qr
from signdesk.documents.textfit import draw_layout, fit_paragraph
from signdesk.i18n import Bilingual

MM = 72 / 25.4

TODAY = dt.date(2026, 11, 22)


def sample_sheet(name: str = "A5", landscape: bool = False, pages: int = 1) -> bytes:
    """A small sign using every primitive, like the sign renderer will."""
    geometry = print_geometry(sheet(name, landscape))
    buf = io.BytesIO()
    canvas = new_canvas(buf, "人脸识别提示 Face recognition notice", "快乐奶茶 Happy Tea", date=TODAY)
    for _ in range(pages):
        start_print_page(canvas, geometry)
        x0, y0, x1, y1 = geometry.bleed_rect
        canvas.setFillColor(WARNING_AMBER)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        sx0, sy0, sx1, sy1 = geometry.safe_rect
        draw_face_pictogram(canvas, sx0, sy1 - 30 * mm, 30 * mm, DEEP_NAVY)
        layout = fit_paragraph("本店使用人脸识别 Face recognition in use", BOLD, sx1 - sx0, 60 * mm,
                               30, 10, field=Bilingual("标题", "title"))
        canvas.setFillColor(DEEP_NAVY)
        draw_layout(canvas, layout, sx0, sy1 - 35 * mm, "center")
        draw_qr(canvas, "https://example.cn/optout", sx1 - 30 * mm, sy0, 30 * mm)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def box(page, name: str) -> tuple[float, ...]:
    value = page[name]
    assert isinstance(value, ArrayObject)
    return tuple(float(v) for v in value)


@pytest.mark.parametrize("name,landscape,w_mm,h_mm", [
    ("A5", False, 148, 210), ("A4", True, 297, 210), ("A3", False, 297, 420),
    ("LETTER", False, 215.9, 279.4),
])
def test_pages_carry_trim_and_bleed_boxes_of_the_right_size(name, landscape, w_mm, h_mm) -> None:
    page = PdfReader(io.BytesIO(sample_sheet(name, landscape))).pages[0]
    tx0, ty0, tx1, ty1 = box(page, "/TrimBox")
    bx0, by0, bx1, by1 = box(page, "/BleedBox")
    mx0, my0, mx1, my1 = box(page, "/MediaBox")
    assert tx1 - tx0 == pytest.approx(w_mm * MM, abs=0.01)
    assert ty1 - ty0 == pytest.approx(h_mm * MM, abs=0.01)
    for trim, bleed, sign in ((tx0, bx0, 1), (ty0, by0, 1), (tx1, bx1, -1), (ty1, by1, -1)):
        assert sign * (trim - bleed) == pytest.approx(8.504, abs=0.001)  # 3 mm
    # Room for crop marks outside the bleed on every side.
    assert bx0 - mx0 >= 8 * MM and mx1 - bx1 >= 8 * MM


def test_crop_marks_stay_in_the_slug_clear_of_the_bleed() -> None:
    geometry = print_geometry(sheet("A4"))
    bx0, by0, bx1, by1 = geometry.bleed_box
    mw, mh = geometry.media_size
    segments = crop_mark_segments(geometry)
    assert len(segments) == 8
    half_line = 0.25 / 2
    for x0, y0, x1, y1 in segments:
        # Entirely outside the bleed box (with the line's own width) ...
        outside = (max(x0, x1) + half_line < bx0 or min(x0, x1) - half_line > bx1
                   or max(y0, y1) + half_line < by0 or min(y0, y1) - half_line > by1)
        assert outside, (x0, y0, x1, y1)
        # ... and on the paper.
        assert 0 <= min(x0, x1) and max(x0, x1) <= mw and 0 <= min(y0, y1) and max(y0, y1) <= mh
    # Each mark continues a trim edge.
    tx0, ty0, tx1, ty1 = geometry.trim_box
    for x0, y0, x1, y1 in segments:
        assert (x0 == x1 and x0 in (tx0, tx1)) or (y0 == y1 and y0 in (ty0, ty1))


def test_office_geometry_is_the_bare_sheet() -> None:
    a4 = sheet("A4")
    geometry = office_geometry(a4)
    assert geometry.media_size == (a4.width_pt, a4.height_pt)
    assert crop_mark_segments(geometry) == []


def test_pdf_embeds_only_subset_fonts_and_never_helvetica() -> None:
    data = sample_sheet(pages=2)
    assert b"Helvetica" not in data
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
            (descendant,) = font["/DescendantFonts"]
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
            assert str(font["/BaseFont"])[7] == "+"  # subset tag: ABCDEF+Name
            assert "NotoSansSC" in str(font["/BaseFont"])


def test_two_renders_are_byte_identical() -> None:
    assert sample_sheet() == sample_sheet()
    assert sample_sheet("A3", True) == sample_sheet("A3", True)


def test_pages_are_compressed_and_titled() -> None:
    data = sample_sheet()
    reader = PdfReader(io.BytesIO(data))
    assert "/FlateDecode" in reader.pages[0]["/Contents"].get_object()["/Filter"]
    assert reader.metadata.title == "人脸识别提示 Face recognition notice"
    assert reader.metadata.author == "快乐奶茶 Happy Tea"


def test_origin_is_the_trim_corner() -> None:
    geometry = print_geometry(sheet("A5"))
    buf = io.BytesIO()
    canvas = new_canvas(buf, "t", "t", date=TODAY)
    start_print_page(canvas, geometry)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(0, 0, "origin")
    canvas.showPage()
    canvas.save()
    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    seen: list[tuple[float, float]] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            seen.append((cm[4] + tm[4], cm[5] + tm[5]))

    page.extract_text(visitor_text=visitor)
    x0, y0, _, _ = geometry.trim_box
    assert seen and seen[0] == pytest.approx((x0, y0), abs=0.01)
