"""Line breaking and fitting for mixed Chinese/English text in a fixed box.

Rules a reader notices:

* Chinese may break between any two characters; English breaks at spaces
  and after a hyphen with at least three letters on each side ("opt-out",
  not "E-mail" or "re-use"), and a word wider than the box is cut where it must.
* Kinsoku (避头尾): closing punctuation never starts a line and opening
  punctuation never ends one. We keep such a mark glued to its neighbour, so
  when it does not fit the previous character comes down with it. We never
  let punctuation hang into the margin: a fitted text must stay in its box.
* Numbers stay whole: no break at a hyphen or a space between two digits,
  so a phone number like "010-6266 1234" is never split across lines.
* Some runs are kept whole (W3C clreq): a number with its unit or counter
  ("27 号", "第12条", "30 个工作日", "十四周岁"), a short 《…》 title, a phone
  number, an e-mail address and a URL, and a short word standing alone
  between spaces or punctuation (the label in "；地址 上海市"). A phone number, e-mail address or URL
  wider than a whole line breaks only at its own separators.
* A paragraph's last line holds at least two characters (or two words):
  "…单独同 / 意。" becomes "…单独 / 同意。" by pulling characters down from the
  line above, which never adds a line.
* Spaces at a line break and before a paragraph disappear; every other
  character is drawn exactly as typed, in order (``&``, ``<`` and ``>`` are plain characters).

When no break satisfies every rule the text still comes out, degrading in a
fixed order: a piece wider than a line breaks at its own separators first,
then at any break kinsoku allows, then anywhere. :func:`fit_paragraph` first
looks for a size that fits with every rule; only if there is none does it let
go of the keep-whole rules one after another (:data:`RELAXATIONS`) before it
gives up.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.fonts import DocumentInputError, ensure_printable, register_fonts
from signdesk.documents.pdftext import draw_text
from signdesk.i18n import N_, Bilingual

# Must not start a line: CJK and Latin closing brackets, stops, commas,
# iteration marks, the ellipsis, units that belong to the number before,
# and an arrow that points on from its words ("your consent →").
CLOSING = frozenset(
    "，。、；：？！）》」』〕】〗〙〛｝］〉”’…‥·・ー～々〻ゝゞヽヾ％‰℃°′″"
    "．，｡､"
    ",.;:?!)]}%"
    "→"
)
# Must not end a line: opening brackets and quotes, currency signs.
OPENING = frozenset("（《「『“‘〔【〖〘〚｛［〈([{¥￥$£€#")
# Spaces that may become a line break (and then vanish).
BREAK_SPACES = frozenset(" \u3000")
# After these a Latin word may break ("face-" / "recognition").
HYPHENS = frozenset("-\u2010")

# Units and counters longer than one character: "30 个工作日" and "十四周岁"
# stay whole (a one-character unit after an Arabic number is kept anyway).
UNIT_WORDS = ("个工作日", "工作日", "个小时", "小时", "分钟", "个月", "周岁", "平方米", "公里",
              "千米", "公斤", "千克", "厘米", "毫米", "万元", "亿元")
# One-character counters and units that follow a Chinese numeral ("三层", "十五天").
CHINESE_COUNTERS = "号层楼条款项章节页个位名人次天日月年岁周时分秒元米台家间户栋座室期份张件种类处级届倍"
CHINESE_NUMERALS = "〇零一二两三四五六七八九十百千万"
#: A 《…》 title with at most this many characters between its marks stays on one line.
SHORT_TITLE = 10
#: A hyphen breaks a word only if both parts have at least this many letters:
#: "E- / mail" or "re- / use" reads as two words ("opt- / out" does not).
MIN_HYPHEN_PART = 3

#: The keep-whole rules :func:`fit_paragraph` lets go of, in this order, when
#: a text fits its box no other way.
RELAXATIONS = ("word", "title", "number", "contact")

_UNITS = "|".join(UNIT_WORDS)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DIGITS = "0-9\uff10-\uff19"
_NUMBER = rf"[{_DIGITS}]+(?:[.,:][{_DIGITS}]+)*"
# Where a short word stands alone between spaces or punctuation ("；地址 上海市",
# "（店长）") it is a label or a name: "地 / 址" reads as two words.
_SEPARATES = "".join(sorted(BREAK_SPACES | CLOSING | OPENING | set("/|-—")))
# Each kind is looked for on its own, so runs may overlap ("见第12条": the word
# "见第" and the ordinal "第12条"); inside overlapping runs the stricter rule wins.
_KEEP_WHOLE = tuple((name, re.compile(pattern)) for name, pattern in (
    ("word", rf"(?<![^{re.escape(_SEPARATES)}])[{_HAN}]{{2,4}}(?![^{re.escape(_SEPARATES)}])"),
    # 第12条, 第 3 款, 第十二条
    ("ordinal", rf"第[ \u00a0]?(?:{_NUMBER}|[{CHINESE_NUMERALS}]+)[ \u00a0]?(?:{_UNITS}|[{CHINESE_COUNTERS}])?"),
    # 27 号, 30 个工作日, 2 年 (an Arabic number keeps any one Han character
    # right after it; a space apart, only a unit or counter: "0123 或" may break)
    ("quantity", rf"{_NUMBER}(?:[ \u00a0]?(?:{_UNITS}|[{CHINESE_COUNTERS}])|[{_HAN}])"),
    # 十四周岁, 三层
    ("numeral", rf"[{CHINESE_NUMERALS}]+(?:{_UNITS}|[{CHINESE_COUNTERS}])"),
    ("title", rf"《[^《》\n]{{1,{SHORT_TITLE}}}》"),
    ("email", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    ("url", r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+[A-Za-z0-9/#=_~-]"),
    # +86 10 6266 1234, (010) 6266-1234, 021-5555 0123: at least seven digits
    ("phone", r"(?<![0-9A-Za-z.@/])(?:\+|\(\d{1,4}\)[ -]?)?\d(?:[ -]?[\d()]){6,}(?![0-9A-Za-z@])"),
))
_RULE_OF_KIND = {"word": "word", "ordinal": "number", "quantity": "number", "numeral": "number",
                 "title": "title", "email": "contact", "url": "contact", "phone": "contact"}
# Where a contact breaks when it is wider than a line: a phone number after
# its spaces and hyphens; an address before its dots, slashes and other
# separators (so no line ends in a dot or hyphen that looks like the text's own).
_EMAIL_BEFORE = frozenset("@.")
_URL_BEFORE = frozenset("/.?#&=-_~")

# Noto Sans SC's ideographic em box runs from 880 above to 120 below the
# baseline (OS/2 typo metrics). A line "occupies" its em box: the block is
# (lines - 1) * leading + 1 em tall and the first baseline sits 0.88 em down.
EM_ASCENT = 0.88
EM_DESCENT = 0.12

SIZE_STEP = 0.25
# Float noise from summing widths in a different order must not make a line
# that is exactly box-wide count as too wide (or vice versa).
_EPSILON = 1e-6

Align = Literal["left", "center", "right", "justify"]
#: A justified line spreads at most this much (in em) between two characters;
#: a line that would need more (a long URL pushed to the next line left a
#: hole) stays as set. Wider spacing reads as s p a c e d  o u t, and a PDF
#: reader would copy it with spaces.
JUSTIFY_MAX_GAP = 0.2


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
    #: Per line, whether it ends a paragraph (the text's end or a ``"\n"``);
    #: such lines are never justified. Empty: only the last line does.
    paragraph_ends: tuple[bool, ...] = ()

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
                and not (text[i - 2].isdigit() and after.isdigit())
                and _alnum_run(text, i - 2, -1) >= MIN_HYPHEN_PART
                and _alnum_run(text, i, 1) >= MIN_HYPHEN_PART)
    return _is_wide(before) or _is_wide(after)


def _alnum_run(text: str, i: int, step: int) -> int:
    """How many letters and digits run from ``text[i]`` on in direction ``step``."""
    n = 0
    while 0 <= i < len(text) and text[i].isalnum() and not _is_wide(text[i]):
        n, i = n + 1, i + step
    return n


# Break classes of a position between two characters.
_NO_BREAK, _LAST_RESORT, _BREAK = 0, 1, 2


def _contact_cuts(kind: str, span: str) -> set[int]:
    """Offsets inside a phone number, e-mail address or URL where it may break."""
    if kind == "phone":
        return {i for i in range(1, len(span)) if span[i - 1] in " -" and span[i] not in " -"}
    before = _EMAIL_BEFORE if kind == "email" else _URL_BEFORE
    cuts = {i for i in range(1, len(span)) if span[i] in before and span[i - 1] not in before}
    scheme = span.find("://")
    if kind == "url" and scheme > 0:
        cuts = {i for i in cuts if i > scheme + 3} | {scheme + 3}
    return cuts


@functools.lru_cache(maxsize=2048)
def keep_whole_spans(text: str, relax: int = 0) -> tuple[tuple[int, int, str, frozenset[int]], ...]:
    """Runs of ``text`` that stay on one line: (start, end, kind, cuts).

    ``kind`` is "word", "number", "title" or "contact"; ``cuts`` are the offsets
    inside the run (relative to ``start``) where it may break if it is wider
    than a whole line. The first ``relax`` kinds of :data:`RELAXATIONS` are
    left out. The opt-out page keeps the same runs together in HTML.
    """
    dropped = RELAXATIONS[:relax]
    spans = []
    for name, pattern in _KEEP_WHOLE:
        kind = _RULE_OF_KIND[name]
        if kind in dropped:
            continue
        for m in pattern.finditer(text):
            span = m.group()
            if kind == "contact":
                cuts = _contact_cuts(name, span)
            else:
                cuts = {i for i in range(1, len(span)) if _break_allowed(span, i)}
            spans.append((m.start(), m.end(), kind, frozenset(cuts)))
    # The last digits of a phone number count nothing: "+86 10 6266 1234 人"
    # is a number and a word, not "1234 人" glued on, which would tie the word
    # to the number and make the whole line read as one thing.
    contacts = [(start, end) for start, end, kind, _ in spans if kind == "contact"]
    spans = [s for s in spans
             if s[2] != "number" or not any(a <= s[0] < b for a, b in contacts)]
    return tuple(sorted(spans))


def _break_classes(text: str, relax: int) -> list[int]:
    """The break class of each position 0..len(text) (0 and the end unused)."""
    classes = [_BREAK if _break_allowed(text, i) else _NO_BREAK for i in range(len(text))]
    inside: dict[int, int] = {}  # where runs overlap ("0123或" in a phone number) the stricter wins
    for start, end, _kind, cuts in keep_whole_spans(text, relax):
        for i in range(start + 1, end):
            cls = _LAST_RESORT if i - start in cuts else _NO_BREAK
            inside[i] = min(cls, inside.get(i, cls))
    for i, cls in inside.items():
        classes[i] = cls
    return classes


@functools.lru_cache(maxsize=2048)
def _segments(text: str, relax: int = 0) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Cut ``text`` at every allowed break; each piece keeps its trailing spaces.

    With each piece come the offsets inside it where it may break only as a
    last resort (a phone number's spaces, a URL's slashes, a title's
    characters). Cached: a sign tries several sizes on the same paragraphs.
    """
    if not text:
        return ()
    classes = _break_classes(text, relax)
    pieces: list[tuple[str, tuple[int, ...]]] = []
    start = 0
    soft: list[int] = []
    for i in range(1, len(text)):
        if classes[i] == _BREAK:
            pieces.append((text[start:i], tuple(soft)))
            start, soft = i, []
        elif classes[i] == _LAST_RESORT:
            soft.append(i - start)
    pieces.append((text[start:], tuple(soft)))
    return tuple(pieces)


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


