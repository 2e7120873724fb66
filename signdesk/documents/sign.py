"""The prominent notice sign (显著提示标识) for one capture point, in two layers.

A customer walking past reads the first layer (EDPB Guidelines 3/2019
para. 111, reference §I6): the pictogram and heading, who runs the cameras,
the purpose, the non-face alternative, and beside the QR code "scan for the
full rules, to refuse or to withdraw". Whoever steps up reads the second
layer: the rest of reference §H1 (how it works, retention, necessity and
impact, rights, contact, the capture area and where the full processing
rules are), smaller but still readable at arm's length. Every §H1 field is
on the sheet; the QR code leads to the opt-out page with everything else.

Sizes come from reading distance, not from what happens to fit. Each sheet
states how far its heading, first and second layer read from
(:data:`READING_DISTANCES`; the rule of thumb is about 25 mm of character
height per 3 m), the layout sets the heading at exactly that size and the
layers at least at theirs. Text that does not fit at those sizes is refused
with a :class:`~signdesk.documents.textfit.TextDoesNotFitError` naming the
field (typically the business name or the address) and roughly how long it
may be; the sheet is never filled by shrinking the type.

The look is an information sign (GB/T 10001.1 style), not a safety sign:
black on white with a light warm band, none of GB 2894's warning yellow,
triangles or red circles (reference §I6).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.content import ScenarioNotice, field_label, join_phrases, scenario_notice
from signdesk.documents.flow import RULE_GREY, SECOND_LANGUAGE, PlacedText, draw_placed
from signdesk.documents.flow import layout_text as _layout
from signdesk.documents.fonts import BOLD, REGULAR, DocumentInputError, register_fonts
from signdesk.documents.pictogram import draw_face_pictogram
from signdesk.documents.printmarks import (
    AMBER_TINT,
    DEEP_NAVY,
    TEXT_BLACK,
    PrintedAt,
    PrintGeometry,
    background_rect,
    geometry_for,
    new_canvas,
    sheet as sheet_named,
    start_print_page,
)
from signdesk.documents.qr import draw_qr, required_qr_size_mm
from signdesk.documents.textfit import (SIZE_STEP, TextDoesNotFitError, TextLayout, fit_paragraph,
                                        phrase_breaks)
from signdesk.documents.versions import SIGN, ContentVersion, content_version, texts_of
from signdesk.register.store import sign_id
from signdesk.i18n import EN, N_, ZH, Bilingual, translate
from signdesk.model import Project, Scenario
from signdesk.questions.signs import READING_DISTANCE_M

# --- reading distance -------------------------------------------------------
#: The sign-maker's rule of thumb: about 25 mm of character height for every
#: 3 m a reader stands away.
CHAR_MM_PER_M = 25 / 3
#: Ink height of a Han character in Noto Sans SC as a share of the type size
#: (measured on the heading's glyphs, regular and bold: 0.92-0.94).
HAN_INK_HEIGHT = 0.92
#: Cap height of the Latin letters in Noto Sans SC, as a share of the type size.
LATIN_CAP_HEIGHT = 0.733
_PT_PER_MM = 72 / 25.4


def size_for_distance(metres: float) -> float:
    """Type size (pt) whose Han characters read from ``metres`` away."""
    return metres * CHAR_MM_PER_M / HAN_INK_HEIGHT * _PT_PER_MM


def distance_for_size(size: float, ink: float = HAN_INK_HEIGHT) -> float:
    """How far (m) text at ``size`` pt reads from; ``ink`` is the glyph height per pt."""
    return size / _PT_PER_MM * ink / CHAR_MM_PER_M


@dataclass(frozen=True)
class ReadingDistances:
    """How far each part of one sheet reads from, and the sheet's fixed sizes."""

    #: Where this sheet goes (a msgid): A5 at a till, A4/A3 at entrances and gates.
    use: str
    #: The Chinese heading reads from this far (m); it is set at exactly that size.
    heading_m: float
    #: The first layer reads from at least this far (m).
    first_m: float
    #: The second layer reads from at least this far (m): arm's length or closer.
    second_m: float
    #: Side of the pictogram, mm.
    pictogram_mm: float
    #: Size of the URL printed under the QR code, pt.
    url_pt: float

    @property
    def heading_size(self) -> float:
        return size_for_distance(self.heading_m)

    @property
    def first_size(self) -> float:
        return size_for_distance(self.first_m)

    @property
    def second_size(self) -> float:
        return size_for_distance(self.second_m)


