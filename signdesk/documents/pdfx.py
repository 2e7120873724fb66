"""Finishing a sign for a print shop: PDF/X-1a:2003.

Why PDF/X-1a:2003 rather than PDF/X-4: our signs are CMYK only, with
embedded fonts and no transparency, which is exactly what X-1a describes;
it is the variant print shops and their RIPs in China have accepted longest
(many ask for "PDF/X-1a" by name), and it needs no ICC profile in the file
when the printing condition is a registered one (ISO 15930-4: the
OutputIntent's DestOutputProfile may be omitted if its
OutputConditionIdentifier names a characterization in the ICC registry).
PDF/X-4 would require an embedded profile: the CMYK profiles Debian ships
(ghostscript's default_cmyk.icc, "Artifex CMYK SWOP") are AGPL and describe
a US press, icc-profiles-free has no CMYK profile at all, and the
registered-condition profiles (Japan Color, FOGRA) may not be bundled
freely. So the output intent names the registered condition "JC200103",
Japan Color 2001 Coated, the usual CMYK working space of sheet-fed offset
and digital print in China, and carries no profile.

reportlab has no OutputIntent API; pikepdf (qpdf) adds what the standard
asks for to the finished file: the OutputIntent (GTS_PDFX), the
GTS_PDFXVersion key and Trapped in the document information, XMP metadata
agreeing with it, and a trailer ID computed from the content, so the same
sign gives the same bytes. TrimBox and BleedBox come from the page set-up
(:func:`~signdesk.documents.printmarks.start_print_page`).
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PDFX_VERSION = "PDF/X-1a:2003"
#: ICC characterization registry name of Japan Color 2001 Coated.
OUTPUT_CONDITION = "JC200103"
OUTPUT_CONDITION_NAME = "Japan Color 2001 Coated"
REGISTRY = "http://www.color.org"
#: X-1a:2003 is based on PDF 1.4 (no object streams, no transparency).
PDF_VERSION = "1.4"


def finish_for_print_shop(pdf: bytes) -> bytes:
    """``pdf`` (one of our print-shop geometry PDFs) as a PDF/X-1a:2003 file."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.Root.OutputIntents = Array([doc.make_indirect(Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            OutputConditionIdentifier=String(OUTPUT_CONDITION),
            OutputCondition=String(OUTPUT_CONDITION_NAME),
            RegistryName=String(REGISTRY),
            Info=String(OUTPUT_CONDITION_NAME),
        ))])
        # XMP from the document information (title, author, the document's
        # dates), plus the PDF/X version; pikepdf stamps no clock time here.
        info = doc.docinfo
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta.load_from_docinfo({k: v for k, v in info.items() if k != "/Trapped"})
            meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdf:Trapped"] = "False"
        info[Name.GTS_PDFXVersion] = String(PDFX_VERSION)
        info[Name.Trapped] = Name("/False")   # no trapping done; X-1a wants True or False
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, force_version=PDF_VERSION,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


__all__ = ["OUTPUT_CONDITION", "OUTPUT_CONDITION_NAME", "PDFX_VERSION", "finish_for_print_shop"]
