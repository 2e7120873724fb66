"""How text gets into our PDFs: each typeface embedded once, as a CID font.

reportlab embeds a TrueType font as "simple" fonts of at most 256 glyphs
each, so a sign with 400 different characters carries three font programs,
three widths arrays and three character maps, and every line is split by
subset in Python. Here each typeface a document uses is embedded once as a
composite font (Type0 over CIDFontType2, Identity-H encoding): the way
office suites embed Chinese. Each character gets a two-byte code in the
order it is first drawn; a line of text becomes its codes by one table
lookup; and at save the font program is a subset made by reportlab's own
subsetter holding exactly those glyphs, in that order, so code = glyph
number (with a CIDToGIDMap when two characters share a glyph).

Widths come from the same metrics the layout measured with (pdfmetrics),
and a ToUnicode map keeps the text searchable and copyable. A subset font
program is remembered for its exact list of characters: the same sign on
several sheet sizes, a preview redrawn after an edit that brought no new
character, or the next site of a chain with the same texts reuse it.

Callers use :func:`draw_text` (and :func:`compress_streams` once per
canvas); nothing here knows about signs.
"""

from __future__ import annotations

import functools
import hashlib
import string
import sys
import threading
from array import array
from collections.abc import Mapping
from typing import NamedTuple
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, TTFontMaker
from reportlab.pdfgen.canvas import Canvas
from zlib_ng import zlib_ng

#: Resource names of our fonts on a page: /SD1, /SD2, ... in order of first use.
_NAME_PREFIX = "SD"
# Characters per ToUnicode "beginbfchar" block (the format allows 100).
_BFCHAR_BLOCK = 100
# Codes are written as UTF-16 code units, so they stay below the surrogates.
# (GBK has about 21,000 characters: no document comes near.)
_MAX_CODE = 0xD7FF
# Two documents may be written at once (the preview in a worker thread, an
# export in the GUI thread); reportlab's subsetter (used for composite
# glyphs) reads the font file through a shared position, so one at a time.
_subset_lock = threading.Lock()


def draw_text(canvas: Canvas, x: float, baseline: float, text: str, font_name: str,
              size: float, *, gaps: Mapping[int, float] | None = None) -> None:
    """Draw one line of ``text`` with its baseline starting at (``x``, ``baseline``).

    The fill colour is the canvas's current one. Nothing in ``text`` is
    interpreted: ``&``, ``<`` and ``(`` print as typed. ``gaps`` maps a
    character's index to extra space (in points) after it: how a justified
    line is spread. The text stays one string for search and copy.
    """
    if not text:
        return
    use = _font_use(canvas, font_name)
    start = f"BT /{use.name} {_num(size)} Tf 1 0 0 1 {_num(x)} {_num(baseline)} Tm "
    if not gaps:
        canvas.addLiteral(f"{start}<{use.encode(text)}> Tj ET")
        return
    parts, done = [], 0
    for i in sorted(gaps):
        parts.append(f"<{use.encode(text[done:i + 1])}>")
        # TJ numbers are thousandths of the size, negative to move right.
        parts.append(_num(-gaps[i] * 1000 / size))
        done = i + 1
    if done < len(text):
        parts.append(f"<{use.encode(text[done:])}>")
    canvas.addLiteral(f"{start}[{' '.join(parts)}] TJ ET")


