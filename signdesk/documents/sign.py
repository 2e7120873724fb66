"""The prominent notice sign (显著提示标识) for one capture point.

One sheet, both languages, Chinese first: an amber band with the face
pictogram and the heading, the operator and contact, then one row per item
of reference §H1 (purpose, method, retention, necessity/impact, the
non-face alternative, the capture area), the rights panel with the QR code
and its URL, and the version line.

All body text shares one size, the largest that fits the sheet, down to a
legible minimum per sheet size. Past that minimum the user gets a
:class:`~signdesk.documents.textfit.TextDoesNotFitError` naming the field
(typically the business name or the address) and roughly how long it may be.
"""

from __future__ import annotations

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
    DEEP_NAVY,
    TEXT_BLACK,
    WARNING_AMBER,
    PrintedAt,
    PrintGeometry,
    background_rect,
    geometry_for,
    new_canvas,
    sheet as sheet_named,
    start_print_page,
)
from signdesk.documents.qr import draw_qr, required_qr_size_mm
from signdesk.documents.textfit import (
    SIZE_STEP,
    TextDoesNotFitError,
    TextLayout,
    fit_paragraph,
)
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model import Project, Scenario

# Body text size range per sheet, in pt. The minimum is what stays legible
# at the distance each sheet is read from (see qr.py for the distances):
# 7 pt on an A5 counter sign, 8.5 pt on A4/Letter, 12 pt on an A3 poster.
BODY_SIZES: dict[str, tuple[float, float]] = {
    "A5": (7.0, 11.0),
    "A4": (8.5, 14.0),
    "LETTER": (8.5, 14.0),
    "A3": (12.0, 20.0),
}
LEADING = 1.3
#: Smallest size of the URL printed under the QR code (it is also in the code).
URL_MIN_SIZE = 6.0

# User fields that the body rows print, tried in this order when the body is
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
    body_size: float
    texts: tuple[PlacedText, ...]
    rules: tuple[tuple[float, float, float, float], ...] = field(default=())


@dataclass(frozen=True)
class _Row:
    label: Bilingual
    text: Bilingual


def _rows(n: ScenarioNotice) -> list[_Row]:
    return [
        _Row(Bilingual.of(N_("Purpose")), n.purpose),
        _Row(Bilingual.of(N_("How it works")), n.method),
        _Row(Bilingual.of(N_("Retention")), n.retention),
        _Row(Bilingual.of(N_("Necessity and impact")), n.necessity),
        _Row(Bilingual.of(N_("Other way")), n.alternative),
        _Row(Bilingual.of(N_("Capture area")), n.capture_area),
    ]


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

    def space(self, gap: float) -> None:
        self.y -= gap


def _body(n: ScenarioNotice, s: float, x: float, top: float, width: float) -> _Stack:
    """Operator block and the §H1 rows at body size ``s``."""
    st = _Stack(x, top, width)
    st.add(n.operator.zh, BOLD, s * 1.5, TEXT_BLACK)
    if n.operator.en != n.operator.zh:  # no English name: print the one name once
        st.space(s * 0.25)
        st.add(n.operator.en, BOLD, s * 1.15, SECOND_LANGUAGE)
    st.space(s * 0.35)
    st.add(n.contact.zh, REGULAR, s, TEXT_BLACK)
    st.space(s * 0.2)
    st.add(n.contact.en, REGULAR, s, SECOND_LANGUAGE)
    label_w = max(width * 0.2, s * 6.5)
    text_x = x + label_w + s
    text_w = width - label_w - s
    for row in _rows(n):
        st.space(s * 0.45)
        st.rules.append((x, st.y, x + width, st.y))
        st.space(s * 0.45)
        row_top = st.y
        st.add(row.label.zh, BOLD, s, DEEP_NAVY, width=label_w)
        st.add(row.label.en, BOLD, s * 0.85, DEEP_NAVY, width=label_w)
        label_bottom = st.y
        st.y = row_top
        st.add(row.text.zh, REGULAR, s, TEXT_BLACK, x=text_x, width=text_w)
        st.space(s * 0.2)
        st.add(row.text.en, REGULAR, s, SECOND_LANGUAGE, x=text_x, width=text_w)
        st.y = min(st.y, label_bottom)
    return st


def _rights(n: ScenarioNotice, s: float, x: float, top: float, width: float) -> _Stack:
    st = _Stack(x, top, width)
    label = Bilingual.of(N_("Your rights and opting out"))
    st.add(label.zh, BOLD, s, DEEP_NAVY)
    st.add(label.en, BOLD, s * 0.85, DEEP_NAVY)
    st.space(s * 0.3)
    st.add(n.rights.zh, REGULAR, s, TEXT_BLACK)
    st.space(s * 0.2)
    st.add(n.rights.en, REGULAR, s, SECOND_LANGUAGE)
    return st


