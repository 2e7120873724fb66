"""The separate consent form (单独同意书) and the guardian consent form, A4.

Per reference §H2: a form of its own, never bundled with other terms; one
unticked box per purpose, and separate unticked boxes for sending facial
information over the Internet (Measures art. 8), sharing (PIPL art. 23) and
transfers abroad (PIPL art. 39) where the scenario does those; the non-face
alternative and that refusing does not affect the service (Measures
art. 10); how to withdraw and what follows (PIPL art. 15); retention and
deletion; signature and date lines; form version and record number.

The guardian form (Measures art. 7, PIPL art. 31) asks for the child's
name, the guardian's name, relationship, contact and signature.

A form is content first (:class:`ConsentForm`: the notice the person reads,
then the consent block they tick and sign) and a layout second. The content
gives the form its version (:mod:`signdesk.documents.versions`); the layout
keeps the consent block — every tick box, the signature, name and date and
the business's record fields — on one page, after the notice, at the
largest comfortable size that fits two pages (or, in large print, at a
large size on as many pages as it takes).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from signdesk.documents.content import ScenarioNotice, field_label, join_sentences, scenario_notice
from signdesk.documents.flow import SECOND_LANGUAGE, Flow, PlacedText, RunningFooter, draw_flow, layout_text
from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.printmarks import TEXT_BLACK, new_canvas
from signdesk.documents.qr import required_qr_size_mm
from signdesk.documents.textfit import TextDoesNotFitError
from signdesk.documents.versions import CONSENT_FORM, GUARDIAN_FORM, ContentVersion, content_version, printed_on, texts_of
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model import Project, Scenario

MAX_PAGES = 2
#: Body sizes tried in turn until the form fits on MAX_PAGES pages.
SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
#: Large print (Measures art. 5): sizes tried until the consent block fits one page.
LARGE_PRINT_SIZES = (16.0, 15.0, 14.0)
LARGE_PRINT_MAX_PAGES = 8

T = Bilingual.of

# Kinds of block a form is made of.
HEADING, TEXT, TICK, FIELD, VERSION = "heading", "text", "tick", "field", "version"


@dataclass(frozen=True)
class Block:
    """One thing the form prints: a heading, a paragraph pair, a tick box
    item, a line to fill in, or the form's version."""

    kind: str
    text: Bilingual


@dataclass(frozen=True)
class ConsentForm:
    """What a consent form says, before any layout."""

    guardian: bool
    title: Bilingual
    subtitle: Bilingual
    operator: Bilingual
    contact: Bilingual
    optout_url: str
    #: What the person reads before deciding (reference §H2.1-14, 17).
    notice: tuple[Block, ...]
    #: The tick boxes and the signature lines: always on one page.
    consent: tuple[Block, ...]
    #: Filled in by the business (version, record number ...): on the same page.
    business: tuple[Block, ...]

    @property
    def kind(self) -> str:
        return GUARDIAN_FORM if self.guardian else CONSENT_FORM

    @property
    def name(self) -> Bilingual:
        """The form's short name, as its footer and the PDF title give it."""
        return T(N_("Guardian consent form")) if self.guardian else T(N_("Separate consent form"))

    @property
    def version(self) -> ContentVersion:
        """The fingerprint of everything the form prints (but its version and date)."""
        return content_version(self.kind, texts_of(
            self.title, self.subtitle, self.operator, self.contact, self.optout_url,
            [b.text for b in (*self.notice, *self.consent, *self.business) if b.kind != VERSION]))


def _joined(first: Bilingual, then: Bilingual | None) -> Bilingual:
    """Two texts as one paragraph in each language."""
    if then is None:
        return first
    return Bilingual(join_sentences(ZH, [first.zh, then.zh]), join_sentences(EN, [first.en, then.en]))