def _num(value: float) -> str:
    """A PDF number: at most 3 decimals, no trailing zeros ("12", "8.5")."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_documents: WeakKeyDictionary[pdfdoc.PDFDocument, dict[str, "_FontUse"]] = WeakKeyDictionary()
_documents_lock = threading.Lock()


def _font_use(canvas: Canvas, font_name: str) -> "_FontUse":
    doc = canvas._doc  # the PDFDocument the canvas writes; reportlab's fonts key on it too
    uses = _documents.get(doc)
    if uses is None:
        with _documents_lock:
            uses = _documents.setdefault(doc, {})
    use = uses.get(font_name)
    if use is None:
        font = pdfmetrics.getFont(font_name)
        if not isinstance(font, TTFont):
            raise TypeError(f"{font_name} is not a TrueType font")
        use = uses[font_name] = _FontUse(font, f"{_NAME_PREFIX}{len(uses) + 1}")
        # reportlab calls addObjects on each of these when the document is saved.
        doc.delayedFonts.append(use)
    return use


class _Codes(dict):  # type: ignore[type-arg]
    """Code point -> the one-character string whose ordinal is its code.

    ``str.translate`` looks every character up here; a character not seen
    before in this document reaches ``__missing__`` and gets its code then,
    in the order it is drawn.
    """

    def __init__(self, use: "_FontUse") -> None:
        super().__init__()
        self._use = use

    def __missing__(self, point: int) -> str:
        code = self[point] = self._use.code_for(point)
        return code


class _FontUse:
    """One typeface as one document uses it: the characters drawn, with their codes."""

    def __init__(self, font: TTFont, name: str) -> None:
        self.font = font
        self.name = name
        self._glyphs = font.face.charToGlyph
        self._table = _Codes(self)
        #: the characters drawn, in code order (code - 1).
        self._chars: list[int] = []

    def encode(self, text: str) -> str:
        """``text`` as hex two-byte codes, giving new characters the next codes."""
        # Codes stay far below the surrogate range, so UTF-16 is exactly two bytes each.
        return text.translate(self._table).encode("utf-16-be").hex()

    def code_for(self, point: int) -> str:
        """The next free code, for a character not drawn before in this document.

        Every character gets its own code even when the font draws two with
        one glyph (· and •, ① and ➀): the ToUnicode map then copies out
        exactly what was drawn.
        """
        if _glyph_point(point) not in self._glyphs:
            return "\0"   # .notdef; ensure_printable stops this long before printing
        if len(self._chars) == _MAX_CODE:
            raise ValueError(f"more than {_MAX_CODE} different characters in one document")
        self._chars.append(point)
        return chr(len(self._chars))

    # ------------------------------------------------------------- at save
    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 (reportlab's hook name)
        """Write the font objects and list the font in the pages' font resources."""
        face = self.font.face
        chars = tuple(self._chars)
        subset = _subset(self.font.fontName, chars)
        base_font = f"{subset.tag}+{face.name.decode('latin-1')}"
        font_file = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Length1": subset.length, "Filter": "/FlateDecode"}),
                                     subset.program)
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "FontName": pdfdoc.PDFName(base_font),
            "Flags": face.flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "ItalicAngle": face.italicAngle,
            "Ascent": face.ascent,
            "Descent": face.descent,
            "CapHeight": face.capHeight,
            "StemV": face.stemV,
            "MissingWidth": face.defaultWidth,
            "FontFile2": doc.Reference(font_file),
        })
        cid_font = pdfdoc.PDFDictionary({
            "Type": "/Font",
            "Subtype": "/CIDFontType2",
            "BaseFont": pdfdoc.PDFName(base_font),
            "CIDSystemInfo": b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
            "FontDescriptor": doc.Reference(descriptor),
            "DW": face.defaultWidth,
            "W": subset.widths,
            "CIDToGIDMap": (doc.Reference(pdfdoc.PDFStream(
                pdfdoc.PDFDictionary({"Filter": "/FlateDecode"}), subset.cid_to_gid))
                if subset.cid_to_gid else "/Identity"),
        })
        cmap = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": "/FlateDecode"}), subset.to_unicode)
        font = pdfdoc.PDFDictionary({
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": pdfdoc.PDFName(base_font),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(cmap),
        })
        doc.idToObject[pdfdoc.BasicFonts].dict[self.name] = doc.Reference(font)


