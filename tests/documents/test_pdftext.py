"""PDF text as a reader and a print shop see it (signdesk.documents.pdftext).

Every typeface is embedded once as a Type0/CIDFontType2 font: the text must
copy out exactly, each code must show the glyph of the character drawn with
it at the width the layout measured, and the font program must be a real,
small TrueType subset, the same bytes for the same characters.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Sequence

import numpy as np
import pikepdf
import pytest
from pypdf.generic import ArrayObject, ContentStream
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from pdf_checks import assert_fonts_embedded, rasterise, reader, text_of
from signdesk.documents.fonts import BOLD, REGULAR, missing_glyphs, register_fonts
from signdesk.documents import pdftext
from signdesk.documents.pdftext import draw_text
from signdesk.documents.printmarks import new_canvas

#: Glyphs in the whole Noto Sans SC file; an embedded subset must be far smaller.
FULL_GLYPH_COUNT = 30_898
TODAY = dt.date(2026, 11, 22)
#: A BaseFont of ours: six capitals, "+", the face's PostScript name.
BASE_FONT = re.compile(r"^/([A-Z]{6})\+(NotoSansSC-(?:Regular|Bold))$")


def _gb2312_level1() -> str:
    """The 3,755 most common Hanzi (GB 2312 level 1), in GB order."""
    return "".join(bytes([hi, lo]).decode("gb2312")
                   for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
                   if not (hi == 0xD7 and lo > 0xF9))


HANZI = _gb2312_level1()

#: One draw_text call: x, baseline, text, font name, size.
Run = tuple[float, float, str, str, float]


def _pdf(pages: Sequence[Sequence[Run]], size: tuple[float, float] = (595, 842)) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    canvas = new_canvas(buf, "pdftext test", "SignDesk tests", date=TODAY)
    canvas.setPageSize(size)
    for runs in pages:
        for x, baseline, text, font, font_size in runs:
            draw_text(canvas, x, baseline, text, font, font_size)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _lines(texts: Sequence[str], font: str = REGULAR, size: float = 11, top: float = 800) -> list[Run]:
    """One run per text, stacked far enough apart that pypdf sees separate lines."""
    return [(30, top - i * 1.8 * size, text, font, size) for i, text in enumerate(texts)]


def _chunks(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _fonts(pdf: bytes, page: int = 0) -> dict[str, object]:
    """The page's font resources: resource name -> font dictionary."""
    fonts = reader(pdf).pages[page]["/Resources"]["/Font"].get_object()
    return {str(name): ref.get_object() for name, ref in fonts.items()}


def _face(font) -> str:  # type: ignore[no-untyped-def]
    """The PostScript name of the face a font of ours embeds (its BaseFont without the tag)."""
    match = BASE_FONT.match(str(font["/BaseFont"]))
    assert match, font["/BaseFont"]
    return match.group(2)


