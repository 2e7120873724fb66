"""Every document a project needs, written to a folder: used by the CLI, GUI and batch.

Everything is rendered in memory first and only then written, each file
atomically, so a user error (a business name too long for an A5 sign, an
http:// opt-out link) leaves the folder as it was. File names say what a
file is: ``sign-<scenario>-A4-portrait.pdf`` (for the office printer: the page is
the paper) or, for a print shop, ``sign-<scenario>-A4-portrait-print-shop.pdf``
(PDF/X with bleed and crop marks) with ``print-shop-instructions.pdf``,
``consent-<scenario>.pdf``, ``guardian-consent-<scenario>.pdf`` (and, on
request, their ``-large-print.pdf`` editions), ``optout.html``, ``pia-report.pdf``,
the filing pack (``filing.json``, ``filing.csv``, ``filing-summary.pdf``,
``filing-pack.zip``) and ``compliance-report.pdf``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from signdesk.documents.consent import MAX_NUMBERED_RUN, NumberedRunError, form_version, render_consent, render_numbered_consent
from signdesk.documents.content import scenario_notice, scenario_slugs
from signdesk.documents.draft import mark_draft
from signdesk.documents.optout import render_optout_page
from signdesk.documents.printmarks import PrintedAt, sheet
from signdesk.documents.pia_report import render_pia_report
from signdesk.documents.report import render_report
from signdesk.documents.print_shop import INSTRUCTIONS_NAME, PrintJob, render_print_instructions
from signdesk.documents.sign import render_sign, sign_version
from signdesk.documents.versions import ContentVersion
from signdesk.errors import UserInputError
from signdesk.documents.filing_pack import filing_files
from signdesk.filing.pack import PIA_NAME
from signdesk.i18n import N_
from signdesk.model import Project, refuse_answers_to_fix, write_atomically
from signdesk.rules import DocumentKind, evaluate
from signdesk.rules.document_needs import DocumentNotReadyError, check_printable, missing_for_print

SIZES = ("A5", "A4", "A3", "LETTER")
ORIENTATIONS = ("portrait", "landscape")


class OutputFolderError(UserInputError):
    """The output folder cannot be created or written."""


def sign_file_name(slug: str, size: str, orientation: str, printed_at: PrintedAt = PrintedAt.OFFICE) -> str:
    """``sign-<slug>-A4-portrait.pdf`` (US Letter is "Letter"); a print shop's
    file ends ``-print-shop.pdf``, so both can sit in one folder."""
    label = "Letter" if size.upper() == "LETTER" else size.upper()
    suffix = "-print-shop" if printed_at is PrintedAt.PRINT_SHOP else ""
    return f"sign-{slug}-{label}-{orientation}{suffix}.pdf"


def render_documents(project: Project, sizes: Sequence[str] = ("A4",),
                     orientations: Sequence[str] = ("portrait",),
                     today: dt.date | None = None,
                     kinds: Collection[DocumentKind] | None = None,
                     large_print: bool = False,
                     printed_at: PrintedAt = PrintedAt.OFFICE,
                     draft: bool = False,
                     sign_numbers: Mapping[str, int] | None = None,
                     sign_copies: int = 1) -> dict[str, bytes]:
    """File name -> bytes for every document the project needs, in checklist order.

    ``kinds`` limits the output to some kinds of document (a chain's sites
    need only their signs and forms). ``large_print`` adds the large-print
    edition of each consent form (``consent-<scenario>-large-print.pdf``,
    Measures art. 5) beside the normal one. ``printed_at`` PRINT_SHOP makes
    the signs PDF/X files for a print shop and adds the shop's instruction
    sheet; everything else is always for the office printer. A sign or form
    that lacks what it must say (:mod:`signdesk.rules.document_needs`) raises
    ``DocumentNotReadyError``, or with ``draft`` prints marked DRAFT.

    Each sign file gets its own ID (``S-3F9A2B-01``, see
    :func:`~signdesk.register.store.sign_id`): a scenario's signs on several
    sheets are numbered in turn, after the highest number ``sign_numbers``
    (content version -> number, from the register) says is already used.
    ``sign_copies`` copies of each sign are pages of its file, each with an
    ID of its own (two copies of one text hang in two places).
    """
    today = today or dt.date.today()
    for size in sizes:
        if size.upper() not in SIZES:
            raise ValueError(f"unknown sheet size {size!r}")
    for orientation in orientations:
        if orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation {orientation!r}")
    assessment = evaluate(project, today)
    slugs = scenario_slugs(project)
    wanted = [d for d in assessment.documents if kinds is None or d.kind in kinds]
    # An answer kept from an older file is named first: it is what the owner must correct.
    refuse_answers_to_fix(project, {d.scenario_id for d in wanted if d.scenario_id})
    missing = missing_for_print(project, wanted)
    if missing and not draft:
        raise DocumentNotReadyError(project, missing)
    drafts = {m.document for m in missing}
    out: dict[str, bytes] = {}
    jobs: list[PrintJob] = []
    for doc in wanted:
        before = set(out)
        sc = project.scenario(doc.scenario_id) if doc.scenario_id else None
        if doc.kind is DocumentKind.SIGN and sc:
            number = sign_numbers.get(sign_version(scenario_notice(project, sc, today, slug=slugs[sc.id])).code, 0) \
                if sign_numbers else 0
            for size in sizes:
                for orientation in orientations:
                    name = sign_file_name(slugs[sc.id], size, orientation, printed_at)
                    out[name] = render_sign(project, sc, size.upper(), orientation == "landscape", today,
                                            slugs[sc.id], printed_at, number + 1, copies=sign_copies)
                    number += sign_copies
                    jobs.append(PrintJob(name, sheet(size, orientation == "landscape")))
        elif doc.kind in (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM) and sc:
            guardian = doc.kind is DocumentKind.GUARDIAN_CONSENT_FORM
            name = f"{'guardian-consent' if guardian else 'consent'}-{slugs[sc.id]}"
            out[f"{name}.pdf"] = render_consent(project, sc, today, guardian, slugs[sc.id])
            if large_print:
                out[f"{name}-large-print.pdf"] = render_consent(project, sc, today, guardian, slugs[sc.id],
                                                                large_print=True)
        elif doc.kind is DocumentKind.OPTOUT_PAGE:
            out["optout.html"] = render_optout_page(project, today)
        elif doc.kind is DocumentKind.PIA_REPORT:
            out[PIA_NAME] = render_pia_report(project, today)
        elif doc.kind is DocumentKind.FILING_PACK:
            out.update(filing_files(project, today))
        elif doc.kind is DocumentKind.COMPLIANCE_REPORT:
            out["compliance-report.pdf"] = render_report(project, today, assessment)
        if doc in drafts:
            for name in set(out) - before:
                out[name] = mark_draft(out[name])
    if printed_at is PrintedAt.PRINT_SHOP and jobs:
        answers = project.business_answers()
        out[INSTRUCTIONS_NAME] = render_print_instructions(
            jobs, str(answers.get("operator_name") or ""), str(answers.get("optout_url") or ""), today)
    return out


def consent_form_versions(project: Project, today: dt.date | None = None) -> dict[str, ContentVersion]:
    """File name -> content version of every consent and guardian form the
    project needs (see :mod:`signdesk.documents.versions`): what a chain's
    rerun and the register compare to tell a form's text is today's."""
    today = today or dt.date.today()
    slugs = scenario_slugs(project)
    out: dict[str, ContentVersion] = {}
    for doc in evaluate(project, today).documents:
        if doc.kind in (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM) and doc.scenario_id:
            guardian = doc.kind is DocumentKind.GUARDIAN_CONSENT_FORM
            name = f"{'guardian-consent' if guardian else 'consent'}-{slugs[doc.scenario_id]}.pdf"
            out[name] = form_version(project, project.scenario(doc.scenario_id), guardian, today)
    return out


def write_documents(files: Mapping[str, bytes | Callable[[BinaryIO], None]], out_dir: Path) -> list[Path]:
    """Write rendered files into ``out_dir`` (created if needed), each atomically
    (each the bytes, or a function writing them into the file it is given)."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            path = out_dir / name
            write_atomically(path, data)
            written.append(path)
    except OSError as err:
        raise OutputFolderError(N_("The documents could not be written to {folder}: {problem}"),
                                folder=str(out_dir), problem=err.strerror or str(err)) from None
    return written


