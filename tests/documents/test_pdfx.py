"""Print-shop output: every sign is a PDF/X-1a:2003 file a preflight accepts, with its instruction sheet."""

from __future__ import annotations

import datetime as dt
import io
import re

import pikepdf
import pytest

from pdf_checks import assert_fonts_embedded, qr_texts, text_of
from signdesk.documents.pdfx import OUTPUT_CONDITION, PDFX_VERSION
from signdesk.documents.printmarks import PrintedAt
from signdesk.documents.render import render_documents
from signdesk.documents.sign import render_sign
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR

TODAY = dt.date(2026, 11, 22)
EXAMPLES = ("bubble_tea_shop", "small_hotel", "training_centre", "residential_compound")
#: Conditions in the ICC characterization registry that let a PDF/X-1a file omit the profile.
REGISTERED = {"JC200103", "FOGRA39", "FOGRA51", "CGATS TR 001", "GRACoL"}
# Colour operators and spaces X-1a forbids (RGB, ICC-based, Lab), and transparency.
_RGB_OPERATORS = re.compile(rb"(?<![\w.])(?:-?[\d.]+\s+){3}(?:rg|RG)(?!\w)")


def _inside(inner, outer) -> bool:
    return all(float(inner[i]) >= float(outer[i]) - 1e-3 for i in (0, 1)) and \
        all(float(inner[i]) <= float(outer[i]) + 1e-3 for i in (2, 3))


def preflight(pdf: bytes) -> list[str]:
    """What ISO 15930-4 (PDF/X-1a:2003) requires, as far as a file can show it; [] when it passes."""
    problems: list[str] = []
    if not pdf.startswith((b"%PDF-1.3", b"%PDF-1.4")):
        problems.append("PDF version above 1.4")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        if doc.is_encrypted:
            problems.append("encrypted")
        info = doc.docinfo
        if str(info.get("/GTS_PDFXVersion", "")) != PDFX_VERSION:
            problems.append("GTS_PDFXVersion missing")
        for key in ("/Title", "/CreationDate", "/ModDate"):
            if not str(info.get(key, "")):
                problems.append(f"{key} missing")
        if str(info.get("/Trapped", "")) not in ("/True", "/False"):
            problems.append("Trapped is neither True nor False")
        if "/ID" not in doc.trailer:
            problems.append("no trailer ID")
        intents = [oi for oi in doc.Root.get("/OutputIntents", []) if oi.get("/S") == "/GTS_PDFX"]
        if len(intents) != 1:
            problems.append("not exactly one GTS_PDFX output intent")
        else:
            oi = intents[0]
            ident = str(oi.get("/OutputConditionIdentifier", ""))
            if not ident:
                problems.append("OutputConditionIdentifier missing")
            if "/DestOutputProfile" in oi:
                profile = oi.DestOutputProfile
                if int(profile.get("/N", 0)) != 4:
                    problems.append("destination profile is not CMYK")
            elif ident not in REGISTERED or not str(oi.get("/RegistryName", "")).startswith("http://www.color.org"):
                problems.append("no profile and no registered characterization")
        xmp = str(doc.open_metadata())
        if PDFX_VERSION not in xmp:
            problems.append("XMP lacks pdfxid:GTS_PDFXVersion")
        for page in doc.pages:
            media = page.MediaBox
            trim = page.obj.get("/TrimBox")
            if trim is None and "/ArtBox" not in page.obj:
                problems.append("page without TrimBox or ArtBox")
            if trim is not None and "/ArtBox" in page.obj:
                problems.append("page with both TrimBox and ArtBox")
            bleed = page.obj.get("/BleedBox", media)
            if not _inside(bleed, media) or (trim is not None and not _inside(trim, bleed)):
                problems.append("boxes not nested trim ⊂ bleed ⊂ media")
            if "/Annots" in page.obj:
                problems.append("annotations")
            for gs in (page.Resources.get("/ExtGState") or {}).values():
                if float(gs.get("/CA", 1)) < 1 or float(gs.get("/ca", 1)) < 1 or "/SMask" in gs and gs.SMask != "/None":
                    problems.append("transparency")
            for name in (page.Resources.get("/ColorSpace") or {}):
                problems.append(f"colour space {name} (X-1a allows device CMYK and grey only here)")
            content = b"".join(c.read_bytes() for c in (page.Contents if isinstance(page.Contents, pikepdf.Array)
                                                         else [page.Contents]))
            if _RGB_OPERATORS.search(content):
                problems.append("RGB colour in the page")
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/JavaScript":
                problems.append("JavaScript")
    return problems


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_print_shop_sign_passes_the_pdfx_preflight(example) -> None:
    project = load(EXAMPLES_DIR / f"{example}.signdesk")
    # draft: the compound's signs lack a retention period and print marked DRAFT, still PDF/X.
    files = render_documents(project, ("A5", "A4", "A3", "LETTER"), ("portrait", "landscape"), TODAY,
                             printed_at=PrintedAt.PRINT_SHOP, draft=True)
    signs = {n: d for n, d in files.items() if n.startswith("sign-")}
    assert signs and all(n.endswith("-print-shop.pdf") for n in signs)
    for name, pdf in signs.items():
        assert preflight(pdf) == [], name
        assert_fonts_embedded(pdf)
        assert len(pdf) <= 120 * 1024, name


