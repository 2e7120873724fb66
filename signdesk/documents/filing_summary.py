"""The filing pack's PDF summary: what to type into the CAC filing system.

``render_filing_summary(pack) -> bytes``. Fields the law needs but the owner
left empty are listed first, in their own section, and marked in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from signdesk.documents.content import field_label
from signdesk.filing.pack import ATTACHMENT_STATUS, FILING_TYPES, SECTION_TITLES, FilingPack
from signdesk.documents.pages import GAP_RED, ReportPages, bilingual, dated
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.rules import Finding, Severity, evaluate
from signdesk.rules.deadlines import Due

#: What the summary (and ``export --filing``) says when the business need not file.
NO_FILING_DUE = N_("You store fewer than 100,000 people's faces: no filing is required (FR Measures art. 15). "
                   "This pack is for your records.")

SUMMARY_TITLE = N_("Facial recognition filing — summary")


#: The duties this pack is filed for.
_FILING_DUTIES = (Due.FILING, Due.CHANGE_FILING, Due.CANCELLATION)


def overdue_filings(pack: FilingPack) -> list[Finding]:
    """The rules' findings of a filing still owed past its deadline on the pack's date."""
    return [f for f in evaluate(pack.project, pack.generated_on).findings
            if f.severity is Severity.VIOLATION and f.deadline is not None
            and f.deadline.due in _FILING_DUTIES and f.deadline.done_on is None]


def render_filing_summary(pack: FilingPack, languages: Sequence[str] = (ZH, EN)) -> bytes:
    """The summary PDF of ``pack`` in ``languages``."""
    operator = pack.project.business.get("operator_name") or "—"
    pages = ReportPages(Bilingual.of(SUMMARY_TITLE), operator, languages, date=pack.generated_on)
    pages.title(Bilingual.of(SUMMARY_TITLE),
                bilingual(N_("{operator} — {kind} — prepared with SignDesk on {date}"), operator=operator,
                          kind=Bilingual.of(FILING_TYPES[pack.filing_type]), date=dated(pack.generated_on)),
                field=field_label("operator_name"))
    if not pack.required:
        pages.paragraph(Bilingual.of(NO_FILING_DUE), bold=True)
    for late in overdue_filings(pack):  # the rules' words, as in the compliance report
        pages.paragraph(Bilingual(late.title(ZH), late.title(EN)), bold=True, color=GAP_RED)
        pages.paragraph(Bilingual(late.fix(ZH), late.fix(EN)))
    pages.paragraph(Bilingual.of(N_("File online with the provincial cyberspace office through the personal information protection system (https://grxxbh.cacdtsc.cn) within 30 working days (FR Measures art. 15).")))

    missing = pack.missing()
    pages.heading(Bilingual.of(N_("Missing information")))
    if missing:
        pages.paragraph(Bilingual.of_count(
            "{count} field the filing needs is empty. Answer it in SignDesk before filing:",
            "{count} fields the filing needs are empty. Answer them in SignDesk before filing:", len(missing)), bold=True)
        names = {id(f): name for _sid, name, fs in pack.scenarios for f in fs}
        for f in missing:
            where = names.get(id(f))
            label = f.label if where is None else Bilingual(f"{where}：{f.label.zh}", f"{where}: {f.label.en}")
            pages.row(label, None, field=None if where is None else field_label("scenario_name"))
    else:
        pages.paragraph(Bilingual.of(N_("Nothing the filing needs is missing.")))

    for section, title in SECTION_TITLES.items():
        pages.heading(Bilingual.of(title))
        for f in pack.fields:
            if f.section == section:
                pages.row(f.label, f.text)
    for _sid, name, fs in pack.scenarios:
        pages.heading(bilingual(N_("Scenario: {name}"), name=name), field=field_label("scenario_name"))
        for f in fs:
            pages.row(f.label, f.text)
    pages.heading(Bilingual.of(N_("Attachments the filing system asks for")))
    for a in pack.attachments:
        pages.row(a.label, Bilingual.of(ATTACHMENT_STATUS[a.status]))
    return pages.finish()
