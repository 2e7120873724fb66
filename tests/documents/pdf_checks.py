"""What a reader (or a print shop) checks in our PDFs, shared by the document tests."""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import zxingcpp
from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def _fonts(resources) -> Iterator:
    fonts = resources.get("/Font") if resources else None
    if fonts:
        for ref in fonts.get_object().values():
            yield ref.get_object()


def assert_fonts_embedded(pdf: bytes) -> None:
    """Every font is an embedded subset of our typeface; no base-14 Helvetica."""
    r = reader(pdf)
    seen = 0
    for page in r.pages:
        for font in _fonts(page.get("/Resources")):
            seen += 1
            name = str(font.get("/BaseFont"))
            assert "Helvetica" not in name, name
            descriptors = [font.get("/FontDescriptor")]
            for d in font.get("/DescendantFonts") or []:
                descriptors.append(d.get_object().get("/FontDescriptor"))
            files = [d.get_object().get("/FontFile2") for d in descriptors if d is not None]
            assert any(f is not None for f in files), f"font {name} is not embedded"
    assert seen, "no fonts at all"


def text_origins(pdf: bytes) -> list[list[tuple[float, float, float, str]]]:
    """Per page: (x, y, font size, text) of every text run, in page coordinates."""
    out = []
    for page in reader(pdf).pages:
        runs: list[tuple[float, float, float, str]] = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, font_size * (tm[0] or 1) * (cm[0] or 1), text))

        page.extract_text(visitor_text=visit)
        out.append(runs)
    return out


def trim_box(pdf: bytes, page: int = 0) -> tuple[float, float, float, float]:
    box = reader(pdf).pages[page].trimbox
    return (float(box.left), float(box.bottom), float(box.right), float(box.top))


def rasterise(pdf: bytes, page: int = 0, dpi: float = 150) -> np.ndarray:
    """The page as an RGB array, rendered by QtPdf (needs a QGuiApplication: use ``qapp``)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    assert doc.status() == QPdfDocument.Status.Ready
    size = doc.pagePointSize(page)
    image = doc.render(page, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(bytes(image.constBits()), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgba = arr[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(np.float32)
    # QtPdf leaves unpainted paper transparent: lay the page on white paper.
    alpha = rgba[..., 3:4] / 255.0
    return (rgba[..., :3] * alpha + 255.0 * (1.0 - alpha)).round().astype(np.uint8)


def qr_texts(pdf: bytes, page: int = 0) -> list[str]:
    """The decoded contents of every QR code on the page."""
    return [r.text for r in zxingcpp.read_barcodes(rasterise(pdf, page))
            if r.format == zxingcpp.BarcodeFormat.QRCode]
