"""Wrapped and fitted text reads right: kinsoku, nothing lost, nothing outside its box."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from signdesk.documents.fonts import BOLD, REGULAR, MissingGlyphError, missing_glyphs, register_fonts
from signdesk.documents.printmarks import new_canvas
from signdesk.documents.textfit import (
    BREAK_SPACES,
    CHINESE_COUNTERS,
    CLOSING,
    OPENING,
    TextDoesNotFitError,
    draw_layout,
    fit_paragraph,
    layout_lines,
    line_width,
    phrase_breaks,
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

TODAY = dt.date(2026, 11, 22)


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
    """Characters in the longest stretch of punctuation, spaces between its
    marks included: no kinsoku-respecting break falls inside "（（（ ，，，"
    either (7), since a line may not start with the ， after the space."""
    best = run = spaces = 0
    for ch in text:
        if ch in CLOSING or ch in OPENING:
            run += spaces + 1
            spaces = 0
            best = max(best, run)
        elif ch in BREAK_SPACES and run:
            spaces += 1
        else:
            run = spaces = 0
    return best


def assert_same_text(original: str, lines: list[str]) -> None:
    """Lines are the original in order, minus only spaces where a line was broken."""
    # Spaces before the first line and after the last are dropped too (they
    # would only push the text off its column or skew centring).
    pattern = "[ \u3000]*" + "[ \u3000]*".join(re.escape(line) for line in lines) + "[ \u3000]*"
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
    # "术。" cannot be split, so 术 comes down with the 。 rather than 。 starting a line;
    # and 术 would be alone on the last line, so 技 comes down too.
    assert lines == ["本店使用人脸识别", "技术。"]


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


@pytest.mark.parametrize("word", ["E-mail", "e-mail", "re-use", "A5-landscape", "co-op"])
def test_a_hyphen_with_a_short_part_is_no_break(word: str) -> None:
    # The reviewer's contact row: "…Phone 021-5555 0123; E-" / "mail privacy@…".
    text = f"Privacy contact Chen Xiao (store manager); Phone 021-5555 0123; {word} privacy@lemontea.cn"
    size = 10
    narrowest = max(pdfmetrics.stringWidth(w, REGULAR, size) for w in text.split())
    whole = pdfmetrics.stringWidth(text, REGULAR, size)
    for k in range(40):
        width = narrowest + (whole - narrowest) * k / 39
        lines = wrap_lines(text, REGULAR, size, width)
        assert any(word in line.split() for line in lines), (width, lines)


def test_a_hyphen_between_long_parts_and_in_a_phone_number_still_breaks() -> None:
    size = 10
    assert wrap_lines("the opt-out page", REGULAR, size,
                      pdfmetrics.stringWidth("the opt-ou", REGULAR, size))[0] == "the opt-"
    # A phone number wider than a line still breaks at its own hyphen.
    number = "021-5555-0123-4567"
    lines = wrap_lines(number, REGULAR, size, pdfmetrics.stringWidth("021-5555-", REGULAR, size))
    assert "".join(lines) == number and lines[0].endswith("-")


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


def drawn_text(layout, align: str) -> str:
    """What a PDF reader extracts from ``layout`` drawn alone on a page."""
    buf = io.BytesIO()
    canvas = new_canvas(buf, "t", "t", date=TODAY)
    draw_layout(canvas, layout, 50, 700, align)  # type: ignore[arg-type]
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()


def test_drawn_text_appears_exactly_as_typed() -> None:
    text = "A&B <Tea> 奶茶 & 咖啡 <b>not bold</b>"
    layout = fit_paragraph(text, REGULAR, 400, 100, 14, 8, field=BUSINESS_NAME)
    assert text in drawn_text(layout, "center")


def test_punctuation_run_longer_than_a_line_is_cut_without_losing_anything() -> None:
    size = 10
    text = "好" + "！" * 12
    width = pdfmetrics.stringWidth("好！！", REGULAR, size)
    lines = wrap_lines(text, REGULAR, size, width)
    assert "".join(lines) == text
    assert all(lines) and all(pdfmetrics.stringWidth(l, REGULAR, size) <= width + 1e-6 for l in lines)


# --------------------------------------------------------------------------
# clreq: what a careful reader of the printed documents noticed (issue 9)

def break_offsets(original: str, lines: list[str]) -> list[int]:
    """Where in ``original`` each line after the first begins (break spaces skipped)."""
    offsets, pos = [], 0
    for i, line in enumerate(lines):
        while pos < len(original) and original[pos] in BREAK_SPACES and not original.startswith(line, pos):
            pos += 1
        assert original.startswith(line, pos), (original, lines)
        if i:
            offsets.append(pos)
        pos += len(line)
    return offsets


# What a reader counts as one thing on a line: a title, a number with its
# unit, a contact, a Han character, a Latin word with the punctuation inside it.
READING_UNIT = re.compile(
    r"《[^《》]{1,10}》|第?[0-9]+ ?(?:个工作日|周岁|[\u4e00-\u9fff])|第[〇一二三四五六七八九十百千]+[条款章节]?"
    r"|\+?[0-9][0-9 -]{5,}[0-9]|https?://[\w./-]+|[\w.-]+@[\w.-]+"
    r"|[\u4e00-\u9fff]|[A-Za-z0-9]+(?:[-.@'/:&<>][A-Za-z0-9]+)*")


def reading_units(line: str) -> int:
    """Things a reader sees on a line (see READING_UNIT); punctuation counts nothing."""
    return len(READING_UNIT.findall(line))


def widths_between(text: str, size: float, lo_em: float = 4) -> range:
    full = pdfmetrics.stringWidth(text, REGULAR, size)
    return range(int(lo_em * size), int(full) + size, 2)


@pytest.mark.parametrize("text, width_upto, expected", [
    # 「…单独同 / 意。」 on landscape signs
    ("使用您的人脸信息前，我们会先征得您的单独同意。", "使用您的人脸信息前，我们会先征得您的单独同",
     ["使用您的人脸信息前，我们会先征得您的单独", "同意。"]),
    # 「自本标识 / 起。」
    ("门店收银台，自本标识起。", "门店收银台，自本标识", ["门店收银台，自本标", "识起。"]),
    # 「工作人 / 员。」 on consent forms
    ("请扫描二维码或咨询工作人员。", "请扫描二维码或咨询工作人", ["请扫描二维码或咨询工作", "人员。"]),
])
def test_a_last_line_is_never_one_character_alone(text: str, width_upto: str, expected: list[str]) -> None:
    size = 10
    # The box that used to leave one character (and its stop) on the last line.
    width = pdfmetrics.stringWidth(width_upto, REGULAR, size)
    assert wrap_lines(text, REGULAR, size, width) == expected


@pytest.mark.parametrize("text", [
    "本处使用人脸识别仅用于刷脸支付。使用您的人脸信息前，我们会先征得您的单独同意。",
    "门店收银台，自本标识起。",
    "如需查阅、复制、更正或删除您的人脸信息：请扫描二维码、致电021-5555 0123或咨询工作人员。",
    "Face data stays inside the device and is not sent over the Internet.",
    "Refusing facial recognition does not cost you the service where another way is offered.",
])
def test_no_width_leaves_a_lone_character_or_word_on_the_last_line(text: str) -> None:
    size = 10
    for width in widths_between(text, size, lo_em=8):
        lines = wrap_lines(text, REGULAR, size, width)
        if len(lines) > 1:
            assert reading_units(lines[-1]) >= 2, (width, lines)


def test_english_last_word_gets_company_from_the_line_above() -> None:
    size = 10
    text = "Face data is not sent over the Internet."
    width = pdfmetrics.stringWidth("Face data is not sent over the", REGULAR, size)
    assert wrap_lines(text, REGULAR, size, width) == ["Face data is not sent over", "the Internet."]


@pytest.mark.parametrize("text, whole", [
    # 「27 号 3 / 层」 on the sign's address line
    ("北京市海淀区中关村大街 27 号 3 层", ["27 号", "3 层"]),
    # 「地 / 址」 on Letter: the label of the address
    ("个人信息保护联系人 陈晓（店长）；电话 021-5555 0123；邮箱 privacy@lemontea.example.cn；地址 上海市徐汇区漕溪北路 88 号 1 楼",
     ["地址", "电话", "邮箱", "021-5555 0123", "privacy@lemontea.example.cn", "88 号", "1 楼"]),
    # 「第12 / 条」 and 「《个 / 人信息保护法》」 in the reports
    ("没有同意记录（《个人信息保护法》第12条、第十二条；《人脸识别技术应用安全管理办法》第7条）",
     ["第12条", "第十二条", "第7条", "《个人信息保护法》"]),
    ("最多保存30 个工作日，不满十四周岁的儿童须由监护人同意，保存 2 年。", ["30 个工作日", "十四周岁", "2 年"]),
    ("详情请见 https://lemontea.example.cn/face-optout 或致电 +86 10 6266 1234。",
     ["https://lemontea.example.cn/face-optout", "+86 10 6266 1234"]),
])
def test_numbers_with_units_titles_and_contacts_are_never_split(text: str, whole: list[str]) -> None:
    size = 10
    for width in widths_between(text, size):
        lines = wrap_lines(text, REGULAR, size, width)
        cuts = break_offsets(text, lines)
        for run in whole:
            start = text.index(run)
            a, b = start, start + len(run)   # with the punctuation kinsoku glues to it
            while a > 0 and text[a - 1] in OPENING:
                a -= 1
            while b < len(text) and text[b] in CLOSING:
                b += 1
            if pdfmetrics.stringWidth(text[a:b], REGULAR, size) > width:
                continue  # wider than the line: see the separator test below
            assert not any(start < c < start + len(run) for c in cuts), (run, width, lines)


@pytest.mark.parametrize("contact, may_start", [
    ("privacy@lemontea.example.cn", "@."),
    ("https://lemontea.example.cn/face-optout?from=sign", "/.-?=l"),
    ("+86 10 6266 1234", "16"),
])
def test_a_contact_wider_than_the_line_breaks_only_at_its_separators(contact: str, may_start: str) -> None:
    size = 10
    # From the widest part between separators (narrower, a part itself must be cut).
    narrowest = max(pdfmetrics.stringWidth(part, REGULAR, size) for part in re.split(r"(?=[@.?=/ -])", contact))
    for width in range(int(narrowest) + 1, int(pdfmetrics.stringWidth(contact, REGULAR, size)), 3):
        lines = wrap_lines(contact, REGULAR, size, width)
        assert len(lines) > 1 and "".join(lines).replace(" ", "") == contact.replace(" ", ""), lines
        for line in lines[1:]:
            assert line[0] in may_start, (width, lines)
        if contact.startswith("https"):
            assert lines[0].startswith("https://"), lines  # never "https:" / "//..."


def test_a_text_that_fits_only_if_a_number_leaves_its_unit_still_fits() -> None:
    # At 10 pt in 5 em, keeping "27号" whole takes three lines; two lines exist
    # if the number may leave its unit. The box holds two: the fit degrades
    # rather than refusing the text.
    text, size = "甲乙丙27号戊己庚", 10
    strict = wrap_lines(text, REGULAR, size, 5 * size)
    assert len(strict) == 3 and not any(line.endswith("27") for line in strict)
    layout = fit_paragraph(text, REGULAR, 5 * size, size * 1.3 + size, size, size, field=BUSINESS_NAME)
    assert len(layout.lines) == 2 and "".join(layout.lines) == text


# --------------------------------------------------------------------------
# The clreq rules on generated text: what must never happen, at any width.

KEEP_WHOLE = {  # a run that stays on one line -> where it may break when wider than a line
    "27 号": None, "3 层": None, "第12条": None, "30 个工作日": None, "2 年": None, "14 周岁": None,
    "第十二条": None, "《个人信息保护法》": None, "《数据安全法》": None,
    "021-5555 0123": "after 021-", "+86 10 6266 1234": "at spaces",
    "privacy@lemontea.example.cn": "before @ or a dot",
    "https://lemontea.example.cn/face-optout": "after // or before / . -",
}
SHORT_WORDS = ["face", "recognition", "Bubble-Tea", "opt-out", "A&B", "<shop>", "PIPL", "Art.", "consent"]


def may_cut_inside(run: str, offset: int) -> bool:
    """Whether ``run`` wider than a line may break before ``run[offset]``."""
    rule = KEEP_WHOLE[run]
    before, after = run[offset - 1], run[offset]
    if rule is None:
        return True  # a number or title wider than the line: any legal break
    if rule.startswith("after 021") or rule == "at spaces":
        return before in " -"
    if rule.startswith("before @"):
        return after in "@."
    return run[:offset].endswith("//") or (after in "/.-" and "//" in run[:offset])


@st.composite
def clreq_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]]]:
    """Mixed text and where its keep-whole runs start."""
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(HANZI).map(lambda c: (c, False)),
        st.sampled_from(HANZI).map(lambda c: (c, False)),
        # Full-width marks only: the curly quotes and the ellipsis are narrow in
        # our font and glue like letters (the kinsoku test above covers them).
        st.sampled_from("，。、；：？！）》」』】").map(lambda c: (c, False)),
        st.sampled_from("（《「『【").map(lambda c: (c, False)),
        st.sampled_from(SHORT_WORDS).map(lambda w: (f" {w} ", False)),
        st.sampled_from(sorted(KEEP_WHOLE)).map(lambda r: (r, True)),
    ), min_size=1, max_size=50))
    text, runs = "", []
    for piece, whole in pieces:
        if whole:
            if text.rstrip()[-1:].isdigit() and piece[0] in "0123456789+":
                text += "、"  # two numbers a space apart read (and stay) as one
            if KEEP_WHOLE[piece] is not None:
                piece = f" {piece} "  # contacts stand between spaces, as in real text
            runs.append((len(text) + (1 if piece.startswith(" ") else 0), piece.strip()))
        text += piece
    return text, runs


def glued_width(text: str, start: int, end: int, size: float) -> float:
    """Width of text[start:end] with what no break may part from it: opening
    punctuation before it and closing after it (through spaces), and narrow
    characters touching those ("”“" are narrow: they glue like letters)."""
    def glues(c: str) -> bool:
        return unicodedata.east_asian_width(c) not in "WF" and c not in BREAK_SPACES

    while start > 0:
        spaces = len(text[:start]) - len(text[:start].rstrip(" \u3000"))
        c = text[start - spaces - 1] if start - spaces > 0 else ""
        if c and (c in OPENING or not spaces and glues(c)):
            start -= spaces + 1
        else:
            break
    while end < len(text):
        spaces = len(text[end:]) - len(text[end:].lstrip(" \u3000"))
        c = text[end + spaces] if end + spaces < len(text) else ""
        if c and (c in CLOSING or not spaces and glues(c)):
            end += spaces + 1
        else:
            break
    return pdfmetrics.stringWidth(text[start:end].strip(), REGULAR, size)


def clearly_breakable(text: str, i: int, runs: list[tuple[int, str]]) -> bool:
    """A break before text[i] that every rule allows (this test's own reading of them)."""
    if any(start < i < start + len(run) for start, run in runs):
        return False
    before, after = text[i - 1], text[i]
    if after in BREAK_SPACES or after in CLOSING:
        return False
    j = i - 1
    while j > 0 and text[j] in BREAK_SPACES:
        j -= 1
    if text[j] in OPENING:
        return False
    if before in BREAK_SPACES:
        # "30 人": a counter a space after a number stays with it
        return not (text[j].isdigit() and after in CHINESE_COUNTERS)
    # Between two Han characters of a longer run (a run of two to four between
    # spaces or punctuation is a word such as 地址, kept whole).
    han = re.compile(r"[\u4e00-\u9fff]")
    if not (han.match(before) and han.match(after)):
        return False
    a, b = i - 1, i
    while a > 0 and han.match(text[a - 1]):
        a -= 1
    while b < len(text) and han.match(text[b]):
        b += 1
    return b - a > 4


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=clreq_text(), width_em=st.floats(min_value=8, max_value=36), size=st.sampled_from([9, 12.5]))
# The last digits of a phone number once glued a following word to the number as
# if it counted it ("1234 人"), so "face" could not come down to keep "人" company.
@example(sample=(" +86 10 6266 1234 人 face 人", [(1, "+86 10 6266 1234")]), width_em=12.0, size=9)
def test_clreq_rules_hold_on_generated_text(sample: tuple[str, list[tuple[int, str]]],
                                             width_em: float, size: float) -> None:
    text, runs = sample
    assume(longest_punctuation_run(text) <= 3 and longest_glued_run(text) <= 4)
    width = width_em * size
    lines = wrap_lines(text, REGULAR, size, width)
    assert_same_text(text, lines)
    cuts = break_offsets(text, lines)

    # A URL wider than the line breaks before its dots: its own rule, not kinsoku's.
    in_contact = {c for c in cuts for start, run in runs if start < c < start + len(run)}
    for i, line in enumerate(lines):
        assert pdfmetrics.stringWidth(line, REGULAR, size) <= width + 1e-6, line
        if i > 0 and line and cuts[i - 1] not in in_contact:
            assert line[0] not in CLOSING, ("closing punctuation starts a line", lines)
        if i < len(lines) - 1 and line:
            assert line[-1] not in OPENING, ("opening punctuation ends a line", lines)

    for start, run in runs:
        inside = [c - start for c in cuts if start < c < start + len(run)]
        if glued_width(text, start, start + len(run), size) <= width:
            assert not inside, (f"{run} broken though it fits a line", lines)
        else:
            assert all(may_cut_inside(run, c) for c in inside), (f"{run} broken off its separators", lines)

    # The last line: one character or one word alone only where nothing
    # better exists, i.e. no legal break in the line above would leave both
    # lines in the box and give the last line two things to read.
    if len(lines) > 1 and reading_units(lines[-1]) < 2:
        above = cuts[-2] if len(cuts) > 1 else 0
        for p in range(above + 1, cuts[-1]):
            if not clearly_breakable(text, p, runs) or reading_units(text[above:p]) < 2:
                continue  # a better break leaves the line above two things as well
            last = text[p:].strip()
            if pdfmetrics.stringWidth(last, REGULAR, size) <= width + 1e-6 and reading_units(last) >= 2:
                pytest.fail(f"lone last line {lines[-1]!r}; a break before {text[p:p + 6]!r} gives {last!r}: {lines}")