Attempt = Callable[[float], tuple["_Stack | None", float]]


def _largest_fitting(min_size: float, max_size: float, attempt: Attempt) -> tuple[float, "_Stack"] | None:
    """The largest size on the 0.25 pt grid at which ``attempt`` fits, with its stack.

    ``attempt(size)`` returns the stack (None if it does not fit) and the
    ratio of the height it needs to the height available. Text height grows
    about with the square of the size (lines get both longer and taller), so
    one try at the largest size predicts the answer and a step or two from
    there confirms it; fitting assumes a smaller size never needs more room.
    """
    grid = [min_size + k * SIZE_STEP for k in range(int((max_size - min_size) / SIZE_STEP + 1e-6) + 1)]
    tried: dict[int, tuple[_Stack | None, float]] = {}

    def at(i: int) -> _Stack | None:
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


def layout_sign(notice: ScenarioNotice, sheet_name: str, landscape: bool = False,
                rebuild: Callable[[Mapping[str, Any]], ScenarioNotice] | None = None,
                answers: Mapping[str, Any] | None = None,
                printed_at: PrintedAt = PrintedAt.OFFICE) -> SignLayout:
    """Place everything on the sheet. ``rebuild`` and ``answers`` let the error
    path find how long the offending field may be (see :func:`_blame`)."""
    register_fonts()
    geometry = geometry_for(sheet_named(sheet_name, landscape), printed_at)
    w, h = geometry.sheet.width_pt, geometry.sheet.height_pt
    m = geometry.safe_margin
    min_s, max_s = BODY_SIZES[geometry.sheet.name]
    gap = min_s * 1.2

    # Amber band: the heading and pictogram, readable from a distance.
    band_h = h * (0.22 if landscape else 0.16)
    band_bottom = h - band_h
    pad = m * 0.6
    pic = band_h - m - pad
    pic_x, pic_y = m, h - m - pic
    head_x = m + pic + m * 0.8
    head_w = w - m - head_x
    head_zh = fit_paragraph(notice.heading.zh, BOLD, head_w, pic * 0.58, pic * 0.5, min_s,
                            1.15, field=Bilingual.of(N_("heading")))
    head_en = fit_paragraph(notice.heading.en, BOLD, head_w, pic * 0.36, head_zh.size * 0.6,
                            min_s, 1.15, field=Bilingual.of(N_("heading")))
    head_total = head_zh.height + pic * 0.06 + head_en.height
    head_top = pic_y + pic - (pic - head_total) / 2
    texts = [PlacedText(head_zh, head_x, head_top, TEXT_BLACK),
             PlacedText(head_en, head_x, head_top - head_zh.height - pic * 0.06, TEXT_BLACK)]

    # Footer: the version line, bottom-left of the safe area.
    foot_s = max(min_s * 0.85, 6.0)
    version = _layout(f"{notice.version.zh}    {notice.version.en}", REGULAR, foot_s, w - 2 * m)
    footer_top = m + version.height
    texts.append(PlacedText(version, m, footer_top, SECOND_LANGUAGE))

    # QR code and the URL under it.
    q = required_qr_size_mm(geometry.sheet, notice.optout_url) * mm
    if landscape:
        # The right-hand column has room to spare: a bigger code scans from further away.
        q = max(q, (w - 2 * m) * 0.3 * 0.6)
    body_top = band_bottom - gap
    where = _where(geometry.sheet.name)
    url_box_h = q * 0.6
    if landscape:
        col_w = max(q, (w - 2 * m) * 0.3)
        col_x = w - m - col_w
        url_w, url_x, url_align = col_w, col_x, "center"
    else:
        # Right-aligned under the QR and wider than it, so a URL breaks rarely.
        url_w = min(q * 1.7, w - 2 * m)
        url_x, url_align = w - m - url_w, "right"
    url = fit_paragraph(notice.optout_url, REGULAR, url_w, url_box_h, max(min_s * 0.9, URL_MIN_SIZE),
                        URL_MIN_SIZE, 1.2, field=field_label("optout_url"), where=where)
    qr_y = footer_top + gap + url.height + min_s * 0.4
    if landscape:
        qr_x = col_x + (col_w - q) / 2
        rights_box = (col_x, body_top, col_w, body_top - (qr_y + q) - gap)
        body_box = (m, body_top, col_x - gap * 1.5 - m, body_top - footer_top - gap)
    else:
        qr_x = w - m - q
        panel_top = qr_y + q
        rights_box = (m, panel_top, w - 2 * m - q - gap, q)
        body_box = (m, body_top, w - 2 * m, body_top - panel_top - gap * 1.5)
    texts.append(PlacedText(url, url_x, qr_y - min_s * 0.4, TEXT_BLACK, align=url_align))

    def try_body(s: float, n: ScenarioNotice = notice) -> tuple[_Stack | None, float]:
        return _check(_body(n, s, *body_box[:3]), body_box)

    def try_rights(s: float) -> tuple[_Stack | None, float]:
        return _check(_rights(notice, s, *rights_box[:3]), rights_box)

    found = _largest_fitting(min_s, max_s, try_body)
    if found is None:
        raise _blame(notice, min_s, lambda s, n: try_body(s, n)[0] is not None, rebuild, answers, where)
    s_body, body = found
    found = _largest_fitting(min_s, min(max_s, s_body), try_rights)
    if found is None:
        # Only the phone number is user text in the rights panel.
        raise TextDoesNotFitError(field_label("contact_phone"), 20, len(notice.phone), where)
    rights = found[1]
    texts.extend(body.texts)
    texts.extend(rights.texts)
    return SignLayout(geometry, band_bottom, (pic_x, pic_y, pic), (qr_x, qr_y, q), s_body,
                      tuple(texts), tuple(body.rules))