#: Per sheet. A5 is for close range only (a till, a reception desk); A4 and
#: Letter for a wall beside an entrance or a gate; A3 where people pass at a
#: distance (a lobby, a car-park entrance).
#: The first layer's distance is the one the rules judge a hung sign against
#: (:data:`~signdesk.questions.signs.READING_DISTANCE_M`).
READING_DISTANCES: dict[str, ReadingDistances] = {
    "A5": ReadingDistances(N_("at a till or a reception desk"), 1.2, READING_DISTANCE_M["A5"], 0.25, 32, 7.5),
    "A4": ReadingDistances(N_("beside an entrance or a gate"), 2.5, READING_DISTANCE_M["A4"], 0.33, 50, 9.0),
    "LETTER": ReadingDistances(N_("beside an entrance or a gate"), 2.5, READING_DISTANCE_M["LETTER"],
                               0.33, 50, 9.0),
    "A3": ReadingDistances(N_("at an entrance people pass at a distance"), 3.5, READING_DISTANCE_M["A3"],
                           0.45, 70, 12.0),
}

#: The layers may grow above their minimum by up to this factor when the sheet has room.
MAX_GROWTH = 1.3
HEADING_LEADING = 1.08
LEADING = 1.3

# User fields that the sign prints, tried in this order when the text is
# too long, longest text first (see _blame).
_BODY_USER_FIELDS = ("operator_name", "operator_name_en", "address", "address_en", "contact_email",
                     "location", "location_en", "contact_phone", "privacy_contact", "privacy_contact_en")


@dataclass(frozen=True)
class SignLayout:
    """Everything the sign draws, positioned; tests and the bench read it too."""

    geometry: PrintGeometry
    band_bottom: float
    pictogram: tuple[float, float, float]   # x, y, size
    qr: tuple[float, float, float]          # x, y, size (quiet zone included)
    heading_size: float
    first_size: float
    second_size: float
    texts: tuple[PlacedText, ...]
    rules: tuple[tuple[float, float, float, float], ...] = field(default=())
    version: ContentVersion | None = None

    @property
    def body_size(self) -> float:
        """The smallest text size on the sign apart from the version line: the second layer's."""
        return self.second_size

    def reads_from(self) -> dict[str, float]:
        """How far (m) the heading, the English heading and each layer read from, as laid out."""
        en_heading = self.texts[1].layout.size
        return {"heading": distance_for_size(self.heading_size),
                "heading_en": distance_for_size(en_heading, LATIN_CAP_HEIGHT),
                "first": distance_for_size(self.first_size),
                "second": distance_for_size(self.second_size)}


@dataclass(frozen=True)
class _Row:
    label: Bilingual
    text: Bilingual


def full_rules_text(url: str) -> Bilingual:
    """Where the full processing rules are (reference §H1.7)."""
    return Bilingual(*(translate(loc, N_("The full processing rules are on the page the QR code opens ({url}); "
                                         "our staff can also show them to you."), url=url) for loc in (ZH, EN)))


def scan_prompt() -> Bilingual:
    """What the QR code is for, printed beside it."""
    return Bilingual.of(N_("Scan for the full rules, to refuse or to withdraw your consent"))