def _notice_blocks(notice: ScenarioNotice, guardian: bool) -> list[Block]:
    """The §H2 information every consent form states before the tick boxes."""
    place = Bilingual(*("  ·  ".join(p for p in (notice.scenario_title.get(loc), notice.location.get(loc)) if p)
                        for loc in (ZH, EN)))
    out = [Block(TEXT, place)]

    def section(heading: Bilingual, *texts: Bilingual | None) -> None:
        out.append(Block(HEADING, heading))
        out.extend(Block(TEXT, t) for t in texts if t is not None)

    section(T(N_("Purpose")), notice.purpose)
    section(T(N_("How it works and where data is kept")), _joined(notice.method, notice.captured))
    section(T(N_("Retention and deletion")), _joined(notice.retention, notice.deletion))
    section(T(N_("Necessity and impact")), notice.necessity)
    if notice.recipients:
        section(T(N_("Who else handles the data")), notice.recipients)
    section(T(N_("You can say no")), notice.alternative)
    section(T(N_("Your rights and withdrawing consent")), notice.rights, notice.withdrawal)
    if guardian:
        section(T(N_("For children under 14")),
                T(N_("A child under 14 may only be enrolled with the consent of a parent or other guardian. "
                     "On this form, \"your face data\" means your child's face data.")),
                # never claim rules the owner said they do not have
                T(N_("We follow separate written rules for processing children's face data; ask us for a copy."))
                if notice.has_child_rules else None)
    else:
        section(T(N_("Age")), T(N_("Sign this form only if you are 14 or older. For a child under 14, a parent or "
                                   "guardian fills in the guardian consent form.")))
    if notice.accessible:  # only what the owner said they offer
        out.append(Block(TEXT, T(N_("Need this form in large print or read aloud? Ask our staff."))))
    return out


def _consent_blocks(notice: ScenarioNotice, guardian: bool) -> list[Block]:
    if guardian:
        heading = T(N_("The guardian's separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent covers only the face data described on this form."))
        fields = (N_("Child's name"), N_("Guardian's name"), N_("Relationship to the child"),
                  N_("Guardian's phone or e-mail"), N_("Guardian's signature"), N_("Date and time"))
    else:
        heading = T(N_("Your separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent is separate from any other terms you have accepted."))
        fields = (N_("Name"), N_("Signature"), N_("Date and time"))
    items = notice.guardian_items if guardian else notice.consent_items
    return [Block(HEADING, heading), Block(TEXT, intro), *(Block(TICK, i.text) for i in items),
            Block(HEADING, T(N_("Signature"))), *(Block(FIELD, T(label)) for label in fields)]


def _business_blocks() -> list[Block]:
    return [Block(HEADING, T(N_("For the business"))), Block(VERSION, T(N_("Form version"))),
            *(Block(FIELD, T(label)) for label in
              (N_("Record number"), N_("Collected by (staff)"), N_("Channel (paper, app, kiosk)")))]


def consent_form(notice: ScenarioNotice, guardian: bool = False) -> ConsentForm:
    """The content of the separate (or guardian) consent form for ``notice``."""
    title = T(N_("Guardian's consent to processing a child's facial information")) if guardian \
        else T(N_("Separate consent to the processing of facial information"))
    subtitle = T(N_("Face data is sensitive personal information. This form stands on its own "
                    "and is not part of any other terms."))
    return ConsentForm(guardian, title, subtitle, notice.operator, notice.contact, notice.optout_url,
                       tuple(_notice_blocks(notice, guardian)), tuple(_consent_blocks(notice, guardian)),
                       tuple(_business_blocks()))


def form_version(project: Project, scenario: Scenario, guardian: bool = False,
                 today: dt.date | None = None) -> ContentVersion:
    """The version today's consent (or guardian) form for ``scenario`` prints.

    For the register of signed forms and the chain batch: equal to the
    version on a signed form exactly when that form's text is today's.
    ``today`` does not change the version; it is only passed on to the
    notice builder.
    """
    notice = scenario_notice(project, scenario, today or dt.date.today())
    return consent_form(notice, guardian).version


# --- layout ---------------------------------------------------------------------

