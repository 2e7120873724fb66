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

from signdesk.documents.consent_text import FormWording, form_wording
from signdesk.documents.content import PURPOSE_TEXTS, ScenarioNotice, answers_with, field_label, scenario_notice
from signdesk.documents.flow import (
    LEADING,
    SECOND_LANGUAGE,
    Flow,
    FormNumber,
    NumberSlot,
    PlacedText,
    RunningFooter,
    draw_flow,
    layout_text,
)
from signdesk.documents.fonts import BOLD, REGULAR
from signdesk.documents.printmarks import TEXT_BLACK, new_canvas, start_print_page
from signdesk.documents.qr import MIN_MODULE_MM, QUIET_ZONE_MODULES, required_qr_size_mm
from signdesk.documents.textfit import TextDoesNotFitError
from signdesk.documents.versions import CONSENT_FORM, GUARDIAN_FORM, ContentVersion, content_version, printed_on, texts_of
from signdesk.errors import UserInputError
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model import Project, Scenario

T = Bilingual.of

# Kinds of block a form is made of.
HEADING, PLACE, TEXT, TICK, CHOICES, FIELDS = "heading", "place", "text", "tick", "choices", "fields"
#: The one field the form fills in itself.
FORM_VERSION = N_("Form version")
#: The field a numbered form fills in with its serial (and its small code).
RECORD_NUMBER = N_("Record number")
#: Printed size of the small code beside a numbered form's serial, quiet zone
#: included: read by a counter scanner held close, so far below a sign's code.
SERIAL_CODE_MM = 14.0
#: Most forms numbered in one run: 1000 two-page forms are already a box of paper.
MAX_NUMBERED_RUN = 1000


@dataclass(frozen=True)
class Block:
    """One thing the form prints: a heading, a paragraph pair, a tick box
    item, or a row of fields to fill in (``cells``, their labels, side by side)."""

    kind: str
    text: Bilingual = Bilingual("", "")
    cells: tuple[Bilingual, ...] = ()


@dataclass(frozen=True)
class ConsentForm:
    """What a consent form says, before any layout."""

    guardian: bool
    title: Bilingual
    subtitle: Bilingual
    operator: Bilingual
    #: "Personal information handler: <the business>" (reference §H2.2).
    handler: Bilingual
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
            self.title, self.subtitle, self.handler, self.contact, self.optout_url,
            [(b.text, b.cells) for b in (*self.notice, *self.consent, *self.business)]))


def _notice_blocks(notice: ScenarioNotice, words: FormWording, guardian: bool) -> list[Block]:
    """The §H2 information every consent form states before the tick boxes."""
    place = Bilingual(*("  ·  ".join(p for p in (notice.scenario_title.get(loc), notice.location.get(loc)) if p)
                        for loc in (ZH, EN)))
    out: list[Block] = [Block(PLACE, place)]
    if notice.accessible:  # only what the owner said they offer; first, where it helps most
        # the same words on both editions, so they share one version
        out.append(Block(TEXT, T(N_("This form comes in normal and in large print, and our staff can read it "
                                    "aloud to you: just ask."))))

    def section(heading: Bilingual, *texts: Bilingual | None) -> None:
        out.append(Block(HEADING, heading))
        out.extend(Block(TEXT, t) for t in texts if t is not None)

    if guardian:  # Measures art. 7, PIPL art. 31: who this form is for, before anything else
        section(T(N_("About this form")),
                T(N_("This form is for the parent or other guardian of a child under 14. The law allows the "
                     "facial information of a child under 14 to be processed only with the guardian's "
                     "consent.")),
                # where the dedicated rules can be read; never claimed when the owner has none
                T(N_("We have dedicated rules for processing the personal information of children under 14. "
                     "Ask our staff for them: you can read them here before you sign."))
                if notice.has_child_rules else None)
    section(T(N_("Purpose")), words.purpose)
    section(T(N_("How it works and where data is kept")), words.method)
    section(T(N_("Retention and deletion")), words.retention, words.deletion)
    section(T(N_("Necessity and impact")), words.necessity)
    if notice.recipients:
        section(T(N_("Who else handles the data")), notice.recipients)
    section(T(N_("You can say no")), words.alternative)
    section(T(N_("Your rights")), words.rights)
    section(T(N_("Withdrawing consent")), words.withdrawal)
    section(T(N_("How long this form is kept")), words.record_kept)
    if not guardian:
        section(T(N_("Age")), T(N_("Sign this form only if you are 14 or older. For a child under 14, a parent or "
                                   "guardian fills in the guardian consent form.")))
    return out