def _character_break(piece: str, unit_width: float, measure: _Measure) -> list[str]:
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


def _hard_break(piece: str, cuts: tuple[int, ...], unit_width: float, measure: _Measure) -> list[str]:
    """Cut a piece wider than the line into line-sized chunks.

    First at the piece's own last-resort cuts (a phone number's spaces, a
    URL's slashes), filling each line with as many parts as fit; a part that
    is itself wider than a line is cut character by character.
    """
    limit = unit_width + _EPSILON
    bounds = [0, *cuts, len(piece)]
    chunks: list[str] = []
    current = ""
    for part in (piece[a:b] for a, b in zip(bounds, bounds[1:])):
        if measure(_strip_break_spaces(current + part)) <= limit:
            current += part
            continue
        if current:
            chunks.append(current)
        if measure(_strip_break_spaces(part)) <= limit:
            current = part
        else:
            *full, current = _character_break(part, unit_width, measure)
            chunks.extend(full)
    chunks.append(current)
    return chunks


_Piece = tuple[str, float, float]  # text, width without and with its trailing break spaces (at 1 pt)


def _measured_segments(paragraph: str, relax: int,
                       measure: _Measure) -> tuple[tuple[str, tuple[int, ...], float, float], ...]:
    """Each piece of ``paragraph`` with its last-resort cuts and its width at
    1 pt, without and with its trailing break spaces. Kept per measure: a fit
    wraps the same paragraph at several sizes, and widths at 1 pt do not
    depend on the size."""
    key = (paragraph, relax)
    cached = measure.segments.get(key)
    if cached is None:
        cached = tuple((piece, cuts, measure(_strip_break_spaces(piece)), measure(piece))
                       for piece, cuts in _segments(paragraph, relax))
        if len(measure.segments) > 5_000:
            measure.segments.clear()
        measure.segments[key] = cached
    return cached