def second_layer(n: ScenarioNotice) -> list[_Row]:
    """The rest of reference §H1, after the first layer."""
    return [
        _Row(Bilingual.of(N_("How it works")), n.method),
        _Row(Bilingual.of(N_("Retention")), n.retention),
        _Row(Bilingual.of(N_("Necessity and impact")), n.necessity),
        _Row(Bilingual.of(N_("Capture area")), n.capture_area),
        _Row(Bilingual.of(N_("Your rights")), n.rights),
        _Row(Bilingual.of(N_("Contact")), n.contact),
        _Row(Bilingual.of(N_("Full processing rules")), full_rules_text(n.optout_url)),
    ]


def sign_version(n: ScenarioNotice) -> ContentVersion:
    """The sign's content version: a fingerprint of every text it prints but the version line."""
    return content_version(SIGN, texts_of(
        n.heading, n.operator, n.purpose, n.alternative, scan_prompt(), n.optout_url,
        [(r.label, r.text) for r in second_layer(n)]))


class _Stack:
    """Paragraphs placed top-down in a column; knows when it overflows."""

    def __init__(self, x: float, top: float, width: float) -> None:
        self.x, self.y, self.width = x, top, width
        self.texts: list[PlacedText] = []
        self.rules: list[tuple[float, float, float, float]] = []

    def add(self, text: str, font: str, size: float, color: Color, *, x: float | None = None,
            width: float | None = None) -> TextLayout:
        layout = _layout(text, font, size, width or self.width)
        self.texts.append(PlacedText(layout, self.x if x is None else x, self.y, color))
        self.y -= layout.height
        return layout

    def run_in(self, label: str, text: str, size: float, color: Color) -> None:
        """A paragraph that starts with its label in bold ("Retention  Facial information is kept ...").

        The label and the text's first line share a baseline; the rest of the
        text wraps at the full width below. One paragraph per language, so
        each line is in one language.
        """
        lab = _layout(label, BOLD, size, self.width)
        indent = (lab.line_widths[0] if lab.lines else 0.0) + size * 0.6
        # One paragraph with a narrower first line, so the line-breaking
        # rules (no lone last character) hold for the text as a whole.
        whole = _layout(text, REGULAR, size, self.width, first_indent=indent) if indent < self.width * 0.6 else None
        if len(lab.lines) != 1 or whole is None or not whole.lines[0]:
            self.add(label, BOLD, size, DEEP_NAVY)   # a label too long to run in: its own line
            self.add(text, REGULAR, size, color)
            return
        self.texts.append(PlacedText(lab, self.x, self.y, DEEP_NAVY))
        head = TextLayout(whole.lines[:1], REGULAR, size, whole.leading, self.width - indent,
                          whole.line_widths[:1], whole.paragraph_ends[:1])
        self.texts.append(PlacedText(head, self.x + indent, self.y, color))
        self.y -= lab.leading
        if len(whole.lines) > 1:
            rest = TextLayout(whole.lines[1:], REGULAR, size, whole.leading, self.width,
                              whole.line_widths[1:], whole.paragraph_ends[1:])
            self.texts.append(PlacedText(rest, self.x, self.y, color))
            self.y -= rest.height

    def space(self, gap: float) -> None:
        self.y -= gap


def _balanced(text: str, font: str, size: float, width: float, leading: float) -> TextLayout:
    """``text`` in as few lines as ``width`` allows, the lines as even as they can be
    ("此处使用 / 人脸识别", not "此处使用人脸识 / 别")."""
    full = _layout(text, font, size, width, leading)
    if len(full.lines) < 2:
        return full
    lo, hi = width / len(full.lines), width
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(_layout(text, font, size, mid, leading).lines) > len(full.lines):
            lo = mid
        else:
            hi = mid
    return _layout(text, font, size, hi, leading)


Attempt = Callable[[float], tuple["_Placed | None", float]]


