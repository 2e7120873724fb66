"""The compliance report (PDF): findings per scenario and the document checklist.

Both languages, Chinese first, like every other SignDesk document: the owner
reads the Chinese, and the same file can go unchanged to an English-reading
head office, landlord or auditor. One file also means the two versions
can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm

from signdesk.documents.content import business_identity, check_user_text
from signdesk.documents.flow import SECOND_LANGUAGE, Flow, PlacedText, RunningFooter, draw_flow, layout_text
from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.printmarks import TEXT_BLACK, new_canvas
from signdesk.documents.qr import InvalidOptOutUrlError, required_qr_size_mm, validate_optout_url
from signdesk.i18n import EN, N_, ZH, Bilingual, format_date, translate
from signdesk.model import INCOMPLETE_NOTE, Project, nothing_found_msgid, refuse_answers_to_fix, unanswered_questions
from signdesk.rules import Assessment, Finding, Severity, evaluate

T = Bilingual.of
SIZE = 9.5


def _bi(fn) -> Bilingual:  # type: ignore[no-untyped-def]
    return Bilingual(fn(ZH), fn(EN))


def _finding(flow: Flow, f: Finding) -> None:
    label = _bi(lambda loc: f"[{f.severity.label(loc)}] {f.title(loc)}")
    flow.ensure(flow.s * 6)
    flow.space(flow.s * 0.6)
    flow.bilingual(label, font=BOLD)
    for msgid, text in ((N_("Law: {citations}"), f.citation_text),
                        (N_("Why: {why}"), f.why), (N_("Fix: {fix}"), f.fix)):
        flow.space(flow.s * 0.2)
        flow.bilingual(_bi(lambda loc, m=msgid, t=text: translate(loc, m, **{m.split("{")[1][:-1]: t(loc)})),
                       indent=flow.s * 1.2)


def layout_report(project: Project, assessment: Assessment, today: dt.date) -> Flow:
    """The report's pages."""
    refuse_answers_to_fix(project)
    check_user_text(project.business_answers())
    flow = Flow(SIZE, footer=RunningFooter(T(N_("Compliance report")), today.isoformat()))
    operator, contact = business_identity(project.business_answers())
    url = ""
    try:
        url = validate_optout_url(str(project.business.get("optout_url") or ""))
    except InvalidOptOutUrlError:
        pass  # the report still prints; the findings tell the owner to fix the link
    q = required_qr_size_mm("A4", url) * mm if url else 0.0
    width = flow.width - (q + flow.s if q else 0)
    title = T(N_("Compliance report"))
    as_of = _bi(lambda loc: translate(loc, N_("As of {date}"), date=format_date(today, loc)))
    y = flow.y
    for text, font, size, color in (
        (title.zh, BOLD, SIZE * 1.8, TEXT_BLACK), (title.en, BOLD, SIZE * 1.3, SECOND_LANGUAGE),
        (operator.zh, BOLD, SIZE * 1.15, TEXT_BLACK),
        *([(operator.en, BOLD, SIZE, SECOND_LANGUAGE)] if operator.en != operator.zh else []),
        (contact.zh, REGULAR, SIZE, TEXT_BLACK), (contact.en, REGULAR, SIZE, SECOND_LANGUAGE),
        (as_of.zh, REGULAR, SIZE, TEXT_BLACK), (as_of.en, REGULAR, SIZE, SECOND_LANGUAGE),
    ):
        layout = layout_text(text, font, size, width)
        flow.page.texts.append(PlacedText(layout, flow.left, y, color))
        y -= layout.height + SIZE * 0.3
    if url:
        flow.page.qr = (url, flow.right - q, flow.top - q, q)
        link = layout_text(url, REGULAR, 6.5, q + flow.s * 2)
        flow.page.texts.append(PlacedText(link, flow.right - q - flow.s * 2, flow.top - q - 2, TEXT_BLACK, "right"))
        y = min(y, flow.top - q - 2 - link.height)
    flow.y = y - SIZE * 0.3
    flow.bilingual(_bi(lambda loc: translate(
        loc, N_("Violations: {violations} · To do: {todo} · Advice: {advice}"),
        violations=assessment.count(Severity.VIOLATION), todo=assessment.count(Severity.OBLIGATION),
        advice=assessment.count(Severity.ADVISORY))), font=BOLD)
    unanswered = len(unanswered_questions(project))
    if unanswered:
        flow.bilingual(T(INCOMPLETE_NOTE, count=unanswered), font=BOLD)
    flow.rule()

    groups: list[tuple[Bilingual, tuple[Finding, ...]]] = [
        (T(N_("Whole business")), assessment.for_scenario(None))]
    for sc in project.scenarios:
        heading = Bilingual.of(N_("Scenario: {name}"), name=Bilingual(sc.name, sc.name_en))
        groups.append((heading, assessment.for_scenario(sc.id)))
    for heading, findings in groups:
        flow.heading(heading)
        if not findings:
            flow.bilingual(T(nothing_found_msgid(unanswered)))
        for f in findings:
            _finding(flow, f)

    flow.heading(T(N_("Documents you need")))
    names = {sc.id: Bilingual(sc.name, sc.name_en) for sc in project.scenarios}

    def item(d) -> Bilingual:  # type: ignore[no-untyped-def]
        def line(loc: str) -> str:
            text = d.kind.title(loc)
            if d.scenario_id:
                name = names.get(d.scenario_id)
                text += f" — {name.get(loc) if name else d.scenario_id}"
            cites = ("；" if loc == ZH else "; ").join(c.text(loc) for c in d.citations)
            if not cites:
                return text
            return f"{text}（{cites}）" if loc == ZH else f"{text} ({cites})"
        return _bi(line)

    items = [item(d) for d in assessment.documents]
    for i, text in enumerate(items):
        # The last two items share a page: none is left alone on the last one.
        flow.tick(text, keep=flow.tick_height(items[-1]) if i == len(items) - 2 else 0.0)
    return flow


def render_report(project: Project, today: dt.date, assessment: Assessment | None = None) -> bytes:
    """The compliance report as PDF bytes; ``today`` is the date printed and checked against."""
    assessment = assessment or evaluate(project, today)
    flow = layout_report(project, assessment, today)
    buf = io.BytesIO()
    operator, _contact = business_identity(project.business_answers())
    title = T(N_("Compliance report"))
    canvas = new_canvas(buf, f"{title.zh} {title.en} — {operator.zh}", operator.zh, date=today)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()
