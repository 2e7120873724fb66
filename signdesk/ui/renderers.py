"""Which core function draws which document, for the preview and export.

The GUI knows nothing about how a document looks: it calls the pure
functions of ``signdesk.documents`` through this one table. A document whose
renderer is not there (yet) raises ``RendererMissing`` and the preview says
so instead of failing. Modules are imported on first use, so reportlab is
not loaded before a preview is needed (start-up time).
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from signdesk.i18n import N_
from signdesk.model import Project
from signdesk.rules import DocumentKind, RequiredDocument

#: kind -> (module, function) candidates, first one found wins.
RENDERERS: dict[DocumentKind, tuple[tuple[str, str], ...]] = {
    DocumentKind.SIGN: (("signdesk.documents.sign", "render_sign"),),
    DocumentKind.CONSENT_FORM: (("signdesk.documents.consent", "render_consent_form"),),
    DocumentKind.GUARDIAN_CONSENT_FORM: (("signdesk.documents.consent", "render_guardian_consent_form"),),
    DocumentKind.OPTOUT_PAGE: (("signdesk.documents.optout", "render_optout_page"),),
    DocumentKind.PIA_REPORT: (("signdesk.documents.pia_report", "render_pia_report"),),
    DocumentKind.FILING_PACK: (("signdesk.filing", "render_filing_summary"),
                               ("signdesk.filing.summary", "render_filing_summary")),
    DocumentKind.COMPLIANCE_REPORT: (("signdesk.documents.report", "render_compliance_report"),),
}

#: Sheets offered for documents that print on a sheet (signs, forms).
SHEET_NAMES = ("A4", "A3", "A5", "LETTER")


class RendererMissing(Exception):
    """No function draws this document yet."""


@dataclass(frozen=True)
class DocumentRequest:
    """One document to draw, with the owner's sheet choices."""

    kind: DocumentKind
    scenario_id: str | None = None
    sheet: str = "A4"
    landscape: bool = False
    today: dt.date | None = None

    @classmethod
    def of(cls, doc: RequiredDocument, **options: Any) -> "DocumentRequest":
        return cls(doc.kind, doc.scenario_id, **options)


def find_renderer(kind: DocumentKind) -> Callable[..., Any]:
    """The core function for ``kind``, or ``RendererMissing``."""
    for module_name, function_name in RENDERERS.get(kind, ()):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, function_name, None)
        if callable(function):
            return function
    raise RendererMissing(kind.value)


def _arguments(function: Callable[..., Any], project: Project, request: DocumentRequest) -> dict[str, Any]:
    """Pass each renderer only the options it takes (they differ per document)."""
    offered: dict[str, Any] = {
        "project": project,
        "today": request.today or dt.date.today(),
        "landscape": request.landscape,
        "sheet_name": request.sheet,
    }
    if request.scenario_id is not None:
        offered["scenario_id"] = request.scenario_id
        offered["scenario"] = project.scenario(request.scenario_id)
    params = inspect.signature(function).parameters
    if "sheet" in params:
        from signdesk.documents.printmarks import sheet

        offered["sheet"] = sheet(request.sheet, request.landscape)
    return {name: value for name, value in offered.items() if name in params}


def render_document(project: Project, request: DocumentRequest) -> bytes:
    """The bytes (PDF, or HTML for the opt-out page) of one document."""
    function = find_renderer(request.kind)
    data = function(**_arguments(function, project, request))
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def is_pdf(data: bytes) -> bool:
    return data[:5] == b"%PDF-"


def export_all(project: Project, folder: Path, documents: tuple[RequiredDocument, ...],
               progress: Callable[[int, int], None] = lambda done, total: None,
               **options: Any) -> list[Path]:
    """Write every document the business needs into ``folder``.

    Uses ``signdesk.documents.render.render_all`` when it exists; otherwise
    draws the documents one by one through the table above, skipping those
    with no renderer yet.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        from signdesk.documents.render import render_all  # type: ignore[import-not-found]
    except ImportError:
        render_all = None
    if render_all is not None:
        progress(0, 1)
        kwargs = {k: v for k, v in {"today": options.get("today")}.items() if v is not None}
        written = render_all(project, folder, **kwargs)
        progress(1, 1)
        return [Path(p) for p in (written or [])]
    from signdesk.documents.content import scenario_slugs
    from signdesk.model.files import write_atomically

    slugs = scenario_slugs(project)
    written: list[Path] = []
    for i, doc in enumerate(documents):
        progress(i, len(documents))
        try:
            data = render_document(project, DocumentRequest.of(doc, **options))
        except RendererMissing:
            continue
        stem = doc.kind.value + (f"-{slugs[doc.scenario_id]}" if doc.scenario_id else "")
        path = folder / (stem + (".pdf" if is_pdf(data) else ".html"))
        write_atomically(path, data)
        written.append(path)
    progress(len(documents), len(documents))
    return written


MISSING_MESSAGE = N_("The preview of this document is not available yet in this version of SignDesk.")