@dataclass
class _Placed:
    """The two layers at one size: their texts, rules and the QR position."""

    texts: list[PlacedText]
    rules: list[tuple[float, float, float, float]]
    qr: tuple[float, float, float]


def _largest_fitting(min_size: float, max_size: float, attempt: Attempt) -> tuple[float, _Placed] | None:
    """The largest size on the 0.25 pt grid at which ``attempt`` fits, with what it placed.

    ``attempt(size)`` returns the placement (None if it does not fit) and the
    ratio of the height it needs to the height available. Text height grows
    about with the square of the size (lines get both longer and taller), so
    one try at the largest size predicts the answer and a step or two from
    there confirms it; fitting assumes a smaller size never needs more room.
    """
    grid = [min_size + k * SIZE_STEP for k in range(int((max_size - min_size) / SIZE_STEP + 1e-6) + 1)]
    tried: dict[int, tuple[_Placed | None, float]] = {}

    def at(i: int) -> _Placed | None:
        if i not in tried:
            tried[i] = attempt(grid[i])
        return tried[i][0]

    top = len(grid) - 1
    if at(top) is not None:
        return grid[top], tried[top][0]  # type: ignore[return-value]
    guess = grid[top] / max(tried[top][1], 1.0) ** 0.5
    i = min(top, max(0, int((guess - min_size) / SIZE_STEP)))
    if at(i) is not None:
        while i + 1 < top and at(i + 1) is not None:
            i += 1
        return grid[i], tried[i][0]  # type: ignore[return-value]
    while i > 0:
        i -= 1
        if at(i) is not None:
            return grid[i], tried[i][0]  # type: ignore[return-value]
    return None


def _where(sheet_name: str) -> Bilingual:
    if sheet_name == "LETTER":
        return Bilingual.of(N_("a Letter sign"))
    return Bilingual.of(N_("an {sheet} sign"), sheet=sheet_name)  # "an A5 sign"


Box = tuple[float, float, float, float]   # x, top, width, bottom


def _first_layer(n: ScenarioNotice, s: float, x: float, top: float, width: float) -> _Stack:
    """Who, and what for, read in passing."""
    st = _Stack(x, top, width)
    st.add(n.operator.zh, BOLD, s * 1.3, TEXT_BLACK)
    if n.operator.en != n.operator.zh:  # no English name: print the one name once
        st.add(n.operator.en, BOLD, s * 1.05, SECOND_LANGUAGE)
    st.space(s * 0.5)
    st.add(n.purpose.zh, REGULAR, s, TEXT_BLACK)
    st.add(n.purpose.en, REGULAR, s, SECOND_LANGUAGE)
    return st


def _alternative(n: ScenarioNotice, s: float, x: float, top: float, width: float) -> _Stack:
    """The non-face alternative and what the QR code beside it is for."""
    st = _Stack(x, top, width)
    st.add(n.alternative.zh, BOLD, s, TEXT_BLACK)
    st.add(n.alternative.en, REGULAR, s, SECOND_LANGUAGE)
    st.space(s * 0.5)
    _add_prompt(st, s)
    return st


def _prompt(s: float, x: float, top: float, width: float) -> _Stack:
    st = _Stack(x, top, width)
    _add_prompt(st, s)
    return st


def _add_prompt(st: _Stack, s: float) -> None:
    prompt = scan_prompt()
    st.add(phrase_breaks(prompt.zh + " →", BOLD, s, st.width), BOLD, s, DEEP_NAVY)
    st.add(prompt.en + " →", BOLD, s, DEEP_NAVY)


def _rows_in(rows: list[_Row], s: float, box: Box) -> _Stack | None:
    """``rows`` stacked in ``box``; None if they overflow it."""
    x, top, width, bottom = box
    st = _Stack(x, top, width)
    for row in rows:
        if st.texts:
            st.space(s * 0.45)
        st.run_in(row.label.zh, row.text.zh, s, TEXT_BLACK)
        st.run_in(row.label.en, row.text.en, s, SECOND_LANGUAGE)
    if st.y < bottom - 1e-6 or any(t.box[2] > x + width + 1e-6 for t in st.texts):
        return None
    return st


