"""Sheets, bleed, crop marks, print colours and the canvas every document starts from.

A print shop trims our sheets from larger paper: the page we write is the
trimmed sheet plus 3 mm of bleed (backgrounds run into it so no white edge
shows after a slightly-off cut) plus a slug holding the crop marks. The
TrimBox and BleedBox page entries tell the shop's software where each is.
For an office printer there is :func:`office_geometry`: page = sheet, no marks.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from typing import BinaryIO

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A3, A4, A5, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.fonts import REGULAR, register_fonts
from signdesk.documents.pdftext import compress_streams

# --- colours -----------------------------------------------------------------
# All CMYK: the sheets go to print shops, and an RGB amber converted by an
# unknown RIP can come out brown.
WARNING_AMBER = CMYKColor(0.0, 0.30, 1.0, 0.0)
#: A light amber for panels behind text.
AMBER_TINT = CMYKColor(0.0, 0.06, 0.25, 0.0)
DEEP_NAVY = CMYKColor(1.0, 0.80, 0.25, 0.40)
WHITE = CMYKColor(0.0, 0.0, 0.0, 0.0)
#: Plain 100 % K: crisp text and QR modules without misregistration fringes.
TEXT_BLACK = CMYKColor(0.0, 0.0, 0.0, 1.0)
QR_DARK = TEXT_BLACK
#: All four inks, so crop marks appear on every printing plate.
REGISTRATION = CMYKColor(1.0, 1.0, 1.0, 1.0)

BLEED = 3 * mm
#: What an office printer cannot print at the paper's edge; nothing we draw on
#: an office sheet comes closer to the edge than this.
OFFICE_UNPRINTABLE = 5 * mm
SLUG = 9 * mm
CROP_MARK_WIDTH = 0.25
# Marks start this far outside the bleed so a 0.25 pt line never prints
# into it, and stop short of the paper edge.
CROP_MARK_GAP = 2 * mm
CROP_MARK_LENGTH = 6 * mm


@dataclass(frozen=True)
class Sheet:
    """A trimmed sheet of paper; the name is the same in both orientations."""

    name: str
    width_pt: float
    height_pt: float

    def landscape(self) -> "Sheet":
        """This sheet turned so that its long side is horizontal."""
        w, h = sorted((self.width_pt, self.height_pt))
        return replace(self, width_pt=h, height_pt=w)

    def portrait(self) -> "Sheet":
        """This sheet turned so that its long side is vertical."""
        w, h = sorted((self.width_pt, self.height_pt))
        return replace(self, width_pt=w, height_pt=h)


SHEETS: dict[str, Sheet] = {
    "A5": Sheet("A5", *A5),
    "A4": Sheet("A4", *A4),
    "A3": Sheet("A3", *A3),
    "LETTER": Sheet("LETTER", *LETTER),
}

# Safe margin: text and the QR stay this far inside the trim, so a cut up to
# a few mm off never touches them. Bigger sheets get a bit more for balance.
_SAFE_MARGIN = {"A5": 8 * mm, "A4": 10 * mm, "LETTER": 10 * mm, "A3": 12 * mm}


def sheet(name: str, landscape: bool = False) -> Sheet:
    """The sheet called ``name`` ("A5", "A4", "A3", "LETTER"), portrait unless asked."""
    try:
        base = SHEETS[name.upper()]
    except KeyError:
        raise ValueError(f"unknown sheet {name!r}; known: {', '.join(SHEETS)}") from None
    return base.landscape() if landscape else base


Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


@dataclass(frozen=True)
class PrintGeometry:
    """Where trim, bleed, safe area and marks sit on the PDF page."""

    sheet: Sheet
    bleed: float
    safe_margin: float
    #: Room outside the bleed for crop marks; 0 means no marks.
    slug: float

    @property
    def offset(self) -> float:
        """Distance from the page corner to the trim corner."""
        return self.slug + self.bleed

    @property
    def media_size(self) -> tuple[float, float]:
        return (self.sheet.width_pt + 2 * self.offset, self.sheet.height_pt + 2 * self.offset)

    @property
    def trim_box(self) -> Rect:
        """The finished sheet, in page coordinates."""
        o = self.offset
        return (o, o, o + self.sheet.width_pt, o + self.sheet.height_pt)

    @property
    def bleed_box(self) -> Rect:
        """Trim plus bleed, in page coordinates."""
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)

    @property
    def bleed_rect(self) -> Rect:
        """The bleed area in trim coordinates: fill this with background colours."""
        b = self.bleed
        return (-b, -b, self.sheet.width_pt + b, self.sheet.height_pt + b)

    @property
    def safe_rect(self) -> Rect:
        """Where text and codes may go, in trim coordinates."""
        m = self.safe_margin
        return (m, m, self.sheet.width_pt - m, self.sheet.height_pt - m)


def print_geometry(sheet: Sheet) -> PrintGeometry:
    """Geometry for a print shop: 3 mm bleed, crop marks, the sheet's safe margin."""
    return PrintGeometry(sheet, BLEED, _SAFE_MARGIN[sheet.name], SLUG)


