"""The opt-out page: one self-contained bilingual HTML file the owner hosts.

No scripts, no external requests (styles inline, no web fonts, no images),
readable on a phone. It says per scenario what is processed and why, the
non-face alternative, how to withdraw consent, ask for deletion or object,
and how to reach the business. Every user text goes through html.escape.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from signdesk.documents.content import ScenarioNotice, business_identity, scenario_notice, scenario_slugs
from signdesk.i18n import N_, Bilingual
from signdesk.model import Project
from signdesk.rules import DocumentKind, evaluate

T = Bilingual.of

_STYLE = """
body{margin:0;font:16px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
color:#1a1a1a;background:#fff}
header{background:#f9b115;padding:16px 18px}
h1{font-size:1.5em;margin:0;line-height:1.25}
h1 span{display:block;font-size:.72em}
main{padding:4px 18px 24px;max-width:46em;margin:auto}
h2{font-size:1.15em;color:#0b2a5b;margin:1.4em 0 .3em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1em;margin:1em 0 .2em;color:#0b2a5b}
p{margin:.25em 0}
p[lang=en]{color:#444}
a{color:#0b2a5b;word-break:break-all}
footer{font-size:.8em;color:#555;padding:0 18px 24px;max-width:46em;margin:auto}
""".strip()


def _pair(text: Bilingual) -> str:
    return f'<p lang="zh-CN">{escape(text.zh)}</p>\n<p lang="en">{escape(text.en)}</p>'


def _h(tag: str, text: Bilingual) -> str:
    return f'<{tag}>{escape(text.zh)} <span lang="en">{escape(text.en)}</span></{tag}>'


def _scenario(n: ScenarioNotice) -> str:
    title = n.scenario_title
    parts = ["<section>", _h("h2", title) if title.en != title.zh else f"<h2>{escape(title.zh)}</h2>"]
    if n.location.zh:
        parts.append(_pair(n.location) if n.location.en != n.location.zh else f"<p>{escape(n.location.zh)}</p>")
    for heading, text in (
        (T(N_("Purpose")), n.purpose),
        (T(N_("How it works and where data is kept")), n.method),
        (T(N_("Retention and deletion")), Bilingual(n.retention.zh + n.deletion.zh,
                                                    f"{n.retention.en} {n.deletion.en}")),
        (T(N_("Necessity and impact")), n.necessity),
        (T(N_("You can say no")), n.alternative),
        (T(N_("Your rights and withdrawing consent")), n.withdrawal),
    ):
        parts.append(_h("h3", heading))
        parts.append(_pair(text))
    if n.recipients:
        parts.append(_h("h3", T(N_("Who else handles the data"))))
        parts.append(_pair(n.recipients))
    parts.append("</section>")
    return "\n".join(parts)


def render_optout_page(project: Project, today: dt.date) -> bytes:
    """The opt-out page as UTF-8 HTML bytes, for the scenarios that need notice or consent."""
    business = project.business_answers()
    operator, contact = business_identity(business)
    assessment = evaluate(project, today)
    wanted = {d.scenario_id for d in assessment.documents
              if d.kind in (DocumentKind.SIGN, DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM)}
    slugs = scenario_slugs(project)
    notices = [scenario_notice(project, sc, today, slug=slugs[sc.id])
               for sc in project.scenarios if sc.id in wanted or not wanted]
    title = T(N_("Facial recognition: your choices"))
    email = str(business.get("contact_email") or "").strip()
    phone = str(business.get("contact_phone") or "").strip()
    contact_links = []
    if phone:
        tel = "".join(c for c in phone if c.isdigit() or c == "+")
        contact_links.append(f'<a href="tel:{escape(tel)}">{escape(phone)}</a>')
    if email:
        contact_links.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
    version = notices[0].version if notices else T(N_("Version of {date}"), date=today.isoformat())
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
        f'<p lang="zh-CN"><strong>{escape(operator.zh)}</strong></p>',
        *([f'<p lang="en"><strong>{escape(operator.en)}</strong></p>'] if operator.en != operator.zh else []),
        _h("h2", T(N_("How to opt out, withdraw or ask for deletion"))),
        _pair(T(N_("You can refuse facial recognition, withdraw your consent, ask us to delete your face data "
                   "or object to its processing at any time. Tell our staff on site or contact us:"))),
        _pair(contact),
        f"<p>{' · '.join(contact_links)}</p>" if contact_links else "",
        _pair(T(N_("Refusing facial recognition does not cost you the service where another way is offered."))),
        *(_scenario(n) for n in notices),
        "</main>",
        f"<footer>{_pair(version)}</footer>",
        "</body>",
        "</html>",
        "",
    ])
    return body.encode("utf-8")