def _second_layer(n: ScenarioNotice, s: float, slots: list[Box]) -> list[_Stack] | None:
    """The §H1 rows in reading order over one or two ``slots`` (columns); a row never splits.

    With two columns the split is the one that ends both columns highest,
    so neither runs long while the other stays empty. None if they do not fit.
    """
    rows = second_layer(n)
    if len(slots) == 1:
        st = _rows_in(rows, s, slots[0])
        return None if st is None else [st]
    best: list[_Stack] | None = None
    for k in range(len(rows) + 1):
        a, b = _rows_in(rows[:k], s, slots[0]), _rows_in(rows[k:], s, slots[1])
        if a is not None and b is not None and (best is None or min(a.y, b.y) > min(st.y for st in best)):
            best = [a, b]
    return best


def layout_sign(notice: ScenarioNotice, sheet_name: str, landscape: bool = False,
                rebuild: Callable[[Mapping[str, Any]], ScenarioNotice] | None = None,
                answers: Mapping[str, Any] | None = None,
                printed_at: PrintedAt = PrintedAt.OFFICE, today: dt.date | None = None,
                number: int = 1) -> SignLayout:
    """Place everything on the sheet. ``rebuild`` and ``answers`` let the error
    path find how long the offending field may be (see :func:`_blame`);
    ``today`` is the print date shown beside the sign's version, ``number``
    the print number in the sign's ID (:func:`~signdesk.register.store.sign_id`)."""
    register_fonts()
    geometry = geometry_for(sheet_named(sheet_name, landscape), printed_at)
    sheet = geometry.sheet
    dist = READING_DISTANCES[sheet.name]
    w, h = sheet.width_pt, sheet.height_pt
    m = geometry.safe_margin
    inner = w - 2 * m
    where = _where(sheet.name)

    # Band: pictogram, and beside it the heading at the size its distance asks for.
    hs = dist.heading_size
    pic = dist.pictogram_mm * mm
    gap = pic * 0.16
    col_x = m + pic + gap
    col_w = w - m - col_x
    head_zh = _balanced(notice.heading.zh, BOLD, hs, col_w, HEADING_LEADING)
    if head_zh.line_widths and max(head_zh.line_widths) > col_w + 1e-6:
        raise SheetTooSmallError(None, 0, 0, where)   # a heading translation too long for its distance
    en_size = min(hs * 0.5, col_w / max(pdfmetrics.stringWidth(notice.heading.en, BOLD, 1.0), 1.0))
    head_en = _layout(notice.heading.en, BOLD, en_size, col_w, 1.15)
    head_gap = hs * 0.12
    head_h = head_zh.height + head_gap + head_en.height
    if landscape:   # the heading is one line: a pictogram as tall as heading and English is enough
        pic = min(pic, max(head_h, pic * 0.75))
    row_h = max(pic, head_h)
    top = h - m
    pic_y = top - (row_h + pic) / 2
    head_top = top - (row_h - head_h) / 2
    texts = [PlacedText(head_zh, col_x, head_top, TEXT_BLACK),
             PlacedText(head_en, col_x, head_top - head_zh.height - head_gap, TEXT_BLACK)]
    band_bottom = top - row_h - m * 0.7

    # Footer: the sign's content version and print date, and its own ID, bottom-left of the safe area.
    version = sign_version(notice)
    foot_s = max(dist.second_size * 0.8, 6.0)
    # One language per line, as everywhere on the sign.
    foot = _layout("\n".join(translate(loc, N_("Sign version {label} · sign ID {sign_id}"),
                                         label=version.label(loc, today) if today else version.code,
                                         sign_id=sign_id(version.code, number))
                               for loc in (ZH, EN)), REGULAR, foot_s, inner)
    footer_top = m + foot.height
    texts.append(PlacedText(foot, m, footer_top, SECOND_LANGUAGE))

    q = max(required_qr_size_mm(sheet, notice.optout_url) * mm, dist.url_pt * 4.2)
    url = fit_paragraph(notice.optout_url, REGULAR, min(q * 2.2, inner * 0.5), dist.url_pt * 3.2,
                        dist.url_pt, dist.url_pt, 1.2, field=field_label("optout_url"), where=where)
    body_top = band_bottom - m * 0.8
    body_bottom = footer_top + dist.second_size

    def attempt(s1: float, n: ScenarioNotice = notice) -> tuple[_Placed | None, float]:
        s2 = s1 * dist.second_size / dist.first_size
        if landscape:
            return _landscape(n, s1, s2, q, url, m, inner, body_top, body_bottom)
        return _portrait(n, s1, s2, q, url, m, inner, body_top, body_bottom)

    min_s = dist.first_size
    found = _largest_fitting(min_s, min_s * MAX_GROWTH, attempt)
    if found is None:
        raise _blame(notice, lambda n: attempt(min_s, n)[0] is not None, rebuild, answers, where)
    s1, placed = found
    texts.extend(placed.texts)
    return SignLayout(geometry, band_bottom, (m, pic_y, pic), placed.qr, hs, s1,
                      s1 * dist.second_size / dist.first_size, tuple(texts), tuple(placed.rules), version)