def _consent_blocks(notice: ScenarioNotice, words: FormWording, guardian: bool) -> list[Block]:
    if guardian:
        heading = T(N_("The guardian's separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent covers only the child's facial information as described on this form."))
        rows = ((N_("Child's name"), N_("Relationship to the child")),
                (N_("Guardian's name"), N_("Guardian's phone or e-mail")),
                (N_("Guardian's signature"), N_("Date and time")))
    else:
        heading = T(N_("Your separate consent"))
        intro = T(N_("Tick each box you agree to. Every box is optional; leaving one empty means no. "
                     "This consent is separate from any other terms you have accepted."))
        rows = ((N_("Name"),), (N_("Signature"), N_("Date and time")))
    items = notice.guardian_items if guardian else notice.consent_items
    # Several purposes: one sentence, then a box per purpose name; one purpose: one sentence with its box.
    purposes = [Block(TICK, words.one_purpose)] if words.one_purpose else \
        [Block(CHOICES, cells=tuple(i.text for i in items if i.key in PURPOSE_TEXTS))]
    separate = [Block(TICK, i.text) for i in items if i.key not in PURPOSE_TEXTS]
    lead = [Block(TEXT, words.purpose_lead)] if words.purpose_lead else []
    return [Block(HEADING, heading), Block(TEXT, intro), *lead, *purposes, *separate,
            Block(HEADING, T(N_("Signature"))), Block(TEXT, words.declaration),
            *(Block(FIELDS, cells=tuple(T(label) for label in row)) for row in rows)]


def _business_blocks() -> list[Block]:
    return [Block(HEADING, T(N_("For the business"))),
            Block(FIELDS, cells=(T(FORM_VERSION), T(RECORD_NUMBER))),
            Block(FIELDS, cells=(T(N_("Collected by (staff)")), T(N_("Channel (paper, app, kiosk)"))))]


def consent_form(project: Project, scenario: Scenario, guardian: bool = False, today: dt.date | None = None,
                 slug: str | None = None) -> ConsentForm:
    """The content of the separate (or guardian) consent form for ``scenario``.

    ``today`` is not part of the content (see :func:`form_version`).
    """
    notice = scenario_notice(project, scenario, today or dt.date.today(), slug=slug)
    words = form_wording(answers_with(project, scenario), notice, guardian)
    title = T(N_("Guardian's consent to processing a child's facial information")) if guardian \
        else T(N_("Separate consent to the processing of facial information"))
    subtitle = T(N_("Facial information is sensitive personal information. This form stands on its own "
                    "and is not part of any other terms."))
    return ConsentForm(guardian, title, subtitle, notice.operator, words.handler, notice.contact, notice.optout_url,
                       tuple(_notice_blocks(notice, words, guardian)),
                       tuple(_consent_blocks(notice, words, guardian)), tuple(_business_blocks()))


def form_version(project: Project, scenario: Scenario, guardian: bool = False,
                 today: dt.date | None = None) -> ContentVersion:
    """The version today's consent (or guardian) form for ``scenario`` prints.

    For the register of signed forms and the chain batch: equal to the
    version on a signed form exactly when that form's text is today's.
    ``today`` does not change the version.
    """
    return consent_form(project, scenario, guardian, today).version


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
        (form.handler.zh, BOLD, s * 1.1, TEXT_BLACK), (form.handler.en, BOLD, s, SECOND_LANGUAGE),
    ]
    y = top
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