class _Subset(NamedTuple):
    """What a document embeds for one typeface and one list of characters."""

    tag: str
    #: The subset font program, compressed, and its length before compression.
    program: bytes
    length: int
    #: The /W array: the advance of each code, from code 1. Bytes, which
    #: reportlab writes as they are (it re-encodes a str, slowly).
    widths: bytes
    #: The ToUnicode CMap, compressed.
    to_unicode: bytes
    #: The CIDToGIDMap stream, compressed; empty when code = glyph (/Identity).
    cid_to_gid: bytes


@functools.lru_cache(maxsize=32)
def _subset(font_name: str, chars: tuple[int, ...]) -> _Subset:
    """The subset of ``font_name`` for ``chars``, code ``n`` drawing ``chars[n - 1]``.

    reportlab's subsetter numbers the glyphs of the code points it is given
    in order after .notdef, a glyph that two of them share once, and then
    adds the parts of composite glyphs. So code = glyph number unless two
    characters share a glyph; then a CIDToGIDMap says which glyph each code
    draws.
    """
    face = pdfmetrics.getFont(font_name).face
    points = [_glyph_point(c) for c in chars]
    glyph_map, numbers = _glyph_numbers(face, points)
    program = _font_program(face, points, glyph_map, numbers)
    cid_to_gid = b""
    if len(glyph_map) - 1 < len(points):   # some characters share a glyph
        cid_to_gid = _compress(_big_endian(array("H", [0, *(numbers[face.charToGlyph[p]] for p in points)])))
    widths = " ".join(map(_num, map(face.getCharWidth, points)))
    return _Subset(_subset_tag(font_name, chars), _compress(program), len(program),
                   f"[1 [{widths}]]".encode("ascii") if chars else b"[]", _compress(_to_unicode(chars)),
                   cid_to_gid)


def _glyph_numbers(face: TTFontFace, points: list[int]) -> tuple[list[int], dict[int, int]]:
    """How a subset numbers its glyphs, as reportlab's subsetter does: .notdef,
    then each new glyph of ``points`` in order. Returns the font's glyph for
    each new number, and the new number of each of the font's glyphs used."""
    to_glyph = face.charToGlyph
    glyph_map = [0]
    numbers = {0: 0}
    for p in points:
        glyph = to_glyph.get(p, 0)
        if glyph not in numbers:
            numbers[glyph] = len(glyph_map)
            glyph_map.append(glyph)
    return glyph_map, numbers


def _font_program(face: TTFontFace, points: list[int], glyph_map: list[int], numbers: dict[int, int]) -> bytes:
    """The TrueType subset reportlab's ``makeSubset(points)`` makes, made faster
    (``glyph_map`` and ``numbers`` from :func:`_glyph_numbers`).

    reportlab's subsetter reads each glyph through the file position one
    field at a time; for fonts like ours (no composite glyphs among those
    drawn) this builds the same bytes from whole-table slices, about a third
    faster (a test compares the two byte for byte). A composite glyph goes
    to reportlab, which resolves its parts.
    """
    glyf, where = face.get_table("glyf"), face.glyphPos
    pieces: list[bytes] = []
    offsets = array("I")   # 4 bytes, as the long loca format wants
    at = 0
    for glyph in glyph_map:
        start, end = where[glyph], where[glyph + 1]
        if end - start > 2 and glyf[start] & 0x80:   # negative contour count: a composite
            with _subset_lock:
                return face.makeSubset(points)
        offsets.append(at)
        if end > start:
            pieces.append(glyf[start:end])
            at += end - start
            if at % 4:
                pieces.append(bytes(4 - at % 4))
                at += 4 - at % 4
    offsets.append(at)

    out = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        if tag in face.table:
            out.add(tag, face.get_table(tag))
    out.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + bytes(16))
    metrics = face.hmetrics
    advances = [int(metrics[g][0]) for g in glyph_map]
    bearings = [int(metrics[g][1]) & 0xFFFF for g in glyph_map]
    full = len(advances) - 1   # glyphs after the last change of advance share it
    while full and advances[full] == advances[full - 1]:
        full -= 1
    full += 1
    hmtx = array("H")
    for advance, bearing in zip(advances[:full], bearings):
        hmtx.append(advance)
        hmtx.append(bearing)
    hmtx.extend(bearings[full:])
    out.add("hmtx", _big_endian(hmtx))
    out.add("hhea", _with_ushort(face.get_table("hhea"), 34, full))
    out.add("maxp", _with_ushort(face.get_table("maxp"), 4, len(glyph_map)))
    # cmap format 6 from code 0: unused by a CID font, kept as reportlab writes it.
    cmap = array("H", [0, 1, 1, 0, 0, 12, 6, 10 + 2 * len(points), 0, 0, len(points)])
    cmap.extend(numbers[face.charToGlyph.get(p, 0)] for p in points)
    out.add("cmap", _big_endian(cmap))
    out.add("glyf", b"".join(pieces))
    long_offsets = (at + 1) >> 1 > 0xFFFF
    out.add("loca", _big_endian(offsets if long_offsets else array("H", (o >> 1 for o in offsets))))
    out.add("head", _with_ushort(face.get_table("head"), 50, 1 if long_offsets else 0))
    return out.makeStream()