def render_all(project: Project, out_dir: Path, sizes: Sequence[str] = ("A4",),
               orientations: Sequence[str] = ("portrait",), today: dt.date | None = None,
               large_print: bool = False, printed_at: PrintedAt = PrintedAt.OFFICE,
               draft: bool = False, sign_numbers: Mapping[str, int] | None = None,
               sign_copies: int = 1) -> list[Path]:
    """Render every document and write it into ``out_dir``; returns the paths written.

    Nothing is written unless every document rendered.
    """
    return write_documents(render_documents(project, sizes, orientations, today, large_print=large_print,
                                            printed_at=printed_at, draft=draft, sign_numbers=sign_numbers,
                                            sign_copies=sign_copies), out_dir)


# --- numbered forms ---------------------------------------------------------------

def numbered_form_choices(project: Project) -> list[tuple[str, bool]]:
    """(scenario id, guardian form?) of every consent form the project needs,
    in checklist order: the forms a run of serials can be printed on."""
    from signdesk.rules import required_documents

    return [(d.scenario_id, d.kind is DocumentKind.GUARDIAN_CONSENT_FORM) for d in required_documents(project)
            if d.scenario_id and d.kind in (DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)]


def numbered_form_for(project: Project, scenario: str | None, guardian: bool) -> str:
    """The scenario id whose (guardian) consent form gets the serials: the one
    named (by id or name), or the only one the project has; else a message
    naming the choices."""
    choices = [sid for sid, g in numbered_form_choices(project) if g == guardian]
    names = [project.scenario(sid).name for sid in choices]
    if scenario is not None:
        for sid in choices:
            if scenario in (sid, project.scenario(sid).name):
                return sid
    elif len(choices) == 1:
        return choices[0]
    if not choices:
        raise NumberedRunError(N_("This project needs no guardian consent form to number.") if guardian
                               else N_("This project needs no consent form to number."))
    raise NumberedRunError(N_("Say which scenario's form gets the serials (one of: {choices})."),
                           choices=", ".join(names))


