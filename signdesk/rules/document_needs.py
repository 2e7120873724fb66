"""What a sign or a consent form needs before it can be printed.

A sign printed from half the answers tells passers-by "Ask us for the
purpose" or "the retention period is not yet fixed": it looks official and
informs no one (Measures art. 5, PIPL art. 17, reference §H1-H2). So every
place that prints (the preview's Print button, export, ``render``, the chain
batch) asks :func:`check_printable` first. It refuses with the list of what
to answer, unless the owner asks for a draft, which then carries a visible
DRAFT / 草稿 mark.

The needs are data: one row per thing a document must say, the condition
that says it is known, and the question where the owner answers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from signdesk.errors import UserInputError
from signdesk.i18n import EN, N_, ZH, Bilingual, translate
from signdesk.model.project import Project
from signdesk.questions.conditions import Answered, Any_, Condition, Is
from signdesk.rules.engine import DocumentKind, RequiredDocument


@dataclass(frozen=True)
class PrintNeed:
    """One thing a document must say, and the question that supplies it."""

    #: What is missing, as the owner reads it ("the purpose").
    what: str
    met: Condition
    #: The question to answer (the first one if several can supply it).
    question_id: str


SIGN_NEEDS = (
    PrintNeed(N_("the business name"), Answered("operator_name"), "operator_name"),
    PrintNeed(N_("a contact: phone, e-mail or address"),
              Any_(Answered("contact_phone"), Answered("contact_email"), Answered("address")), "contact_phone"),
    PrintNeed(N_("the purpose"), Answered("purposes"), "purposes"),
    PrintNeed(N_("how long facial information is kept (a fixed period or until the relationship ends)"),
              Is("retention", "until_relationship_ends") | (Is("retention", "fixed_days") & Answered("retention_days")),
              "retention"),
    PrintNeed(N_("the opt-out link (the QR code leads there)"), Answered("optout_url"), "optout_url"),
)

#: A form says what a sign says, and when the data is deleted (reference §H2.6).
FORM_NEEDS = SIGN_NEEDS + (
    PrintNeed(N_("when a person's facial information is deleted"), Answered("deletion_triggers"), "deletion_triggers"),
)

NEEDS: dict[DocumentKind, tuple[PrintNeed, ...]] = {
    DocumentKind.SIGN: SIGN_NEEDS,
    DocumentKind.CONSENT_FORM: FORM_NEEDS,
    DocumentKind.GUARDIAN_CONSENT_FORM: FORM_NEEDS,
}


@dataclass(frozen=True)
class MissingForPrint:
    """A document that cannot be printed yet, and one thing it lacks."""

    document: RequiredDocument
    need: PrintNeed


def missing_for_print(project: Project, documents: Iterable[RequiredDocument]) -> list[MissingForPrint]:
    """What each of ``documents`` lacks; empty when all of them can be printed."""
    missing: list[MissingForPrint] = []
    for doc in documents:
        needs = NEEDS.get(doc.kind, ())
        if not needs:
            continue
        if doc.scenario_id is None:
            answers = project.business_answers()
        else:
            answers = project.answers_for(project.scenario(doc.scenario_id))
        missing += [MissingForPrint(doc, need) for need in needs if not need.met(answers)]
    return missing


def describe_missing(project: Project, missing: Iterable[MissingForPrint], separator: str = "\n") -> Bilingual:
    """One entry per document, "• Prominent notice sign — Till: the purpose; the opt-out link",
    joined by ``separator`` (a line each on screen; one line for the command line)."""
    names = {sc.id: sc.name for sc in project.scenarios}

    def lines(locale: str) -> str:
        by_document: dict[RequiredDocument, list[str]] = {}
        for m in missing:
            by_document.setdefault(m.document, []).append(translate(locale, m.need.what))
        out = []
        for doc, whats in by_document.items():
            title = doc.kind.title(locale)
            if doc.scenario_id in names:
                title = translate(locale, N_("{document} — {scenario}"), document=title,
                                  scenario=names[doc.scenario_id])
            out.append(translate(locale, N_("• {document}: {missing}"), document=title,
                                 missing=("；" if locale == ZH else "; ").join(whats)))
        return separator.join(out)

    return Bilingual(lines(ZH), lines(EN))


class DocumentNotReadyError(UserInputError):
    """A sign or form would print placeholders instead of what the law asks it to say."""

    def __init__(self, project: Project, missing: list[MissingForPrint], separator: str = " ") -> None:
        self.missing = missing
        # One line by default (the command line's rule); the app passes "\n" for a list.
        super().__init__(N_("These documents cannot be printed yet, because they would not say what the law "
                            "asks them to. Answer these questions first, or print a draft (marked DRAFT): {lines}"),
                         lines=describe_missing(project, missing, separator))


def check_printable(project: Project, documents: Iterable[RequiredDocument]) -> None:
    """Raise :class:`DocumentNotReadyError` if any of ``documents`` lacks something it must say."""
    missing = missing_for_print(project, documents)
    if missing:
        raise DocumentNotReadyError(project, missing)


__all__ = ["DocumentNotReadyError", "FORM_NEEDS", "MissingForPrint", "NEEDS", "PrintNeed", "SIGN_NEEDS",
           "check_printable", "describe_missing", "missing_for_print"]