def reading_units(line: str) -> list[tuple[int, int]]:
    """Where the things a reader sees on ``line`` are, as (start, end).

    Each Han character (or other wide letter or digit) is one, each run of
    Latin letters and digits with the punctuation inside it ("opt-out",
    "privacy@shop.cn") one, and so is a number with its unit, a title or a
    contact ("3 层", "《数据安全法》"); punctuation around them is none. A
    paragraph's last line needs two (the opt-out page keeps its last two together).
    """
    units: list[list[int]] = []
    in_word = False
    for i, ch in enumerate(line):
        if _is_wide(ch):
            in_word = False
            if unicodedata.category(ch)[0] in "LN":
                units.append([i, i + 1])
        elif ch in BREAK_SPACES:
            in_word = False
        elif ch.isalnum() or in_word:
            if in_word:
                units[-1][1] = i + 1
            else:
                units.append([i, i + 1])
                in_word = True
    for start, end, kind, _cuts in keep_whole_spans(line):
        if kind == "word":
            continue  # cut out of its paragraph, any short line looks like one word
        inside = [u for u in units if u[0] < end and u[1] > start]
        if len(inside) > 1:
            merged = [min(u[0] for u in inside), max(u[1] for u in inside)]
            units = [u for u in units if u not in inside]
            units.append(merged)
            units.sort()
    return [(u[0], u[1]) for u in units]


