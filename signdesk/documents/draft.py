"""The DRAFT / 草稿 mark on a document printed before it is complete.

``mark_draft(pdf) -> pdf`` lays a mark over every page of a finished PDF,
so every document (whoever drew it) is marked the same way and no renderer
needs to know about drafts. The mark is outlined red text across the page
plus a filled line saying why: the content underneath stays readable, and
no transparency is used (a print-shop PDF/X-1a file must not have any).
"""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import Color

from signdesk.documents.fonts import BOLD, register_fonts
from signdesk.i18n import EN, N_, ZH, translate

STAMP_NAME = "/SignDeskDraft"
DRAFT_RED = Color(0.80, 0.10, 0.10)
#: The words across the page, and the line under them (each in both languages).
DRAFT_WORDS = N_("DRAFT")
DRAFT_REASON = N_("Not complete: questions are unanswered. Do not put up or hand out.")


def draft_words() -> str:
    """"草稿 DRAFT": what a reader (or a test) finds on a draft page."""
    return f"{translate(ZH, DRAFT_WORDS)} {translate(EN, DRAFT_WORDS)}"


def _stamp(width: float, height: float) -> bytes:
    """One page of ``width`` × ``height`` points holding only the mark."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=BOLD)
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    words = draft_words()
    size = diagonal * 0.78 / max(stringWidth(words, BOLD, 1), 1)
    reasons = [translate(ZH, DRAFT_REASON), translate(EN, DRAFT_REASON)]
    small = min(size * 0.13, diagonal * 0.6 / max(stringWidth(r, BOLD, 1) for r in reasons))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    text = canvas.beginText()
    text.setTextRenderMode(1)  # outline only: what is underneath stays readable
    text.setFont(BOLD, size)
    text.setTextOrigin(-stringWidth(words, BOLD, size) / 2, -size * 0.3)
    text.textOut(words)
    canvas.setStrokeColor(DRAFT_RED)
    canvas.setLineWidth(max(0.8, size / 40))
    canvas.drawText(text)
    canvas.setFillColor(DRAFT_RED)
    canvas.setFont(BOLD, small)
    for i, reason in enumerate(reasons):
        canvas.drawCentredString(0, -size * 0.62 - small * 1.35 * i, reason)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def mark_draft(pdf: bytes) -> bytes:
    """``pdf`` with the DRAFT mark over each page's trim area (deterministic bytes)."""
    import pikepdf

    out = io.BytesIO()
    stamps: dict[tuple[float, float], pikepdf.Object] = {}
    sources: list[pikepdf.Pdf] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            box = pikepdf.Rectangle(page.trimbox)
            key = (round(box.width, 2), round(box.height, 2))
            if key not in stamps:
                sources.append(pikepdf.open(io.BytesIO(_stamp(*key))))
                stamps[key] = document.copy_foreign(sources[-1].pages[0].as_form_xobject())
            # A fixed resource name (add_overlay picks a random one): same input, same bytes.
            page.add_resource(stamps[key], pikepdf.Name.XObject, pikepdf.Name(STAMP_NAME))
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(f"Q q 1 0 0 1 {box.llx:.4f} {box.lly:.4f} cm {STAMP_NAME} Do Q\n".encode())
        document.save(out, deterministic_id=True, compress_streams=True)
    for source in sources:
        source.close()
    return out.getvalue()
