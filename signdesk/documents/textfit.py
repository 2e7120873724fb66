"""Line breaking and fitting for mixed Chinese/English text in a fixed box.

Rules a reader notices:

* Chinese may break between any two characters; English breaks at spaces
  and after hyphens, and a word wider than the box is cut where it must.
* Kinsoku (避头尾): closing punctuation never starts a line and opening
  punctuation never ends one. We keep such a mark glued to its neighbour, so
  when it does not fit the previous character comes down with it. We never
  let punctuation hang into the margin: a fitted text must stay in its box.
* Numbers stay whole: no break at a hyphen or a space between two digits,
  so a phone number like "010-6266 1234" is never split across lines.
* Spaces at a line break disappear; every other character is drawn exactly
  as typed, in order (``&``, ``<`` and ``>`` are plain characters).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.fonts import DocumentInputError, ensure_printable, register_fonts
from signdesk.documents.pdftext import draw_text
from signdesk.i18n import N_, Bilingual

# Must not start a line: CJK and Latin closing brackets, stops, commas,
# iteration marks, the ellipsis and units that belong to the number before.
CLOSING = frozenset(
    "，。、；：？！）》」』〕】〗〙〛｝］〉”’…‥·・ー～々〻ゝゞヽヾ％‰℃°′″"
    "．，｡､"
    ",.;:?!)]}%"
)
# Must not end a line: opening brackets and quotes, currency signs.
OPENING = frozenset("（《「『“‘〔【〖〘〚｛［〈([{¥￥$£€#")
# Spaces that may become a line break (and then vanish).
BREAK_SPACES = frozenset(" \u3000")
# After these a Latin word may break ("face-" / "recognition").
HYPHENS = frozenset("-\u2010")

# Noto Sans SC's ideographic em box runs from 880 above to 120 below the
# baseline (OS/2 typo metrics). A line "occupies" its em box: the block is
# (lines - 1) * leading + 1 em tall and the first baseline sits 0.88 em down.
EM_ASCENT = 0.88
EM_DESCENT = 0.12

SIZE_STEP = 0.25
# Float noise from summing widths in a different order must not make a line
# that is exactly box-wide count as too wide (or vice versa).
_EPSILON = 1e-6

Align = Literal["left", "center", "right"]


class TextDoesNotFitError(DocumentInputError):
    """A text is too long for its box even at the smallest allowed size."""

    def __init__(self, field: Bilingual, max_chars: int, length: int,
                 where: Bilingual | None = None) -> None:
        self.field = field
        self.max_chars = max_chars
        self.length = length
        self.where = where
        if where is None:
            msgid = N_("The {field} is too long to print: shorten it to about {max_chars} characters "
                       "(it has {length}).")
            super().__init__(msgid, field=field, max_chars=max_chars, length=length)
        else:
            msgid = N_("The {field} is too long for {where}: shorten it to about {max_chars} "
                       "characters (it has {length}).")
            super().__init__(msgid, field=field, where=where, max_chars=max_chars, length=length)


@dataclass(frozen=True)
class TextLayout:
    """A paragraph broken into lines at one font size, ready to draw."""

    lines: tuple[str, ...]
    font_name: str
    size: float
    leading: float
    #: Width of the box the lines were broken for (alignment is relative to it).
    width: float
    line_widths: tuple[float, ...]

    @property
    def height(self) -> float:
        """Height used, from the top of the first line's em box to the bottom of the last."""
        return block_height(len(self.lines), self.size, self.leading)


def block_height(line_count: int, size: float, leading: float) -> float:
    """Height of ``line_count`` lines: each line's em box, spaced by ``leading``."""
    if line_count == 0:
        return 0.0
    return (line_count - 1) * leading + size