def _place(flow: Flow, blocks: Sequence[Block], version: ContentVersion, printed: Bilingual,
           size: float | None = None, numbered: bool = False) -> None:
    """Lay out ``blocks`` (at ``size`` if given: headings and fields only);
    ``numbered`` leaves room for a printed serial in the record-number field."""
    s = flow.s
    for i, block in enumerate(blocks):
        if block.kind == HEADING:
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is not None and following.kind == TEXT:
                # A section's heading and its first paragraph pair start on the same page.
                head = layout_text(f"{block.text.zh}  {block.text.en}", BOLD, (size or s) * 1.1, flow.width,
                                   flow.leading)
                _keep(flow, s * 0.9 + head.height + _pair_height(flow, following.text))
            flow.heading(block.text, size and size * 1.1)
        elif block.kind == PLACE:  # where and what: one line if it reads the same in both languages
            if block.text.zh == block.text.en:
                flow.paragraph(block.text.zh, font=BOLD)
            else:
                flow.bilingual(block.text, font=BOLD, gap=s * 0.2)
            flow.space(s * 0.2)
        elif block.kind == TEXT:
            # Air between the languages and more after the pair, so each reader finds their lines.
            _keep(flow, _pair_height(flow, block.text))
            flow.bilingual(block.text, gap=s * 0.35)
            flow.space(s * 0.45)
        elif block.kind == TICK:
            flow.tick(block.text)
            flow.space(s * 0.3)
        elif block.kind == CHOICES:
            _choices(flow, block.cells)
        elif block.kind == FIELDS:
            _fields(flow, block.cells, f"{version.code}\n{printed.zh}\n{printed.en}", size, numbered)
        else:
            raise ValueError(f"unknown block {block.kind!r}")


def _pair_height(flow: Flow, text: Bilingual) -> float:
    """Height of a paragraph pair as :func:`_place` sets it."""
    zh, en = (layout_text(t, REGULAR, flow.s, flow.width, flow.leading) for t in (text.zh, text.en))
    return zh.height + flow.s * 0.35 + en.height


#: A paragraph pair up to this share of a page is never split between pages.
KEEP_SHARE = 0.3


def _keep(flow: Flow, height: float) -> None:
    """Start a new page unless ``height`` fits, if it is short enough to keep whole."""
    if height <= (flow.top - flow.bottom) * KEEP_SHARE:
        flow.ensure(height)


def _choices(flow: Flow, names: Sequence[Bilingual], columns: int = 2) -> None:
    """Short items (purposes by name), each with its own empty box, two to a row."""
    s = flow.s
    box, gap = s * 1.2, s * 1.5
    width = (flow.width - gap * (columns - 1)) / columns
    indent = box + s * 0.8
    for start in range(0, len(names), columns):
        row = []
        for name in names[start:start + columns]:
            zh = layout_text(name.zh, REGULAR, s, width - indent, flow.leading)
            en = layout_text(name.en, REGULAR, s, width - indent, flow.leading)
            row.append((zh, en))
        height = max(zh.height + s * 0.15 + en.height for zh, en in row)
        flow.ensure(height + s * 0.5)
        flow.space(s * 0.5)
        top = flow.y
        for i, (zh, en) in enumerate(row):
            x = flow.left + i * (width + gap)
            flow.page.tick_boxes.append((x, top - box + s * 0.05, box))
            flow.page.texts.append(PlacedText(zh, x + indent, top, TEXT_BLACK))
            flow.page.texts.append(PlacedText(en, x + indent, top - zh.height - s * 0.15, SECOND_LANGUAGE))
        flow.y = top - height
    flow.space(s * 0.3)


def _fields(flow: Flow, labels: Sequence[Bilingual], version: str, size: float | None = None,
            numbered: bool = False) -> None:
    """A row of fields side by side: each label over a line with room to
    write by hand (the form's version is printed, not written; on a
    numbered form, so is the record number, with a small code beside it)."""
    s = size or flow.s
    gap = s * 1.5
    width = (flow.width - gap * (len(labels) - 1)) / len(labels)
    code = max(SERIAL_CODE_MM * mm, (21 + 2 * QUIET_ZONE_MODULES) * MIN_MODULE_MM * mm)
    cells = []
    for label in labels:
        serial = numbered and label == T(RECORD_NUMBER)
        lab = layout_text(f"{label.zh}  {label.en}", REGULAR, s * 0.9, width - (code + s if serial else 0),
                          flow.leading)
        if label == T(FORM_VERSION):
            value, height = layout_text(version, REGULAR, s, width, 1.3), None
        elif serial:  # room for "000101" in bold under the label, the code beside both
            value, height = None, max(lab.height + s * 0.4 + s * 1.3 * LEADING, code)
        else:
            value, height = None, None
        cells.append((lab, value, height))
    writing = s * 2.4  # a handwritten line at this size
    height = max(h if h is not None else lab.height + s * 0.4 + (value.height if value else writing)
                 for lab, value, h in cells)
    flow.ensure(height + s * 0.9)
    flow.space(s * 0.9)
    top = flow.y
    for i, (lab, value, slot) in enumerate(cells):
        x = flow.left + i * (width + gap)
        flow.page.texts.append(PlacedText(lab, x, top, TEXT_BLACK))
        if value:
            flow.page.texts.append(PlacedText(value, x, top - lab.height - s * 0.4, TEXT_BLACK))
        elif slot is not None:
            flow.page.number = NumberSlot(x, top - lab.height - s * 0.4, s * 1.3, x + width - code, top - code, code)
        else:
            flow.page.lines.append((x, top - height, x + width, top - height))
    flow.y = top - height