def _descriptor_count(pdf: bytes) -> int:
    """Font descriptors in the whole file: one per embedded font program."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return sum(1 for o in doc.objects
                   if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor")


def _descendant(font) -> object:  # type: ignore[no-untyped-def]
    kids = font["/DescendantFonts"]
    assert len(kids) == 1
    return kids[0].get_object()


def _string_bytes(obj) -> bytes:  # type: ignore[no-untyped-def]
    """The raw bytes of a PDF string operand, however pypdf decoded it."""
    raw = getattr(obj, "original_bytes", None)
    return bytes(raw) if raw is not None else bytes(obj)


def _drawn(pdf: bytes) -> list[tuple[str, list[int]]]:
    """Every Tj of every page, in order: (font resource name, its two-byte codes)."""
    r = reader(pdf)
    out = []
    for page in r.pages:
        font = ""
        for operands, op in ContentStream(page.get_contents(), r).operations:
            if op == b"Tf":
                font = str(operands[0])
            elif op == b"Tj":
                data = _string_bytes(operands[0])
                assert len(data) % 2 == 0, "Identity-H codes are two bytes each"
                out.append((font, [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]))
    return out


def _chars_by_code(pdf: bytes, runs: Sequence[Run]) -> dict[str, dict[int, str]]:
    """Per font resource, code -> the characters drawn with it (from the content stream)."""
    drawn = _drawn(pdf)
    assert len(drawn) == len(runs)
    out: dict[str, dict[int, str]] = {}
    for (resource, codes), (_, _, text, _, _) in zip(drawn, runs):
        assert len(codes) == len(text), text   # one code per character, no splitting
        table = out.setdefault(resource, {})
        for code, ch in zip(codes, text):
            if ch not in table.get(code, ""):
                table[code] = table.get(code, "") + ch
    return out


def _widths(cid_font) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """The /W array as code -> width (both of its forms: c [w ...] and c1 c2 w)."""
    w = cid_font.get("/W", [])
    out: dict[int, float] = {}
    i = 0
    while i < len(w):
        first, nxt = int(w[i]), w[i + 1]
        if isinstance(nxt, ArrayObject):
            out.update((first + k, float(v)) for k, v in enumerate(nxt))
            i += 2
        else:
            out.update((c, float(w[i + 2])) for c in range(first, int(nxt) + 1))
            i += 3
    return out


def _glyph_data(ttf: TTFontFile, glyf: bytes, glyph: int) -> bytes:
    return glyf[ttf.glyphPos[glyph]:ttf.glyphPos[glyph + 1]]


def _check_font(font, chars_by_code: dict[int, str], font_name: str) -> int:  # type: ignore[no-untyped-def]
    """Check one embedded font against the characters drawn with it; return its glyph count.

    For each code n: /W gives the advance the layout measured for the
    character drawn with n, the subset's hmtx gives the glyph of code n
    (glyph n, or what the CIDToGIDMap says when characters share a glyph)
    that advance, and its outline is byte for byte the original font's glyph
    for that character (so the page shows what was typed).
    """
    face = pdfmetrics.getFont(font_name).face
    assert str(font["/Subtype"]) == "/Type0" and str(font["/Encoding"]) == "/Identity-H"
    cid = _descendant(font)
    assert str(cid["/Subtype"]) == "/CIDFontType2"
    cid_to_gid = cid["/CIDToGIDMap"]
    if str(cid_to_gid) == "/Identity":
        def glyph_of(code: int) -> int:
            return code
    else:
        data = cid_to_gid.get_object().get_data()
        def glyph_of(code: int) -> int:
            return int.from_bytes(data[2 * code:2 * code + 2], "big")
    descriptor = cid["/FontDescriptor"].get_object()
    assert str(descriptor["/FontName"]) == str(cid["/BaseFont"]) == str(font["/BaseFont"])
    assert _face(font) == face.name.decode()

    stream = descriptor["/FontFile2"].get_object()
    program = stream.get_data()   # pypdf undoes /FlateDecode
    assert stream["/Length1"] == len(program)
    ttf = TTFontFile(io.BytesIO(program))   # reportlab's parser accepts it as TrueType
    glyf = ttf.get_table("glyf")
    original_glyf = face.get_table("glyf")
    scale = 1000 / ttf.unitsPerEm

    widths = _widths(cid)
    assert sorted(chars_by_code) == list(range(1, len(chars_by_code) + 1)), "codes 1..n, no gaps"
    distinct = {face.charToGlyph[0x20 if ord(c) == 0xA0 else ord(c)] for cs in chars_by_code.values() for c in cs}
    assert ttf.numGlyphs >= len(distinct) + 1   # .notdef + one per glyph drawn
    assert ttf.numGlyphs < FULL_GLYPH_COUNT / 10, "a subset, not the whole font"
    for code, chars in chars_by_code.items():
        glyphs = {face.charToGlyph[0x20 if ord(c) == 0xA0 else ord(c)] for c in chars}
        assert len(glyphs) == 1, f"code {code} drawn for different glyphs {chars!r}"
        expected = face.getCharWidth(ord(chars[0]))
        assert widths[code] == pytest.approx(expected, abs=1e-3), chars
        assert ttf.hmetrics[glyph_of(code)][0] * scale == pytest.approx(widths[code], abs=1e-3), chars
        original = _glyph_data(face, original_glyf, glyphs.pop())
        subset = _glyph_data(ttf, glyf, glyph_of(code))
        # Same outline; the subsetter may pad a glyph to a 4-byte boundary.
        assert subset[:len(original)] == original and not subset[len(original):].strip(b"\0"), chars
        assert len(subset) - len(original) < 4
    return ttf.numGlyphs


# ---------------------------------------------------------------- the text
MIXED = [
    "此处使用人脸识别，请知悉。",
    "Facial recognition in use: 2026-11-22, No. 0123456789",
    "Markup & <b>not</b> (parens) back\\slash 100% {braces} [x]",
    "营业时间：9:00–18:00（周一至周日）「单独同意」“引号”",
    "a\u00a0no-break\u00a0space, then ordinary spaces",
    "🄀 beyond the BMP, 全角：，。；！？",
]


def test_text_copies_out_exactly_as_drawn() -> None:
    """Chinese, English, digits, PDF and markup specials, fullwidth punctuation, a code point above U+FFFF."""
    assert not missing_glyphs("".join(MIXED))
    pdf = _pdf([_lines(MIXED)])
    # pypdf puts "\n" between runs on different baselines and nothing else;
    # a no-break space prints with the space glyph and copies out as itself.
    assert reader(pdf).pages[0].extract_text() == "\n".join(MIXED)


def test_characters_sharing_a_glyph_each_copy_out_as_typed() -> None:
    texts = ["约翰·史密斯", "• 营业时间", "①②③ / ➀"]
    pdf = _pdf([_lines(texts)])
    assert reader(pdf).pages[0].extract_text() == "\n".join(texts)


def test_600_hanzi_embed_one_font_per_typeface_and_copy_out_in_order() -> None:
    """Beyond the old 256-glyph limit: still one font (one program, one /W, one map) per typeface."""
    regular = HANZI[:600]
    bold = "加粗标题" + HANZI[:40]  # shares characters with the regular text, not the font
    assert not missing_glyphs(regular + bold)
    page1 = _lines(_chunks(regular[:300], 30))
    page2 = _lines(_chunks(regular[300:], 30)) + [(30, 300, bold, BOLD, 14)]
    pdf = _pdf([page1, page2])

    r = reader(pdf)
    assert r.pages[0].extract_text() == "\n".join(_chunks(regular[:300], 30))
    assert r.pages[1].extract_text() == "\n".join(_chunks(regular[300:], 30) + [bold])

    fonts = _fonts(pdf, 1)
    assert len(fonts) == 2
    faces = sorted(_face(f) for f in fonts.values())
    assert faces == ["NotoSansSC-Bold", "NotoSansSC-Regular"]
    # Both pages use the very same font objects, so each program is in the file once.
    refs = [{name: ref.idnum for name, ref in reader(pdf).pages[p]["/Resources"]["/Font"].items()}
            for p in (0, 1)]
    assert refs[0] == refs[1]
    assert _descriptor_count(pdf) == 2

    codes = _chars_by_code(pdf, page1 + page2)
    by_face = {_face(f): (name, f) for name, f in fonts.items()}
    name, font = by_face["NotoSansSC-Regular"]
    assert len(codes[name]) == 600
    assert _check_font(font, codes[name], REGULAR) < 700
    name, font = by_face["NotoSansSC-Bold"]
    assert len(codes[name]) == len(set(bold))
    _check_font(font, codes[name], BOLD)


def test_widths_and_outlines_match_the_font_for_mixed_text() -> None:
    """Narrow and wide Latin, digits, spaces and Hanzi: each code's width and glyph are its character's."""
    runs = _lines(MIXED) + _lines(["iiii WWWW mmmm 1111 中中", "Bold: 粗体 iW"], font=BOLD, top=500)
    pdf = _pdf([runs])
    codes = _chars_by_code(pdf, runs)
    fonts = _fonts(pdf)
    assert set(codes) == set(fonts)
    for name, font in fonts.items():
        _check_font(font, codes[name], BOLD if _face(font).endswith("Bold") else REGULAR)


# ------------------------------------------------------------- what prints
def _ink(image: np.ndarray) -> np.ndarray:
    return image.mean(axis=2) < 128


def test_every_character_prints_inside_its_box_and_nowhere_else(qapp) -> None:
    """Large glyphs at known places: ink inside each em box, none outside.

    人 twice (a repeated character), ① and ➀ (two characters, one glyph),
    中 and a bold 中. Each box shows exactly the pixels the same character
    shows when it is the only one in its document (where it cannot get
    another character's glyph), and different pixels from a different one.
    """
    size, baseline, height = 64, 50, 160
    placed = [(20, "人", REGULAR), (100, "人", REGULAR), (180, "①", REGULAR), (260, "➀", REGULAR),
              (340, "中", REGULAR), (420, "中", BOLD)]
    scale = 2   # 144 dpi: every box edge at x falls on a whole pixel

    def ink_of(runs: list[tuple[float, str, str]]) -> np.ndarray:
        pdf = _pdf([[(x, baseline, ch, font, size) for x, ch, font in runs]], size=(500, height))
        return _ink(rasterise(pdf, dpi=72 * scale))

    ink = ink_of(placed)

    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    top = round((height - baseline - face.ascent * size / 1000) * scale)
    bottom = round((height - baseline - face.descent * size / 1000) * scale)
    outside = ink.copy()
    crops = []
    for x, ch, font in placed:
        left = x * scale
        right = round((x + pdfmetrics.stringWidth(ch, font, size)) * scale)
        box = ink[top:bottom, left:right]
        assert box.mean() > 0.03, f"{ch} at x={x} shows (almost) no ink"
        alone = ink_of([(x, ch, font)])[top:bottom, left:right]
        assert np.array_equal(box, alone), f"{ch} at x={x} prints another glyph"
        crops.append(box)
        outside[top - 2:bottom + 2, left - 2:right + 2] = False
    assert not outside.any(), f"ink outside the characters' boxes at {np.argwhere(outside)[:5].tolist()}"
    assert np.array_equal(crops[0], crops[1]), "a repeated character prints differently"
    assert np.array_equal(crops[2], crops[3]), "two characters with one glyph print differently"
    assert not np.array_equal(crops[0], crops[4]) and not np.array_equal(crops[2], crops[4])
    assert not np.array_equal(crops[4], crops[5]), "bold prints like regular"


# ------------------------------------------------------------- determinism
def _tags(pdf: bytes) -> dict[str, str]:
    """Face name -> subset tag, for every font on the first page."""
    out = {}
    for font in _fonts(pdf).values():
        tag, face = BASE_FONT.match(str(font["/BaseFont"])).groups()
        out[face] = tag
    return out


def test_same_content_same_bytes_and_tags_different_characters_different_tags() -> None:
    first = _pdf([_lines(["甲乙丙丁 ABC", "戊己庚"])])
    assert _pdf([_lines(["甲乙丙丁 ABC", "戊己庚"])]) == first
    # The same characters in the same order, laid out differently: same subset, same tag.
    same_chars = _pdf([_lines(["甲乙丙丁", " ABC戊己庚"], size=20)])
    assert _tags(same_chars) == _tags(first)
    other = _pdf([_lines(["甲乙丙戊 ABC", "辛己庚"])])
    assert _tags(other)["NotoSansSC-Regular"] != _tags(first)["NotoSansSC-Regular"]


def test_regular_and_bold_subsets_in_one_file_have_different_tags() -> None:
    pdf = _pdf([_lines(["同样的字"]) + _lines(["同样的字"], font=BOLD, top=600)])
    tags = _tags(pdf)
    assert len(tags) == 2 and len(set(tags.values())) == 2, tags


# ------------------------------------------------------------- threads
def test_two_documents_written_at_once_each_get_their_own_text_and_glyphs() -> None:
    """A preview in a worker thread and an export in the GUI thread, at the same moment."""
    rounds = 3
    for r in range(rounds):
        # Fresh characters each round so each thread makes its own subset, not a cached one.
        start = 1000 + r * 800
        texts = [_chunks(HANZI[start:start + 400], 40), _chunks(HANZI[start + 400:start + 800], 40)]
        results: list[bytes | BaseException | None] = [None, None]
        barrier = threading.Barrier(2)

        def write(i: int, texts=texts, results=results, barrier=barrier) -> None:
            try:
                barrier.wait(timeout=30)
                results[i] = _pdf([_lines(texts[i])])
            except BaseException as exc:  # reported below, in the test's thread
                results[i] = exc

        threads = [threading.Thread(target=write, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        for i, pdf in enumerate(results):
            assert isinstance(pdf, bytes), pdf
            assert reader(pdf).pages[0].extract_text() == "\n".join(texts[i])
            (name, font), = _fonts(pdf).items()
            _check_font(font, _chars_by_code(pdf, _lines(texts[i]))[name], REGULAR)


# ------------------------------------------------------------- a real sign
def test_sign_embeds_only_our_typeface_each_once() -> None:
    from signdesk.documents.sign import render_sign
    from signdesk.model import load
    from signdesk.paths import EXAMPLES_DIR

    tea = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    pdf = render_sign(tea, tea.scenarios[0], "A4", False, TODAY)
    assert_fonts_embedded(pdf)
    assert b"Helvetica" not in pdf
    fonts = _fonts(pdf)
    faces = [_face(f) for f in fonts.values()]
    assert len(faces) == len(set(faces)), faces   # one font per typeface
    assert "NotoSansSC-Regular" in faces or "NotoSansSC-Bold" in faces
    for font in fonts.values():
        assert str(font["/Subtype"]) == "/Type0" and str(font["/Encoding"]) == "/Identity-H"
        assert "/ToUnicode" in font
    assert _descriptor_count(pdf) == len(fonts)
    assert "此处使用人脸识别" in "".join(text_of(pdf).split())


# ------------------------------------------------------------- subsetter
@pytest.mark.parametrize("text", [
    "此处使用人脸识别，请知悉。Facial recognition in use: 2026-11-22",
    "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700) if not missing_glyphs(chr(c))),
    "a\u00a0b c\u00a0 ①➀·•",   # two characters for one glyph, and no-break spaces
    " ",
], ids=["sign text", "700 Hanzi (long offsets)", "shared glyphs", "one space"])
@pytest.mark.parametrize("font_name", [REGULAR, BOLD])
def test_our_subset_program_is_byte_for_byte_reportlabs(text, font_name) -> None:
    """The faster subsetter must make exactly the font reportlab's makeSubset makes."""
    face = pdfmetrics.getFont(font_name).face
    points = [0x20 if ord(c) == 0xA0 else ord(c) for c in dict.fromkeys(text)]
    numbering = pdftext._glyph_numbers(face, points)
    assert pdftext._font_program(face, points, *numbering) == face.makeSubset(points)