def _reading_units(line: str) -> int:
    return len(reading_units(line))


def _line_width(pieces: list[_Piece]) -> float:
    if not pieces:
        return 0.0
    return sum(p[2] for p in pieces[:-1]) + pieces[-1][1]


def _pull_down_last_line(lines: list[list[_Piece]], limit: float) -> None:
    """Give a last line of one character or one word company from the line above.

    Pieces move down from the end of the line above, as few as make the last
    line read two units, as long as the last line stays in the box. If that
    would leave the line above with one unit, it gets company the same way
    from its own line above (a few lines up at most). The line count never
    changes, so a text that fitted still fits; where nothing works the lines
    stay as greedy breaking set them.
    """
    if len(lines) > 1:
        _give_company(lines, len(lines) - 1, limit, depth=3)


def _units_of(line: list[_Piece]) -> int:
    return _reading_units("".join(p[0] for p in line))


def _give_company(lines: list[list[_Piece]], i: int, limit: float, depth: int) -> bool:
    """Make ``lines[i]`` read two units by moving pieces down from ``lines[i - 1]``."""
    if _units_of(lines[i]) >= 2:
        return True
    if i == 0 or depth == 0:
        return False
    above = lines[i - 1]
    for k in range(1, len(above)):
        moved = above[-k:] + lines[i]
        if _line_width(moved) > limit:
            return False
        if _units_of(moved) >= 2:
            saved = lines[i - 1], lines[i]
            lines[i - 1], lines[i] = above[:-k], moved
            if _give_company(lines, i - 1, limit, depth - 1):
                return True
            lines[i - 1], lines[i] = saved
            return False
    return False