@dataclass(frozen=True)
class PrintStyle:
    """How a form may be set: the (pages, body size) pairs tried in turn,
    and its line spacing and column width."""

    #: (most pages, body size), the most wanted first.
    tries: tuple[tuple[int, float], ...]
    leading: float
    #: Widest text column, in ems of the body size (a comfortable line of Chinese).
    measure_ems: float
    #: Size of the part the business fills in (None: the body size).
    business_size: float | None = None


#: Normal print: one sheet printed on both sides at 11-10 pt if the text allows, else a
#: second sheet rather than smaller type; below 10 pt only for the very longest forms.
#: At most 48 Chinese characters a line.
NORMAL = PrintStyle(((2, 11.0), (2, 10.5), (2, 10.0), (3, 11.0), (3, 10.5), (3, 10.0),
                     (4, 10.0), (4, 9.5), (4, 9.0), (4, 8.5)), 1.45, 48.0)
#: Large print (Measures art. 5: elderly and disabled people): 16 pt if the consent block
#: fits a page, on as many pages as it takes; the lines staff fill in stay at a normal size.
#: A form with very many choices (seven purposes and three separate ticks) goes down to
#: 12 pt, and past that to the normal sizes, rather than split its consent block.
LARGE_PRINT = PrintStyle(((8, 16.0), (8, 15.0), (8, 14.0), (10, 13.0), (10, 12.0),
                          *((pages + 2, size) for pages, size in NORMAL.tries)), 1.4, 48.0, business_size=10.0)


def _new_flow(form: ConsentForm, size: float, style: PrintStyle) -> Flow:
    return Flow(size, footer=RunningFooter(form.name, form.version.code), leading=style.leading,
                measure=size * style.measure_ems)


def _kept_together(flow: Flow, draw: Callable[[Flow], None], fresh: Callable[[], Flow]) -> bool:
    """Place what ``draw`` draws on one page of ``flow`` (a new one if needed);
    False if it would not fit even on a page of its own."""
    trial = fresh()
    trial.y = trial.top - 1e-3  # as if something came before it, so it may not start a page itself
    draw(trial)
    if len(trial.pages) > 1:
        return False
    flow.ensure(trial.top - trial.y)
    start = len(flow.pages)
    draw(flow)
    return len(flow.pages) == start


def layout_form(form: ConsentForm, size: float, printed: dt.date, style: PrintStyle = NORMAL,
                reserve: float = 0.0, numbered: bool = False) -> Flow | None:
    """The form laid out at body size ``size``, or None if its consent block
    cannot stay on one page at that size. ``reserve`` leaves that much room
    free at the foot of the notice's pages (see :func:`_balanced`);
    ``numbered`` leaves the record-number field's room for a printed serial."""
    version, day = form.version, printed_on(printed)
    flow = _new_flow(form, size, style)
    bottom = flow.bottom
    flow.bottom += reserve
    _header(flow, form)
    _place(flow, form.notice, version, day)
    flow.bottom = bottom

    def block(f: Flow) -> None:
        _place(f, form.consent, version, day)
        _place(f, form.business, version, day, style.business_size, numbered)

    if not _kept_together(flow, block, lambda: _new_flow(form, size, style)):
        return None
    return flow