def test_the_preflight_finds_what_an_office_file_lacks() -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    office = render_sign(project, project.scenarios[0], "A4", False, TODAY)
    problems = preflight(office)
    assert "GTS_PDFXVersion missing" in problems and "not exactly one GTS_PDFX output intent" in problems
    assert "page without TrimBox or ArtBox" in problems


def test_a_print_shop_sign_has_bleed_marks_the_registered_condition_and_stays_byte_identical(qapp) -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    sc = project.scenarios[0]
    pdf = render_sign(project, sc, "A4", False, TODAY, printed_at=PrintedAt.PRINT_SHOP)
    assert pdf == render_sign(project, sc, "A4", False, TODAY, printed_at=PrintedAt.PRINT_SHOP)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        assert trim[2] - trim[0] == pytest.approx(595.28, abs=0.05)   # 210 mm
        assert trim[0] - bleed[0] == pytest.approx(8.504, abs=0.01)   # 3 mm
        assert str(doc.Root.OutputIntents[0].OutputConditionIdentifier) == OUTPUT_CONDITION
        assert str(doc.docinfo.CreationDate).startswith("D:20261122")
        meta = doc.open_metadata()
        assert meta["xmp:CreateDate"].startswith("2026-11-22")
    assert qr_texts(pdf) == ["https://lemontea.example.cn/face-optout"]


def test_a_print_shop_export_comes_with_a_chinese_instruction_sheet() -> None:
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    files = render_documents(project, ("A4", "A3"), ("portrait",), TODAY, printed_at=PrintedAt.PRINT_SHOP)
    sheet = files["print-shop-instructions.pdf"]
    with pikepdf.open(io.BytesIO(sheet)) as doc:
        assert len(doc.pages) == 1
    text = " ".join(text_of(sheet).split())
    for expected in ("成品尺寸", "出血", "3 mm", "不缩放", "纸张", "覆膜", "210 × 297 mm", "297 × 420 mm",
                     "sign-收银台刷脸支付-A4-portrait-print-shop.pdf", "https://lemontea.example.cn/face-optout"):
        assert expected in text, expected
    office = render_documents(project, ("A4",), ("portrait",), TODAY)
    assert "print-shop-instructions.pdf" not in office
    assert not any(n.endswith("-print-shop.pdf") for n in office)


def test_cli_render_for_a_print_shop(tmp_path) -> None:
    import subprocess
    import sys
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "signdesk.cli", "render",
                           str(EXAMPLES_DIR / "bubble_tea_shop.signdesk"), "-o", str(out), "--for", "print-shop",
                           "--today", "2026-11-22", "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = {p.name for p in out.iterdir()}
    assert "print-shop-instructions.pdf" in names and "sign-收银台刷脸支付-A4-portrait-print-shop.pdf" in names
    assert preflight((out / "sign-收银台刷脸支付-A4-portrait-print-shop.pdf").read_bytes()) == []