def _wrap_paragraph(paragraph: str, limit: float, relax: int, measure: _Measure,
                    first_limit: float | None = None) -> list[str]:
    """Greedy line breaking of one paragraph (no ``\n``), then the last-line rule.

    ``first_limit``, if given, is the first line's width (a run-in label
    before it); a first piece wider than that leaves the first line empty.

    Widths add up (TrueType advances, no kerning), so a line's width is kept
    as a running sum of its pieces instead of re-measuring the growing line.
    """
    lines: list[list[_Piece]] = []
    current: list[_Piece] = []
    current_width = 0.0  # includes trailing break spaces
    # Spaces before a paragraph vanish like spaces at a break: they would
    # only push the first line off the column (or onto a line of its own).
    paragraph = paragraph.lstrip(" \u3000")
    for piece, cuts, stripped_width, full_width in _measured_segments(paragraph, relax, measure):
        if first_limit is not None and not lines:
            if current_width + stripped_width <= first_limit:
                current.append((piece, stripped_width, full_width))
                current_width += full_width
                continue
            lines.append(current)   # the first line is done (perhaps empty)
            current, current_width = [], 0.0
        if current_width + stripped_width <= limit:
            current.append((piece, stripped_width, full_width))
            current_width += full_width
            continue
        if current:
            lines.append(current)
            current, current_width = [], 0.0
        if stripped_width <= limit:
            current, current_width = [(piece, stripped_width, full_width)], full_width
        else:
            chunks = [(c, measure(_strip_break_spaces(c)), measure(c))
                      for c in _hard_break(piece, cuts, limit - _EPSILON, measure)]
            lines.extend([c] for c in chunks[:-1])
            current, current_width = [chunks[-1]], chunks[-1][2]
    lines.append(current)
    _pull_down_last_line(lines, limit)
    return [_strip_break_spaces("".join(p[0] for p in line)) for line in lines]


def _wrap_unit(text: str, unit_width: float, measure: _Measure, relax: int = 0,
               first_indent: float = 0.0) -> tuple[list[str], list[bool]]:
    """Lines for a width in em units (widths measured at 1 pt), and for each
    line whether it ends a paragraph (``"\n"`` or the end of the text).
    The text's first line is ``first_indent`` em narrower."""
    limit = unit_width + _EPSILON
    first_limit = limit - first_indent if first_indent else None
    lines: list[str] = []
    ends: list[bool] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        wrapped = _wrap_paragraph(paragraph, limit, relax, measure, None if lines else first_limit)
        lines.extend(wrapped)
        ends.extend([False] * (len(wrapped) - 1) + [True])
    return lines, ends