def _balanced(form: ConsentForm, flow: Flow, printed: dt.date, style: PrintStyle, numbered: bool = False) -> Flow:
    """``flow`` with the notice spread evenly over the pages before the
    consent block: the most room left free at the foot of each (found by
    halving) that keeps the page count, so no page is full while the next
    is half empty only because the consent block did not fit on it."""
    pages = len(flow.pages)
    if pages < 2:
        return flow
    low, high = 0.0, (flow.top - flow.bottom) * 0.6
    best = flow
    for _ in range(8):
        mid = (low + high) / 2
        trial = layout_form(form, flow.s, printed, style, mid, numbered)
        if trial is not None and len(trial.pages) == pages:
            low, best = mid, trial
        else:
            high = mid
    return best


def layout_consent(form: ConsentForm, printed: dt.date, large_print: bool = False,
                   numbered: bool = False) -> Flow:
    """The form laid out in the first way its style allows that keeps the
    consent block on one page and the form within that many pages, its
    pages balanced (``numbered``: with room for each copy's serial)."""
    style = LARGE_PRINT if large_print else NORMAL
    flows: dict[float, Flow | None] = {}
    for pages, size in style.tries:
        if size not in flows:
            flows[size] = layout_form(form, size, printed, style, numbered=numbered)
        flow = flows[size]
        if flow is not None and len(flow.pages) <= pages:
            return _balanced(form, flow, printed, style, numbered)
    raise _too_long(form, large_print)


def _too_long(form: ConsentForm, large_print: bool) -> TextDoesNotFitError:
    """Name the longest of the business's own texts on the form."""
    longest = max((("operator_name", form.operator.zh), ("address", form.contact.zh)), key=lambda kv: len(kv[1]))
    where = T(N_("a large-print consent form")) if large_print else T(N_("a consent form"))
    return TextDoesNotFitError(field_label(longest[0]), max(1, len(longest[1]) // 2), len(longest[1]), where)


def render_consent(project: Project, scenario: Scenario, today: dt.date, guardian: bool = False,
                   slug: str | None = None, large_print: bool = False) -> bytes:
    """The separate (or guardian) consent form for ``scenario`` as PDF bytes
    (``large_print``: the large-print edition of the same text)."""
    form = consent_form(project, scenario, guardian, today, slug)
    flow = layout_consent(form, today, large_print)
    buf = io.BytesIO()
    canvas = new_canvas(buf, f"{form.name.zh} {form.name.en} — {scenario.name}", form.operator.zh,
                        date=today, subject=form.version.code)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()


def render_numbered_consent(project: Project, scenario: Scenario, today: dt.date, serials: Sequence[str],
                            guardian: bool = False, slug: str | None = None, large_print: bool = False,
                            progress: Callable[[int, int], None] = lambda done, total: None) -> bytes:
    """One copy of the consent (or guardian) form per serial, in one PDF.

    Each copy prints its serial in the record-number field, and beside it a
    small code holding the serial and the form's version
    (:func:`~signdesk.register.store.form_code`, ``000101/C-3F9A2B``), which
    the counter's scanner types into the register. The text, and so the
    version, is the same on every copy. A copy of three or more pages is
    followed by a blank page when its count is odd, so printed on both
    sides every copy starts on a sheet of its own. ``progress(done, total)``
    hears after each copy.
    """
    from signdesk.register.store import form_code

    if not serials:
        raise ValueError("no serials to print")
    if len(serials) > MAX_NUMBERED_RUN:
        raise NumberedRunError(N_("At most {maximum} forms can be numbered at once."), maximum=MAX_NUMBERED_RUN)
    form = consent_form(project, scenario, guardian, today, slug)
    flow = layout_consent(form, today, large_print, numbered=True)
    code = form.version.code
    buf = io.BytesIO()
    canvas = new_canvas(buf, f"{form.name.zh} {form.name.en} — {scenario.name} {serials[0]}–{serials[-1]}",
                        form.operator.zh, date=today, subject=code)
    pad = len(flow.pages) > 1 and len(flow.pages) % 2 == 1
    for done, serial in enumerate(serials, 1):
        draw_flow(canvas, flow, FormNumber(serial, form_code(serial, code)))
        if pad:
            start_print_page(canvas, flow.geometry)
            canvas.showPage()
        progress(done, len(serials))
    canvas.save()
    return buf.getvalue()


class NumberedRunError(UserInputError):
    """A run of numbered forms that cannot be printed as asked."""
