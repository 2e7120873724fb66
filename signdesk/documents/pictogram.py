"""The "face recognition in use" pictogram: a face inside a camera's focus brackets."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

# Proportions of the unit square, chosen so the mark still reads at 3 cm:
# strokes ~7 % of the size (2 mm at 3 cm) and no detail finer than that.
_STROKE = 0.07
_BRACKET_ARM = 0.26
_FACE_W = 0.47
_FACE_H = 0.58
_EYE_R = 0.042


def draw_face_pictogram(canvas: Canvas, x: float, y: float, size: float, color: Color) -> None:
    """Draw the pictogram in the square with lower-left (``x``, ``y``), ``size`` pt wide.

    Four corner brackets (a camera's focus frame) around an oval face with
    eyes and a smile, all in ``color`` with rounded strokes.
    """
    s = size
    w = _STROKE * s
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    canvas.setLineWidth(w)
    canvas.setLineCap(1)   # round ends: friendlier, and no sharp corners at small sizes
    canvas.setLineJoin(1)

    # Corner brackets, inset by half a stroke so the ink stays in the square.
    lo, hi, arm = x + w / 2, x + s - w / 2, _BRACKET_ARM * s
    bottom, top = y + w / 2, y + s - w / 2
    brackets = canvas.beginPath()
    for cx, dx in ((lo, 1), (hi, -1)):
        for cy, dy in ((bottom, 1), (top, -1)):
            brackets.moveTo(cx, cy + dy * arm)
            brackets.lineTo(cx, cy)
            brackets.lineTo(cx + dx * arm, cy)
    canvas.drawPath(brackets, stroke=1, fill=0)

    # Face: an oval slightly taller than wide, centred, a little above middle
    # to leave room for the chin inside the frame.
    cx, cy = x + s / 2, y + s * 0.5
    fw, fh = _FACE_W * s, _FACE_H * s
    canvas.ellipse(cx - fw / 2, cy - fh / 2, cx + fw / 2, cy + fh / 2, stroke=1, fill=0)

    # Eyes: filled dots; a smile: an arc across the lower third of the face.
    eye_y = cy + 0.06 * s
    for ex in (cx - 0.085 * s, cx + 0.085 * s):
        canvas.circle(ex, eye_y, _EYE_R * s, stroke=0, fill=1)
    smile_r = 0.11 * s
    smile = canvas.beginPath()
    smile.arc(cx - smile_r, cy - 0.06 * s - smile_r, cx + smile_r, cy - 0.06 * s + smile_r,
              startAng=205, extent=130)
    canvas.setLineWidth(w * 0.8)
    canvas.drawPath(smile, stroke=1, fill=0)
    canvas.restoreState()