def _qr_block(n: ScenarioNotice, s: float, q: float, url: TextLayout, x: float, top: float,
              width: float, alternative: bool = True) -> tuple[_Stack, tuple[float, float, float], float]:
    """The alternative (if ``alternative``) and the scan prompt at left, the
    QR code at right with its URL under it.

    Returns the texts, the QR square and the block's bottom.
    """
    text_w = width - max(q, max(url.line_widths or (0.0,))) - s
    st = _alternative(n, s, x, top, text_w) if alternative else _prompt(s, x, top, text_w)
    qr = (x + width - q, top - q, q)
    url_w = url.width
    st.texts.append(PlacedText(url, x + width - url_w, top - q - s * 0.2, TEXT_BLACK, align="right"))
    bottom = min(st.y, top - q - s * 0.2 - url.height)
    return st, qr, bottom


def _portrait(n: ScenarioNotice, s1: float, s2: float, q: float, url: TextLayout, m: float, inner: float,
              top: float, bottom: float) -> tuple[_Placed | None, float]:
    first = _first_layer(n, s1, m, top, inner)
    block, qr, block_bottom = _qr_block(n, s1, q, url, m, first.y - s1 * 0.6, inner)
    rule_y = block_bottom - s2 * 0.9
    # Stacked without a floor, so a miss says by how much (the fit's next guess).
    second = _rows_in(second_layer(n), s2, (m, rule_y - s2 * 0.8, inner, -float("inf")))
    needed = top - (second.y if second else bottom - 1)
    ratio = needed / max(top - bottom, 1e-6)
    if second is None or second.y < bottom - 1e-6 or \
            any(t.box[2] > m + inner + 1e-6 for t in first.texts + block.texts):
        return None, max(ratio, 1.0 + 1e-3)
    return _Placed(first.texts + block.texts + second.texts, [(m, rule_y, m + inner, rule_y)], qr), ratio