def wrap_lines(text: str, font_name: str, size: float, width: float, *, relax: int = 0) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points at ``size``.

    ``"\n"`` forces a line break. A line can only be wider than ``width`` if a
    single character is. ``relax`` lets go of the first keep-whole rules of
    :data:`RELAXATIONS` (0: every rule holds).
    """
    register_fonts()
    return _wrap_unit(text, width / size, _shared_measure(font_name), relax)[0]


def layout_lines(text: str, font_name: str, size: float, width: float, leading_ratio: float = 1.3,
                 *, relax: int = 0, first_indent: float = 0.0) -> TextLayout:
    """``text`` broken for ``width`` at ``size`` (no shrinking), as a layout to draw.

    Like :func:`wrap_lines`, but the layout also knows which lines end a
    paragraph, so it can be drawn justified. ``first_indent`` (points) makes
    the first line that much narrower, for a label run in before it; the
    last-line rule then holds for the paragraph as a whole. (The caller
    draws the first line at its indent; it is empty if nothing fits there.)
    """
    register_fonts()
    return _layout(text, font_name, size, width, leading_ratio, _shared_measure(font_name), relax,
                   first_indent / size)


def line_width(line: str, font_name: str, size: float) -> float:
    """Width of one line in points, from the same cached measure :func:`wrap_lines` uses."""
    register_fonts()
    return _shared_measure(font_name)(line) * size


def _layout(text: str, font_name: str, size: float, width: float, leading_ratio: float,
            measure: _Measure, relax: int = 0, first_indent: float = 0.0) -> TextLayout:
    lines, ends = _wrap_unit(text, width / size, measure, relax, first_indent)
    # Final widths come from stringWidth on the whole line, the same
    # measurement a reader of the PDF (or a test) would make.
    widths = tuple(pdfmetrics.stringWidth(line, font_name, size) for line in lines)
    return TextLayout(tuple(lines), font_name, size, size * leading_ratio, width, widths, tuple(ends))


def _fits(layout: TextLayout, width: float, height: float) -> bool:
    return layout.height <= height + _EPSILON and all(w <= width + _EPSILON for w in layout.line_widths)


def fit_paragraph(text: str, font_name: str, width: float, height: float,
                  max_size: float, min_size: float, leading_ratio: float = 1.3, *,
                  field: Bilingual, where: Bilingual | None = None) -> TextLayout:
    """Lay out ``text`` in a ``width`` x ``height`` box at the largest size that fits.

    Sizes are tried from ``max_size`` down to ``min_size`` in 0.25 pt steps,
    first with every line-breaking rule; if no size fits, again with the
    keep-whole rules let go of one after another (:data:`RELAXATIONS`), so
    a number may leave its unit before the text is refused.
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
    sizes = [max_size - k * SIZE_STEP for k in range(steps + 1)]
    if min_size != sizes[-1]:  # min_size off the 0.25 grid
        sizes.append(min_size)
    for relax in range(len(RELAXATIONS) + 1):
        for size in sizes:
            layout = _layout(text, font_name, size, width, leading_ratio, measure, relax)
            if _fits(layout, width, height):
                return layout
    raise TextDoesNotFitError(field, _max_chars(text, font_name, width, height, min_size,
                                                leading_ratio, measure),
                              len(text), where)


def _max_chars(text: str, font_name: str, width: float, height: float, size: float,
               leading_ratio: float, measure: _Measure) -> int:
    """The longest prefix of ``text`` (in characters) that fits at ``size``, every
    keep-whole rule let go of (as the last attempt of :func:`fit_paragraph`)."""
    relax = len(RELAXATIONS)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _fits(_layout(text[:mid], font_name, size, width, leading_ratio, measure, relax), width, height):
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        # Not even one character fits: the layout's box is wrong, not the text.
        raise ValueError(f"box {width:.1f} x {height:.1f} pt cannot hold one line at {size} pt")
    return lo


