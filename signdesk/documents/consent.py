"""The separate consent form (单独同意书) and the guardian consent form, A4.

Per reference §H2: a form of its own, never bundled with other terms; one
unticked box per purpose, and separate unticked boxes for sending face data
off the device (Measures art. 8), sharing (PIPL art. 23) and transfers
abroad (PIPL art. 39) where the scenario does those; the non-face
alternative and that refusing costs nothing (Measures art. 10); how to
withdraw and what follows (PIPL art. 15); retention and deletion; signature
and date lines; form version and record number.

The guardian form (Measures art. 7, PIPL art. 31) asks for the child's
name, the guardian's name, relationship, contact and signature.

Text is set at 10 pt and may run onto a second page; if a form would need
a third page even at 8 pt, the user is told which field to shorten.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm

from signdesk.documents.content import ScenarioNotice, field_label, join_sentences, scenario_notice
from signdesk.documents.flow import SECOND_LANGUAGE, Flow, PlacedText, RunningFooter, draw_flow, layout_text
from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.printmarks import TEXT_BLACK, new_canvas
from signdesk.documents.qr import required_qr_size_mm
from signdesk.documents.textfit import TextDoesNotFitError
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model import Project, Scenario

MAX_PAGES = 2
#: Sizes tried in turn until the form fits on MAX_PAGES pages.
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0)

T = Bilingual.of


def _header(flow: Flow, title: Bilingual, notice: ScenarioNotice, subtitle: Bilingual) -> None:
    """Title, operator and the QR code to the opt-out page, top of page one."""
    s = flow.s
    q = required_qr_size_mm("A4", notice.optout_url) * mm
    width = flow.width - q - s
    top = flow.y
    stack = [
        (title.zh, BOLD, s * 1.7, TEXT_BLACK), (title.en, BOLD, s * 1.25, SECOND_LANGUAGE),
        (subtitle.zh, REGULAR, s * 0.9, TEXT_BLACK), (subtitle.en, REGULAR, s * 0.9, SECOND_LANGUAGE),
        (notice.operator.zh, BOLD, s * 1.1, TEXT_BLACK), (notice.operator.en, BOLD, s, SECOND_LANGUAGE),
    ]
    y = top
    if notice.operator.en == notice.operator.zh:  # no English name: print the one name once
        stack.pop()
    for text, font, size, color in stack:
        layout = layout_text(text, font, size, width)
        flow.page.texts.append(PlacedText(layout, flow.left, y, color))
        y -= layout.height + s * 0.3
    url = layout_text(notice.optout_url, REGULAR, 6.5, q + s * 2)
    flow.page.qr = (notice.optout_url, flow.right - q, top - q, q)
    flow.page.texts.append(PlacedText(url, flow.right - q - s * 2, top - q - 2, TEXT_BLACK, "right"))
    flow.y = min(y, top - q - 2 - url.height) - s * 0.3
    flow.bilingual(notice.contact)
    flow.rule()


def _joined(first: Bilingual, then: Bilingual | None) -> Bilingual:
    """Two texts as one paragraph in each language."""
    if then is None:
        return first
    return Bilingual(join_sentences(ZH, [first.zh, then.zh]), join_sentences(EN, [first.en, then.en]))


def _body(flow: Flow, notice: ScenarioNotice, guardian: bool) -> None:
    """The §H2 information every consent form states before the tick boxes."""
    place = "  ·  ".join(p for p in (notice.scenario_name, notice.location) if p)
    flow.paragraph(place, font=BOLD)
    for heading, text in (
        (T(N_("Purpose")), notice.purpose),
        (T(N_("How it works and where data is kept")), _joined(notice.method, notice.captured)),
        (T(N_("Retention and deletion")), _joined(notice.retention, notice.deletion)),
        (T(N_("Necessity and impact")), notice.necessity),
    ):
        flow.heading(heading)
        flow.bilingual(text)
    if notice.recipients:
        flow.heading(T(N_("Who else handles the data")))
        flow.bilingual(notice.recipients)
    flow.heading(T(N_("You can say no")))
    flow.bilingual(notice.alternative)
    flow.heading(T(N_("Your rights and withdrawing consent")))
    flow.bilingual(notice.rights)
    flow.space(flow.s * 0.3)
    flow.bilingual(notice.withdrawal)
    if guardian:
        flow.heading(T(N_("For children under 14")))
        flow.bilingual(T(N_("A child under 14 may only be enrolled with the consent of a parent or other guardian. "
                            "On this form, \"your face data\" means your child's face data.")))
        if notice.has_child_rules:  # never claim rules the owner said they do not have
            flow.bilingual(T(N_("We follow separate written rules for processing children's face data; "
                                "ask us for a copy.")))
    else:
        flow.heading(T(N_("Age")))
        flow.bilingual(T(N_("Sign this form only if you are 14 or older. For a child under 14, a parent or guardian "
                            "fills in the guardian consent form.")))
    if notice.accessible:  # only what the owner said they offer
        flow.space(flow.s * 0.3)
        flow.bilingual(T(N_("Need this form in large print or read aloud? Ask our staff.")))


def _consents(flow: Flow, notice: ScenarioNotice, guardian: bool) -> None:
    if guardian:
        heading = T(N_("The guardian's separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent covers only the face data described on this form."))
    else:
        heading = T(N_("Your separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent is separate from any other terms you have accepted."))
    flow.heading(heading)
    flow.bilingual(intro)
    for item in (notice.guardian_items if guardian else notice.consent_items):
        flow.tick(item.text)


def _signatures(flow: Flow, notice: ScenarioNotice, guardian: bool) -> None:
    if guardian:
        fields = (N_("Child's name"), N_("Guardian's name"), N_("Relationship to the child"),
                  N_("Guardian's phone or e-mail"), N_("Guardian's signature"), N_("Date and time"))
    else:
        fields = (N_("Name"), N_("Signature"), N_("Date and time"))
    # The signature lines stay together with their heading: a signature
    # alone on a page could be taken for consent to something else.
    flow.ensure(flow.s * (4 + 3 * len(fields)))
    flow.heading(T(N_("Signature")))
    for label in fields:
        flow.fill_line(T(label))
    flow.rule()
    flow.heading(T(N_("For the business")), size=flow.s)
    flow.fill_line(T(N_("Form version")), notice.form_version)
    for label in (N_("Record number"), N_("Collected by (staff)"), N_("Channel (paper, app, kiosk)")):
        flow.fill_line(T(label))


def layout_consent(notice: ScenarioNotice, guardian: bool = False) -> Flow:
    """The form laid out at the largest size that keeps it within two pages."""
    title = T(N_("Guardian's consent to processing a child's facial information")) if guardian \
        else T(N_("Separate consent to the processing of facial information"))
    subtitle = T(N_("Face data is sensitive personal information. This form stands on its own "
                    "and is not part of any other terms."))
    footer = RunningFooter(T(N_("Guardian consent form")) if guardian else T(N_("Separate consent form")),
                           notice.form_version)
    for size in SIZES:
        flow = Flow(size, footer=footer)
        _header(flow, title, notice, subtitle)
        _body(flow, notice, guardian)
        _consents(flow, notice, guardian)
        _signatures(flow, notice, guardian)
        if len(flow.pages) <= MAX_PAGES:
            return flow
    longest = max((("operator_name", notice.operator.zh), ("address", notice.contact.zh),
                   ("location", notice.capture_area.zh)), key=lambda kv: len(kv[1]))
    raise TextDoesNotFitError(field_label(longest[0]), max(1, len(longest[1]) // 2), len(longest[1]),
                              T(N_("a two-page consent form")))


def render_consent(project: Project, scenario: Scenario, today: dt.date, guardian: bool = False,
                   slug: str | None = None) -> bytes:
    """The separate (or guardian) consent form for ``scenario`` as PDF bytes."""
    notice = scenario_notice(project, scenario, today, slug=slug)
    flow = layout_consent(notice, guardian)
    buf = io.BytesIO()
    title = T(N_("Guardian consent form")) if guardian else T(N_("Separate consent form"))
    canvas = new_canvas(buf, f"{title.zh} {title.en} — {scenario.name}", notice.operator.zh,
                        subject=notice.form_version)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()