def office_geometry(sheet: Sheet) -> PrintGeometry:
    """Geometry for an office printer: the page is the sheet, no bleed, no marks.

    A page larger than the paper would be shrunk or clipped by the printer.
    """
    return PrintGeometry(sheet, 0.0, _SAFE_MARGIN[sheet.name], 0.0)


class PrintedAt(enum.Enum):
    """Where a sheet is printed, which decides what the PDF page is.

    OFFICE: the page is the paper (A4 on A4), for the owner's own printer,
    File > Print and the preview. PRINT_SHOP: the trimmed sheet plus bleed and
    crop marks, finished as PDF/X (see :mod:`signdesk.documents.pdfx`).
    """

    OFFICE = "office"
    PRINT_SHOP = "print-shop"


def geometry_for(sheet: Sheet, printed_at: PrintedAt) -> PrintGeometry:
    """The page geometry for ``sheet`` printed at ``printed_at``."""
    return print_geometry(sheet) if printed_at is PrintedAt.PRINT_SHOP else office_geometry(sheet)


def background_rect(geometry: PrintGeometry) -> Rect:
    """Where a background colour may go, in trim coordinates (x0, y0, x1, y1).

    For a print shop, into the bleed so no white edge shows after trimming;
    on an office sheet, inside what the printer can reach, so every edge of
    the colour is a straight line we drew rather than where the printer gave up.
    """
    if geometry.bleed > 0:
        return geometry.bleed_rect
    e = OFFICE_UNPRINTABLE
    return (e, e, geometry.sheet.width_pt - e, geometry.sheet.height_pt - e)


def crop_mark_segments(geometry: PrintGeometry) -> list[Rect]:
    """The crop-mark lines (x0, y0, x1, y1) in page coordinates; empty without a slug.

    Two marks per corner, each continuing a trim edge outwards and starting
    outside the bleed so that none of them can show on the trimmed sheet.
    """
    if geometry.slug <= 0:
        return []
    x0, y0, x1, y1 = geometry.trim_box
    near = geometry.bleed + CROP_MARK_GAP
    far = near + min(CROP_MARK_LENGTH, geometry.slug - CROP_MARK_GAP)
    segments: list[Rect] = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            segments.append((x, y + sy * near, x, y + sy * far))  # vertical, beyond top/bottom
            segments.append((x + sx * near, y, x + sx * far, y))  # horizontal, beyond left/right
    return segments


def start_print_page(canvas: Canvas, geometry: PrintGeometry) -> None:
    """Begin a page: size it, record TrimBox/BleedBox (print shop), draw crop marks,
    and move the origin to the trim's lower-left corner.

    Call it at the start of every page (after ``showPage``); callers then
    draw in trim coordinates, with the bleed at negative coordinates.
    """
    canvas.setPageSize(geometry.media_size)
    if geometry.bleed > 0 or geometry.slug > 0:
        # No ArtBox: PDF/X wants a TrimBox or an ArtBox, and the TrimBox is the one that matters.
        canvas.setTrimBox(geometry.trim_box)
        canvas.setBleedBox(geometry.bleed_box)
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(CROP_MARK_WIDTH)
    canvas.setLineCap(0)
    segments = crop_mark_segments(geometry)
    if segments:
        canvas.lines(segments)
    canvas.restoreState()
    canvas.translate(geometry.offset, geometry.offset)
    # Our font from the first text operation on: no stray Helvetica.
    canvas.setFont(REGULAR, 12)


def pdf_date(day: dt.date) -> str:
    """``day`` as a PDF date string: midnight in China (UTC+8), where the document is used."""
    return f"D:{day:%Y%m%d}000000+08'00'"


def new_canvas(buffer: BinaryIO, title: str, author: str, *, date: dt.date, subject: str = "") -> Canvas:
    """A reportlab canvas for SignDesk documents, writing to ``buffer``.

    Invariant mode gives byte-identical PDFs for identical input (no clock
    time or random IDs); CreationDate and ModDate are the document's own
    ``date`` (the day printed on it, ``--today``), not 1 January 2000 nor
    the moment it was rendered. Pages are compressed (by zlib-ng, see
    :func:`~signdesk.documents.pdftext.compress_streams`); the initial font
    is ours, so reportlab never references the non-embedded Helvetica.
    """
    register_fonts()
    canvas = Canvas(
        buffer,
        invariant=1,
        pageCompression=0,
        initialFontName=REGULAR,
        initialFontSize=12,
        lang="zh-CN",
    )
    compress_streams(canvas)
    stamp = pdf_date(date)
    canvas.setDateFormatter(lambda *_ymdhms: stamp)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("SignDesk")
    canvas.setProducer("SignDesk")
    return canvas
