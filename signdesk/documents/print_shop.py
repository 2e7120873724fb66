"""The one-page instruction sheet that goes with signs sent to a print shop.

In Chinese, for the people at the shop: the finished (trim) size of each
file, the 3 mm bleed, print at 100 % (never "fit to page": the type and QR
sizes are chosen for reading distance), the colour set-up of the PDF/X
files, and paper and lamination that suit a sign read at a counter or a gate.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from signdesk.documents.flow import Flow, draw_flow
from signdesk.documents.fonts import BOLD
from signdesk.documents.pdfx import OUTPUT_CONDITION, OUTPUT_CONDITION_NAME, PDFX_VERSION
from signdesk.documents.printmarks import BLEED, DEEP_NAVY, Sheet, new_canvas, print_geometry
from signdesk.i18n import N_, ZH, format_date, translate

INSTRUCTIONS_NAME = "print-shop-instructions.pdf"
_MM = 72 / 25.4


@dataclass(frozen=True)
class PrintJob:
    """One file for the print shop and the sheet it is cut to."""

    file_name: str
    sheet: Sheet


def _mm(points: float) -> str:
    return f"{points / _MM:.0f}" if abs(points / _MM - round(points / _MM)) < 0.05 else f"{points / _MM:.1f}"


def render_print_instructions(jobs: Sequence[PrintJob], operator: str, optout_url: str, today: dt.date) -> bytes:
    """The instruction sheet (one A4 page, Chinese) for ``jobs``."""
    t = lambda msgid, **kw: translate(ZH, msgid, **kw)  # noqa: E731 - the sheet is for a Chinese print shop
    flow = Flow(12.0)
    flow.paragraph(t(N_("Print instructions for the print shop")), font=BOLD, size=20, color=DEEP_NAVY)
    flow.space(6)
    flow.paragraph(t(N_("Customer: {operator}. Prepared with SignDesk on {date}."), operator=operator,
                     date=format_date(today, ZH)))
    flow.space(8)
    flow.paragraph(t(N_("Files and finished sizes")), font=BOLD, size=13, color=DEEP_NAVY)
    for job in jobs:
        g = print_geometry(job.sheet)
        w, h = job.sheet.width_pt, job.sheet.height_pt
        pw, ph = g.media_size
        flow.space(5)
        flow.paragraph(t(N_("{file}: finished size {width} × {height} mm; the file page is {page_width} × "
                            "{page_height} mm with the bleed and crop marks around it."),
                         file=job.file_name, width=_mm(w), height=_mm(h), page_width=_mm(pw),
                         page_height=_mm(ph)))
    flow.space(8)
    flow.paragraph(t(N_("How to print")), font=BOLD, size=13, color=DEEP_NAVY)
    for msgid, kw in (
        (N_("Finished size: cut at the crop marks to the size listed for each file."), {}),
        (N_("Bleed: {bleed} mm on every side is already in the file; it is cut off."), {"bleed": _mm(BLEED)}),
        (N_("Do not scale: print at 100 % (actual size), never \"fit to page\". The sizes of the text and of "
            "the QR code are chosen for the distance the sign is read from."), {}),
        (N_("Colour: the files are {standard}, CMYK only, output condition {condition} ({identifier}); "
            "no spot colours."), {"standard": PDFX_VERSION, "condition": OUTPUT_CONDITION_NAME,
                                   "identifier": OUTPUT_CONDITION}),
        (N_("Paper: matte coated paper of 157–250 g/m² for an indoor wall; PP synthetic paper or "
            "self-adhesive vinyl where the sign may get wet."), {}),
        (N_("Lamination: matte film, so that lights do not glare on the QR code; no gloss film."), {}),
        (N_("After printing, scan the QR code with a phone: it must open {url}."), {"url": optout_url}),
    ):
        flow.space(4)
        flow.paragraph("· " + t(msgid, **kw))
    buf = io.BytesIO()
    canvas = new_canvas(buf, t(N_("Print instructions for the print shop")), operator or "SignDesk", date=today)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()


__all__ = ["INSTRUCTIONS_NAME", "PrintJob", "render_print_instructions"]
