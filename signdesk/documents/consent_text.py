"""What the consent forms say, in the voice of the person who signs.

The separate consent form speaks to the person whose face is processed
("your facial information"); the guardian form speaks to a parent or other
guardian about the child in their care ("the facial information of the child
in your care", then "the child"), from its first line to its signature. So
every sentence here comes as a pair of msgids — (the person's form, the
guardian's form) — rather than one text patched with a definition.

The form has its own sentences, not the sign's: a sign is read in passing,
the form is read before signing. Facts come from the answers and from the
shared :class:`~signdesk.documents.content.ScenarioNotice` (names, contact,
recipients, the tick-box items), so a sign and its form never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from signdesk.documents.content import (
    ALTERNATIVE_TEXTS,
    DELETION_TEXTS,
    PURPOSE_TEXTS,
    ScenarioNotice,
    alternative_phrases,
    join_phrases,
    join_sentences,
    relationships,
)
from signdesk.i18n import EN, N_, ZH, Bilingual, translate

#: A sentence for the person's own form and for the guardian's form.
Pair = tuple[str, str]

#: Said once before the tick boxes of the purposes, each ticked by its name.
PURPOSE_LEAD: Pair = (N_("I agree that my facial information is processed for each purpose I tick:"),
                      N_("I agree that the facial information of the child in my care is processed for each "
                         "purpose I tick:"))

#: The tick box of a scenario with a single purpose.
ONE_PURPOSE: Pair = (N_("I agree that my facial information is processed for this purpose: {purpose}."),
                     N_("I agree that the facial information of the child in my care is processed for this "
                        "purpose: {purpose}."))

PURPOSE: Pair = (N_("We process your facial information only for {purposes}."),
                 N_("We process the facial information of the child in your care only for {purposes}."))

MATCH_TEXTS: dict[str, Pair] = {
    "verify": (N_("A camera captures your face and compares it with the face you enrolled, to confirm that it "
                  "is you (1:1 verification)."),
               N_("A camera captures the child's face and compares it with the face enrolled for the child, to "
                  "confirm that it is the child (1:1 verification).")),
    "identify": (N_("A camera captures your face and compares it with all enrolled faces to find out who you are "
                    "(1:N identification)."),
                 N_("A camera captures the child's face and compares it with all enrolled faces to find out who "
                    "the child is (1:N identification).")),
    "analyse_only": (N_("A camera captures faces only to count visitors; it does not identify you."),
                     N_("A camera captures faces only to count visitors; it does not identify the child.")),
}
MATCH_UNKNOWN: Pair = (N_("A camera captures your face and compares it."),
                       N_("A camera captures the child's face and compares it."))

STORAGE_TEXTS: dict[str, Pair] = {
    "device": (N_("Your facial information stays inside the device and is not sent over the Internet."),
               N_("The child's facial information stays inside the device and is not sent over the Internet.")),
    "local_server": (N_("Your facial information is stored on our own server on site."),
                     N_("The child's facial information is stored on our own server on site.")),
    "vendor_cloud": (N_("Your facial information is stored on a service provider's cloud platform."),
                     N_("The child's facial information is stored on a service provider's cloud platform.")),
    "head_office": (N_("Your facial information is stored in our head office's system."),
                    N_("The child's facial information is stored in our head office's system.")),
}
SENT_OVER_INTERNET: Pair = (N_("Your facial information is also sent over the Internet."),
                            N_("The child's facial information is also sent over the Internet."))

#: What the camera keeps (reference §H2.4), by the answer to raw_images_kept.
PICTURE_KEPT: dict[bool, Pair] = {
    True: (N_("The camera turns the picture of your face into a face template (a set of numbers) for "
              "comparison; the picture is also kept."),
           N_("The camera turns the picture of the child's face into a face template (a set of numbers) for "
              "comparison; the picture is also kept.")),
    False: (N_("The camera turns the picture of your face into a face template (a set of numbers) for "
               "comparison; the picture itself is not kept."),
            N_("The camera turns the picture of the child's face into a face template (a set of numbers) for "
               "comparison; the picture itself is not kept.")),
}

#: Where a deletion erases the data, by storage location (reference §H2.6: how data is deleted).
ERASED_FROM: dict[str, str] = {
    "device": N_("the device"),
    "local_server": N_("the device and our server"),
    "vendor_cloud": N_("the device and the cloud platform"),
    "head_office": N_("the device and our head office's system"),
}

RETENTION_DAYS: Pair = (N_("We keep your facial information for at most {days} days."),
                        N_("We keep the child's facial information for at most {days} days."))
RETENTION_RELATIONSHIP: Pair = (N_("We keep your facial information until your {relationship} ends."),
                                N_("We keep the child's facial information until the child's {relationship} "
                                   "ends."))
DELETED_WHEN: Pair = (N_("We delete your facial information {when}."),
                      N_("We delete the child's facial information {when}."))
DELETED_ASK: Pair = (N_("Ask us when your facial information will be deleted."),
                     N_("Ask us when the child's facial information will be deleted."))
#: The guardian form's deletion triggers (the others read the same for a guardian).
GUARDIAN_DELETION_TEXTS = {**DELETION_TEXTS, "relationship_ends": N_("when the child's {relationship} ends")}

NECESSITY: Pair = (
    N_("Facial information is sensitive personal information: if it leaked or were misused, your dignity, your "
       "safety or your property could easily be harmed. We therefore collect only what these purposes need and "
       "protect it strictly."),
    N_("Facial information is sensitive personal information, and a child's personal information needs special "
       "protection: if it leaked or were misused, the child's dignity, safety or property could easily be harmed. "
       "We therefore collect only what these purposes need and protect it strictly."))

ALTERNATIVE: Pair = (
    N_("You do not have to agree. Instead of facial recognition you can use {alternatives}: just tell our "
       "staff. Saying no will not affect the service you receive."),
    N_("You do not have to agree. Instead of facial recognition the child can use {alternatives}: just tell "
       "our staff. Saying no will not affect the service the child receives."))
ALTERNATIVE_ASK: Pair = (
    N_("You do not have to agree. If you do not want facial recognition, tell our staff."),
    N_("You do not have to agree. If you do not want facial recognition for the child, tell our staff."))

# PIPL arts. 44-48: see, copy, correct, delete, and have the rules explained (art. 48).
RIGHTS: Pair = (
    N_("You have the right to see and copy your facial information, to have it corrected or deleted, and to "
       "ask us to explain our rules for processing it. To do so, {how}."),
    N_("You have the right to see and copy the child's facial information, to have it corrected or deleted, "
       "and to ask us to explain our rules for processing it. To do so, {how}."))

# PIPL art. 15: withdrawal does not affect processing already carried out on the basis of the consent.
WITHDRAWAL: Pair = (
    N_("You can withdraw this consent at any time: {how}. We then delete your facial information. Withdrawing "
       "does not affect processing already carried out on the basis of your consent before you withdrew it."),
    N_("You can withdraw this consent at any time: {how}. We then delete the child's facial information. "
       "Withdrawing does not affect processing already carried out on the basis of your consent before you "
       "withdrew it."))

# Reference §H2.16: the consent record is kept at least as long as the data, plus the
# limitation period (three years, Civil Code art. 188), so a dispute can still be answered.
RECORD_KEPT: Pair = (
    N_("We keep this signed form as proof of your consent for as long as we keep your facial information and "
       "for three years after it is deleted; then we destroy it."),
    N_("We keep this signed form as proof of your consent for as long as we keep the child's facial information "
       "and for three years after it is deleted; then we destroy it."))

DECLARATION: Pair = (
    N_("By signing, I confirm that I am 14 or older, that I have read this form and that each box I ticked is "
       "my own decision."),
    N_("By signing, I confirm that I am the parent or other guardian of the child named below, that I have read "
       "this form and that each box I ticked is my own decision for the child."))


@dataclass(frozen=True)
class FormWording:
    """The notice part of one consent form, each text in both languages."""

    handler: Bilingual
    purpose: Bilingual
    method: Bilingual
    retention: Bilingual
    deletion: Bilingual
    necessity: Bilingual
    alternative: Bilingual
    rights: Bilingual
    withdrawal: Bilingual
    record_kept: Bilingual
    declaration: Bilingual
    #: Before the purposes' tick boxes when there are several; None when there is one.
    purpose_lead: Bilingual | None
    #: The one tick box of a single purpose (None when there are several or none).
    one_purpose: Bilingual | None


def handler(operator: Bilingual) -> Bilingual:
    """"个人信息处理者：<name>" / "Personal information handler: <name>" (reference §H2.2);
    without an English name the English line points to the Chinese one
    rather than mixing a Chinese name into it."""
    if operator.en == operator.zh:
        return Bilingual(translate(ZH, N_("Personal information handler: {name}"), name=operator.zh),
                         translate(EN, N_("Personal information handler: the business named above")))
    return Bilingual(*(translate(loc, N_("Personal information handler: {name}"), name=name)
                       for loc, name in ((ZH, operator.zh), (EN, operator.en))))


def _text(answers: Mapping[str, Any], key: str) -> str:
    value = answers.get(key)
    return value.strip() if isinstance(value, str) else ""


def form_wording(answers: Mapping[str, Any], notice: ScenarioNotice, guardian: bool) -> FormWording:
    """The form's sentences for the scenario whose ``answers`` built ``notice``."""
    voice = 1 if guardian else 0

    def say(pair: Pair, locale: str, **params: object) -> str:
        return translate(locale, pair[voice], **params)

    def both(build) -> Bilingual:  # type: ignore[no-untyped-def]
        return Bilingual(build(ZH), build(EN))

    purposes = [p for p in (answers.get("purposes") or []) if p in PURPOSE_TEXTS]
    storage = answers.get("storage_location")
    alternatives = [k for k in (answers.get("alternatives") or []) if k in ALTERNATIVE_TEXTS]
    triggers = [k for k in (answers.get("deletion_triggers") or []) if k in DELETION_TEXTS]
    vendors = answers.get("vendor_processes") is True and bool(_text(answers, "vendor_names"))

    def purpose(loc: str) -> str:
        listed = join_phrases(loc, [translate(loc, PURPOSE_TEXTS[p]) for p in purposes], "and")
        return say(PURPOSE, loc, purposes=listed) if listed else translate(loc, N_("Ask us for the purpose."))

    def method(loc: str) -> str:
        mode = answers.get("match_mode")
        parts = [say(MATCH_TEXTS.get(mode, MATCH_UNKNOWN), loc)]  # type: ignore[arg-type]
        kept = answers.get("raw_images_kept")
        if kept in (True, False):
            parts.append(say(PICTURE_KEPT[kept], loc))
        if answers.get("liveness_check") is True:
            parts.append(translate(loc, N_("It also checks that a live person, not a photo or a video, "
                                           "is in front of it.")))
        if storage in STORAGE_TEXTS:
            parts.append(say(STORAGE_TEXTS[storage], loc))
        if answers.get("internet_transmission") is True and storage == "device":
            parts.append(say(SENT_OVER_INTERNET, loc))
        return join_sentences(loc, parts)

    def relationship(loc: str) -> str:
        return relationships(answers, loc)

    def retention(loc: str) -> str:
        kind = answers.get("retention")
        if kind == "fixed_days" and isinstance(answers.get("retention_days"), int):
            return say(RETENTION_DAYS, loc, days=answers["retention_days"])
        if kind == "until_relationship_ends":
            return say(RETENTION_RELATIONSHIP, loc, relationship=relationship(loc))
        return translate(loc, N_("The retention period is not yet fixed; ask us and we will tell you."))

    def deletion(loc: str) -> str:
        table = GUARDIAN_DELETION_TEXTS if guardian else DELETION_TEXTS
        when = join_phrases(loc, [translate(loc, table[k]).format(relationship=relationship(loc))
                                  for k in triggers])
        parts = [say(DELETED_WHEN, loc, when=when) if when else say(DELETED_ASK, loc)]
        places = translate(loc, ERASED_FROM.get(storage, N_("the device")))  # type: ignore[arg-type]
        if vendors:
            parts.append(translate(loc, N_("Deleting it means erasing it from {places}, and having our service "
                                           "providers erase their copies, so that it cannot be restored."),
                                   places=places))
        else:
            parts.append(translate(loc, N_("Deleting it means erasing it from {places} so that it cannot be "
                                           "restored."), places=places))
        return join_sentences(loc, parts)

    def alternative(loc: str) -> str:
        listed = join_phrases(loc, alternative_phrases(answers, loc))
        return say(ALTERNATIVE, loc, alternatives=listed) if listed else say(ALTERNATIVE_ASK, loc)

    def how(loc: str) -> str:
        if notice.phone:
            return translate(loc, N_("scan the QR code, call {phone} or tell our staff"), phone=notice.phone)
        return translate(loc, N_("scan the QR code or tell our staff"))

    return FormWording(
        handler=handler(notice.operator),
        purpose=both(purpose),
        method=both(method),
        retention=both(retention),
        deletion=both(deletion),
        necessity=both(lambda loc: say(NECESSITY, loc)),
        alternative=both(alternative),
        rights=both(lambda loc: say(RIGHTS, loc, how=how(loc))),
        withdrawal=both(lambda loc: say(WITHDRAWAL, loc, how=how(loc))),
        record_kept=both(lambda loc: say(RECORD_KEPT, loc)),
        declaration=both(lambda loc: say(DECLARATION, loc)),
        purpose_lead=both(lambda loc: say(PURPOSE_LEAD, loc)) if len(purposes) > 1 else None,
        one_purpose=both(lambda loc: say(ONE_PURPOSE, loc, purpose=translate(loc, PURPOSE_TEXTS[purposes[0]])))
        if len(purposes) == 1 else None,
    )
