"""QR codes for the opt-out link, drawn as vectors so they print sharp at any size."""

from __future__ import annotations

import functools

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

from signdesk.documents.fonts import DocumentInputError
from signdesk.documents.printmarks import QR_DARK, WHITE, Sheet
# MAX_URL_LENGTH is imported for callers that read it here; the rule owns it.
from signdesk.questions.urls import MAX_URL_LENGTH, OptOutUrlError, check_optout_url  # noqa: F401

# Level M (15 % recoverable) rather than Q (25 %): at a fixed printed size a
# higher level means a higher QR version, so smaller modules, and module size
# is what decides whether a phone reads the code from a step away. Our signs
# are indoor prints, replaced when damaged, so M's margin for a smudge or a
# glare spot is enough and we spend the rest on bigger modules.
ERROR_CORRECTION = ERROR_CORRECT_M

#: Quiet zone the QR spec requires around the symbol, in modules.
QUIET_ZONE_MODULES = 4

# Smallest outer size (symbol + quiet zone) per sheet, in mm. Rule of thumb:
# a phone reads a code from about 10x its width. We assume the distance a
# reader stands from each sheet when it is posted where SignDesk tells the
# owner to post it:
#   A5  counter / door sign, read from ~30 cm   -> 30 mm
#   A4  wall sign at a capture point, ~40 cm    -> 40 mm
#   LETTER same use as A4                       -> 40 mm
#   A3  poster at an entrance, ~60 cm           -> 60 mm
# The numbers include the quiet zone; for a typical opt-out URL (QR version
# 3-5) the symbol itself is then ~4/5 of that, which still meets 10:1 at the
# closer end of each range.
_MIN_SIZE_MM = {"A5": 30.0, "A4": 40.0, "LETTER": 40.0, "A3": 60.0}

# Below ~0.4 mm per module cheap office printers smear modules together and
# phone cameras lose focus; long URLs need a bigger code, not a denser one.
MIN_MODULE_MM = 0.4


class InvalidOptOutUrlError(DocumentInputError):
    """The opt-out link the owner typed cannot go on a sign."""


# Cached: a pack prints the same opt-out URL on every sign and form, and
# choosing the mask pattern is the slow part of making a code.
@functools.lru_cache(maxsize=32)
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix for ``data`` (True = dark), without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=0, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def min_qr_size_mm(sheet: Sheet | str) -> float:
    """Smallest printed size (mm, quiet zone included) for a QR on ``sheet``.

    Orientation does not matter; the reader stands as far from an A4
    landscape sign as from a portrait one.
    """
    name = sheet.name if isinstance(sheet, Sheet) else sheet
    try:
        return _MIN_SIZE_MM[name.upper()]
    except KeyError:
        raise ValueError(f"no QR size rule for sheet {name!r}") from None


def required_qr_size_mm(sheet: Sheet | str, data: str) -> float:
    """Printed size (mm, quiet zone included) for ``data`` on ``sheet``.

    The sheet minimum, or more when the data needs so many modules that
    each would be smaller than :data:`MIN_MODULE_MM`.
    """
    modules = len(qr_modules(data)) + 2 * QUIET_ZONE_MODULES
    return max(min_qr_size_mm(sheet), modules * MIN_MODULE_MM)


@functools.lru_cache(maxsize=32)
def _run_rects(data: str) -> str:
    """PDF operators filling one rectangle per horizontal run of dark modules.

    Coordinates are in modules with the origin at the symbol's top-left
    corner (rows go down, so y is negative). Nonzero winding: runs never
    overlap, so the fill is simply their union.
    """
    ops = []
    for r, row in enumerate(qr_modules(data)):
        c, count = 0, len(row)
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            ops.append(f"{start} {-(r + 1)} {c - start} 1 re")
    ops.append("f")
    return "\n".join(ops)


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw a QR code for ``data`` in the square at (``x``, ``y``), ``size`` pt wide.

    ``size`` includes the 4-module quiet zone, which is painted white so the
    code reads on any background. Dark modules are drawn as one filled path
    with a rectangle per horizontal run, which keeps the PDF small and lets
    a rasteriser fill adjacent rows without hairline seams.
    """
    matrix = qr_modules(data)
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE_MODULES)
    origin_x = x + QUIET_ZONE_MODULES * module
    top = y + size - QUIET_ZONE_MODULES * module

    canvas.saveState()
    canvas.setFillColor(WHITE)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(QR_DARK)
    # The runs are drawn in module units under a scale transform, from one
    # operator string cached per code: a pack draws the same code on every
    # sheet, and formatting hundreds of float coordinates was the main cost.
    canvas.translate(origin_x, top)
    canvas.scale(module, module)
    canvas.addLiteral(_run_rects(data))
    canvas.restoreState()


def validate_optout_url(url: str) -> str:
    """Check the owner's opt-out link and return it ready to encode.

    The rule and its messages live in :func:`signdesk.questions.urls.check_optout_url`,
    the same check the questionnaire applies to the typed answer; here a
    refusal is reported as :class:`InvalidOptOutUrlError`, a document input
    error, so a sign, a form or a batch row says exactly what the
    questionnaire would have said.
    """
    try:
        return check_optout_url(url)
    except OptOutUrlError as err:
        raise InvalidOptOutUrlError(err.msgid, **err.params) from None
