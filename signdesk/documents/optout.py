"""The opt-out page: one self-contained bilingual HTML file the owner hosts.

No scripts, no external requests (styles inline, no web fonts, no images),
readable on a phone. It says per scenario what is processed and why, the
non-face alternative, how to withdraw consent, ask for deletion or object,
and how to reach the business. Every user text goes through html.escape.

What the page says is built once (:func:`optout_content`); the page and the
plain text and HTML fragment an owner pastes into a WeChat official-account
article or a CMS (:func:`optout_text_files`) are both drawn from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from signdesk.documents.content import (ScenarioNotice, business_identity, join_sentences, scenario_notice,
                                        scenario_slugs)
from signdesk.documents.textfit import keep_whole_spans, reading_units
from signdesk.i18n import EN, N_, ZH, Bilingual
from signdesk.model import Project
from signdesk.rules import DocumentKind, evaluate

T = Bilingual.of


@dataclass(frozen=True)
class Topic:
    """A heading and its paragraph, each in both languages."""

    heading: Bilingual
    text: Bilingual


@dataclass(frozen=True)
class ScenarioSection:
    """What the page says about one scenario: its name, where it is, and its topics in order."""

    title: Bilingual
    #: Where the devices are, as typed (empty Chinese: not answered).
    location: Bilingual
    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class OptOutContent:
    """Everything the opt-out page says, in reading order: the one source of the
    page (:func:`render_optout_page`) and of its text for article editors
    (:func:`optout_text_files`)."""

    title: Bilingual
    operator: Bilingual
    #: How to opt out (and withdraw, where consent is the basis): heading and paragraph.
    how_to: Topic
    contact: Bilingual
    #: As typed, for the page's tap-to-call and mail links ("" when not given).
    phone: str
    email: str
    saying_no: Bilingual
    scenarios: tuple[ScenarioSection, ...]
    version: Bilingual

_STYLE = """
body{margin:0;font:16px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
color:#1a1a1a;background:#fff}
header{background:#f9b115;padding:16px 18px}
h1{font-size:1.5em;margin:0;line-height:1.25}
h1>span[lang]{display:block;font-size:.72em}
main{padding:4px 18px 24px;max-width:46em;margin:auto}
h2{font-size:1.15em;color:#0b2a5b;margin:1.4em 0 .3em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1em;margin:1em 0 .2em;color:#0b2a5b}
p{margin:.25em 0;line-break:strict;text-wrap:pretty}
p[lang=en]{color:#444}
a{color:#0b2a5b}
.k{white-space:nowrap}
.c{display:inline-block;max-width:100%}
footer{font-size:.8em;color:#555;padding:0 18px 24px;max-width:46em;margin:auto}
""".strip()


def _text(text: str) -> str:
    """``text`` as escaped HTML that a browser breaks the way our PDFs do.

    The runs the printed documents keep whole (a number with its unit, a
    short title, a short word between punctuation) are no-wrap spans; a
    phone number, e-mail address or URL moves to the next line whole, and
    breaks, only at its own separators, just when it is wider than a line
    (an inline block of no-wrap parts with ``<wbr>`` between); and the last two things a
    reader sees in a paragraph stay together, so no character or word is
    left alone on the last line. Kinsoku is the browser's (``line-break:
    strict``).
    """
    kept: list[list[int]] = []
    contacts: list[tuple[int, int, frozenset[int]]] = []
    for start, end, kind, cuts in keep_whole_spans(text):
        if kind == "contact":
            contacts.append((start, end, cuts))
        else:
            kept.append([start, end])
    units = reading_units(text)
    if len(units) >= 2:
        tail = units[-2][0]
        if not any(start < len(text) and end > tail for start, end, _ in contacts):
            kept.append([tail, len(text)])
    # A contact that overlaps a kept run ("0123或") is kept whole with it.
    for start, end, cuts in list(contacts):
        if any(a < end and b > start for a, b in kept):
            kept.append([start, end])
            contacts.remove((start, end, cuts))
    runs: list[tuple[int, int, frozenset[int]]] = [(start, end, frozenset()) for start, end in _merged(kept)]
    runs += contacts
    out, done = [], 0
    for start, end, cuts in sorted(runs):
        out.append(escape(text[done:start]))
        if cuts:
            bounds = [start, *sorted(start + c for c in cuts), end]
            parts = (f'<span class="k">{escape(text[a:b])}</span>' for a, b in zip(bounds, bounds[1:]))
            out.append(f'<span class="c">{"<wbr>".join(parts)}</span>')
        else:
            out.append(f'<span class="k">{escape(text[start:end])}</span>')
        done = end
    out.append(escape(text[done:]))
    return "".join(out)


def _merged(intervals: list[list[int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _pair(text: Bilingual) -> str:
    return f'<p lang="zh-CN">{_text(text.zh)}</p>\n<p lang="en">{_text(text.en)}</p>'


def _h(tag: str, text: Bilingual) -> str:
    return f'<{tag}>{_text(text.zh)} <span lang="en">{_text(text.en)}</span></{tag}>'


def _joined(first: Bilingual, then: Bilingual) -> Bilingual:
    """Two texts as one paragraph per language."""
    return Bilingual(join_sentences(ZH, [first.zh, then.zh]), join_sentences(EN, [first.en, then.en]))


def _saying_no(notices: list[ScenarioNotice]) -> Bilingual:
    """What saying no costs, true for every scenario on the page."""
    if notices and all(n.offers_alternative for n in notices):
        return T(N_("Refusing facial recognition will not affect the service you receive."))
    if any(n.offers_alternative for n in notices):
        return T(N_("Where another way is offered (see each section below), refusing facial recognition will not "
                    "affect the service you receive. Where none is offered, ask us for one: tell our staff on site "
                    "or contact us."))
    return T(N_("If you do not want facial recognition, ask us for another way: tell our staff on site or "
                "contact us."))


def optout_content(project: Project, today: dt.date) -> OptOutContent:
    """What the opt-out page says, for the scenarios that need notice or consent."""
    business = project.business_answers()
    operator, contact = business_identity(business)
    assessment = evaluate(project, today)
    wanted = {d.scenario_id for d in assessment.documents
              if d.kind in (DocumentKind.SIGN, DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)}
    slugs = scenario_slugs(project)
    notices = [scenario_notice(project, sc, today, slug=slugs[sc.id])
               for sc in project.scenarios if sc.id in wanted or not wanted]
    if any(n.withdrawal for n in notices):
        how_to = Topic(T(N_("How to opt out, withdraw or ask for deletion")),
                       T(N_("You can refuse facial recognition, withdraw your consent, ask us to delete your facial "
                            "information or object to its processing at any time. Tell our staff on site or contact "
                            "us:")))
    else:  # no consent here: nothing to withdraw
        how_to = Topic(T(N_("How to opt out or ask for deletion")),
                       T(N_("You can refuse facial recognition, ask us to delete your facial information or object to "
                            "its processing at any time. Tell our staff on site or contact us:")))
    return OptOutContent(
        title=T(N_("Facial recognition: your choices")),
        operator=operator,
        how_to=how_to,
        contact=contact,
        phone=str(business.get("contact_phone") or "").strip(),
        email=str(business.get("contact_email") or "").strip(),
        saying_no=_saying_no(notices),
        scenarios=tuple(_scenario_section(n) for n in notices),
        version=notices[0].version if notices else T(N_("Version of {date}"), date=today.isoformat()),
    )


def _scenario_section(n: ScenarioNotice) -> ScenarioSection:
    topics = [
        Topic(T(N_("Purpose")), n.purpose),
        Topic(T(N_("How it works and where data is kept")), n.method),
        Topic(T(N_("Retention and deletion")), _joined(n.retention, n.deletion)),
        Topic(T(N_("Necessity and impact")), n.necessity),
        Topic(T(N_("You can say no")), n.alternative),
        Topic(T(N_("Your rights and withdrawing consent")), _joined(n.page_rights, n.withdrawal)) if n.withdrawal
        else Topic(T(N_("Your rights")), n.page_rights),
    ]
    if n.recipients:
        topics.append(Topic(T(N_("Who else handles the data")), n.recipients))
    return ScenarioSection(n.scenario_title, n.location, tuple(topics))


# --- the page ------------------------------------------------------------------

def _scenario(section: ScenarioSection) -> str:
    title, location = section.title, section.location
    parts = ["<section>", _h("h2", title) if title.en != title.zh else f"<h2>{_text(title.zh)}</h2>"]
    if location.zh:
        parts.append(_pair(location) if location.en != location.zh else f"<p>{_text(location.zh)}</p>")
    for topic in section.topics:
        parts.append(_h("h3", topic.heading))
        parts.append(_pair(topic.text))
    parts.append("</section>")
    return "\n".join(parts)


def render_optout_page(project: Project, today: dt.date) -> bytes:
    """The opt-out page as UTF-8 HTML bytes, for the scenarios that need notice or consent."""
    content = optout_content(project, today)
    title, operator = content.title, content.operator
    contact_links = []
    if content.phone:
        tel = "".join(c for c in content.phone if c.isdigit() or c == "+")
        contact_links.append(f'<a href="tel:{escape(tel)}">{_text(content.phone)}</a>')
    if content.email:
        contact_links.append(f'<a href="mailto:{escape(content.email)}">{_text(content.email)}</a>')
    body = "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Belt and braces: even if a host injects something, the page loads nothing else.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title.zh)} {escape(title.en)} — {escape(operator.zh)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header>{_h('h1', title)}</header>",
        "<main>",
        f'<p lang="zh-CN"><strong>{_text(operator.zh)}</strong></p>',
        *([f'<p lang="en"><strong>{_text(operator.en)}</strong></p>'] if operator.en != operator.zh else []),
        _h("h2", content.how_to.heading),
        _pair(content.how_to.text),
        _pair(content.contact),
        f"<p>{' · '.join(contact_links)}</p>" if contact_links else "",
        _pair(content.saying_no),
        *(_scenario(section) for section in content.scenarios),
        "</main>",
        f"<footer>{_pair(content.version)}</footer>",
        "</body>",
        "</html>",
        "",
    ])
    return body.encode("utf-8")


# --- the same text for an article editor ------------------------------------------

#: What File > Export opt-out page text and ``export --optout-text`` write.
OPTOUT_TEXT_NAME = "optout-text.txt"
OPTOUT_FRAGMENT_NAME = "optout-text.html"


def _languages(text: Bilingual) -> list[str]:
    """The text's lines, Chinese first; one line where both languages read the same (a name as typed)."""
    return [text.zh] if text.en == text.zh else [text.zh, text.en]


def _article(content: OptOutContent) -> list[tuple[str, str]]:
    """The page as (tag, text) blocks of plain text: h1, h2 or p.

    An article editor keeps headings, paragraphs and lists and little else,
    so a scenario's topics are paragraphs that start with their heading
    ("处理目的：…" / "Purpose: …") rather than a third level of heading.
    """
    def paragraphs(text: Bilingual) -> list[tuple[str, str]]:
        return [("p", line) for line in _languages(text)]

    def heading(tag: str, text: Bilingual) -> tuple[str, str]:
        return tag, " / ".join(_languages(text))

    blocks = [heading("h1", content.title), *paragraphs(content.operator),
              heading("h2", content.how_to.heading), *paragraphs(content.how_to.text),
              *paragraphs(content.contact), *paragraphs(content.saying_no)]
    for section in content.scenarios:
        blocks.append(heading("h2", section.title))
        if section.location.zh:
            blocks += paragraphs(section.location)
        for topic in section.topics:
            blocks.append(("p", f"{topic.heading.zh}：{topic.text.zh}"))
            blocks.append(("p", f"{topic.heading.en}: {topic.text.en}"))
    return blocks + paragraphs(content.version)


def optout_plain_text(project: Project, today: dt.date) -> str:
    """The opt-out page's text, both languages, one paragraph per block, blank lines between; no markup."""
    return "\n\n".join(text for _tag, text in _article(optout_content(project, today))) + "\n"


def optout_html_fragment(project: Project, today: dt.date) -> str:
    """The opt-out page's text as an HTML fragment of h1, h2 and p only: no scripts, styles or links."""
    return "".join(f"<{tag}>{escape(text)}</{tag}>\n" for tag, text in _article(optout_content(project, today)))


def optout_text_files(project: Project, today: dt.date) -> dict[str, bytes]:
    """File name -> bytes of the opt-out page's text for pasting into an article editor or a CMS.

    The fragment starts with a UTF-8 byte order mark: it has no ``<meta
    charset>`` (it is no page), and the mark is what makes a browser that
    opens it for copying read the Chinese as UTF-8.
    """
    return {OPTOUT_TEXT_NAME: optout_plain_text(project, today).encode("utf-8"),
            OPTOUT_FRAGMENT_NAME: "\ufeff".encode("utf-8") + optout_html_fragment(project, today).encode("utf-8")}