def _is_wide(ch: str) -> bool:
    # Wide/fullwidth characters (Han, kana, hangul, CJK punctuation) allow a
    # break on either side; narrow ones (Latin, digits) only at spaces.
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _break_allowed(text: str, i: int) -> bool:
    """Whether a line may break between ``text[i-1]`` and ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after in BREAK_SPACES:
        return False  # break after the run of spaces, so they trail and vanish
    if after in CLOSING:
        return False
    # Look through spaces: "( word" must not leave "(" alone at a line end.
    j = i - 1
    while j > 0 and text[j] in BREAK_SPACES:
        j -= 1
    if text[j] in OPENING:
        return False
    if before in BREAK_SPACES:
        # "6266 1234": a reader dials what is on one line.
        return not (text[j].isdigit() and after.isdigit())
    if before in HYPHENS:
        return (i >= 2 and text[i - 2] not in BREAK_SPACES and after.isalnum()
                and not (text[i - 2].isdigit() and after.isdigit()))
    return _is_wide(before) or _is_wide(after)


@functools.lru_cache(maxsize=2048)
def _segments(text: str) -> tuple[str, ...]:
    """Cut ``text`` at every allowed break; each piece keeps its trailing spaces.

    Cached: a sign tries several sizes on the same paragraphs.
    """
    cuts = [i for i in range(1, len(text)) if _break_allowed(text, i)]
    bounds = [0, *cuts, len(text)]
    return tuple(text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a)


def _strip_break_spaces(s: str) -> str:
    return s.rstrip(" \u3000")


class _Measure:
    """String widths at 1 pt, cached: the fit tries many sizes on the same pieces."""

    def __init__(self, font_name: str) -> None:
        self.font_name = font_name
        self._cache: dict[str, float] = {}
        #: paragraph -> its pieces with their widths (see _measured_segments)
        self.segments: dict[str, tuple[tuple[str, float, float], ...]] = {}

    def __call__(self, s: str) -> float:
        w = self._cache.get(s)
        if w is None:
            if len(self._cache) > 50_000:  # shared measures live long: stay bounded
                self._cache.clear()
            w = self._cache[s] = pdfmetrics.stringWidth(s, self.font_name, 1.0)
        return w


@functools.lru_cache(maxsize=8)
def _shared_measure(font_name: str) -> _Measure:
    """One measure per font for :func:`wrap_lines`, so repeated wrapping reuses widths."""
    return _Measure(font_name)


def _breaks_kinsoku(piece: str, start: int, cut: int) -> bool:
    """Whether cutting ``piece`` at ``cut`` starts a line with closing
    punctuation or ends one (trailing spaces aside) with opening punctuation."""
    if piece[cut] in CLOSING:
        return True
    j = cut - 1
    while j > start and piece[j] in BREAK_SPACES:
        j -= 1
    return piece[j] in OPENING


def _hard_break(piece: str, unit_width: float, measure: _Measure) -> list[str]:
    """Cut a piece wider than the line into line-sized chunks, character by character.

    Prefers cuts that respect kinsoku; only a run of punctuation longer than
    a whole line forces a cut that does not. Every chunk has at least one
    character, so the text always makes progress.
    """
    chunks: list[str] = []
    start = 0
    while start < len(piece):
        rest = _strip_break_spaces(piece[start:])
        if measure(rest) <= unit_width + _EPSILON:
            chunks.append(piece[start:])
            break
        end = start + 1
        while end < len(piece) and measure(piece[start:end + 1]) <= unit_width + _EPSILON:
            end += 1
        cut = end
        while cut > start + 1 and _breaks_kinsoku(piece, start, cut):
            cut -= 1
        if cut == start + 1 and _breaks_kinsoku(piece, start, cut):
            cut = end  # no legal cut inside this line: unavoidable
        chunks.append(piece[start:cut])
        start = cut
    return chunks


def _measured_segments(paragraph: str, measure: _Measure) -> tuple[tuple[str, float, float], ...]:
    """Each piece of ``paragraph`` with its width at 1 pt, without and with its
    trailing break spaces. Kept per measure: a fit wraps the same paragraph
    at several sizes, and widths at 1 pt do not depend on the size."""
    cached = measure.segments.get(paragraph)
    if cached is None:
        cached = tuple((piece, measure(_strip_break_spaces(piece)), measure(piece))
                       for piece in _segments(paragraph))
        if len(measure.segments) > 5_000:
            measure.segments.clear()
        measure.segments[paragraph] = cached
    return cached


def _wrap_unit(text: str, unit_width: float, measure: _Measure) -> list[str]:
    """Greedy line breaking with widths measured at 1 pt and a width in em units.

    Widths add up (TrueType advances, no kerning), so a line's width is kept
    as a running sum of its pieces instead of re-measuring the growing line.
    """
    limit = unit_width + _EPSILON
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        current, current_width = "", 0.0  # width includes trailing break spaces
        for piece, stripped_width, full_width in _measured_segments(paragraph, measure):
            if current_width + stripped_width <= limit:
                current += piece
                current_width += full_width
                continue
            if current:
                lines.append(_strip_break_spaces(current))
                current, current_width = "", 0.0
            if stripped_width <= limit:
                current, current_width = piece, full_width
            else:
                *full, current = _hard_break(piece, unit_width, measure)
                lines.extend(_strip_break_spaces(c) for c in full)
                current_width = measure(current)
        lines.append(_strip_break_spaces(current))
    return lines


def wrap_lines(text: str, font_name: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points at ``size``.

    ``"\\n"`` forces a line break. A line can only be wider than ``width`` if a
    single character is.
    """
    register_fonts()
    return _wrap_unit(text, width / size, _shared_measure(font_name))


