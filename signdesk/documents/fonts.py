"""The one typeface SignDesk prints with, and the check that it can draw a text.

Noto Sans SC covers GBK and Latin, so one family serves both languages of a
sign. It is registered with reportlab once per process, which measures
text with it; :mod:`signdesk.documents.pdftext` embeds only the glyphs a
document uses (a subset), which keeps signs small.
"""

from __future__ import annotations

import functools

import threading
import unicodedata
from collections.abc import Iterable, Mapping

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from signdesk.errors import UserInputError
from signdesk.i18n import N_, Bilingual
from signdesk.paths import FONTS_DIR

REGULAR = "SignSans"
BOLD = "SignSans-Bold"

_FONT_FILES = {
    REGULAR: FONTS_DIR / "NotoSansSC_400Regular.ttf",
    BOLD: FONTS_DIR / "NotoSansSC_700Bold.ttf",
}

# Characters that are layout instructions, not glyphs: textfit turns "\n"
# into a line break, so it must not be reported as missing.
_LAYOUT_CHARS = frozenset("\n")

# reportlab's font registry is process-global; the lock keeps a renderer in a
# worker thread and one in the GUI thread from parsing the 10 MB files twice.
_register_lock = threading.Lock()
# Set once both fonts are registered: text layout calls register_fonts()
# thousands of times per document, and this makes the repeat calls free.
_registered = threading.Event()


class DocumentInputError(UserInputError):
    """A user error about what a document prints; its field names are
    :class:`Bilingual`, which the base class shows in the reader's language."""


class MissingGlyphError(DocumentInputError):
    """Text typed by the user contains characters our font cannot print."""

    def __init__(self, field: Bilingual, chars: Iterable[str]) -> None:
        self.field = field
        self.chars = tuple(chars)
        super().__init__(
            N_("The {field} contains characters the printed sign cannot show: {chars}. "
               "Remove or replace them."),
            field=field,
            chars=" ".join(describe_char(c) for c in self.chars),
        )


def describe_char(char: str) -> str:
    """How to show ``char`` in an error message: itself if visible, else U+XXXX.

    An invisible culprit (a variation selector, a zero-width joiner, a tab)
    would otherwise leave the user staring at an apparently empty list.
    """
    if char.isprintable() and not char.isspace() and unicodedata.category(char)[0] not in "MC":
        return char
    return f"U+{ord(char):04X}"


def register_fonts() -> None:
    """Register SignSans and SignSans-Bold with reportlab (safe to call often)."""
    if _registered.is_set():
        return
    with _register_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, path in _FONT_FILES.items():
            if name in registered:
                continue
            # shapable=False: we measure with plain advance widths, so drawing
            # must use them too, even if uharfbuzz gets installed one day.
            font = TTFont(name, str(path), shapable=False)
            _keep_tables(font)
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                      italic=REGULAR, boldItalic=BOLD)
        _registered.set()


def _keep_tables(font: TTFont) -> None:
    """Let the font's subsetter reuse the tables it reads.

    Each embedded subset re-reads the font's tables, and reading one slices
    it out of the 10 MB file: the glyph table alone is megabytes, copied for
    every subset of every document. The file never changes once loaded, so
    keeping each table after its first read is safe, and it takes about a
    quarter off a sign.
    """
    face = font.face
    tables: dict[str, bytes] = {}
    read = face.get_table

    def get_table(tag: str) -> bytes:
        table = tables.get(tag)
        if table is None:
            table = tables[tag] = read(tag)
        return table

    face.get_table = get_table  # type: ignore[method-assign]


def _glyph_maps() -> Mapping[str, Mapping[int, int]]:
    register_fonts()
    return {name: pdfmetrics.getFont(name).face.charToGlyph for name in _FONT_FILES}


@functools.lru_cache(maxsize=4096)
def missing_glyphs(text: str) -> frozenset[str]:
    """The characters of ``text`` that regular or bold SignSans cannot draw.

    Both weights are checked because a text may be set in either, and a
    character that prints in one but not the other would still be a hole.
    """
    maps = _glyph_maps().values()
    return frozenset(
        ch for ch in set(text)
        if ch not in _LAYOUT_CHARS and any(ord(ch) not in cmap for cmap in maps)
    )


def ensure_printable(field: Bilingual, text: str) -> None:
    """Raise :class:`MissingGlyphError` naming ``field`` if ``text`` has unprintable characters.

    The characters are listed in the order the user typed them.
    """
    missing = missing_glyphs(text)
    if missing:
        raise MissingGlyphError(field, (ch for ch in dict.fromkeys(text) if ch in missing))