def _ink_right_edges(tmp_path, layout, align: str, x: float = 40) -> list[float]:
    """Draw ``layout`` at 1 px per pt and return each line's rightmost inked x."""
    from PIL import Image
    pdf = tmp_path / f"{align}.pdf"
    buf = io.BytesIO()
    canvas = new_canvas(buf, "t", "t", date=TODAY)
    height = layout.height + 40
    canvas.setPageSize((layout.width + 2 * x, height))
    draw_layout(canvas, layout, x, height - 20, align)  # type: ignore[arg-type]
    canvas.showPage()
    canvas.save()
    pdf.write_bytes(buf.getvalue())
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / align)],
                   check=True, timeout=60)
    ink = np.asarray(Image.open(tmp_path / f"{align}.png").convert("L")) < 128
    edges = []
    for i in range(len(layout.lines)):
        top = 20 + i * layout.leading
        band = ink[int(top):int(top + layout.size)]
        cols = np.flatnonzero(band.any(axis=0))
        edges.append(float(cols.max()) if cols.size else 0.0)
    return edges


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_justified_chinese_fills_every_line_but_the_last(tmp_path) -> None:
    size, x = 20, 40
    text = "本店使用人脸识别技术仅用于刷脸支付使用您的人脸信息前我们会先征得您的单独同意本店使用人脸识别技术仅用于刷"
    layout = layout_lines(text, REGULAR, size, 20.5 * size)   # 20 characters a line, half an em to spare
    assert [len(line) for line in layout.lines] == [20, 20, 12]
    justified = _ink_right_edges(tmp_path, layout, "justify")
    ragged = _ink_right_edges(tmp_path, layout, "left")
    right = x + layout.width
    for line in (0, 1):
        assert justified[line] >= right - 0.12 * size, justified      # flush with the box's right edge
        assert ragged[line] <= right - 0.4 * size, ragged
    assert abs(justified[2] - ragged[2]) <= 1, (justified, ragged)   # the last line is not spread


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_a_line_with_a_hole_is_not_spread_apart(tmp_path) -> None:
    # The URL does not fit after 本店使用: spreading four characters over the
    # whole width would read as a different text. It stays as set.
    size = 10
    layout = layout_lines("本店使用 https://lemontea.example.cn/face-optout 谢谢", REGULAR, size, 22 * size)
    assert layout.lines[0] == "本店使用"
    justified = _ink_right_edges(tmp_path, layout, "justify")
    ragged = _ink_right_edges(tmp_path, layout, "left")
    assert abs(justified[0] - ragged[0]) <= 1


