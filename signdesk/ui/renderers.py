"""Which core function draws which document, for the preview and export.

The GUI knows nothing about how a document looks: it calls the pure
functions of ``signdesk.documents`` through this one table. Modules are
imported on first use, so reportlab is not loaded before a preview is
needed (start-up time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from signdesk.model import Project
from signdesk.rules import DocumentKind, RequiredDocument
from signdesk.rules.document_needs import DocumentNotReadyError, MissingForPrint, missing_for_print


def _sign(project: Project, r: "DocumentRequest") -> bytes:
    from signdesk.documents.sign import render_sign

    return render_sign(project, project.scenario(r.scenario_id), r.sheet, r.landscape, r.day,
                       copies=r.copies, used=dict(r.sign_numbers))


def _consent(guardian: bool) -> Callable[[Project, "DocumentRequest"], bytes]:
    def draw(project: Project, r: "DocumentRequest") -> bytes:
        from signdesk.documents.consent import render_consent

        return render_consent(project, project.scenario(r.scenario_id), r.day, guardian,
                              large_print=r.large_print)
    return draw


def _optout(project: Project, r: "DocumentRequest") -> bytes:
    from signdesk.documents.optout import render_optout_page

    return render_optout_page(project, r.day)


def _pia(project: Project, r: "DocumentRequest") -> bytes:
    from signdesk.documents.pia_report import render_pia_report

    return render_pia_report(project, r.day)


def _filing(project: Project, r: "DocumentRequest") -> bytes:
    from signdesk.documents.filing_summary import render_filing_summary
    from signdesk.filing.pack import build_filing

    return render_filing_summary(build_filing(project, r.day))


def _report(project: Project, r: "DocumentRequest") -> bytes:
    from signdesk.documents.report import render_report

    return render_report(project, r.day)


#: kind -> the adapter that calls the core function drawing it.
RENDERERS: dict[DocumentKind, Callable[[Project, "DocumentRequest"], bytes]] = {
    DocumentKind.SIGN: _sign,
    DocumentKind.CONSENT_FORM: _consent(False),
    DocumentKind.GUARDIAN_CONSENT_FORM: _consent(True),
    DocumentKind.OPTOUT_PAGE: _optout,
    DocumentKind.PIA_REPORT: _pia,
    DocumentKind.FILING_PACK: _filing,
    DocumentKind.COMPLIANCE_REPORT: _report,
}

#: Documents that also come in a large-print edition.
LARGE_PRINT_DOCUMENTS = (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)

#: Sheets offered for documents that print on a sheet (signs, forms).
SHEET_NAMES = ("A4", "A3", "A5", "LETTER")


@dataclass(frozen=True)
class DocumentRequest:
    """One document to draw, with the owner's sheet choices."""

    kind: DocumentKind
    scenario_id: str | None = None
    sheet: str = "A4"
    landscape: bool = False
    today: dt.date | None = None
    #: The large-print edition (consent forms; Measures art. 5).
    large_print: bool = False
    #: Draw a sign or form that lacks answers anyway, marked DRAFT (else it is refused).
    draft: bool = False
    #: Signs: (content version, highest print number) the register's signs use; a print numbers on after them.
    sign_numbers: tuple[tuple[str, int], ...] = ()
    #: Signs: copies, one page each with its own print number (its own sign ID).
    copies: int = 1

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()

    @classmethod
    def of(cls, doc: RequiredDocument, **options: Any) -> "DocumentRequest":
        return cls(doc.kind, doc.scenario_id, **options)

    def missing(self, project: Project) -> list[MissingForPrint]:
        """What this document lacks before it can be printed (empty when nothing)."""
        return missing_for_print(project, [RequiredDocument(self.kind, self.scenario_id, ())])


def render_document(project: Project, request: DocumentRequest) -> bytes:
    """The bytes (PDF, or HTML for the opt-out page) of one document.

    A sign or form that lacks answers raises ``DocumentNotReadyError``, or
    is drawn marked DRAFT when ``request.draft``.
    """
    missing = request.missing(project)
    if missing and not request.draft:
        raise DocumentNotReadyError(project, missing)
    data = RENDERERS[request.kind](project, request)
    data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if missing and is_pdf(data):
        from signdesk.documents.draft import mark_draft

        data = mark_draft(data)
    return data


def is_pdf(data: bytes) -> bool:
    return data[:5] == b"%PDF-"


def export_all(project: Project, folder: Path,
               progress: Callable[[int, int], None] = lambda done, total: None,
               sheet: str = "A4", landscape: bool = False, today: dt.date | None = None,
               draft: bool = False, sign_numbers: dict[str, int] | None = None) -> list[Path]:
    """Write every document the business needs into ``folder`` (``render_all``;
    ``sign_numbers``: the print numbers the register's signs already use)."""
    from signdesk.documents.render import render_all

    progress(0, 1)
    written = render_all(project, Path(folder), sizes=(sheet,),
                         orientations=("landscape" if landscape else "portrait",), today=today, draft=draft,
                         sign_numbers=sign_numbers)
    progress(1, 1)
    return written