def _check(st: _Stack, box: tuple[float, float, float, float]) -> tuple[_Stack | None, float]:
    """(the stack if it fits ``box``, else None; needed height / available height)."""
    x, top, width, height = box
    needed = top - st.y
    ok = needed <= height + 1e-6 and all(t.box[2] <= x + width + 1e-6 for t in st.texts)
    return (st if ok else None), needed / max(height, 1e-6)


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


def _blame(notice: ScenarioNotice, min_s: float, fits_body: Callable[..., bool],
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
        lo = longest(lambda n: fits_body(min_s, rebuild({key: value[:n]})), len(value))
        if lo > 0:
            return TextDoesNotFitError(field_label(key), lo, len(value), where)
    # Shorten the longest fields together: as few as needed, by the same share.
    for count in range(2, len(ranked) + 1):
        keys = ranked[:count]
        if fits_body(min_s, rebuild({k: "" for k in keys})):
            break
    else:
        return SheetTooSmallError(None, 0, 0, where)

    def cut(percent: int) -> dict[str, str]:
        return {k: values[k][:len(values[k]) * percent // 100] for k in keys}

    percent = longest(lambda pc: fits_body(min_s, rebuild(cut(pc))), 100)
    names = [field_label(k) for k in keys]
    fields = Bilingual(join_phrases(ZH, [n.zh for n in names], "and"),
                       join_phrases(EN, [n.en for n in names], "and"))
    return SheetTooSmallError(fields, sum(map(len, cut(percent).values())),
                              sum(len(values[k]) for k in keys), where)


def draw_sign(canvas: Canvas, layout: SignLayout, notice: ScenarioNotice) -> None:
    """Draw one sign page from its layout."""
    g = layout.geometry
    start_print_page(canvas, g)
    canvas.setFillColor(WARNING_AMBER)
    x0, _y0, x1, y1 = background_rect(g)
    canvas.rect(x0, layout.band_bottom, x1 - x0, y1 - layout.band_bottom, stroke=0, fill=1)
    px, py, ps = layout.pictogram
    draw_face_pictogram(canvas, px, py, ps, TEXT_BLACK)
    canvas.saveState()
    canvas.setStrokeColor(RULE_GREY)
    canvas.setLineWidth(0.5)
    if layout.rules:
        canvas.lines(layout.rules)
    canvas.restoreState()
    qx, qy, qs = layout.qr
    draw_qr(canvas, notice.optout_url, qx, qy, qs)
    draw_placed(canvas, layout.texts)


def render_sign(project: Project, scenario: Scenario, sheet_name: str, landscape: bool,
                today: Any, slug: str | None = None, printed_at: PrintedAt = PrintedAt.OFFICE) -> bytes:
    """The sign for ``scenario`` on one sheet, as PDF bytes.

    Raises :class:`TextDoesNotFitError` (naming the field) when the user's
    text cannot fit at the sheet's legible minimum, and the errors of
    :func:`~signdesk.documents.content.scenario_notice`.
    """
    notice = scenario_notice(project, scenario, today, slug=slug)
    layout = layout_sign(
        notice, sheet_name, landscape,
        rebuild=lambda overrides: scenario_notice(project, scenario, today, overrides, notice.slug),
        answers=project.answers_for(scenario), printed_at=printed_at)
    buf = io.BytesIO()
    canvas = new_canvas(buf, f"{notice.heading.zh} {notice.heading.en} — {scenario.name}",
                        notice.operator.zh, date=today, subject=notice.optout_url)
    draw_sign(canvas, layout, notice)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


__all__ = ["BODY_SIZES", "PlacedText", "SignLayout", "draw_sign", "layout_sign", "render_sign"]
