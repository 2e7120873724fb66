"""What every document says about a scenario, in both languages, from one place.

The sign, the consent forms and the opt-out page all print the operator,
the contact details, the purpose, the method, the retention period and so
on. They take those texts from :func:`scenario_notice` so that a sign never
says "kept 30 days" while the form next to it says something else.

Texts are English msgids translated per locale (``translations/zh_CN/
documents.po``); user text (names, addresses, places) is inserted as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from signdesk.documents.fonts import ensure_printable
from signdesk.documents.qr import validate_optout_url
from signdesk.i18n import EN, N_, ZH, Bilingual, format_date, translate
from signdesk.model import Project, Scenario, refuse_answers_to_fix
from signdesk.questions import ENGLISH_VALUE

# --- user fields -------------------------------------------------------------
# The answers a document prints as typed, with the name an error message
# uses for them ("The business name is too long for an A5 sign ...").
USER_FIELDS: dict[str, str] = {
    "operator_name": N_("business name"),
    "operator_name_en": N_("English business name"),
    "address": N_("address"),
    "contact_phone": N_("phone number"),
    "contact_email": N_("e-mail address"),
    "privacy_contact": N_("privacy contact"),
    "location": N_("capture area (where the devices are)"),
    "vendor_names": N_("vendor names"),
    "sharing_recipients": N_("recipients of shared facial information"),
    "sharing_contact": N_("recipient's contact details"),
    "sharing_use": N_("recipient's use of the facial information"),
    "cross_border_recipient": N_("recipient abroad"),
    "optout_url": N_("opt-out link"),
    "scenario_name": N_("scenario name"),
    "address_en": N_("English address"),
    "privacy_contact_en": N_("English privacy contact"),
    "location_en": N_("capture area in English"),
    "vendor_names_en": N_("vendor names in English"),
    "sharing_recipients_en": N_("recipients of shared facial information, in English"),
    "sharing_contact_en": N_("recipient's contact details in English"),
    "sharing_use_en": N_("recipient's use of the facial information, in English"),
    "cross_border_recipient_en": N_("recipient abroad, in English"),
    "scenario_name_en": N_("scenario name in English"),
}


def field_label(question_id: str) -> Bilingual:
    """The bilingual name of a user field, for error messages."""
    return Bilingual.of(USER_FIELDS[question_id])


# --- fixed phrases per answer --------------------------------------------------
# Signs need shorter, reader-facing wording than the questionnaire's options
# ("entry control", not "Letting people in (access control)").
PURPOSE_TEXTS: dict[str, str] = {
    "public_security": N_("public security"),
    "access": N_("entry control"),
    "payment": N_("face payment"),
    "attendance": N_("staff attendance"),
    "identity_check": N_("identity check required by law"),
    "marketing": N_("recognising members for marketing"),
    "footfall": N_("counting and analysing visitors"),
    "research": N_("developing face recognition"),
}

MATCH_TEXTS: dict[str, str] = {
    "verify": N_("A camera captures your face and compares it with your own enrolled photo (1:1)."),
    "identify": N_("A camera captures your face and compares it with the enrolled faces to find who you are (1:N)."),
    "analyse_only": N_("A camera captures faces to count visitors; no one is identified."),
}

STORAGE_TEXTS: dict[str, str] = {
    "device": N_("Facial information stays inside the device and is not sent over the Internet."),
    "local_server": N_("Facial information is kept on our own server on site."),
    "vendor_cloud": N_("Facial information is kept on a service provider's cloud platform."),
    "head_office": N_("Facial information is kept in our head office's system."),
}

ALTERNATIVE_TEXTS: dict[str, str] = {
    "card": N_("a card or key fob"),
    "pin": N_("a PIN or password"),
    "qr": N_("a QR code on your phone"),
    "staff_check": N_("an ID or membership check by our staff"),
    "key": N_("a key or lock code"),
    "cash_or_other_payment": N_("another way to pay"),
}

#: Who is enrolled -> the relationship whose end ends the need for their face.
RELATIONSHIP_TEXTS: dict[str, str] = {
    "customers": N_("membership"),
    "children": N_("membership"),
    "staff": N_("employment"),
    "residents": N_("residence"),
}

DELETION_TEXTS: dict[str, str] = {
    "relationship_ends": N_("when your {relationship} ends"),
    "service_stops": N_("when we stop offering this service"),
    "consent_withdrawn": N_("when you withdraw your consent"),
    "period_expires": N_("when the retention period runs out"),
}

HEADING = N_("Facial recognition in use")

#: Tick-box texts: (for the person, for a guardian about the child in their care).
CONSENT_TEXTS: dict[str, tuple[str, str]] = {
    # A purpose is ticked by its name, under the form's lead-in "I agree ... for each purpose I tick".
    **{key: (text, text) for key, text in PURPOSE_TEXTS.items()},
    "processing": (N_("I agree that my facial information is processed as described on this form."),
                   N_("I agree that the facial information of the child in my care is processed as described "
                      "on this form.")),
    "transmission": (N_("I separately agree that my facial information is transmitted over the Internet and "
                        "stored outside the device."),
                     N_("I separately agree that the facial information of the child in my care is transmitted "
                        "over the Internet and stored outside the device.")),
    "sharing": (N_("I separately agree that my facial information is provided to: {recipients}."),
                N_("I separately agree that the facial information of the child in my care is provided to: "
                   "{recipients}.")),
    "cross_border": (N_("I separately agree that my facial information is transferred outside mainland China."),
                     N_("I separately agree that the facial information of the child in my care is transferred "
                        "outside mainland China.")),
}


def join_phrases(locale: str, parts: list[str], last: str = "or") -> str:
    """Join phrases the way each language lists them: 、/或 vs commas and "or"."""
    if not parts:
        return ""
    if locale == ZH:
        if len(parts) == 1:
            return parts[0]
        word = translate(ZH, N_("or") if last == "or" else N_("and"))
        return "、".join(parts[:-1]) + word + parts[-1]
    if len(parts) == 1:
        return parts[0]
    word = translate(EN, N_("or") if last == "or" else N_("and"))
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def join_sentences(locale: str, sentences: list[str]) -> str:
    """Sentences as one paragraph: run together in Chinese, a space apart in English."""
    return ("" if locale == ZH else " ").join(s for s in sentences if s)


def relationships(answers: Mapping[str, Any], locale: str) -> str:
    """"membership or employment": only the relationships of the people enrolled here,
    whose end ends the need for their face."""
    texts = dict(RELATIONSHIP_TEXTS)
    if answers.get("venue_type") == "hotel":
        texts["customers"] = N_("stay")  # hotel guests are not members
    keys = dict.fromkeys(texts[k] for k in (answers.get("enrolled") or []) if k in texts)
    listed = [translate(locale, m) for m in keys] or [
        translate(locale, m) for m in (N_("membership"), N_("employment"), N_("residence"))]
    return join_phrases(locale, listed)


def alternative_phrases(answers: Mapping[str, Any], locale: str) -> list[str]:
    """The other ways in, as a list reads them ("a card or key fob", "an ID check by our staff")."""
    texts = dict(ALTERNATIVE_TEXTS)
    if answers.get("venue_type") == "hotel":
        texts["staff_check"] = N_("an ID check by our staff")  # hotel guests are not members
    return _phrases(locale, texts, [k for k in (answers.get("alternatives") or []) if k in texts])


def _phrases(locale: str, table: Mapping[str, str], keys: Any) -> list[str]:
    return [translate(locale, table[k]) for k in (keys or []) if k in table]


def _bi(build) -> Bilingual:  # type: ignore[no-untyped-def]
    """A Bilingual from a function of the locale."""
    return Bilingual(build(ZH), build(EN))


def _text(answers: Mapping[str, Any], key: str) -> str:
    value = answers.get(key)
    return value.strip() if isinstance(value, str) else ""


def text_in(answers: Mapping[str, Any], key: str, locale: str) -> str:
    """A free-text answer as a line of ``locale`` prints it.

    English lines take the answer's English value where the owner gave one
    and fall back to the Chinese answer; Chinese lines always print the
    Chinese answer. So each printed line holds one language.
    """
    if locale == EN and key in ENGLISH_VALUE:
        return _text(answers, ENGLISH_VALUE[key]) or _text(answers, key)
    return _text(answers, key)


def user_text(answers: Mapping[str, Any], key: str) -> Bilingual:
    """A free-text answer in both languages (see :func:`text_in`)."""
    return Bilingual(text_in(answers, key, ZH), text_in(answers, key, EN))


@dataclass(frozen=True)
class ConsentItem:
    """One thing a person may agree to, with its own unticked box."""

    key: str
    text: Bilingual


@dataclass(frozen=True)
class ScenarioNotice:
    """Everything printed about one scenario, each text in both languages."""

    scenario_id: str
    #: The scenario's name as the owner calls it (Chinese lines; file names).
    scenario_name: str
    #: The name per language: the English line takes ``scenario_name_en`` if given.
    scenario_title: Bilingual
    slug: str
    heading: Bilingual
    operator: Bilingual
    contact: Bilingual
    purpose: Bilingual
    method: Bilingual
    #: What the camera keeps and whether it checks for a live person
    #: (reference §H2.4), for the consent form; None when not answered.
    captured: Bilingual | None
    retention: Bilingual
    necessity: Bilingual
    rights: Bilingual
    alternative: Bilingual
    capture_area: Bilingual
    version: Bilingual
    optout_url: str
    phone: str
    #: Where the devices are, per language as typed (may be empty).
    location: Bilingual
    #: One item per purpose, then the separate ticks the law asks for
    #: (leaving the device, sharing, abroad): for the person, and worded
    #: for a guardian consenting for a child.
    consent_items: tuple[ConsentItem, ...]
    guardian_items: tuple[ConsentItem, ...]
    #: How to withdraw, from the opt-out page; None where the scenario does not rely on consent.
    withdrawal: Bilingual | None
    #: The rights of access, copy, correction, deletion, explanation and objection, from the opt-out page.
    page_rights: Bilingual
    deletion: Bilingual
    recipients: Bilingual | None
    enrols_children: bool
    #: The owner has dedicated written rules for children's data (PIPL art. 31(2)).
    has_child_rules: bool
    #: The owner offers large print, voice or staff help (reference §H2.17).
    accessible: bool
    #: Another way than the face is offered and saying no keeps the service.
    offers_alternative: bool


def slugify(name: str, fallback: str) -> str:
    """A file-name-safe version of ``name`` (Chinese kept), or ``fallback``."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-_")
    slug = re.sub(r"-{2,}", "-", slug)[:40].strip("-")
    return slug or fallback