def justify_gaps(line: str) -> list[int]:
    """Indices of the characters after which a justified ``line`` may spread.

    Between Chinese characters (and where Chinese meets Latin) and after a
    space; never inside a Latin word or a number, nor inside a phone number,
    e-mail address or URL.
    """
    contacts = [(a, b) for a, b, kind, _ in keep_whole_spans(line) if kind == "contact"]
    gaps = []
    for i in range(1, len(line)):
        before, after = line[i - 1], line[i]
        if after in BREAK_SPACES:
            continue
        if before in BREAK_SPACES or _is_wide(before) or _is_wide(after):
            if not any(a < i < b for a, b in contacts):
                gaps.append(i - 1)
    return gaps


def _line_is_justified(layout: TextLayout, index: int) -> bool:
    if layout.paragraph_ends:
        return not layout.paragraph_ends[index]
    return index < len(layout.lines) - 1


def draw_layout(canvas: Canvas, layout: TextLayout, x: float, top_y: float,
                align: Align = "left") -> None:
    """Draw ``layout`` in the box whose top-left corner is (``x``, ``top_y``).

    ``"justify"`` spreads every line but a paragraph's last to the full
    width (inter-character, see :func:`justify_gaps`); a last line and a
    line that would spread more than :data:`JUSTIFY_MAX_GAP` stay flush left.
    The fill colour is whatever the caller set. Nothing in the text is
    interpreted as markup (see :func:`~signdesk.documents.pdftext.draw_text`).
    """
    baseline = top_y - EM_ASCENT * layout.size
    for index, (line, line_width) in enumerate(zip(layout.lines, layout.line_widths)):
        gaps: dict[int, float] | None = None
        if align in ("left", "justify"):
            lx = x
            if align == "justify" and _line_is_justified(layout, index):
                gaps = _spread(line, layout.width - line_width, layout.size)
        elif align == "center":
            lx = x + (layout.width - line_width) / 2
        elif align == "right":
            lx = x + layout.width - line_width
        else:
            raise ValueError(f"unknown alignment {align!r}")
        draw_text(canvas, lx, baseline, line, layout.font_name, layout.size, gaps=gaps)
        baseline -= layout.leading


def _spread(line: str, room: float, size: float) -> dict[int, float] | None:
    """Extra space after each gap of ``line`` that fills ``room`` points, if it may."""
    if room <= _EPSILON:
        return None
    gaps = justify_gaps(line)
    if not gaps or room / len(gaps) > JUSTIFY_MAX_GAP * size:
        return None
    each = room / len(gaps)
    return dict.fromkeys(gaps, each)


#: Where a short prompt of phrases may break: after a pause mark
#: ("扫码查看完整规则、 / 拒绝或撤回同意 →").
PHRASE_ENDS = frozenset("、，；：,;:")


def phrase_breaks(text: str, font_name: str, size: float, width: float) -> str:
    """``text`` with a line break (``"\n"``) at phrase ends only, as many
    phrases on a line as ``width`` holds.

    For a short prompt a reader takes in phrase by phrase: "扫码查看完整规则、
    拒绝或撤回同意 →" breaks after "、", never inside "撤回" and never leaving
    "同意 →" alone. A phrase wider than a whole line gets a line (or more)
    of its own and breaks there by the ordinary rules.
    """
    register_fonts()
    measure = _shared_measure(font_name)
    phrases = re.findall(rf"[^{re.escape(''.join(PHRASE_ENDS))}]*[{re.escape(''.join(PHRASE_ENDS))}]*",
                         text)
    lines: list[str] = []
    for phrase in filter(None, phrases):
        joined = lines[-1] + phrase if lines else phrase
        if lines and measure(_strip_break_spaces(joined)) * size <= width + _EPSILON:
            lines[-1] = joined
        else:
            lines.append(phrase.lstrip(" \u3000") if lines else phrase)
    return "\n".join(_strip_break_spaces(line) for line in lines)