def test_justified_text_reads_back_without_extra_spaces() -> None:
    text = "人脸信息属于敏感个人信息，一旦泄露可能损害您的权益，因此我们只收集该目的所必需的信息，并严格保护。"
    layout = layout_lines(text, REGULAR, 10, 17.5 * 10)
    assert len(layout.lines) > 2
    assert drawn_text(layout, "justify").replace("\n", "") == text


def test_a_run_in_label_does_not_leave_the_last_character_alone() -> None:
    # A sign row "保存期限  人脸信息…": the text's first line is narrower by the
    # label. Seven characters fit after the label; the eighth must not sit
    # alone on the line below.
    size = 10
    layout = layout_lines("人脸信息保存至会", REGULAR, size, 10 * size, first_indent=3 * size)
    assert layout.lines == ("人脸信息保存", "至会")
    assert layout.line_widths[0] <= 7 * size + 1e-6
    # Nothing fits after a label as wide as the line: the text starts below it.
    assert layout_lines("人脸信息", REGULAR, size, 10 * size, first_indent=9.5 * size).lines == ("", "人脸信息")


@settings(max_examples=60, deadline=None)
@given(size=st.floats(6, 40), ems=st.floats(9.0, 20))
def test_a_phrase_prompt_breaks_only_after_its_pause_marks(size: float, ems: float) -> None:
    # Any size, any column at least as wide as its longest phrase: the lines
    # are whole phrases, so "撤回" is never cut and "同意 →" never left alone.
    text = "扫码查看完整规则、拒绝或撤回同意 →"
    width = ems * size
    lines = layout_lines(phrase_breaks(text, BOLD, size, width), BOLD, size, width).lines
    assert "".join(lines) == text
    assert list(lines) in (["扫码查看完整规则、拒绝或撤回同意 →"], ["扫码查看完整规则、", "拒绝或撤回同意 →"])
    assert all(line_width(line, BOLD, size) <= width + 1e-6 for line in lines)


def test_a_phrase_wider_than_the_line_breaks_by_the_ordinary_rules() -> None:
    size = 10
    text = "扫码查看完整规则、拒绝或撤回同意 →"
    lines = layout_lines(phrase_breaks(text, BOLD, size, 5 * size), BOLD, size, 5 * size).lines
    assert "".join(lines) == text and lines[0] == "扫码查看完" and len(lines[-1].replace(" →", "")) >= 2
    assert not missing_glyphs(phrase_breaks(text, BOLD, size, 5 * size).replace("\n", ""))