def _header(flow: Flow, form: ConsentForm) -> None:
    """Title, operator and the QR code to the opt-out page, top of page one."""
    s = flow.s
    q = required_qr_size_mm("A4", form.optout_url) * mm
    width = flow.width - q - s
    top = flow.y
    stack = [
        (form.title.zh, BOLD, s * 1.7, TEXT_BLACK), (form.title.en, BOLD, s * 1.25, SECOND_LANGUAGE),
        (form.subtitle.zh, REGULAR, s * 0.9, TEXT_BLACK), (form.subtitle.en, REGULAR, s * 0.9, SECOND_LANGUAGE),
        (form.operator.zh, BOLD, s * 1.1, TEXT_BLACK), (form.operator.en, BOLD, s, SECOND_LANGUAGE),
    ]
    y = top
    if form.operator.en == form.operator.zh:  # no English name: print the one name once
        stack.pop()
    for text, font, size, color in stack:
        layout = layout_text(text, font, size, width)
        flow.page.texts.append(PlacedText(layout, flow.left, y, color))
        y -= layout.height + s * 0.3
    url = layout_text(form.optout_url, REGULAR, 6.5, q + s * 2)
    flow.page.qr = (form.optout_url, flow.right - q, top - q, q)
    flow.page.texts.append(PlacedText(url, flow.right - q - s * 2, top - q - 2, TEXT_BLACK, "right"))
    flow.y = min(y, top - q - 2 - url.height) - s * 0.3
    flow.bilingual(form.contact)
    flow.rule()


def _place(flow: Flow, blocks: Sequence[Block], version: ContentVersion, printed: Bilingual) -> None:
    for block in blocks:
        if block.kind == HEADING:
            flow.heading(block.text)
        elif block.kind == TEXT:
            if block.text.zh == block.text.en:  # one text for both readers (a place name)
                flow.paragraph(block.text.zh, font=BOLD)
            else:
                flow.bilingual(block.text)
        elif block.kind == TICK:
            flow.tick(block.text)
        elif block.kind == FIELD:
            flow.fill_line(block.text)
        elif block.kind == VERSION:
            flow.fill_line(block.text, f"{version.code}\n{printed.zh}\n{printed.en}")
        else:
            raise ValueError(f"unknown block {block.kind!r}")


def _kept_together(flow: Flow, draw: Callable[[Flow], None]) -> bool:
    """Place what ``draw`` draws on one page of ``flow`` (a new one if needed);
    False if it would not fit even on a page of its own."""
    trial = Flow(flow.s, flow.geometry, flow.footer)
    trial.y = trial.top - 1e-3  # as if something came before it, so it may not start a page itself
    draw(trial)
    if len(trial.pages) > 1:
        return False
    flow.ensure(trial.top - trial.y)
    start = len(flow.pages)
    draw(flow)
    return len(flow.pages) == start


def layout_form(form: ConsentForm, size: float, printed: dt.date) -> Flow | None:
    """The form laid out at body size ``size``, or None if its consent block
    cannot stay on one page at that size."""
    version, day = form.version, printed_on(printed)
    flow = Flow(size, footer=RunningFooter(form.name, version.code))
    _header(flow, form)
    _place(flow, form.notice, version, day)
    if not _kept_together(flow, lambda f: _place(f, (*form.consent, *form.business), version, day)):
        return None
    return flow


def layout_consent(notice: ScenarioNotice, guardian: bool = False, printed: dt.date | None = None,
                   large_print: bool = False) -> Flow:
    """The form laid out at the largest size that keeps it within two pages
    (large print: the largest large size that keeps the consent block on one page)."""
    form = consent_form(notice, guardian)
    printed = printed or dt.date.today()
    sizes, max_pages = (LARGE_PRINT_SIZES, LARGE_PRINT_MAX_PAGES) if large_print else (SIZES, MAX_PAGES)
    for size in sizes:
        flow = layout_form(form, size, printed)
        if flow is not None and len(flow.pages) <= max_pages:
            return flow
    longest = max((("operator_name", notice.operator.zh), ("address", notice.contact.zh),
                   ("location", notice.capture_area.zh)), key=lambda kv: len(kv[1]))
    raise TextDoesNotFitError(field_label(longest[0]), max(1, len(longest[1]) // 2), len(longest[1]),
                              T(N_("a two-page consent form")))


def render_consent(project: Project, scenario: Scenario, today: dt.date, guardian: bool = False,
                   slug: str | None = None, large_print: bool = False) -> bytes:
    """The separate (or guardian) consent form for ``scenario`` as PDF bytes."""
    notice = scenario_notice(project, scenario, today, slug=slug)
    form = consent_form(notice, guardian)
    flow = layout_consent(notice, guardian, today, large_print)
    buf = io.BytesIO()
    canvas = new_canvas(buf, f"{form.name.zh} {form.name.en} — {scenario.name}", notice.operator.zh,
                        date=today, subject=form.version.code)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()