def scenario_slugs(project: Project) -> dict[str, str]:
    """A distinct slug per scenario (whatever the disk's case rules); a clash gets the
    scenario id appended, and a number if that is taken too."""
    slugs: dict[str, str] = {}
    seen: set[str] = set()
    for sc in project.scenarios:
        base = slug = slugify(sc.name, sc.id)
        if slug.casefold() in seen:
            base = slug = f"{slug}-{slugify(sc.id, 'x')}"
        number = 2
        while slug.casefold() in seen:  # "a" + id "x" may be another scenario's "a-x"
            slug = f"{base}-{number}"
            number += 1
        seen.add(slug.casefold())  # casefold: one file on a case-blind disk (Windows, macOS)
        slugs[sc.id] = slug
    return slugs


def check_user_text(answers: Mapping[str, Any]) -> None:
    """Raise MissingGlyphError naming the first user field our font cannot print."""
    for key in USER_FIELDS:
        text = _text(answers, key)
        if text:
            ensure_printable(field_label(key), text)


def business_identity(answers: Mapping[str, Any]) -> tuple[Bilingual, Bilingual]:
    """(operator name, contact line) in both languages."""
    name_zh = _text(answers, "operator_name") or translate(ZH, N_("(business name not set)"))
    name_en = text_in(answers, "operator_name", EN) or translate(EN, N_("(business name not set)"))
    phone = _text(answers, "contact_phone")
    email = _text(answers, "contact_email")

    def contact(locale: str) -> str:
        address = text_in(answers, "address", locale)
        person = text_in(answers, "privacy_contact", locale)
        parts = []
        if person:
            parts.append(translate(locale, N_("Privacy contact {person}"), person=person))
        if phone:
            parts.append(translate(locale, N_("Phone {phone}"), phone=phone))
        if email:
            parts.append(translate(locale, N_("E-mail {email}"), email=email))
        if address:
            parts.append(translate(locale, N_("Address {address}"), address=address))
        sep = "；" if locale == ZH else "; "
        return sep.join(parts) or translate(locale, N_("Ask at the counter."))

    return Bilingual(name_zh, name_en), _bi(contact)


