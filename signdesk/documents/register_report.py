"""The register on paper: a summary for a regulator, and one person's history.

Both languages, Chinese first, like every SignDesk document. The summary
counts what the register holds, says whether its history verifies, and
lists the signs up; a person's history lists every entry about them with
its hash, so a printed page can be checked against the database.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from signdesk.documents.content import business_identity
from signdesk.documents.flow import Flow, RunningFooter, draw_flow
from signdesk.documents.fonts import BOLD
from signdesk.documents.printmarks import new_canvas
from signdesk.i18n import EN, N_, ZH, Bilingual, format_date, translate
from signdesk.model import Project
from signdesk.register.errors import EntryError
from signdesk.register.store import CHANNEL_LABELS, KIND_LABELS, TICK_LABELS, Register
from signdesk.rules import evaluate

T = Bilingual.of
SIZE = 9.5
SUMMARY_TITLE = N_("Register of consents and signs")
HISTORY_TITLE = N_("Register history of one person")


def today_versions(project: Project, today: dt.date) -> dict[str, dict[str, str]]:
    """Today's content versions (codes) of each scenario's consent and guardian forms and sign.

    What the register's findings compare signed forms and posted signs
    against; a document that cannot be made yet (an answer missing) has no
    version and is left out.
    """
    from signdesk.documents.consent import form_version
    from signdesk.documents.content import scenario_notice
    from signdesk.documents.sign import sign_version
    from signdesk.errors import UserInputError
    from signdesk.rules import DocumentKind, required_documents

    makers = {
        DocumentKind.CONSENT_FORM: ("adult", lambda sc: form_version(project, sc, False, today)),
        DocumentKind.GUARDIAN_CONSENT_FORM: ("guardian", lambda sc: form_version(project, sc, True, today)),
        DocumentKind.SIGN: ("sign", lambda sc: sign_version(scenario_notice(project, sc, today))),
    }
    out: dict[str, dict[str, str]] = {}
    for doc in required_documents(project):
        if doc.kind not in makers or doc.scenario_id is None:
            continue
        key, make = makers[doc.kind]
        try:
            version = make(project.scenario(doc.scenario_id))
        except UserInputError:
            continue
        out.setdefault(doc.scenario_id, {})[key] = version.code
    return out


def sign_scenario(register: Register, project: Project, version: str | None, today: dt.date,
                  versions: Mapping[str, Mapping[str, str]] | None = None) -> str | None:
    """The scenario whose sign prints ``version``: today's sign of one scenario
    (``versions`` as from :func:`today_versions`, computed when not given),
    or the scenario a sign of that version was posted for before."""
    if not version:
        return None
    versions = today_versions(project, today) if versions is None else versions
    found = [sid for sid, kinds in versions.items() if kinds.get("sign") == version]
    return found[0] if len(found) == 1 else register.sign_scenario(version)


def _bi(fn) -> Bilingual:  # type: ignore[no-untyped-def]
    return Bilingual(fn(ZH), fn(EN))


def _item(flow: Flow, text: Bilingual, **kwargs) -> None:  # type: ignore[no-untyped-def]
    flow.space(flow.s * 0.45)
    flow.bilingual(text, **kwargs)


def _head(flow: Flow, title: str, project: Project, today: dt.date) -> None:
    operator, _contact = business_identity(project.business_answers())
    flow.bilingual(T(title), font=BOLD, size=SIZE * 1.6)
    flow.bilingual(_bi(lambda loc: translate(loc, N_("{operator} — as of {date}"), operator=operator.get(loc),
                                             date=format_date(today, loc))))
    flow.rule()


def _pdf(flow: Flow, title: str, project: Project, today: dt.date) -> bytes:
    buf = io.BytesIO()
    operator, _contact = business_identity(project.business_answers())
    t = T(title)
    canvas = new_canvas(buf, f"{t.zh} {t.en} — {operator.zh}", operator.zh, date=today)
    draw_flow(canvas, flow)
    canvas.save()
    return buf.getvalue()


def render_register_summary(register: Register, project: Project, today: dt.date) -> bytes:
    """The register summary as PDF bytes."""
    from signdesk.register.facts import register_facts

    versions = today_versions(project, today)
    conn = register.connection
    flow = Flow(SIZE, footer=RunningFooter(T(SUMMARY_TITLE), today.isoformat()))
    _head(flow, SUMMARY_TITLE, project, today)
    result = register.verify()
    if result.ok:
        check = T(N_("History verified: {count} entries, none changed, removed or reordered."), count=result.entries)
    else:
        seq = result.broken.seq if result.broken else "—"
        check = T(N_("History does NOT verify: the first broken entry is {seq}."), seq=seq)
    flow.bilingual(check, font=BOLD)
    counts = dict(conn.execute("SELECT status, COUNT(*) FROM standing GROUP BY status").fetchall())
    people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    erased = conn.execute("SELECT COUNT(*) FROM people WHERE erased_on IS NOT NULL").fetchone()[0]
    flow.heading(T(N_("What the register holds")))
    for msgid, value in ((N_("People: {count}"), people),
                         (N_("Names and contacts erased on request: {count}"), erased),
                         (N_("Consents standing: {count}"), counts.get("consented", 0)),
                         (N_("Refusals: {count}"), counts.get("refused", 0)),
                         (N_("Withdrawn, deletion not yet recorded: {count}"), counts.get("withdrawn", 0)),
                         (N_("Withdrawn and deleted: {count}"), counts.get("deleted", 0))):
        _item(flow, T(msgid, count=f"{value:,}"))
    names = {sc.id: sc.name for sc in project.scenarios}
    flow.heading(T(N_("Consents by scenario and form version")))
    rows = conn.execute("SELECT scenario_id, form_kind, version, COUNT(*) FROM standing WHERE status = 'consented'"
                        " GROUP BY scenario_id, form_kind, version ORDER BY scenario_id, form_kind, version").fetchall()
    if not rows:
        flow.bilingual(T(N_("No consents recorded.")))
    for sid, kind, version, n in rows:
        form = T(N_("Guardian consent form") if kind == "guardian" else N_("Separate consent form"))
        _item(flow, _bi(lambda loc, sid=sid, form=form, version=version, n=n: translate(
            loc, N_("{scenario} · {form} · version {version}: {count}"), scenario=names.get(sid, sid),
            form=form.get(loc), version=version or "—", count=f"{n:,}")))
    flow.heading(T(N_("Signs up now")))
    signs = conn.execute("SELECT sign_id, scenario_id, location, version, posted_on FROM signs"
                         " WHERE taken_down_on IS NULL ORDER BY scenario_id, sign_id").fetchall()
    if not signs:
        flow.bilingual(T(N_("No posted sign recorded.")))
    for sign_id, sid, location, version, posted in signs:
        _item(flow, _bi(lambda loc, r=(sign_id, sid, location, version, posted): translate(
            loc, N_("{sign} at {location} ({scenario}) · version {version} · posted {date}"), sign=r[0],
            location=r[2], scenario=names.get(r[1], r[1]), version=r[3] or "—",
            date=format_date(dt.date.fromisoformat(r[4]), loc))))
    findings = [f for f in evaluate(project, today, register_facts(register, versions)).findings
                if f.rule_id.startswith("RG-")]
    flow.heading(T(N_("What the register shows needs doing")))
    if not findings:
        flow.bilingual(T(N_("No problems found.")))
    for f in findings:
        _item(flow, _bi(lambda loc, f=f: f"[{f.severity.label(loc)}] {f.title(loc)}"), font=BOLD)
        flow.bilingual(_bi(lambda loc, f=f: translate(loc, N_("Law: {citations}"), citations=f.citation_text(loc))),
                       indent=flow.s * 1.2)
    return _pdf(flow, SUMMARY_TITLE, project, today)


def tick_label(tick: str, loc: str) -> str:
    """A ticked box as the form names it (a purpose, or transmission, sharing, abroad)."""
    from signdesk.questions import QUESTION_BY_ID

    if tick.startswith("purpose:"):
        try:
            return translate(loc, QUESTION_BY_ID["purposes"].option(tick.split(":", 1)[1]).label)
        except KeyError:
            return tick
    return translate(loc, TICK_LABELS[tick]) if tick in TICK_LABELS else tick


def _details(loc: str, kind: str, data: Mapping[str, object]) -> str:
    parts = []
    if data.get("ticks"):
        sep = "、" if loc == ZH else ", "
        parts.append(translate(loc, N_("ticked: {ticks}"), ticks=sep.join(tick_label(str(t), loc) for t in data["ticks"])))  # type: ignore[union-attr]
    if data.get("minor"):
        parts.append(translate(loc, N_("child under 14; guardian: {relation}"),
                               relation=data.get("guardian_relation") or "—"))
    if data.get("channel"):
        parts.append(translate(loc, CHANNEL_LABELS.get(str(data["channel"]), str(data["channel"]))))
    if data.get("due"):
        parts.append(translate(loc, N_("delete by {date}"), date=format_date(dt.date.fromisoformat(str(data["due"])), loc)))
    if data.get("devices"):
        parts.append(translate(loc, N_("devices: {devices}"), devices=", ".join(map(str, data["devices"]))))  # type: ignore[arg-type]
    if data.get("reason"):
        parts.append(translate(loc, N_("reason: {reason}"), reason=data["reason"]))
    if data.get("attachment"):
        parts.append(translate(loc, N_("scan of the signed form, SHA-256 {digest}"),
                               digest=str(data["attachment"]["sha256"])[:16] + "…"))  # type: ignore[index]
    return ("；" if loc == ZH else "; ").join(parts)


def render_person_history(register: Register, project: Project, person_id: str, today: dt.date) -> bytes:
    """Every entry about one person, in order, as PDF bytes."""
    entries = register.entries(person_id)
    if not entries:
        raise EntryError(N_("No person {person} in the register."), person=person_id)
    names = {sc.id: sc.name for sc in project.scenarios}
    flow = Flow(SIZE, footer=RunningFooter(T(HISTORY_TITLE), today.isoformat()))
    _head(flow, HISTORY_TITLE, project, today)
    person = register.person(person_id)
    if person is None:
        who = T(N_("Person {person}: name and contact erased on their request."), person=person_id)
    else:
        text = " · ".join(x for x in (person.name, person.member_no,
                                      person.phone_last4 and f"****{person.phone_last4}") if x)
        who = T(N_("Person {person}: {details}"), person=person_id, details=text)
    flow.bilingual(who, font=BOLD)
    for e in entries:
        def line(loc: str, e=e) -> str:
            head = f"#{e.seq} · {format_date(e.day, loc)} · {translate(loc, KIND_LABELS[e.kind])}"
            bits = [names.get(e.scenario_id or "", e.scenario_id or "")]
            if e.serial:
                bits.append(translate(loc, N_("form {serial}"), serial=e.serial))
            if e.version:
                bits.append(translate(loc, N_("version {version}"), version=e.version))
            if e.staff:
                bits.append(translate(loc, N_("by {staff}"), staff=e.staff))
            if e.refers_to:
                bits.append(translate(loc, N_("corrects entry {seq}"), seq=e.refers_to))
            details = _details(loc, e.kind, e.data)
            sep = "；" if loc == ZH else "; "
            return sep.join(x for x in (head, *bits, details) if x)
        _item(flow, _bi(line))
        flow.space(flow.s * 0.2)
        flow.paragraph(f"SHA-256 {e.hash}", size=SIZE * 0.7, indent=flow.s * 1.2)
    return _pdf(flow, HISTORY_TITLE, project, today)