def _landscape(n: ScenarioNotice, s1: float, s2: float, q: float, url: TextLayout, m: float, inner: float,
               top: float, bottom: float) -> tuple[_Placed | None, float]:
    """Two columns: the first layer at left; at right the QR code with the
    scan prompt beside it; the second layer continues both, so the QR sits
    beside the rights text it serves and no part of the sheet stays empty."""
    gap = s1 * 1.5
    left_w = (inner - gap) * 0.52
    right_x = m + left_w + gap
    right_w = inner - left_w - gap
    first = _first_layer(n, s1, m, top, left_w)
    first.space(s1 * 0.5)
    first.add(n.alternative.zh, BOLD, s1, TEXT_BLACK)
    first.add(n.alternative.en, REGULAR, s1, SECOND_LANGUAGE)
    block, qr, block_bottom = _qr_block(n, s1, q, url, right_x, top, right_w, alternative=False)
    left_rule = first.y - s2 * 0.9
    right_rule = block_bottom - s2 * 0.9
    slots = [(m, left_rule - s2 * 0.8, left_w, bottom), (right_x, right_rule - s2 * 0.8, right_w, bottom)]
    second = _second_layer(n, s2, slots)
    overflow = any(t.box[2] > m + left_w + 1e-6 for t in first.texts) or first.y < bottom
    needed = top - min(first.y, block_bottom) + (bottom - min(st.y for st in second) if second else top - bottom)
    ratio = max(needed / max(top - bottom, 1e-6), 1.0)
    if second is None or overflow:
        return None, max(ratio, 1.0 + 1e-3)
    rules = [(m, left_rule, m + left_w, left_rule), (right_x, right_rule, right_x + right_w, right_rule)]
    return _Placed(first.texts + block.texts + [t for st in second for t in st.texts], rules, qr), ratio


class SheetTooSmallError(TextDoesNotFitError):
    """Several fields together, or the fixed texts alone, overflow a sign.

    ``fields`` is None when no user text is to blame (many purposes and
    alternatives on a small sheet).
    """

    def __init__(self, fields: Bilingual | None, max_chars: int, length: int, where: Bilingual) -> None:
        self.field, self.max_chars, self.length, self.where = fields, max_chars, length, where
        if fields is None:
            DocumentInputError.__init__(self, N_("Everything this sign has to say does not fit on {where} "
                                                 "even at the smallest legible size: print it on a larger sheet."),
                                        where=where)
        else:
            DocumentInputError.__init__(self, N_("Together, the {field} are too long for {where}: shorten them "
                                                 "to about {max_chars} characters in all (they have {length}), "
                                                 "or print a larger sheet."),
                                        field=fields, where=where, max_chars=max_chars, length=length)


