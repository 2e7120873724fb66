"""Plain A4 document pages for the PIA report and the filing summary.

Office paper, no bleed or crop marks: these are read and filed, not cut.
Text flows top to bottom; a block that does not fit moves to a new page.
Every text is a :class:`Bilingual` printed in the chosen languages (Chinese
first), so one layout serves a bilingual or a single-language report.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from signdesk.documents.fonts import BOLD, REGULAR, ensure_printable
from signdesk.documents.printmarks import (
    AMBER_TINT,
    DEEP_NAVY,
    TEXT_BLACK,
    new_canvas,
    office_geometry,
    sheet,
    start_print_page,
)
from signdesk.documents.pdftext import draw_text
from signdesk.documents.textfit import EM_ASCENT, wrap_lines
from signdesk.i18n import EN, N_, ZH, Bilingual, dated  # noqa: F401 - dated: for the documents drawn here

#: What an unanswered item prints instead of invented text.
GAP_MSGID = N_("[NOT ANSWERED]")
#: What a glyph problem in text with no field of its own is called.
TEXT_FIELD = N_("text of the document")
GAP_RED = CMYKColor(0.0, 0.9, 0.85, 0.1)
GREY = CMYKColor(0.0, 0.0, 0.0, 0.6)

_MARGIN = 18 * mm
_LABEL_WIDTH = 58 * mm
_COLUMN_GAP = 4 * mm
_BODY = 9.5
_LEADING = 1.35
#: A paragraph of at most this many lines (all languages) is never split between pages.
_KEEP_LINES = 8


#: Both languages of a msgid (one name in this module's many calls).
bilingual = Bilingual.of


@dataclass(frozen=True)
class _Lines:
    """Wrapped lines of one cell, with the style they are drawn in."""

    lines: tuple[str, ...]
    font: str
    size: float
    color: CMYKColor

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * _LEADING


class ReportPages:
    """A flowing A4 document. Call the block methods in order, then ``finish()``."""

    def __init__(self, title: Bilingual, author: str, languages: Sequence[str] = (ZH, EN), *,
                 date: dt.date) -> None:
        self.languages = tuple(languages) or (ZH, EN)
        self._buffer = io.BytesIO()
        self._title = title
        self._canvas = new_canvas(self._buffer, self._joined(title, " / "), author or "SignDesk",
                                  date=date)
        self._geometry = office_geometry(sheet("A4"))
        self._width = self._geometry.sheet.width_pt - 2 * _MARGIN
        self._page = 0
        self._y = 0.0
        self._new_page()

    # -------------------------------------------------------------- helpers
    def _joined(self, text: Bilingual, sep: str = "\n") -> str:
        parts = [text.get(loc) for loc in self.languages]
        return sep.join(dict.fromkeys(p for p in parts if p))  # same text twice only once

    def _wrap(self, text: str, font: str, size: float, width: float, color: CMYKColor) -> _Lines:
        return _Lines(tuple(wrap_lines(text, font, size, width)), font, size, color)

    def _new_page(self) -> None:
        if self._page:
            self._canvas.showPage()
        self._page += 1
        start_print_page(self._canvas, self._geometry)
        c = self._canvas
        c.setFillColor(GREY)
        draw_text(c, _MARGIN, 10 * mm, self._joined(self._title, " / "), REGULAR, 7.5)
        number = str(self._page)
        draw_text(c, self._geometry.sheet.width_pt - _MARGIN - pdfmetrics.stringWidth(number, REGULAR, 7.5),
                  10 * mm, number, REGULAR, 7.5)
        self._y = self._geometry.sheet.height_pt - _MARGIN

    def _room_for(self, height: float) -> None:
        if self._y - height < self._bottom():
            self._new_page()

    def _draw(self, cell: _Lines, x: float, top: float) -> None:
        c = self._canvas
        c.setFillColor(cell.color)
        baseline = top - EM_ASCENT * cell.size
        for line in cell.lines:
            draw_text(c, x, baseline, line, cell.font, cell.size)
            baseline -= cell.size * _LEADING

    def _printable(self, text: str, field: Bilingual | None) -> str:
        """``text``, or :class:`MissingGlyphError` naming ``field``: a report never shows tofu boxes."""
        ensure_printable(field or Bilingual.of(TEXT_FIELD), text)
        return text

    # --------------------------------------------------------------- blocks
    def title(self, text: Bilingual, subtitle: Bilingual | None = None, *, field: Bilingual | None = None) -> None:
        """The document title, large, at the top of the first page."""
        cell = self._wrap(self._printable(self._joined(text), field), BOLD, 16, self._width, DEEP_NAVY)
        self._draw(cell, _MARGIN, self._y)
        self._y -= cell.height + 2 * mm
        if subtitle:
            self.paragraph(subtitle, color=GREY, field=field)
        self._y -= 3 * mm

    def heading(self, text: Bilingual, *, field: Bilingual | None = None, keep: float = 0.0) -> None:
        """A section heading; never left alone at the foot of a page.

        ``keep`` is the height of what must stay on the heading's page (its
        legal-basis line and first row: see :meth:`paragraph_height` and
        :meth:`row_height`). ``field`` names the owner's answer inside it (a
        scenario name) in the message about characters the font lacks.
        """
        cell = self._wrap(self._printable(self._joined(text, " / "), field), BOLD, 11.5, self._width, DEEP_NAVY)
        own = cell.height + 6.5 * mm
        self._room_for(min(own + max(keep, 5.5 * mm), self._usable_height()))
        self._y -= 3 * mm
        self._draw(cell, _MARGIN, self._y)
        self._y -= cell.height + 1 * mm
        c = self._canvas
        c.setStrokeColor(DEEP_NAVY)
        c.setLineWidth(0.6)
        c.line(_MARGIN, self._y, _MARGIN + self._width, self._y)
        self._y -= 2.5 * mm

    def paragraph(self, text: Bilingual, *, bold: bool = False, color: CMYKColor = TEXT_BLACK,
                  field: Bilingual | None = None, keep: float = 0.0) -> None:
        """Running text, split across pages line by line if long.

        A short text (eight lines or fewer in all its languages) is never
        split: the English stays on the page of its Chinese, and ``keep``
        more (the next row, for a group title) stays on its page too.
        """
        cells = self._paragraph_cells(text, bold, color, field)
        if sum(len(c.lines) for c in cells) <= _KEEP_LINES:
            self._room_for(min(sum(c.height for c in cells) + keep, self._usable_height()))
        for cell in cells:
            for line in cell.lines:
                one = _Lines((line,), cell.font, cell.size, cell.color)
                self._room_for(one.height)
                self._draw(one, _MARGIN, self._y)
                self._y -= one.height
        self._y -= 1.5 * mm

    def _paragraph_cells(self, text: Bilingual, bold: bool, color: CMYKColor,
                         field: Bilingual | None) -> list[_Lines]:
        return [self._wrap(self._printable(one, field), BOLD if bold else REGULAR, _BODY, self._width, color)
                for one in dict.fromkeys(text.get(loc) for loc in self.languages)]  # same text once

    def paragraph_height(self, text: Bilingual, *, bold: bool = False) -> float:
        """How tall :meth:`paragraph` draws ``text`` (when it is not split)."""
        return sum(c.height for c in self._paragraph_cells(text, bold, TEXT_BLACK, None)) + 1.5 * mm

    def _row_cells(self, label: Bilingual, value: Bilingual | None,
                   field: Bilingual | None) -> tuple[_Lines, _Lines]:
        value_width = self._width - _LABEL_WIDTH - _COLUMN_GAP
        label_cell = self._wrap(self._printable(self._joined(label), field or label), BOLD, 8.5, _LABEL_WIDTH,
                                TEXT_BLACK)
        if value is None:
            value_cell = self._wrap(self._joined(Bilingual.of(GAP_MSGID), "  "), BOLD, _BODY, value_width, GAP_RED)
        else:
            text = self._printable(self._joined(value), field or label)
            value_cell = self._wrap(text, REGULAR, _BODY, value_width, TEXT_BLACK)
        return label_cell, value_cell

    def row_height(self, label: Bilingual, value: Bilingual | None) -> float:
        """How tall :meth:`row` draws this row (when it is not split)."""
        label_cell, value_cell = self._row_cells(label, value, None)
        return max(label_cell.height, value_cell.height) + 2 * mm

    def row(self, label: Bilingual, value: Bilingual | None, *, field: Bilingual | None = None) -> None:
        """A label and its value side by side; ``None`` prints the gap marker.

        Owner-typed values (and labels that carry a scenario name) are
        checked for characters the font lacks, so a report never shows tofu
        boxes. A row taller than what is left of the page continues on the
        next one, never over the footer.
        """
        label_cell, value_cell = self._row_cells(label, value, field)
        height = max(label_cell.height, value_cell.height) + 2 * mm
        if height <= self._usable_height():
            self._room_for(height)  # a row that fits a page is never split
        else:
            self._room_for(max(label_cell.size, value_cell.size) * _LEADING * 3 + 2 * mm)
        while True:
            label_part, label_cell = self._take(label_cell)
            value_part, value_cell = self._take(value_cell)
            part_height = max(label_part.height, value_part.height) + 2 * mm
            if value is None:
                c = self._canvas
                c.setFillColor(AMBER_TINT)
                c.rect(_MARGIN - 1 * mm, self._y - part_height + 1 * mm, self._width + 2 * mm, part_height,
                       stroke=0, fill=1)
            self._draw(label_part, _MARGIN, self._y)
            self._draw(value_part, _MARGIN + _LABEL_WIDTH + _COLUMN_GAP, self._y)
            self._y -= part_height
            if not label_cell.lines and not value_cell.lines:
                break
            self._new_page()
        c = self._canvas
        c.setStrokeColor(AMBER_TINT)
        c.setLineWidth(0.4)
        c.line(_MARGIN, self._y + 1 * mm, _MARGIN + self._width, self._y + 1 * mm)

    def _bottom(self) -> float:
        return _MARGIN + 6 * mm

    def _usable_height(self) -> float:
        return self._geometry.sheet.height_pt - _MARGIN - self._bottom()

    def _take(self, cell: _Lines) -> tuple[_Lines, _Lines]:
        """(the lines of ``cell`` that fit above the footer, the rest)."""
        line_height = cell.size * _LEADING
        room = max(1, int((self._y - self._bottom() - 2 * mm) // line_height))
        return (_Lines(cell.lines[:room], cell.font, cell.size, cell.color),
                _Lines(cell.lines[room:], cell.font, cell.size, cell.color))

    def space(self, height_mm: float = 3) -> None:
        self._y -= height_mm * mm

    def finish(self) -> bytes:
        """The finished PDF (byte-identical for identical calls)."""
        self._canvas.showPage()
        self._canvas.save()
        return self._buffer.getvalue()