def answers_with(project: Project, scenario: Scenario,
                 overrides: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """The scenario's visible answers over the business answers, plus overrides.

    Overrides let a renderer try a shortened field while looking for the
    longest text that still fits.
    """
    answers = project.answers_for(scenario)
    return ChainMap(dict(overrides), answers) if overrides else answers


def scenario_notice(project: Project, scenario: Scenario, today: dt.date,
                    overrides: Mapping[str, Any] | None = None,
                    slug: str | None = None) -> ScenarioNotice:
    """Build the bilingual texts for ``scenario``.

    Raises :class:`~signdesk.documents.qr.InvalidOptOutUrlError` if the
    opt-out link is missing or not https, and
    :class:`~signdesk.documents.fonts.MissingGlyphError` for unprintable
    user text.
    """
    a = ChainMap({"scenario_name": scenario.name}, answers_with(project, scenario, overrides))
    check_user_text(a)
    url = validate_optout_url(_text(a, "optout_url"))
    refuse_answers_to_fix(project, (scenario.id,))  # kept from an older file: never printed
    operator, contact = business_identity(a)
    phone = _text(a, "contact_phone")
    purposes = [p for p in (a.get("purposes") or []) if p in PURPOSE_TEXTS]

    needs_consent = a.get("legal_basis") == "consent" and any(
        p not in ("public_security", "identity_check") for p in purposes)

    def purpose(locale: str) -> str:
        listed = join_phrases(locale, _phrases(locale, PURPOSE_TEXTS, purposes), "and")
        if not listed:
            return translate(locale, N_("Ask us for the purpose."))
        text = translate(locale, N_("We use facial recognition here only for {purposes}."), purposes=listed)
        if needs_consent:  # reference §H1.3: a purpose beyond public security says consent comes first
            text = join_sentences(locale, [text, translate(
                locale, N_("We ask for your separate consent before we use your face for this."))])
        return text

    def method(locale: str) -> str:
        parts = []
        mode = a.get("match_mode")
        if mode in MATCH_TEXTS:
            parts.append(translate(locale, MATCH_TEXTS[mode]))
        storage = a.get("storage_location")
        if storage in STORAGE_TEXTS:
            parts.append(translate(locale, STORAGE_TEXTS[storage]))
        if a.get("internet_transmission") is True and storage == "device":
            parts.append(translate(locale, N_("Facial information is sent over the Internet.")))
        return join_sentences(locale, parts) or translate(locale, N_("A camera captures and compares your face."))

    def captured(locale: str) -> str:
        parts = []
        kept = a.get("raw_images_kept")
        if kept is True:
            parts.append(translate(locale, N_("The camera turns the picture of your face into a face template "
                                              "(a set of numbers) for comparison; the picture is also kept.")))
        elif kept is False:
            parts.append(translate(locale, N_("The camera turns the picture of your face into a face template "
                                              "(a set of numbers) for comparison; the picture itself is not "
                                              "kept.")))
        if a.get("liveness_check") is True:
            parts.append(translate(locale, N_("It also checks that a live person, not a photo or a video, "
                                              "is in front of it.")))
        return join_sentences(locale, parts)

    def retention(locale: str) -> str:
        kind = a.get("retention")
        if kind == "fixed_days" and isinstance(a.get("retention_days"), int):
            return translate(locale, N_("Facial information is kept for at most {days} days, then deleted."),
                             days=a["retention_days"])
        if kind == "until_relationship_ends":
            return translate(locale, N_("Facial information is kept until your {relationship} ends, then deleted."),
                             relationship=relationship(locale))
        if kind == "after_relationship_ends" and isinstance(a.get("retention_days"), int):
            return translate(locale, N_("Facial information is kept until your {relationship} ends and deleted "
                                        "at most "
                                        "{days} days after."),
                             relationship=relationship(locale), days=a["retention_days"])
        return retention_unknown(locale)

    def retention_unknown(locale: str) -> str:
        return translate(locale, N_("The retention period is not yet fixed; ask us and we will tell you."))

    def relationship(locale: str) -> str:
        return relationships(a, locale)

    def necessity(locale: str) -> str:
        return translate(locale, N_("Facial information is sensitive personal information: a leak could harm you, "
                                    "so we collect only what this purpose needs and protect it strictly."))

    def rights(locale: str) -> str:
        if not needs_consent:  # nothing to withdraw where the scenario does not rely on consent
            if phone:
                return translate(locale, N_("To see, copy, correct or delete your facial information, or to object: "
                                            "scan the QR code, call {phone} or ask our staff."), phone=phone)
            return translate(locale, N_("To see, copy, correct or delete your facial information, or to object: "
                                        "scan the QR code or ask our staff."))
        if phone:
            return translate(locale, N_("To see, copy, correct or delete your facial information, withdraw consent "
                                        "or object: scan the QR code, call {phone} or ask our staff."), phone=phone)
        return translate(locale, N_("To see, copy, correct or delete your facial information, withdraw consent "
                                    "or object: scan the QR code or ask our staff."))

    alternatives = [k for k in (a.get("alternatives") or []) if k in ALTERNATIVE_TEXTS]

    def alternative(locale: str) -> str:
        listed = join_phrases(locale, alternative_phrases(a, locale))
        if not listed:
            return translate(locale, N_("If you do not want facial recognition, tell our staff."))
        if a.get("service_refused") is True:  # never promise what the owner says is not so
            return translate(locale, N_("Don't want facial recognition? Use {alternatives} instead: just ask our "
                                        "staff."), alternatives=listed)
        return translate(locale, N_("Don't want facial recognition? Use {alternatives} instead: just ask our staff. "
                                    "Saying no will not affect the service you receive."), alternatives=listed)

    location = user_text(a, "location")

    def capture_area(locale: str) -> str:
        if not location.zh:
            return translate(locale, N_("From this sign onwards."))
        return translate(locale, N_("{location}, from this sign onwards."), location=location.get(locale))

    def version(locale: str) -> str:
        return translate(locale, N_("Version of {date}"), date=format_date(today, locale))

    keys = [*purposes] or ["processing"]
    storage = a.get("storage_location")
    if (storage not in (None, "device")) or a.get("internet_transmission") is True:
        keys.append("transmission")
    if a.get("shares_with_others") is True:
        keys.append("sharing")
    if a.get("cross_border") is True:
        keys.append("cross_border")
    sharing_to = user_text(a, "sharing_recipients")

    def items(child: bool) -> tuple[ConsentItem, ...]:
        out = []
        for key in keys:
            msgid = CONSENT_TEXTS[key][1 if child else 0]

            def text(loc: str, msgid: str = msgid, key: str = key) -> str:
                return translate(loc, msgid,
                                 purpose=translate(loc, PURPOSE_TEXTS.get(key, key)),
                                 recipients=sharing_to.get(loc)
                                 or translate(loc, N_("the recipients named by the business")))
            out.append(ConsentItem(key, _bi(text)))
        return tuple(out)

    vendors = user_text(a, "vendor_names") if a.get("vendor_processes") is True else Bilingual("", "")

    def recipients_text(loc: str) -> str:
        """Who else gets the data (reference §H2.8-9): processors, other handlers, abroad."""
        parts = []
        if vendors.get(loc):
            parts.append(translate(loc, N_("Service providers who process facial information for us: {vendors}."),
                                   vendors=vendors.get(loc)))
        if a.get("shares_with_others") is True:
            parts.append(translate(
                loc, N_("We give facial information to another personal information handler: {recipients}."),
                recipients=sharing_to.get(loc) or translate(loc, N_("the recipients named by the business"))))
            contact, use = text_in(a, "sharing_contact", loc), text_in(a, "sharing_use", loc)
            if contact:
                parts.append(translate(loc, N_("How to contact them: {contact}."), contact=contact))
            if use:
                parts.append(translate(loc, N_("What they use it for, and how: {use}."), use=use))
            if not (contact and use):
                parts.append(translate(loc, N_("Ask us for their contact details, the purpose and how they "
                                               "process it.")))
        if a.get("cross_border") is True:
            abroad = text_in(a, "cross_border_recipient", loc)
            if abroad:
                parts.append(translate(
                    loc, N_("Facial information is transferred outside mainland China, to: {recipient}. To "
                            "exercise rights with them, contact them or ask us."), recipient=abroad))
            else:
                parts.append(translate(
                    loc, N_("Facial information is transferred outside mainland China. Ask us for the foreign "
                            "recipient's name and contact details, the purpose and how to exercise rights with them.")))
        return join_sentences(loc, parts)

    recipients = _bi(recipients_text) if recipients_text(EN) else None

    email = _text(a, "contact_email")

    def reach_us(locale: str) -> str:
        """How to reach us from the opt-out page itself (its reader has already scanned the QR code)."""
        ways = []
        if phone:
            ways.append(translate(locale, N_("call {phone}"), phone=phone))
        if email:
            ways.append(translate(locale, N_("e-mail {email}"), email=email))
        ways.append(translate(locale, N_("tell our staff on site")))
        return join_phrases(locale, ways)

    def page_rights(locale: str) -> str:
        # PIPL arts. 44-48: see, copy, correct, delete, explanation; restrict or object (art. 44).
        return translate(locale, N_("You have the right to see and copy your facial information, to have it corrected "
                                    "or deleted, to ask us to explain our rules for processing it, and to restrict "
                                    "or object to its processing. To do so, {how}."), how=reach_us(locale))

    def withdrawal(locale: str) -> str:
        # Follows page_rights, which says how; the last sentence is the consent form's (PIPL art. 15).
        return translate(locale, N_("You can also withdraw your consent at any time, in the same ways. We then delete "
                                    "your facial information. Withdrawing does not affect processing already carried "
                                    "out on the basis of your consent before you withdrew it."))

    triggers = [k for k in (a.get("deletion_triggers") or []) if k in DELETION_TEXTS]

    # The deletion the retention sentence already tells ("kept until your membership ends, then deleted").
    told = {"fixed_days": "period_expires", "until_relationship_ends": "relationship_ends",
            "after_relationship_ends": "relationship_ends"}.get(a.get("retention"))
    retention_fixed = told is not None and retention(EN) != retention_unknown(EN)

    def deletion(locale: str) -> str:
        """When the data is deleted, beyond what the retention sentence says ("" if nothing more)."""
        listed = join_phrases(locale, [p.format(relationship=relationship(locale))
                                       for p in _phrases(locale, DELETION_TEXTS,
                                                         [k for k in triggers if k != told or not retention_fixed])])
        if listed and retention_fixed:
            return translate(locale, N_("It is also deleted {when}."), when=listed)
        if listed:
            return translate(locale, N_("Your facial information is deleted {when}."), when=listed)
        return ""  # the retention sentence has said when, or to ask us

    slug = slug or slugify(scenario.name, scenario.id)
    return ScenarioNotice(
        scenario_id=scenario.id,
        scenario_name=scenario.name,
        scenario_title=Bilingual(scenario.name, scenario.name_en),
        slug=slug,
        heading=Bilingual.of(HEADING),
        operator=operator,
        contact=contact,
        purpose=_bi(purpose),
        method=_bi(method),
        captured=_bi(captured) if captured(EN) else None,
        retention=_bi(retention),
        necessity=_bi(necessity),
        rights=_bi(rights),
        alternative=_bi(alternative),
        capture_area=_bi(capture_area),
        version=_bi(version),
        optout_url=url,
        phone=phone,
        location=location,
        consent_items=items(child=False),
        guardian_items=items(child=True),
        withdrawal=_bi(withdrawal) if needs_consent else None,
        page_rights=_bi(page_rights),
        deletion=_bi(deletion),
        recipients=recipients,
        enrols_children="children" in (a.get("enrolled") or []),
        has_child_rules=a.get("child_rules") is True,
        accessible=a.get("accessibility") is True,
        offers_alternative=bool(alternatives) and a.get("service_refused") is not True,
    )

