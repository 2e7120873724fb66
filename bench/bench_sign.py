"""How fast is an A4 sign? Prints ratios measured in one run (not a timed test).

1. Warm (fonts loaded): our A4 sign vs a bare reportlab page drawing the same
   lines with the same font (no fitting, no QR, no marks). Goal: <= 1.4x.
2. Our A4 sign vs WeasyPrint rendering the equivalent HTML sign with the same
   font, side by side. WeasyPrint runs in its own venv (/tmp/wpvenv) as a
   subprocess timing its own loop. Goal: >= 50x faster.

    python bench/bench_sign.py [--no-weasyprint]
"""

from __future__ import annotations

import datetime as dt
import html
import io
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from signdesk.documents.content import scenario_notice
from signdesk.documents.fonts import REGULAR, register_fonts
from signdesk.documents.sign import layout_sign, render_sign
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR, FONTS_DIR

TODAY = dt.date(2026, 11, 22)
ROUNDS = 30


def best_of(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bare_page(lines: list[tuple[str, str, float, float, float]]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, pageCompression=1, initialFontName=REGULAR)
    for text, font, size, x, y in lines:
        c.setFont(font, size)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    register_fonts()
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    sc = project.scenarios[0]
    layout = layout_sign(scenario_notice(project, sc, TODAY), "A4")
    lines = []
    for placed in layout.texts:
        y = placed.top - 0.88 * placed.layout.size
        for line in placed.layout.lines:
            lines.append((line, placed.layout.font_name, placed.layout.size, placed.x + 36, y + 36))
            y -= placed.layout.leading
    render_sign(project, sc, "A4", False, TODAY)  # warm up caches
    ours = best_of(lambda: render_sign(project, sc, "A4", False, TODAY))
    bare = best_of(lambda: bare_page(lines))
    size = len(render_sign(project, sc, "A4", False, TODAY))
    print(f"A4 sign (warm):           {ours * 1000:7.1f} ms   {size / 1024:.0f} KB")
    print(f"bare reportlab page:      {bare * 1000:7.1f} ms   ({len(lines)} lines, same text and font)")
    print(f"ratio sign / bare:        {ours / bare:7.2f}x   (goal <= 1.4x)")
    if "--no-weasyprint" in sys.argv:
        return
    wp = weasyprint_time(lines)
    if wp is None:
        print("WeasyPrint: not available (python -m venv /tmp/wpvenv && /tmp/wpvenv/bin/pip install weasyprint)")
    else:
        print(f"WeasyPrint HTML sign:     {wp * 1000:7.1f} ms")
        print(f"ratio WeasyPrint / ours:  {wp / ours:7.1f}x   (goal >= 50x)")


def weasyprint_time(lines) -> float | None:
    venv_python = Path("/tmp/wpvenv/bin/python")
    if not venv_python.exists():
        return None
    paras = "\n".join(f'<p style="font-size:{size}pt">{html.escape(text)}</p>' for text, _f, size, _x, _y in lines)
    page = f"""<html><head><style>
@font-face {{ font-family: SignSans; src: url({(FONTS_DIR / 'NotoSansSC_400Regular.ttf').as_uri()}); }}
@font-face {{ font-family: SignSans; font-weight: bold; src: url({(FONTS_DIR / 'NotoSansSC_700Bold.ttf').as_uri()}); }}
@page {{ size: A4; margin: 10mm; }} body {{ font-family: SignSans; }} p {{ margin: 0; }}
header {{ background: #f9b115; padding: 8mm; font-size: 30pt; font-weight: bold; }}
</style></head><body><header>此处使用人脸识别</header>{paras}</body></html>"""
    script = textwrap.dedent(f"""
        import time, weasyprint
        html = {page!r}
        weasyprint.HTML(string=html).write_pdf()   # warm: fonts loaded
        best = min((lambda t: (weasyprint.HTML(string=html).write_pdf(), time.perf_counter() - t)[1])(time.perf_counter())
                   for _ in range(5))
        print(best)
    """)
    out = subprocess.run([str(venv_python), "-c", script], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        print(out.stderr[-2000:])
        return None
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