def _big_endian(values: array) -> bytes:  # type: ignore[type-arg]
    """16- or 32-bit numbers as TrueType and PDF store them."""
    if sys.byteorder == "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _with_ushort(table: bytes, offset: int, value: int) -> bytes:
    return table[:offset] + value.to_bytes(2, "big") + table[offset + 2:]


def _glyph_point(point: int) -> int:
    """The code point whose glyph draws ``point``: a no-break space prints as a space."""
    return 0x20 if point == 0xA0 else point


def _subset_tag(font_name: str, chars: tuple[int, ...]) -> str:
    """Six capitals naming a subset (PDF 9.6.4): the same for the same typeface and
    characters, different for the regular and bold subsets of one document."""
    points = array("I", chars)
    if sys.byteorder == "big":   # the same tag on every machine
        points.byteswap()
    digest = hashlib.sha1(font_name.encode() + b"\0" + points.tobytes()).digest()
    return "".join(string.ascii_uppercase[b % 26] for b in digest[:6])


def _compress(data: bytes) -> bytes:
    """Deflate ``data`` for a /FlateDecode stream.

    zlib-ng's fastest level: a fresh font program is most of the bytes a
    sign writes, and this compresses it about eight times faster than
    zlib's default level for about a sixth more bytes.
    """
    return zlib_ng.compress(data, 1)


class _Flate:
    """A reportlab stream filter that deflates with :func:`_compress`."""

    pdfname = "FlateDecode"

    def encode(self, data: str | bytes) -> bytes:
        return _compress(data.encode("utf-8") if isinstance(data, str) else data)

    def decode(self, data: bytes) -> bytes:
        return zlib_ng.decompress(data)


def compress_streams(canvas: Canvas) -> None:
    """Have ``canvas`` deflate its page contents with zlib-ng, like our fonts.

    Only for a canvas made with ``pageCompression=0``: its pages then carry
    no filter of their own and reportlab applies the document's default.
    """
    canvas._doc.defaultStreamFilters = [_Flate()]


def _to_unicode(chars: tuple[int, ...]) -> bytes:
    """The ToUnicode CMap: which character each code stands for."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(chars), _BFCHAR_BLOCK):
        block = chars[start:start + _BFCHAR_BLOCK]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{code:04X}> <{_utf16(c)}>" for code, c in enumerate(block, start + 1))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _utf16(point: int) -> str:
    """A code point as the hex of its UTF-16BE bytes (a surrogate pair above U+FFFF)."""
    return f"{point:04X}" if point < 0x10000 else chr(point).encode("utf-16-be").hex().upper()


__all__ = ["compress_streams", "draw_text"]