def line_width(line: str, font_name: str, size: float) -> float:
    """Width of one line in points, from the same cached measure :func:`wrap_lines` uses."""
    register_fonts()
    return _shared_measure(font_name)(line) * size


def _layout(text: str, font_name: str, size: float, width: float, leading_ratio: float,
            measure: _Measure) -> TextLayout:
    lines = _wrap_unit(text, width / size, measure)
    # Final widths come from stringWidth on the whole line, the same
    # measurement a reader of the PDF (or a test) would make.
    widths = tuple(pdfmetrics.stringWidth(line, font_name, size) for line in lines)
    return TextLayout(tuple(lines), font_name, size, size * leading_ratio, width, widths)


def _fits(layout: TextLayout, width: float, height: float) -> bool:
    return layout.height <= height + _EPSILON and all(w <= width + _EPSILON for w in layout.line_widths)


def fit_paragraph(text: str, font_name: str, width: float, height: float,
                  max_size: float, min_size: float, leading_ratio: float = 1.3, *,
                  field: Bilingual, where: Bilingual | None = None) -> TextLayout:
    """Lay out ``text`` in a ``width`` x ``height`` box at the largest size that fits.

    Sizes are tried from ``max_size`` down to ``min_size`` in 0.25 pt steps.
    The text is first checked for characters the font cannot print
    (:class:`MissingGlyphError`). If it does not fit even at ``min_size``,
    :class:`TextDoesNotFitError` names ``field`` (and ``where``, e.g.
    "an A5 sign") and says roughly how many characters would fit.
    """
    if not (0 < min_size <= max_size):
        raise ValueError(f"need 0 < min_size <= max_size, got {min_size}, {max_size}")
    ensure_printable(field, text)
    register_fonts()
    measure = _Measure(font_name)
    steps = int((max_size - min_size) / SIZE_STEP + _EPSILON)
    for k in range(steps + 1):
        size = max_size - k * SIZE_STEP
        layout = _layout(text, font_name, size, width, leading_ratio, measure)
        if _fits(layout, width, height):
            return layout
    if min_size != max_size - steps * SIZE_STEP:  # min_size off the 0.25 grid
        layout = _layout(text, font_name, min_size, width, leading_ratio, measure)
        if _fits(layout, width, height):
            return layout
    raise TextDoesNotFitError(field, _max_chars(text, font_name, width, height, min_size,
                                                leading_ratio, measure),
                              len(text), where)


def _max_chars(text: str, font_name: str, width: float, height: float, size: float,
               leading_ratio: float, measure: _Measure) -> int:
    """The longest prefix of ``text`` (in characters) that fits at ``size``."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _fits(_layout(text[:mid], font_name, size, width, leading_ratio, measure), width, height):
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        # Not even one character fits: the layout's box is wrong, not the text.
        raise ValueError(f"box {width:.1f} x {height:.1f} pt cannot hold one line at {size} pt")
    return lo


def draw_layout(canvas: Canvas, layout: TextLayout, x: float, top_y: float,
                align: Align = "left") -> None:
    """Draw ``layout`` in the box whose top-left corner is (``x``, ``top_y``).

    The fill colour is whatever the caller set. Nothing in the text is
    interpreted as markup (see :func:`~signdesk.documents.pdftext.draw_text`).
    """
    baseline = top_y - EM_ASCENT * layout.size
    for line, line_width in zip(layout.lines, layout.line_widths):
        if align == "left":
            lx = x
        elif align == "center":
            lx = x + (layout.width - line_width) / 2
        elif align == "right":
            lx = x + layout.width - line_width
        else:
            raise ValueError(f"unknown alignment {align!r}")
        draw_text(canvas, lx, baseline, line, layout.font_name, layout.size)
        baseline -= layout.leading
