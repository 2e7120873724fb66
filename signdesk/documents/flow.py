"""Text that flows down A4 pages: consent forms and the compliance report.

Unlike a sign, a form keeps one comfortable size and runs onto another page
when it must. A paragraph may split between pages at a line; a tick box
item, a signature line or a heading never does. Layout is computed first
(pages of placed items) and drawn afterwards, so a caller can count pages
and retry at a smaller size before anything is written.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.printmarks import (
    DEEP_NAVY,
    TEXT_BLACK,
    PrintGeometry,
    office_geometry,
    sheet,
    start_print_page,
)
from signdesk.documents.qr import draw_qr
from signdesk.documents.textfit import TextLayout, draw_layout, layout_lines
from signdesk.i18n import EN, N_, ZH, Bilingual, translate

#: English in a slightly lighter black, so the eye finds the Chinese first.
SECOND_LANGUAGE = CMYKColor(0.0, 0.0, 0.0, 0.78)
RULE_GREY = CMYKColor(0.0, 0.0, 0.0, 0.35)
LEADING = 1.3
#: Size of the running footer; it holds two lines (Chinese, English).
FOOTER_SIZE = 7.0


@dataclass(frozen=True)
class RunningFooter:
    """What a loose page says about itself at its foot: the document's name,
    its version (a consent form's, so a signed page 2 can be matched to its
    page 1) and "page n of m"."""

    title: Bilingual
    version: str = ""

    def text(self, page: int, pages: int, serial: str | None = None) -> Bilingual:
        """The footer of page ``page`` (1-based) of ``pages``, in both languages
        (a numbered form's ``serial`` too, so each loose page names its form)."""
        def one(loc: str) -> str:
            if self.version and serial:
                return translate(loc, N_("{title} · version {version} · No. {serial} · page {page} of {pages}"),
                                 title=self.title.get(loc), version=self.version, serial=serial, page=page,
                                 pages=pages)
            if self.version:
                return translate(loc, N_("{title} · version {version} · page {page} of {pages}"),
                                 title=self.title.get(loc), version=self.version, page=page, pages=pages)
            return translate(loc, N_("{title} · page {page} of {pages}"),
                             title=self.title.get(loc), page=page, pages=pages)
        return Bilingual(one(ZH), one(EN))


@functools.lru_cache(maxsize=4096)
def layout_text(text: str, font: str, size: float, width: float, leading: float = LEADING,
                first_indent: float = 0.0) -> TextLayout:
    """``text`` broken into lines for ``width`` at ``size`` (no shrinking);
    ``first_indent`` narrows the first line (see :func:`~signdesk.documents.textfit.layout_lines`).

    Remembered: a preview after an edit, the same sign on another sheet and
    the next site of a chain lay out mostly the same paragraphs again.
    """
    return layout_lines(text, font, size, width, leading, first_indent=first_indent)


@dataclass(frozen=True)
class PlacedText:
    """A laid-out paragraph and where its top-left corner is."""

    layout: TextLayout
    x: float
    top: float
    color: Color
    align: str = "left"

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the lines' em boxes."""
        widest = max(self.layout.line_widths or (0.0,))
        if self.align == "justify" and len(self.layout.lines) > 1:
            widest = max(widest, self.layout.width)
        if self.align == "center":
            x0 = self.x + (self.layout.width - widest) / 2
        elif self.align == "right":
            x0 = self.x + self.layout.width - widest
        else:
            x0 = self.x
        return (x0, self.top - self.layout.height, x0 + widest, self.top)


@dataclass(frozen=True)
class NumberSlot:
    """Where a numbered form prints its own serial: the text's top-left
    corner and size, and the square of the small code beside it (quiet
    zone included). The layout leaves the room; each copy fills it in."""

    x: float
    top: float
    size: float
    code_x: float
    code_y: float
    code_size: float


@dataclass(frozen=True)
class FormNumber:
    """What one numbered copy prints in its slot: the serial, and what its code holds."""

    serial: str
    code: str


@dataclass
class FlowPage:
    """What one page shows, in trim coordinates."""

    texts: list[PlacedText] = field(default_factory=list)
    #: Empty tick boxes (x, y, size); a form never prints a ticked one.
    tick_boxes: list[tuple[float, float, float]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    qr: tuple[str, float, float, float] | None = None
    #: A numbered form's serial goes here (see :class:`NumberSlot`).
    number: NumberSlot | None = None


class Flow:
    """Places blocks top-down on A4 pages inside the safe area."""

    def __init__(self, size: float, geometry: PrintGeometry | None = None,
                 footer: RunningFooter | None = None, leading: float = LEADING,
                 measure: float | None = None) -> None:
        """``measure``: the width of the text column, centred in the safe area
        (default: the whole safe width); ``leading``: line spacing in ems."""
        self.geometry = geometry or office_geometry(sheet("A4"))
        self.s = size
        self.footer = footer
        self.leading = leading
        x0, y0, x1, y1 = self.geometry.safe_rect
        if measure is not None and measure < x1 - x0:
            x0, x1 = (x0 + x1 - measure) / 2, (x0 + x1 + measure) / 2
        self.left, self.right, self.top, self.bottom = x0, x1, y1, y0
        self.footer_top = y0 + FOOTER_SIZE * (1 + LEADING)
        if footer:
            self.bottom = self.footer_top + size  # the footer's two lines and a gap
        self.width = x1 - x0
        self.pages: list[FlowPage] = [FlowPage()]
        self.y = self.top

    @property
    def page(self) -> FlowPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(FlowPage())
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits under the cursor."""
        if self.y - height < self.bottom - 1e-6 and self.y < self.top:
            self.new_page()

    def space(self, gap: float) -> None:
        self.y -= gap

    def paragraph(self, text: str, *, font: str = REGULAR, size: float | None = None,
                  color: Color = TEXT_BLACK, indent: float = 0.0, width: float | None = None,
                  keep: bool = False, align: str = "left") -> None:
        """A paragraph; it may split between pages at a line unless ``keep``.

        A justified paragraph split between pages keeps the last line on the
        first page justified: only the paragraph's own last line is not.
        """
        size = size or self.s
        layout = layout_text(text, font, size, width or (self.width - indent), self.leading)
        x = self.left + indent
        if keep or len(layout.lines) <= 2:
            self.ensure(layout.height)
        lines = list(zip(layout.lines, layout.line_widths, layout.paragraph_ends))
        while lines:
            room = int((self.y - self.bottom - size) / layout.leading) + 1 if self.y - size >= self.bottom else 0
            if room <= 0:
                self.new_page()
                continue
            chunk, lines = lines[:room], lines[room:]
            part = TextLayout(tuple(c[0] for c in chunk), font, size, layout.leading, layout.width,
                              tuple(c[1] for c in chunk), tuple(c[2] for c in chunk))
            self.page.texts.append(PlacedText(part, x, self.y, color, align))
            self.y -= part.height
            if lines:
                self.new_page()

    def bilingual(self, text: Bilingual, *, font: str = REGULAR, size: float | None = None,
                  indent: float = 0.0, gap: float | None = None) -> None:
        """Chinese, then English in the second-language colour.

        The Chinese is justified (clreq), the English ragged right. A short
        pair stays on one page: a reader should not turn the page to find the
        English of the last Chinese sentence.
        """
        gap = self.s * 0.15 if gap is None else gap
        width = self.width - indent
        pair = [layout_text(t, font, size or self.s, width, self.leading) for t in (text.zh, text.en)]
        if sum(len(p.lines) for p in pair) <= 8:
            self.ensure(pair[0].height + gap + pair[1].height)
        self.paragraph(text.zh, font=font, size=size, indent=indent, align="justify")
        self.space(gap)
        self.paragraph(text.en, font=font, size=size, indent=indent, color=SECOND_LANGUAGE)

    def heading(self, text: Bilingual, size: float | None = None) -> None:
        """A section heading, kept with at least three lines after it."""
        size = size or self.s * 1.1
        self.ensure(size * 2.2 + self.s * self.leading * 3)
        self.space(self.s * 0.6)
        self.paragraph(f"{text.zh}  {text.en}", font=BOLD, size=size, color=DEEP_NAVY)
        self.space(self.s * 0.3)

    def _tick_layouts(self, text: Bilingual) -> tuple[TextLayout, TextLayout, float]:
        indent = self.s * 2.0  # the box and the gap after it
        zh, en = (layout_text(t, REGULAR, self.s, self.width - indent, self.leading) for t in (text.zh, text.en))
        return zh, en, indent

    def tick_height(self, text: Bilingual) -> float:
        """How much of the page :meth:`tick` takes for ``text``, space before it included."""
        zh, en, _indent = self._tick_layouts(text)
        return self.s * 0.5 + zh.height + self.s * 0.15 + en.height

    def tick(self, text: Bilingual, keep: float = 0.0) -> None:
        """An empty tick box followed by the item in both languages (never split).

        ``keep``: the height of what must share its page (the next item, so
        the last item of a list never stands alone on a page).
        """
        box = self.s * 1.2
        zh, en, indent = self._tick_layouts(text)
        height = zh.height + self.s * 0.15 + en.height
        self.ensure(height + self.s * 0.5 + keep)
        self.space(self.s * 0.5)
        top = self.y
        self.page.tick_boxes.append((self.left, top - box + self.s * 0.05, box))
        self.page.texts.append(PlacedText(zh, self.left + indent, top, TEXT_BLACK, "justify"))
        self.page.texts.append(PlacedText(en, self.left + indent, top - zh.height - self.s * 0.15,
                                          SECOND_LANGUAGE))
        self.y = top - height

    def fill_line(self, label: Bilingual, value: str = "") -> None:
        """"Label: ________" for handwriting (or a printed value)."""
        text = f"{label.zh}  {label.en}"
        lab = layout_text(text, REGULAR, self.s, self.width * 0.45)
        row = max(lab.height, self.s * 2.0)
        self.ensure(row + self.s)
        self.space(self.s)
        top = self.y
        self.page.texts.append(PlacedText(lab, self.left, top, TEXT_BLACK))
        x0 = self.left + self.width * 0.47
        base = top - row + self.s * 0.2
        if value:
            val = layout_text(value, REGULAR, self.s, self.right - x0)
            self.page.texts.append(PlacedText(val, x0, top, TEXT_BLACK))
            self.y = top - max(row, val.height)
        else:
            self.page.lines.append((x0, base, self.right, base))
            self.y = top - row

    def rule(self) -> None:
        self.space(self.s * 0.5)
        self.page.lines.append((self.left, self.y, self.right, self.y))
        self.space(self.s * 0.5)


def draw_flow(canvas: Canvas, flow: Flow, number: FormNumber | None = None) -> None:
    """Draw every page of ``flow``, with its running footer; the caller saves the canvas.

    ``number``: the serial of this copy of a numbered form, printed (as
    text and as a small code) in the slot its layout left for it.
    """
    for index, page in enumerate(flow.pages, start=1):
        start_print_page(canvas, flow.geometry)
        if flow.footer:
            foot = flow.footer.text(index, len(flow.pages), number.serial if number else None)
            canvas.setFillColor(SECOND_LANGUAGE)
            for i, line in enumerate((foot.zh, foot.en)):
                draw_layout(canvas, layout_text(line, REGULAR, FOOTER_SIZE, flow.width), flow.left,
                            flow.footer_top - i * FOOTER_SIZE * LEADING)
        if page.qr:
            data, x, y, size = page.qr
            draw_qr(canvas, data, x, y, size)
        canvas.saveState()
        canvas.setStrokeColor(TEXT_BLACK)
        canvas.setLineWidth(0.8)
        for x, y, size in page.tick_boxes:
            canvas.rect(x, y, size, size, stroke=1, fill=0)
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        if page.lines:
            canvas.lines(page.lines)
        canvas.restoreState()
        draw_placed(canvas, page.texts)
        if page.number and number:
            slot = page.number
            draw_qr(canvas, number.code, slot.code_x, slot.code_y, slot.code_size)
            canvas.setFillColor(TEXT_BLACK)
            draw_layout(canvas, layout_text(number.serial, BOLD, slot.size, slot.code_x - slot.x), slot.x, slot.top)
        canvas.showPage()


def draw_placed(canvas: Canvas, texts: Iterable[PlacedText]) -> None:
    """Draw laid-out paragraphs in their colours (each colour set once per run)."""
    color = None
    for placed in texts:
        if placed.color != color:
            color = placed.color
            canvas.setFillColor(color)
        draw_layout(canvas, placed.layout, placed.x, placed.top, placed.align)  # type: ignore[arg-type]
