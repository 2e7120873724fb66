"""Wrapped and fitted text reads right: kinsoku, nothing lost, nothing outside its box."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from signdesk.documents.fonts import BOLD, REGULAR, MissingGlyphError, register_fonts
from signdesk.documents.printmarks import new_canvas
from signdesk.documents.textfit import (
    BREAK_SPACES,
    CLOSING,
    OPENING,
    TextDoesNotFitError,
    draw_layout,
    fit_paragraph,
    wrap_lines,
)
from signdesk.errors import UserInputError
from signdesk.i18n import Bilingual

register_fonts()

BUSINESS_NAME = Bilingual(zh="营业名称", en="business name")
A5_SIGN = Bilingual(zh="A5 标识", en="an A5 sign")

HANZI = "人脸识别技术本店使用门禁支付会员考勤酒店入住同意保存删除个人信息处理者营业名称电话"
CJK_CLOSE = "，。、；：？！）》」』”’】…"
CJK_OPEN = "（《「『“‘【"
LATIN_WORDS = ["face", "recognition", "Bubble-Tea", "opt-out", "A&B", "<shop>", "2025",
               "supercalifragilisticexpialidocious", "x", "PIPL", "Art.", "10%"]

token = st.one_of(
    st.sampled_from(HANZI),
    st.sampled_from(CJK_CLOSE),
    st.sampled_from(CJK_OPEN),
    st.sampled_from(LATIN_WORDS).map(lambda w: " " + w + " "),
    st.sampled_from(LATIN_WORDS).flatmap(lambda w: st.sampled_from([w, w + ",", w + ".", "(" + w + ")"])),
    st.just(" "),
)
mixed_text = st.lists(token, min_size=1, max_size=60).map("".join)


def longest_glued_run(text: str) -> int:
    """Characters in the longest stretch no kinsoku-respecting break can split:
    one character with the opening punctuation before it and the closing
    punctuation after it, spaces between them included ("（（ 人，，，" is 7)."""
    def glued(i: int, step: int, marks: frozenset[str]) -> int:
        count = seen = 0
        j = i + step
        while 0 <= j < len(text) and (text[j] in marks or text[j] in BREAK_SPACES):
            count += 1
            if text[j] in marks:
                seen = count   # spaces count only when punctuation lies beyond them
            j += step
        return seen

    best = 0
    for i, ch in enumerate(text):
        if ch in CLOSING or ch in OPENING or ch in BREAK_SPACES:
            continue
        best = max(best, 1 + glued(i, -1, OPENING) + glued(i, 1, CLOSING))
    return best


def longest_punctuation_run(text: str) -> int:
    best = run = 0
    for ch in text:
        run = run + 1 if ch in CLOSING or ch in OPENING else 0
        best = max(best, run)
    return best


def assert_same_text(original: str, lines: list[str]) -> None:
    """Lines are the original in order, minus only spaces where a line was broken."""
    # Spaces after the last line are dropped too (they would only skew centring).
    pattern = "[ \u3000]*".join(re.escape(line) for line in lines) + "[ \u3000]*"
    assert re.fullmatch(pattern, original), (original, lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_text, width_em=st.floats(min_value=6, max_value=30), size=st.sampled_from([9, 12.5, 24]))
def test_wrapped_lines_keep_text_and_kinsoku(text: str, width_em: float, size: float) -> None:
    # Only a run of punctuation longer than a line, or punctuation glued to a
    # character wider together than a line (the narrowest here is 6 em),
    # could force a bad break.
    assume(longest_punctuation_run(text) <= 4 and longest_glued_run(text) <= 5)
    width = width_em * size
    lines = wrap_lines(text, REGULAR, size, width)
    assert_same_text(text, lines)
    for i, line in enumerate(lines):
        assert pdfmetrics.stringWidth(line, REGULAR, size) <= width + 1e-6, line
        if i > 0 and line:
            assert line[0] not in CLOSING, lines
        if i < len(lines) - 1 and line:
            assert line[-1] not in OPENING, lines


def test_closing_punctuation_pulls_previous_character_down() -> None:
    size = 10
    text = "本店使用人脸识别技术。"
    width = pdfmetrics.stringWidth(text[:-1], REGULAR, size)  # room for all but the 。
    lines = wrap_lines(text, REGULAR, size, width)
    # "术。" cannot be split, so 术 comes down with the 。 rather than 。 starting a line.
    assert lines == ["本店使用人脸识别技", "术。"]


def test_opening_punctuation_goes_down_with_its_word() -> None:
    size = 10
    text = "人脸识别（门禁）"
    width = pdfmetrics.stringWidth("人脸识别（", REGULAR, size)
    lines = wrap_lines(text, REGULAR, size, width)
    assert lines[0] == "人脸识别"
    assert lines[1].startswith("（门")


def test_latin_breaks_at_spaces_and_hyphens_and_hard_breaks_long_words() -> None:
    size = 10
    width = pdfmetrics.stringWidth("recognition", REGULAR, size)
    assert wrap_lines("face recognition", REGULAR, size, width) == ["face", "recognition"]
    assert wrap_lines("bubble-recognition", REGULAR, size, width) == ["bubble-", "recognition"]
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = wrap_lines(long_word, REGULAR, size, width)
    assert "".join(lines) == long_word and len(lines) > 1
    assert all(pdfmetrics.stringWidth(l, REGULAR, size) <= width + 1e-6 for l in lines)


@pytest.mark.parametrize("text", [
    "To see your data: scan the QR code, call 010-6266 1234 or ask our staff.",
    "如需查阅、复制、更正或删除您的人脸信息：请扫描二维码、致电010-6266 1234或咨询工作人员。",
])
def test_a_phone_number_is_never_split_across_lines(text: str) -> None:
    # Every width from one word to the whole sentence: the number a reader
    # dials is always on one line.
    size = 10
    full = pdfmetrics.stringWidth(text, REGULAR, size)
    for width in range(100, int(full) + 10, 3):
        lines = wrap_lines(text, REGULAR, size, width)
        assert any("010-6266 1234" in line for line in lines), (width, lines)


def test_newline_forces_a_break() -> None:
    assert wrap_lines("营业时间\nOpening hours", REGULAR, 10, 1000) == ["营业时间", "Opening hours"]


@settings(max_examples=100, deadline=None)
@given(text=mixed_text.filter(lambda t: t.strip()),
       width=st.floats(min_value=120, max_value=400), height=st.floats(min_value=40, max_value=300))
def test_fitted_text_stays_inside_its_box(text: str, width: float, height: float) -> None:
    try:
        layout = fit_paragraph(text, BOLD, width, height, 36, 6, 1.3, field=BUSINESS_NAME)
    except TextDoesNotFitError:
        return
    assert 6 <= layout.size <= 36
    assert layout.height <= height + 1e-6
    for line in layout.lines:
        assert pdfmetrics.stringWidth(line, BOLD, layout.size) <= width + 1e-6


def test_fit_picks_the_largest_size_on_the_quarter_point_grid() -> None:
    text = "本店使用人脸识别技术"
    width = pdfmetrics.stringWidth(text, REGULAR, 20)
    layout = fit_paragraph(text, REGULAR, width, 100, 40, 8, field=BUSINESS_NAME)
    # 20 pt fits on one line; 20.25 pt would need a second line of 1.3 leading, which fits
    # in 100 pt as well, so the fit goes above 20 pt and uses two lines.
    assert layout.size > 20 and len(layout.lines) == 2
    assert (layout.size * 4) == int(layout.size * 4)
    one_line = fit_paragraph(text, REGULAR, width, 25, 40, 8, field=BUSINESS_NAME)
    assert one_line.size == 20 and one_line.lines == (text,)


def test_too_long_business_name_names_the_field_and_a_length() -> None:
    name = "朝阳区三里屯太古里南区地下一层快乐柠檬珍珠奶茶旗舰店" * 4
    with pytest.raises(TextDoesNotFitError) as info:
        fit_paragraph(name, BOLD, 300, 60, 40, 14, field=BUSINESS_NAME, where=A5_SIGN)
    err = info.value
    assert isinstance(err, UserInputError)
    assert 0 < err.max_chars < len(name)
    zh, en = err.message("zh_CN"), err.message("en")
    assert "营业名称" in zh and "A5 标识" in zh and str(err.max_chars) in zh
    assert "business name" in en and "an A5 sign" in en and str(err.max_chars) in en
    # The suggested length really fits.
    fit_paragraph(name[: err.max_chars], BOLD, 300, 60, 40, 14, field=BUSINESS_NAME)


def test_emoji_is_refused_before_layout() -> None:
    with pytest.raises(MissingGlyphError):
        fit_paragraph("奶茶🧋", REGULAR, 300, 60, 40, 14, field=BUSINESS_NAME)


def test_drawn_text_appears_exactly_as_typed() -> None:
    text = "A&B <Tea> 奶茶 & 咖啡 <b>not bold</b>"
    layout = fit_paragraph(text, REGULAR, 400, 100, 14, 8, field=BUSINESS_NAME)
    buf = io.BytesIO()
    canvas = new_canvas(buf, "t", "t")
    draw_layout(canvas, layout, 50, 700, "center")
    canvas.showPage()
    canvas.save()
    extracted = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    assert text in extracted


def test_punctuation_run_longer_than_a_line_is_cut_without_losing_anything() -> None:
    size = 10
    text = "好" + "！" * 12
    width = pdfmetrics.stringWidth("好！！", REGULAR, size)
    lines = wrap_lines(text, REGULAR, size, width)
    assert "".join(lines) == text
    assert all(lines) and all(pdfmetrics.stringWidth(l, REGULAR, size) <= width + 1e-6 for l in lines)