def _blame(notice: ScenarioNotice, fits_body: Callable[[ScenarioNotice], bool],
           rebuild: Callable[[Mapping[str, Any]], ScenarioNotice] | None,
           answers: Mapping[str, Any] | None, where: Bilingual) -> TextDoesNotFitError:
    """The error for a body that does not fit: name the longest user field and
    find, by shortening it, about how many characters would fit. When no one
    field is to blame, name the few that together are (or none, if the sheet
    is too small for the fixed texts)."""
    values = {k: answers.get(k) for k in _BODY_USER_FIELDS} if answers is not None else {}
    values = {k: v.strip() for k, v in values.items() if isinstance(v, str) and v.strip()}
    if not values or rebuild is None:
        return SheetTooSmallError(None, 0, len(notice.operator.zh), where)
    ranked = sorted(values, key=lambda k: -pdfmetrics.stringWidth(values[k], REGULAR, 1.0))

    def longest(fits: Callable[[int], bool], hi: int) -> int:
        lo = 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo

    for key in ranked:   # longest prefix of one field that fits, others unchanged
        value = values[key]
        lo = longest(lambda n: fits_body(rebuild({key: value[:n]})), len(value))
        if lo > 0:
            return TextDoesNotFitError(field_label(key), lo, len(value), where)
    # Shorten the longest fields together: as few as needed, by the same share.
    for count in range(2, len(ranked) + 1):
        keys = ranked[:count]
        if fits_body(rebuild({k: "" for k in keys})):
            break
    else:
        return SheetTooSmallError(None, 0, 0, where)

    def cut(percent: int) -> dict[str, str]:
        return {k: values[k][:len(values[k]) * percent // 100] for k in keys}

    percent = longest(lambda pc: fits_body(rebuild(cut(pc))), 100)
    if percent == 0:   # only leaving them out fits: the fixed texts alone all but fill the sheet
        return SheetTooSmallError(None, 0, 0, where)
    names = [field_label(k) for k in keys]
    fields = Bilingual(join_phrases(ZH, [n.zh for n in names], "and"),
                       join_phrases(EN, [n.en for n in names], "and"))
    return SheetTooSmallError(fields, sum(map(len, cut(percent).values())),
                              sum(len(values[k]) for k in keys), where)


def draw_sign(canvas: Canvas, layout: SignLayout, notice: ScenarioNotice) -> None:
    """Draw one sign page from its layout."""
    g = layout.geometry
    start_print_page(canvas, g)
    canvas.setFillColor(AMBER_TINT)
    x0, _y0, x1, y1 = background_rect(g)
    canvas.rect(x0, layout.band_bottom, x1 - x0, y1 - layout.band_bottom, stroke=0, fill=1)
    px, py, ps = layout.pictogram
    draw_face_pictogram(canvas, px, py, ps, TEXT_BLACK)
    canvas.saveState()
    canvas.setStrokeColor(RULE_GREY)
    canvas.setLineWidth(0.75)
    if layout.rules:
        canvas.lines(layout.rules)
    canvas.restoreState()
    qx, qy, qs = layout.qr
    draw_qr(canvas, notice.optout_url, qx, qy, qs)
    draw_placed(canvas, layout.texts)


def render_sign(project: Project, scenario: Scenario, sheet_name: str, landscape: bool,
                today: dt.date, slug: str | None = None, printed_at: PrintedAt = PrintedAt.OFFICE,
                number: int = 1, copies: int = 1, used: Mapping[str, int] | None = None) -> bytes:
    """The sign for ``scenario`` on one sheet, as PDF bytes; its ID (printed
    small beside its version) ends in the print number ``number``.

    ``copies`` copies come as that many pages, each with its own print number
    (``number``, ``number + 1``, …), so that the register tells apart two
    copies of one text hanging in two places. ``used`` (content version ->
    the highest print number the register's signs use) numbers on after it
    instead of from ``number``.

    ``printed_at`` OFFICE (the default) gives a page the size of the paper;
    PRINT_SHOP a PDF/X file with bleed and crop marks
    (:func:`~signdesk.documents.pdfx.finish_for_print_shop`).
    Raises :class:`TextDoesNotFitError` (naming the field) when the user's
    text cannot fit at the sheet's reading-distance sizes, and the errors of
    :func:`~signdesk.documents.content.scenario_notice`.
    """
    notice = scenario_notice(project, scenario, today, slug=slug)
    if used is not None:
        number = used.get(sign_version(notice).code, 0) + 1
    layouts = [layout_sign(
        notice, sheet_name, landscape,
        rebuild=lambda overrides: scenario_notice(project, scenario, today, overrides, notice.slug),
        answers=project.answers_for(scenario), printed_at=printed_at, today=today, number=n)
        for n in range(number, number + max(1, copies))]
    buf = io.BytesIO()
    canvas = new_canvas(buf, f"{notice.heading.zh} {notice.heading.en} — {scenario.name}",
                        notice.operator.zh, date=today, subject=notice.optout_url)
    for layout in layouts:
        draw_sign(canvas, layout, notice)
        canvas.showPage()
    canvas.save()
    if printed_at is PrintedAt.PRINT_SHOP:
        from signdesk.documents.pdfx import finish_for_print_shop  # pikepdf only when a print shop needs it

        return finish_for_print_shop(buf.getvalue())
    return buf.getvalue()


__all__ = ["READING_DISTANCES", "PlacedText", "ReadingDistances", "SignLayout", "distance_for_size",
           "draw_sign", "layout_sign", "render_sign", "size_for_distance"]