def numbered_file_name(project: Project, scenario_id: str, guardian: bool, serials: Sequence[str],
                       large_print: bool = False) -> str:
    """``consent-<scenario>-000101-000200.pdf`` (``guardian-consent-…`` for the guardian form,
    ``…-large-print.pdf`` for the large-print edition)."""
    slug = scenario_slugs(project)[scenario_id]
    edition = "-large-print" if large_print else ""
    return f"{'guardian-consent' if guardian else 'consent'}-{slug}-{serials[0]}-{serials[-1]}{edition}.pdf"


@dataclass(frozen=True)
class NumberedForms:
    """A run of numbered forms drawn, not yet written or recorded (:func:`write_numbered_forms`)."""

    scenario_id: str
    guardian: bool
    serials: tuple[str, ...]
    version: str
    today: dt.date
    name: str
    pdf: bytes


def draw_numbered_forms(project: Project, scenario_id: str, guardian: bool, serials: Sequence[str],
                        today: dt.date | None = None, large_print: bool = False,
                        progress: Callable[[int, int], None] = lambda done, total: None) -> NumberedForms:
    """One copy of a scenario's (guardian) consent form per serial, drawn (a
    pure function of the project: the app draws it off the UI thread).

    A run longer than :data:`MAX_NUMBERED_RUN`, or of a form that lacks
    answers, is refused.
    """
    today = today or dt.date.today()
    if len(serials) > MAX_NUMBERED_RUN:
        raise NumberedRunError(N_("At most {maximum} forms can be numbered at once."), maximum=MAX_NUMBERED_RUN)
    kind = DocumentKind.GUARDIAN_CONSENT_FORM if guardian else DocumentKind.CONSENT_FORM
    from signdesk.rules import RequiredDocument

    check_printable(project, [RequiredDocument(kind, scenario_id, ())])
    scenario = project.scenario(scenario_id)
    pdf = render_numbered_consent(project, scenario, today, serials, guardian, scenario_slugs(project)[scenario_id],
                                  large_print, progress)
    return NumberedForms(scenario_id, guardian, tuple(serials), form_version(project, scenario, guardian, today).code,
                         today, numbered_file_name(project, scenario_id, guardian, serials, large_print), pdf)


def write_numbered_forms(forms: NumberedForms, register, out_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    """Write a drawn run into ``out_dir`` and record it in ``register`` (an
    open, writable :class:`~signdesk.register.Register`) for the form's
    version. A run sharing a serial with one printed before is refused before
    anything is written; if the register cannot record the run, the file
    written is removed again: serials are never printed unrecorded."""
    register.printed_overlap(forms.serials)
    (path,) = write_documents({forms.name: forms.pdf}, out_dir)
    try:
        register.record_printed(forms.serials[0], forms.serials[-1], scenario_id=forms.scenario_id,
                                form_kind="guardian" if forms.guardian else "adult", version=forms.version,
                                day=forms.today)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def print_numbered_forms(project: Project, register, out_dir: Path, scenario_id: str, guardian: bool,  # type: ignore[no-untyped-def]
                         serials: Sequence[str], today: dt.date | None = None, large_print: bool = False) -> Path:
    """Draw, write and record a run of numbered forms at once
    (:func:`draw_numbered_forms`, then :func:`write_numbered_forms`); the
    overlap with earlier runs is refused before anything is drawn."""
    register.printed_overlap(serials)
    return write_numbered_forms(draw_numbered_forms(project, scenario_id, guardian, serials, today, large_print),
                                register, out_dir)
