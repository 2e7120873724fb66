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
from signdesk.filing.pia import PiaReport, build_pia
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model.project import Project

PIA_TITLE = N_("Personal information protection impact assessment report")


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
        pages.heading(section.title)
        pages.paragraph(bilingual(N_("Legal basis: {citations}"), citations=section.citations))
        for group in section.groups:
            if group.title is not None:
                pages.paragraph(group.title, bold=True, field=field_label("scenario_name"))
            for item in group.items:
                pages.row(item.label, item.value)
    return pages.finish()
