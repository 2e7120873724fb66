"""The impact-assessment report (个人信息保护影响评估报告) as a PDF.

A pure function of the project: ``render_pia_report(project, today) -> bytes``.
The content comes from :func:`signdesk.filing.pia.build_pia`; unanswered
items print a visible "[NOT ANSWERED]" / 「【未回答】」 gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from signdesk.documents.content import field_label
from signdesk.documents.pages import ReportPages, bilingual, dated
from signdesk.filing.pia import PiaReport, PiaSection, build_pia
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model.project import Project

PIA_TITLE = N_("Personal information protection impact assessment report")


def _first_block_height(pages: ReportPages, section: PiaSection) -> float:
    """The height of a section's first group title and first row: what keeps its heading company."""
    for group in section.groups:
        title = pages.paragraph_height(group.title, bold=True) if group.title is not None else 0.0
        if group.items:
            return title + pages.row_height(group.items[0].label, group.items[0].value)
        if title:
            return title
    return 0.0


def render_pia_report(project: Project, today: dt.date, languages: Sequence[str] = (ZH, EN)) -> bytes:
    """The PIA report PDF in ``languages`` (Chinese first when both)."""
    return render_pia(build_pia(project, today), languages)


def render_pia(report: PiaReport, languages: Sequence[str] = (ZH, EN)) -> bytes:
    """Draw an already built :class:`PiaReport`."""
    title = Bilingual.of(PIA_TITLE)
    pages = ReportPages(title, report.operator, languages, date=report.generated_on)
    subtitle = bilingual(N_("{operator} — facial recognition — prepared with SignDesk on {date}"),
                         operator=report.operator or "—", date=dated(report.generated_on))
    pages.title(title, subtitle, field=field_label("operator_name"))
    gaps = len(report.gaps())
    if gaps:
        pages.paragraph(Bilingual.of_count(
            "{count} item is not answered yet; it is marked in the report. Answer it in SignDesk and print again.",
            "{count} items are not answered yet; they are marked in the report. Answer them in SignDesk and print again.",
            gaps), bold=True)
    for section in report.sections:
        legal_basis = bilingual(N_("Legal basis: {citations}"), citations=section.citations)
        pages.heading(section.title, keep=pages.paragraph_height(legal_basis) + _first_block_height(pages, section))
        pages.paragraph(legal_basis)
        for group in section.groups:
            if group.title is not None:
                first = pages.row_height(group.items[0].label, group.items[0].value) if group.items else 0.0
                pages.paragraph(group.title, bold=True, field=field_label("scenario_name"), keep=first)
            for item in group.items:
                pages.row(item.label, item.value)
    return pages.finish()
